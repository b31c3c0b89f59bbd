"""EFS: file systems with encryption, key and file system policy."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, tag_map
from cloudseal.collector.services.common import policy_or_unknown


def collect(context: ServiceContext) -> None:
    """List the region's file systems, then read their policies in batches."""
    client = context.client("efs")
    systems = context.items(client, "DescribeFileSystems", "FileSystems")
    if not isinstance(systems, Outcome):
        context.spawn_batches(systems, _read_file_system)


def _read_file_system(context: ServiceContext, system: dict[str, Any]) -> None:
    client = context.client("efs")
    system_id = str(system["FileSystemId"])
    arn = str(system.get("FileSystemArn") or
              f"arn:{context.partition}:elasticfilesystem:{context.region}:{context.account}:file-system/{system_id}")
    policy = context.call(client, "DescribeFileSystemPolicy", FileSystemId=system_id, resource=arn,
                          absent=("PolicyNotFound",))
    properties = drop_none({
        "Encrypted": system.get("Encrypted", False),
        "KmsKeyId": context.link(system.get("KmsKeyId"), "Arn"),
        "PerformanceMode": system.get("PerformanceMode"),
        "ThroughputMode": system.get("ThroughputMode"),
        "FileSystemPolicy": policy_or_unknown(policy, "Policy"),
    })
    context.add(arn, "AWS::EFS::FileSystem", properties, tags=tag_map(system.get("Tags")),
                observed=drop_none({"LifeCycleState": system.get("LifeCycleState")}), arn=arn,
                name=system.get("Name") or system_id, names=[context.scoped(system_id)])
