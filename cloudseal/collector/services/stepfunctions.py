"""Step Functions: state machines' role, logging, tracing and encryption. The definition is not stored."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none
from cloudseal.collector.services.common import tags_from


def collect(context: ServiceContext) -> None:
    """List the region's state machines, then describe them in batches."""
    client = context.client("stepfunctions")
    machines = context.items(client, "ListStateMachines", "stateMachines")
    if not isinstance(machines, Outcome):
        context.spawn_batches(machines, _read_state_machine)


def _read_state_machine(context: ServiceContext, machine: dict[str, Any]) -> None:
    client = context.client("stepfunctions")
    arn = str(machine["stateMachineArn"])
    name = str(machine["name"])
    described = context.call(client, "DescribeStateMachine", stateMachineArn=arn, resource=arn,
                             absent=("StateMachineDoesNotExist",))
    if described.ok and described.data is None:
        return
    tags = context.call(client, "ListTagsForResource", resourceArn=arn, resource=arn)
    data: dict[str, Any] = described.data or {}
    if described.found:
        logging_config = data.get("loggingConfiguration") or {}
        encryption = data.get("encryptionConfiguration") or {}
        properties: dict[str, Any] = drop_none({
            "StateMachineName": name,
            "StateMachineType": data.get("type"),
            "RoleArn": context.link(data.get("roleArn"), "Arn"),
            "LoggingConfiguration": drop_none({
                "Level": logging_config.get("level"),
                "IncludeExecutionData": logging_config.get("includeExecutionData"),
                "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": context.link(
                    (destination.get("cloudWatchLogsLogGroup") or {}).get("logGroupArn"), "Arn")}}
                    for destination in logging_config.get("destinations") or []] or None,
            }) or None,
            "TracingConfiguration": {"Enabled": (data.get("tracingConfiguration") or {}).get("enabled", False)},
            "EncryptionConfiguration": drop_none({
                "Type": encryption.get("type"),
                "KmsKeyId": context.link(encryption.get("kmsKeyId"), "Arn"),
                "KmsDataKeyReusePeriodSeconds": encryption.get("kmsDataKeyReusePeriodSeconds"),
            }) or None,
        })
    else:
        properties = {"StateMachineName": name, "EncryptionConfiguration": described.unknown,
                      "LoggingConfiguration": described.unknown}
    context.add(arn, "AWS::StepFunctions::StateMachine", properties,
                tags=tags_from(context, tags, "tags", "key", "value"), arn=arn, name=name,
                names=[context.scoped(name)])
