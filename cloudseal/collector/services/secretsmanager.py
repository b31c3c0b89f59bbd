"""Secrets Manager: secrets (KMS key, rotation settings and last rotation, resource policy).

The collector never calls GetSecretValue, and the published IAM policy does not allow it.
"""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, iso, tag_map
from cloudseal.collector.services.common import policy_or_unknown
from cloudseal.model import make_ref


def collect(context: ServiceContext) -> None:
    """List the region's secrets (the listing carries rotation and key), then read resource policies in batches."""
    client = context.client("secretsmanager")
    secrets = context.items(client, "ListSecrets", "SecretList")
    if not isinstance(secrets, Outcome):
        context.spawn_batches(secrets, _read_secret)


def _read_secret(context: ServiceContext, secret: dict[str, Any]) -> None:
    client = context.client("secretsmanager")
    arn = str(secret["ARN"])
    name = str(secret["Name"])
    rules = secret.get("RotationRules") or {}
    properties = drop_none({
        "Name": name,
        "KmsKeyId": context.link(secret.get("KmsKeyId"), "Arn"),
    })
    observed = drop_none({
        "RotationEnabled": bool(secret.get("RotationEnabled")),
        "LastRotatedDate": iso(secret.get("LastRotatedDate")),
        "DaysSinceLastRotation": context.days_since(secret.get("LastRotatedDate")),
        "NextRotationDate": iso(secret.get("NextRotationDate")),
        "LastChangedDate": iso(secret.get("LastChangedDate")),
        "LastAccessedDate": iso(secret.get("LastAccessedDate")),
        "CreatedDate": iso(secret.get("CreatedDate")),
        "OwningService": secret.get("OwningService"),
    })
    context.add(arn, "AWS::SecretsManager::Secret", properties, tags=tag_map(secret.get("Tags")), observed=observed,
                arn=arn, name=name, names=[context.scoped(name)])

    if secret.get("RotationEnabled"):
        context.add(f"{arn}#RotationSchedule", "AWS::SecretsManager::RotationSchedule", drop_none({
            "SecretId": make_ref(arn),
            "RotationLambdaARN": context.link(secret.get("RotationLambdaARN"), "Arn"),
            "RotationRules": drop_none({
                "AutomaticallyAfterDays": rules.get("AutomaticallyAfterDays"),
                "ScheduleExpression": rules.get("ScheduleExpression"),
                "Duration": rules.get("Duration"),
            }) or None,
        }))

    policy = context.call(client, "GetResourcePolicy", SecretId=arn, resource=arn,
                          absent=("ResourceNotFoundException",))
    document = policy_or_unknown(policy, "ResourcePolicy")
    if document is not None:
        context.add(f"{arn}#ResourcePolicy", "AWS::SecretsManager::ResourcePolicy",
                    {"SecretId": make_ref(arn), "ResourcePolicy": document})
