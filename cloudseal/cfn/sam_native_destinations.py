"""The destinations of a function's asynchronous invocations: DeadLetterQueue and EventInvokeConfig.

Both give the execution role inline policies ahead of the Policies property,
in the order of aws-sam-translator 1.115: the dead-letter queue's policy, then
one policy per destination. EventInvokeConfig also builds an
AWS::Lambda::EventInvokeConfig, and an SQS queue or SNS topic for a destination
of that type that names none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import OWN_ATTRIBUTES, PASSED_ATTRIBUTES, Unsupported, attributes, is_intrinsic
from cloudseal.cfn.sam_native_versions import alias_name, resolve_parameters

Generated = list[tuple[str, dict[str, Any]]]

_DEAD_LETTER_ACTIONS = {"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}
_INVOKE_CONFIG_KEYS = frozenset({"DestinationConfig", "MaximumEventAgeInSeconds", "MaximumRetryAttempts"})
_DESTINATIONS = ("OnSuccess", "OnFailure")
# For each destination type: the policy name suffix, and the action that lets the role send to it.
_DESTINATION_POLICIES = {"SQS": ("SQSPolicy", "sqs:SendMessage"), "SNS": ("SNSPolicy", "sns:publish"),
                         "EventBridge": ("EventBridgePolicy", "events:PutEvents"),
                         "Lambda": ("LambdaPolicy", "lambda:InvokeFunction"), "S3Bucket": ("S3Policy", "s3:PutObject")}
# Destination types the translator creates a resource for when Destination is missing: type and logical ID suffix.
_CREATED_DESTINATIONS = {"SQS": ("AWS::SQS::Queue", "Queue"), "SNS": ("AWS::SNS::Topic", "Topic")}


def dead_letter_policies(logical_id: str, properties: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Check the function's DeadLetterQueue and return the inline policy it gives the role, if any."""
    queue = properties.get("DeadLetterQueue")
    if not queue:
        return []
    if not isinstance(queue, dict) or is_intrinsic(queue):
        raise Unsupported(f"function {logical_id} has a DeadLetterQueue that is not a plain mapping")
    kind, target = queue.get("Type"), queue.get("TargetArn")
    if not isinstance(kind, str) or kind not in _DEAD_LETTER_ACTIONS or not target:
        raise Unsupported(f"function {logical_id} has a DeadLetterQueue without a Type of SQS or SNS and a TargetArn")
    return [{"PolicyName": "DeadLetterQueuePolicy", "PolicyDocument": {
        "Version": "2012-10-17", "Statement": [{"Action": _DEAD_LETTER_ACTIONS[kind], "Resource": target,
                                                "Effect": "Allow"}],
    }}]


def invoke_config_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                            alias: str | None, parameters: Mapping[str, Any], template_resources: Mapping[str, Any],
                            ) -> tuple[Generated, list[dict[str, Any]]]:
    """Build the EventInvokeConfig of a function and the destinations it creates, and return the role's policies.

    The translator inlines template parameters in the whole configuration
    first, so the output shows their values. With an alias, the configuration
    applies to the alias and waits for it.
    """
    written = properties.get("EventInvokeConfig")
    if not written:
        return [], []
    if not isinstance(written, dict) or is_intrinsic(written) or set(written) - _INVOKE_CONFIG_KEYS:
        raise Unsupported(f"function {logical_id} has an EventInvokeConfig the native transform does not take")
    if _shares_values(written, template_resources):
        # The translator writes the resolved values and the destinations back into the configuration, which
        # changes every other place a YAML alias shares a value with.
        raise Unsupported(f"function {logical_id} shares parts of its EventInvokeConfig through a YAML alias")
    config = resolve_parameters(written, parameters)
    config_id = f"{logical_id}EventInvokeConfig"
    passed = attributes(definition, PASSED_ATTRIBUTES)

    resources: Generated = []
    policies: list[dict[str, Any]] = []
    destinations: dict[str, Any] = {}
    written_destinations = config.get("DestinationConfig")
    if written_destinations:
        if not isinstance(written_destinations, dict) or is_intrinsic(written_destinations) \
                or set(written_destinations) - set(_DESTINATIONS):
            raise Unsupported(f"function {logical_id} has a DestinationConfig the native transform does not take")
        for outcome in _DESTINATIONS:
            if written_destinations.get(outcome) is None:
                continue
            destination, created, policy = _destination(logical_id, config_id + outcome,
                                                        written_destinations[outcome], passed)
            destinations[outcome] = {"Destination": destination}
            resources.extend(created)
            policies.append(policy)

    invoke_config: dict[str, Any] = {"Type": "AWS::Lambda::EventInvokeConfig"}
    if alias is not None:
        invoke_config["DependsOn"] = [alias]
    invoke_config.update(attributes(definition, OWN_ATTRIBUTES))
    qualifier = alias_name(logical_id, properties, parameters) if alias is not None else "$LATEST"
    generated: dict[str, Any] = {"FunctionName": {"Ref": logical_id}, "Qualifier": qualifier,
                                 "DestinationConfig": destinations}
    for key in ("MaximumEventAgeInSeconds", "MaximumRetryAttempts"):
        if config.get(key) is not None:
            generated[key] = config[key]
    invoke_config["Properties"] = generated
    resources.append((config_id, invoke_config))
    return resources, policies


