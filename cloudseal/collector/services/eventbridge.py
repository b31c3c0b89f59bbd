"""EventBridge: event buses with their KMS key and resource policy."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, parse_policy
from cloudseal.collector.services.common import tags_from


def collect(context: ServiceContext) -> None:
    """List the region's event buses, then describe each one."""
    client = context.client("events")
    buses = context.items(client, "ListEventBuses", "EventBuses")
    if not isinstance(buses, Outcome):
        context.spawn_batches(buses, _read_bus)


def _read_bus(context: ServiceContext, bus: dict[str, Any]) -> None:
    client = context.client("events")
    name = str(bus["Name"])
    arn = str(bus["Arn"])
    described = context.call(client, "DescribeEventBus", Name=name, resource=arn)
    tags = context.call(client, "ListTagsForResource", ResourceARN=arn, resource=arn)
    data: dict[str, Any] = described.data or bus
    policy = data.get("Policy")
    properties = drop_none({
        "Name": name,
        "KmsKeyIdentifier": context.link(data.get("KmsKeyIdentifier"), "Arn") if described.found else described.unknown,
        "Policy": parse_policy(policy) if policy else None,
        "DeadLetterConfig": data.get("DeadLetterConfig"),
    })
    context.add(arn, "AWS::Events::EventBus", properties, tags=tags_from(context, tags, "Tags"), arn=arn, name=name,
                names=[context.scoped(name)])
