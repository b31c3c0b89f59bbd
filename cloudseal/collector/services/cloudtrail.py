"""CloudTrail: trails with their bucket, KMS key, log file validation and logging status."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import ServiceContext, drop_none, tag_map


def collect(context: ServiceContext) -> None:
    """Describe the trails whose home is this region (shadow copies of multi-region trails are skipped)."""
    client = context.client("cloudtrail")
    described = context.call(client, "DescribeTrails", includeShadowTrails=False)
    for trail in (described.data or {}).get("trailList") or []:
        _add_trail(context, trail)


def _add_trail(context: ServiceContext, trail: dict[str, Any]) -> None:
    client = context.client("cloudtrail")
    arn = str(trail["TrailARN"])
    status = context.call(client, "GetTrailStatus", Name=arn, resource=arn)
    tags = context.call(client, "ListTags", ResourceIdList=[arn], resource=arn)
    if tags.ok:
        entries = (tags.data or {}).get("ResourceTagList") or []
        trail_tags = tag_map([tag for entry in entries for tag in entry.get("TagsList") or []])
    else:
        trail_tags = context.unknown_tags(tags)
    properties = drop_none({
        "TrailName": trail.get("Name"),
        "S3BucketName": context.link(trail.get("S3BucketName")),
        "S3KeyPrefix": trail.get("S3KeyPrefix"),
        "KMSKeyId": context.link(trail.get("KmsKeyId"), "Arn"),
        "IsMultiRegionTrail": trail.get("IsMultiRegionTrail"),
        "IsOrganizationTrail": trail.get("IsOrganizationTrail"),
        "IncludeGlobalServiceEvents": trail.get("IncludeGlobalServiceEvents"),
        "EnableLogFileValidation": trail.get("LogFileValidationEnabled"),
        "CloudWatchLogsLogGroupArn": context.link(trail.get("CloudWatchLogsLogGroupArn"), "Arn"),
        "IsLogging": (status.data or {}).get("IsLogging") if status.ok else status.unknown,
    })
    context.add(arn, "AWS::CloudTrail::Trail", properties,
                tags=trail_tags,
                arn=arn, name=trail.get("Name"), region=trail.get("HomeRegion") or context.region)
