"""DynamoDB tables (encryption key, point-in-time recovery, deletion protection) and DAX clusters."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import tags_from


def collect(context: ServiceContext) -> None:
    """List the region's tables and DAX clusters; describe the tables in batches."""
    client = context.client("dynamodb")
    names = context.items(client, "ListTables", "TableNames")
    if not isinstance(names, Outcome):
        context.spawn_batches(names, _read_table)
    _collect_dax(context)


def _encryption(context: ServiceContext, description: dict[str, Any]) -> dict[str, Any]:
    """Map SSEDescription: none means the AWS owned key, which CloudFormation writes as SSEEnabled false."""
    sse = description.get("SSEDescription") or {}
    if sse.get("Status") not in ("ENABLED", "ENABLING", "UPDATING"):
        return {"SSEEnabled": False}
    return drop_none({
        "SSEEnabled": True,
        "SSEType": sse.get("SSEType", "KMS"),
        "KMSMasterKeyId": context.link(sse.get("KMSMasterKeyArn"), "Arn"),
    })


def _read_table(context: ServiceContext, name: str) -> None:
    client = context.client("dynamodb")
    described = context.call(client, "DescribeTable", TableName=name, absent=("ResourceNotFoundException",),
                             resource=name)
    if described.ok and described.data is None:
        return  # deleted between the listing and the read
    description: dict[str, Any] = (described.data or {}).get("Table") or {}
    arn = str(description.get("TableArn") or
              f"arn:{context.partition}:dynamodb:{context.region}:{context.account}:table/{name}")
    backups = context.call(client, "DescribeContinuousBackups", TableName=name, resource=arn)
    tags = context.call(client, "ListTagsOfResource", ResourceArn=arn, resource=arn)

    if described.found:
        stream = description.get("StreamSpecification") or {}
        properties: dict[str, Any] = drop_none({
            "TableName": name,
            "SSESpecification": _encryption(context, description),
            "BillingMode": (description.get("BillingModeSummary") or {}).get("BillingMode"),
            "DeletionProtectionEnabled": description.get("DeletionProtectionEnabled"),
            "TableClass": (description.get("TableClassSummary") or {}).get("TableClass"),
            "StreamSpecification": {"StreamViewType": stream["StreamViewType"]}
            if stream.get("StreamEnabled") else None,
        })
    else:
        properties = {"TableName": name, "SSESpecification": described.unknown}
    if not backups.ok:
        properties["PointInTimeRecoverySpecification"] = backups.unknown
    elif backups.data is not None:
        recovery = (backups.data.get("ContinuousBackupsDescription") or {}).get("PointInTimeRecoveryDescription")
        properties["PointInTimeRecoverySpecification"] = {
            "PointInTimeRecoveryEnabled": (recovery or {}).get("PointInTimeRecoveryStatus") == "ENABLED",
        }
    observed = drop_none({"TableStatus": description.get("TableStatus")})
    context.add(arn, "AWS::DynamoDB::Table", properties, tags=tags_from(context, tags, "Tags"), observed=observed,
                arn=arn, name=name, names=[context.scoped(name)])


def _collect_dax(context: ServiceContext) -> None:
    client = context.client("dax")
    clusters = context.items(client, "DescribeClusters", "Clusters")
    if isinstance(clusters, Outcome):
        return
    for cluster in clusters:
        arn = str(cluster["ClusterArn"])
        tags = context.call(client, "ListTags", ResourceName=arn, resource=arn)
        sse = cluster.get("SSEDescription") or {}
        properties = drop_none({
            "ClusterName": cluster.get("ClusterName"),
            "SSESpecification": {"SSEEnabled": sse.get("Status") in ("ENABLED", "ENABLING")},
            "ClusterEndpointEncryptionType": cluster.get("ClusterEndpointEncryptionType", "NONE"),
            "IAMRoleARN": context.link(cluster.get("IamRoleArn"), "Arn"),
            "NodeType": cluster.get("NodeType"),
        })
        context.add(arn, "AWS::DAX::Cluster", properties, tags=tags_from(context, tags, "Tags"),
                    observed=drop_none({"Status": cluster.get("Status")}), arn=arn, name=cluster.get("ClusterName"))
