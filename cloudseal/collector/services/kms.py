"""KMS: keys (spec, origin, manager, state, rotation status and period, key policy, tags) and aliases."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, iso
from cloudseal.collector.services.common import policy_or_unknown, tags_from

# Key states in which KMS refuses GetKeyRotationStatus.
_NO_ROTATION_STATES = frozenset({"PendingImport", "Unavailable"})


def collect(context: ServiceContext) -> None:
    """List the region's keys and aliases; add the aliases, then read the keys in batches."""
    kms = context.client("kms")
    keys = context.items(kms, "ListKeys", "Keys")
    aliases = context.items(kms, "ListAliases", "Aliases")
    if isinstance(aliases, Outcome):
        aliases = []

    aliases_by_key: dict[str, list[str]] = defaultdict(list)
    for alias in aliases:
        target = alias.get("TargetKeyId")
        if not target:
            continue  # an AWS managed alias whose key was never created
        aliases_by_key[target].append(alias["AliasName"])
        key_arn = f"arn:{context.partition}:kms:{context.region}:{context.account}:key/{target}"
        context.add(
            alias["AliasArn"], "AWS::KMS::Alias",
            {"AliasName": alias["AliasName"], "TargetKeyId": context.link(key_arn)},
            arn=alias["AliasArn"], name=alias["AliasName"], names=[context.scoped(alias["AliasName"])],
        )
    if not isinstance(keys, Outcome):
        context.spawn_batches(keys, partial(_read_key, aliases_by_key=aliases_by_key))


def _rotatable(metadata: dict[str, Any]) -> bool:
    return (
        metadata.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
        and metadata.get("Origin", "AWS_KMS") == "AWS_KMS"
        and metadata.get("KeyState") not in _NO_ROTATION_STATES
    )


def _read_key(context: ServiceContext, key: dict[str, Any], aliases_by_key: dict[str, list[str]]) -> None:
    kms = context.client("kms")
    arn = str(key["KeyArn"])
    key_id = str(key["KeyId"])
    properties: dict[str, Any] = {}
    observed: dict[str, Any] = {"Aliases": sorted(aliases_by_key.get(key_id, []))}

    described = context.call(kms, "DescribeKey", KeyId=arn, resource=arn)
    metadata: dict[str, Any] = (described.data or {}).get("KeyMetadata") or {}
    if described.found:
        properties.update(drop_none({
            "Description": metadata.get("Description"),
            "Enabled": metadata.get("Enabled"),
            "KeySpec": metadata.get("KeySpec") or metadata.get("CustomerMasterKeySpec"),
            "KeyUsage": metadata.get("KeyUsage"),
            "Origin": metadata.get("Origin"),
            "MultiRegion": metadata.get("MultiRegion"),
        }))
        observed.update(drop_none({
            "KeyManager": metadata.get("KeyManager"),
            "KeyState": metadata.get("KeyState"),
            "CreationDate": iso(metadata.get("CreationDate")),
            "DeletionDate": iso(metadata.get("DeletionDate")),
        }))
    else:
        for name in ("KeySpec", "KeyUsage", "Origin"):
            properties[name] = described.unknown
        observed["KeyManager"] = described.unknown

    if not described.found or _rotatable(metadata):
        rotation = context.call(kms, "GetKeyRotationStatus", KeyId=arn, resource=arn,
                                absent=("UnsupportedOperationException",))
        if not rotation.ok:
            properties["EnableKeyRotation"] = rotation.unknown
        elif rotation.data is not None:
            properties["EnableKeyRotation"] = bool(rotation.data.get("KeyRotationEnabled"))
            if rotation.data.get("RotationPeriodInDays") is not None:
                properties["RotationPeriodInDays"] = rotation.data["RotationPeriodInDays"]
            observed.update(drop_none({
                "NextRotationDate": iso(rotation.data.get("NextRotationDate")),
                "OnDemandRotationStartDate": iso(rotation.data.get("OnDemandRotationStartDate")),
            }))

    policy = context.call(kms, "GetKeyPolicy", KeyId=arn, PolicyName="default", resource=arn)
    properties["KeyPolicy"] = policy_or_unknown(policy, "Policy")

    tags: dict[str, Any] = {}
    if metadata.get("KeyManager") != "AWS":
        listed = context.call(kms, "ListResourceTags", KeyId=arn, resource=arn)
        tags = tags_from(context, listed, "Tags", "TagKey", "TagValue")

    context.add(arn, "AWS::KMS::Key", drop_none(properties), tags=tags, observed=observed, arn=arn, name=key_id,
                names=[context.scoped(key_id)])
