"""CloudWatch Logs: log groups with their KMS key and retention."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import tags_from


def collect(context: ServiceContext) -> None:
    """List the region's log groups, then read their tags in batches."""
    client = context.client("logs")
    groups = context.items(client, "DescribeLogGroups", "logGroups")
    if not isinstance(groups, Outcome):
        context.spawn_batches(groups, _read_group, size=25)


def _read_group(context: ServiceContext, group: dict[str, Any]) -> None:
    client = context.client("logs")
    name = str(group["logGroupName"])
    # describe returns "arn" with a ":*" suffix; logGroupArn, where present, is the ARN that tags take.
    arn = str(group.get("logGroupArn") or str(group.get("arn", "")).removesuffix(":*"))
    tags = context.call(client, "ListTagsForResource", resourceArn=arn, resource=arn)
    properties = drop_none({
        "LogGroupName": name,
        "KmsKeyId": context.link(group.get("kmsKeyId"), "Arn"),
        "RetentionInDays": group.get("retentionInDays"),
        "LogGroupClass": group.get("logGroupClass"),
    })
    observed = drop_none({"DataProtectionStatus": group.get("dataProtectionStatus")})
    context.add(arn, "AWS::Logs::LogGroup", properties, tags=tags_from(context, tags, "tags"), observed=observed,
                arn=arn, name=name, names=[context.scoped(name), context.scoped(f"{arn}:*")])