def _shares_values(config: Any, template_resources: Mapping[str, Any]) -> bool:
    """Tell whether a mapping or list inside `config` also appears elsewhere in Resources, as a YAML alias makes it.

    NOTE: an alias into another section, such as Outputs, is not detected.
    """
    inside: set[int] = set()
    pending = [config]
    while pending:
        item = pending.pop()
        if isinstance(item, dict | list):
            inside.add(id(item))
            pending.extend(item.values() if isinstance(item, dict) else item)
    seen: set[int] = set()
    pending = list(template_resources.values())
    while pending:
        item = pending.pop()
        if not isinstance(item, dict | list):
            continue
        if id(item) in inside:
            if id(item) in seen:
                return True
            seen.add(id(item))
        pending.extend(item.values() if isinstance(item, dict) else item)
    return False


def _destination(logical_id: str, destination_id: str, given: Any, passed: dict[str, Any],
                 ) -> tuple[Any, Generated, dict[str, Any]]:
    """Return one destination's ARN, the queue or topic made for it, and the role's policy to reach it."""
    if not isinstance(given, dict) or is_intrinsic(given) or set(given) - {"Type", "Destination"}:
        raise Unsupported(f"function {logical_id} has a destination the native transform does not take")
    kind, arn = given.get("Type"), given.get("Destination")
    if not isinstance(kind, str) or kind not in _DESTINATION_POLICIES:
        raise Unsupported(f"function {logical_id} has a destination of type {kind}")
    if isinstance(arn, dict) and "Fn::If" in arn:
        raise Unsupported(f"function {logical_id} has a conditional destination")
    created: Generated = []
    if arn is None:
        if kind not in _CREATED_DESTINATIONS:
            raise Unsupported(f"function {logical_id} has a {kind} destination without a Destination")
        resource_type, suffix = _CREATED_DESTINATIONS[kind]
        created_id = destination_id + suffix
        created.append((created_id, {"Type": resource_type, **passed, "Properties": {}}))
        # A queue's ARN is an attribute, while a topic's Ref is its ARN.
        arn = {"Fn::GetAtt": [created_id, "Arn"]} if kind == "SQS" else {"Ref": created_id}
    suffix, action = _DESTINATION_POLICIES[kind]
    statements = [{"Action": action, "Effect": "Allow", "Resource": arn}]
    if kind == "S3Bucket":
        # Objects go under the bucket's ARN, while listing applies to the bucket itself.
        statements = [{"Action": action, "Effect": "Allow", "Resource": {"Fn::Join": ["/", [arn, "*"]]}},
                      {"Action": "s3:ListBucket", "Effect": "Allow", "Resource": arn}]
    return arn, created, {"PolicyName": destination_id + suffix, "PolicyDocument": {"Statement": statements}}
