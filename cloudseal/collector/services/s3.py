"""S3: buckets with encryption, policy, public access blocks, ACL, versioning, ownership and tags.

Bucket listing is global; each bucket is then read through a client in its own
region. Only buckets in the collected regions are kept.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import policy_or_unknown, tags_from
from cloudseal.model import JSON, make_ref

PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)
_PUBLIC_ACCESS_BLOCK_FIELDS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def collect(context: ServiceContext) -> None:
    """List the buckets and the account's public access block, then read the buckets in batches."""
    s3 = context.client("s3")
    buckets = context.items(s3, "ListBuckets", "Buckets")
    if isinstance(buckets, Outcome):
        return
    s3control = context.client("s3control")
    account_block = context.call(s3control, "GetPublicAccessBlock", AccountId=context.account,
                                 absent=("NoSuchPublicAccessBlockConfiguration",))
    context.spawn_batches(buckets, partial(_read_bucket, account_block=account_block))


def _bucket_region(context: ServiceContext, bucket: dict[str, Any]) -> str | None:
    if bucket.get("BucketRegion"):
        return str(bucket["BucketRegion"])
    location = context.call(context.client("s3"), "GetBucketLocation", Bucket=bucket["Name"],
                            resource=bucket["Name"])
    if not location.found or location.data is None:
        return None
    constraint = location.data.get("LocationConstraint")
    # us-east-1 reports no constraint, and the oldest Ireland buckets report "EU".
    return {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(constraint, constraint)


def _public_access_block(outcome: Outcome) -> JSON:
    if not outcome.ok:
        return outcome.unknown
    if outcome.data is None:
        return None
    configuration = outcome.data.get("PublicAccessBlockConfiguration") or {}
    return {name: configuration.get(name, False) for name in _PUBLIC_ACCESS_BLOCK_FIELDS}


def _encryption(context: ServiceContext, outcome: Outcome, region: str) -> JSON:
    if not outcome.ok:
        return outcome.unknown
    if outcome.data is None:
        return None
    rules = []
    for rule in (outcome.data.get("ServerSideEncryptionConfiguration") or {}).get("Rules", []):
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        rules.append(drop_none({
            "ServerSideEncryptionByDefault": drop_none({
                "SSEAlgorithm": default.get("SSEAlgorithm"),
                "KMSMasterKeyID": context.link(default.get("KMSMasterKeyID"), "Arn", region=region),
            }),
            "BucketKeyEnabled": rule.get("BucketKeyEnabled"),
        }))
    return {"ServerSideEncryptionConfiguration": rules}


def _acl_grants(outcome: Outcome) -> JSON:
    if not outcome.ok:
        return outcome.unknown
    grants = []
    for grant in (outcome.data or {}).get("Grants", []):
        grantee = grant.get("Grantee") or {}
        # Display names and e-mail addresses are personal data that no rule needs.
        grants.append({
            "Grantee": drop_none({"Type": grantee.get("Type"), "ID": grantee.get("ID"), "URI": grantee.get("URI")}),
            "Permission": grant.get("Permission"),
        })
    return grants


def _read_bucket(context: ServiceContext, bucket: dict[str, Any], account_block: Outcome) -> None:
    name = str(bucket["Name"])
    region = _bucket_region(context, bucket)
    if region is not None and context.account_regions and region not in context.account_regions:
        return
    s3 = context.client("s3", region or context.region)
    arn = f"arn:{context.partition}:s3:::{name}"
    read = partial(context.call, s3, Bucket=name, resource=arn)

    encryption = read("GetBucketEncryption", absent=("ServerSideEncryptionConfigurationNotFoundError",))
    policy = read("GetBucketPolicy", absent=("NoSuchBucketPolicy",))
    block = read("GetPublicAccessBlock", absent=("NoSuchPublicAccessBlockConfiguration",))
    acl = read("GetBucketAcl")
    ownership = read("GetBucketOwnershipControls", absent=("OwnershipControlsNotFoundError",))
    versioning = read("GetBucketVersioning")
    tagging = read("GetBucketTagging", absent=("NoSuchTagSet",))

    properties: dict[str, Any] = {"BucketName": name}
    where = region or context.region
    properties["BucketEncryption"] = _encryption(context, encryption, where)
    properties["PublicAccessBlockConfiguration"] = _public_access_block(block)
    if not ownership.ok:
        properties["OwnershipControls"] = ownership.unknown
    elif ownership.data is not None:
        rules = (ownership.data.get("OwnershipControls") or {}).get("Rules", [])
        properties["OwnershipControls"] = {
            "Rules": [{"ObjectOwnership": rule.get("ObjectOwnership")} for rule in rules],
        }
    if not versioning.ok:
        properties["VersioningConfiguration"] = versioning.unknown
    elif versioning.data and versioning.data.get("Status"):
        properties["VersioningConfiguration"] = {"Status": versioning.data["Status"]}

    grants = _acl_grants(acl)
    observed: dict[str, Any] = {"AclGrants": grants}
    if isinstance(grants, list):
        observed["PublicAclGrants"] = any(grant["Grantee"].get("URI") in PUBLIC_GROUPS for grant in grants)
    if versioning.data and versioning.data.get("MFADelete"):
        observed["MFADelete"] = versioning.data["MFADelete"]
    observed["AccountPublicAccessBlock"] = _public_access_block(account_block)

    context.add(arn, "AWS::S3::Bucket", drop_none(properties), tags=tags_from(context, tagging, "TagSet"),
                observed=drop_none(observed), arn=arn, name=name, names=[context.scoped(name, "partition")],
                region=where)

    document = policy_or_unknown(policy, "Policy")
    if document is not None:
        context.add(f"{arn}#BucketPolicy", "AWS::S3::BucketPolicy",
                    {"Bucket": make_ref(arn), "PolicyDocument": document}, region=where)
