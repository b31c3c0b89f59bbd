"""SSM Parameter Store: parameter names, types and keys. Values are never read."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, iso
from cloudseal.collector.services.common import NOT_COLLECTED, tags_from


def collect(context: ServiceContext) -> None:
    """List the region's parameters with DescribeParameters, then read their tags in batches."""
    client = context.client("ssm")
    parameters = context.items(client, "DescribeParameters", "Parameters")
    if not isinstance(parameters, Outcome):
        context.spawn_batches(parameters, _read_parameter, size=25)


def _read_parameter(context: ServiceContext, parameter: dict[str, Any]) -> None:
    client = context.client("ssm")
    name = str(parameter["Name"])
    arn = str(parameter.get("ARN") or
              f"arn:{context.partition}:ssm:{context.region}:{context.account}:parameter/{name.lstrip('/')}")
    tags = context.call(client, "ListTagsForResource", ResourceType="Parameter", ResourceId=name, resource=arn)
    properties = drop_none({
        "Name": name,
        "Type": parameter.get("Type"),
        "Tier": parameter.get("Tier"),
        "DataType": parameter.get("DataType"),
        "Value": NOT_COLLECTED,
    })
    observed = drop_none({
        "KeyId": context.link(parameter.get("KeyId")),
        "LastModifiedDate": iso(parameter.get("LastModifiedDate")),
        "Version": parameter.get("Version"),
    })
    context.add(arn, "AWS::SSM::Parameter", properties, tags=tags_from(context, tags, "TagList"), observed=observed,
                arn=arn, name=name, names=[context.scoped(name)])
