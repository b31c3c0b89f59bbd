"""AWS::Serverless::StateMachine in the native SAM transform: the state machine, its roles, alias and rules.

The builders reproduce what aws-sam-translator 1.115 writes for the same input
(samtranslator/model/stepfunctions), and raise Unsupported for anything they
do not reproduce exactly, so that the translator handles it instead.
Schedule, CloudWatchEvent and EventBridgeRule events are built here; Api and
ScheduleV2 events, dead-letter queues and policies under Fn::If are not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import (
    OWN_ATTRIBUTES,
    PASSED_ATTRIBUTES,
    Unsupported,
    attributes,
    is_intrinsic,
    s3_uri,
    tag_list,
)
from cloudseal.cfn.sam_native_roles import role_resource, service_trust_policy

SAM_TAG = {"Key": "stateMachine:createdBy", "Value": "SAM"}

SUPPORTED_PROPERTIES = frozenset({
    "Definition", "DefinitionUri", "DefinitionSubstitutions", "Name", "Type", "Role", "RolePath", "Policies",
    "PermissionsBoundary", "Logging", "Tracing", "Tags", "PropagateTags", "AutoPublishAlias",
    "DeploymentPreference", "UseAliasAsEventTarget", "Events",
})
# The translator lets Globals.StateMachine set only PropagateTags.
GLOBAL_PROPERTIES = frozenset({"PropagateTags"})

# The translator's check for a dynamic reference ({{resolve:ssm:name}}) inside a definition.
_DYNAMIC_REFERENCE = re.compile(r"^{{resolve:([a-z-]+):(.+)}}$")
_EVENT_TARGET_SUFFIX = "StepFunctionsTarget"
# EventBridge limits a target Id to 64 characters, so the translator truncates the logical ID to fit.
_TARGET_ID_MAX_LENGTH = 64
# Event properties by event type, each with the check the translator makes on its value.
_SCHEDULE_PROPERTIES = {"Schedule": "text", "Input": "text", "Enabled": "bool", "State": "text", "Name": "text",
                        "Description": "text", "RetryPolicy": "mapping", "Target": "plain mapping",
                        "RoleArn": "plain text"}
_RULE_PROPERTIES = {"EventBusName": "text", "RuleName": "text", "Pattern": "mapping", "Input": "text",
                    "InputPath": "text", "RetryPolicy": "mapping", "State": "text", "Target": "plain mapping",
                    "InputTransformer": "mapping"}
_EVENT_PROPERTIES = {"Schedule": _SCHEDULE_PROPERTIES, "CloudWatchEvent": _RULE_PROPERTIES,
                     "EventBridgeRule": _RULE_PROPERTIES}


def state_machine_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                            parameters: Mapping[str, Any], partition: str) -> list[tuple[str, dict[str, Any]]]:
    """Build the resources of one state machine from `properties`, which already contain the merged Globals.

    The order is the translator's: the state machine, its execution role when
    it has no Role, the version and alias of AutoPublishAlias, then the
    resources of each event in the order the events are written. No
    resource here depends on `parameters`, because the translator resolves no
    parameter in the event types this module builds.
    """
    del parameters
    unknown = set(properties) - SUPPORTED_PROPERTIES
    if unknown:
        raise Unsupported(f"state machine {logical_id} sets {sorted(unknown)}")
    _check_types(logical_id, properties)
    passed = attributes(definition, PASSED_ATTRIBUTES)

    state_machine = _state_machine(logical_id, definition, properties)
    resources = [(logical_id, state_machine)]
    if not properties.get("Role"):
        state_machine["Properties"]["RoleArn"] = {"Fn::GetAtt": [f"{logical_id}Role", "Arn"]}
        resources.append((f"{logical_id}Role", _execution_role(logical_id, properties, passed, partition)))

    target = {"Ref": logical_id}
    alias = _alias_resources(logical_id, properties, passed)
    resources.extend(alias)
    if properties.get("UseAliasAsEventTarget"):
        target = {"Ref": alias[-1][0]}
    resources.extend(_event_resources(logical_id, properties.get("Events"), target, properties, passed))

    tags = properties.get("Tags")
    if properties.get("PropagateTags") and tags:
        for _, resource in resources:
            if resource["Type"] in ("AWS::StepFunctions::StateMachine", "AWS::IAM::Role"):
                resource["Properties"]["Tags"] = tag_list(tags)
    return resources


def _check_types(logical_id: str, properties: Mapping[str, Any]) -> None:
    """Reject values the translator rejects, or treats in ways this module does not reproduce."""
    for name in ("Name", "Type", "Role", "PermissionsBoundary"):
        value = properties.get(name)
        if value is not None and not isinstance(value, str) and not is_intrinsic(value):
            raise Unsupported(f"state machine {logical_id} has a {name} that is neither text nor a function")
    for name in ("Logging", "Tracing"):
        value = properties.get(name)
        if value is not None and not isinstance(value, dict):
            raise Unsupported(f"state machine {logical_id} has a {name} that is not a mapping")
    for name in ("Tags", "DefinitionSubstitutions", "Events"):
        value = properties.get(name)
        if value is not None and (not isinstance(value, dict) or is_intrinsic(value)):
            raise Unsupported(f"state machine {logical_id} has a {name} that is not a plain mapping")
    for name in ("PropagateTags", "UseAliasAsEventTarget"):
        value = properties.get(name)
        if value is not None and not isinstance(value, bool):
            raise Unsupported(f"state machine {logical_id} has a {name} that is not true or false")
    if properties.get("Role") and properties.get("Policies"):
        raise Unsupported(f"state machine {logical_id} sets both Role and Policies")


def _state_machine(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                   ) -> dict[str, Any]:
    machine: dict[str, Any] = {}
    substitutions = properties.get("DefinitionSubstitutions")
    if substitutions:
        machine["DefinitionSubstitutions"] = dict(substitutions)
    body = properties.get("Definition")
    location = properties.get("DefinitionUri")
    if body is not None:
        if location is not None or not isinstance(body, dict) or not body or is_intrinsic(body):
            raise Unsupported(f"state machine {logical_id} has a Definition the native transform does not take")
        definition_string, found = _definition_string(logical_id, body)
        if found:
            machine["DefinitionSubstitutions"] = {**machine.get("DefinitionSubstitutions", {}), **found}
        machine["DefinitionString"] = definition_string
    else:
        machine["DefinitionS3Location"] = _definition_location(logical_id, location)
    role = properties.get("Role")
    if role:
        machine["RoleArn"] = role
    for source, target in (("Name", "StateMachineName"), ("Type", "StateMachineType"),
                           ("Logging", "LoggingConfiguration"), ("Tracing", "TracingConfiguration")):
        if properties.get(source) is not None:
            machine[target] = properties[source]
    machine["Tags"] = [dict(SAM_TAG), *tag_list(properties.get("Tags"))]

    resource: dict[str, Any] = {"Type": "AWS::StepFunctions::StateMachine"}
    depends_on = definition.get("DependsOn")
    if depends_on:
        resource["DependsOn"] = depends_on
    resource.update(attributes(definition, OWN_ATTRIBUTES))
    resource["Properties"] = machine
    return resource


def _definition_string(logical_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Turn an inline definition into the translator's Fn::Join of JSON lines.

    Each intrinsic function and dynamic reference in the definition becomes a
    `${definition_substitution_N}` placeholder. The numbers follow a walk that
    visits mapping keys in sorted order and list items in their order. The
    second value returned maps the placeholder names to what they replaced.
    """
    substitutions: dict[str, Any] = {}

    def replace(node: Any) -> Any:
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                raise Unsupported(f"state machine {logical_id} has a Definition key that is not text")
            replaced = dict(node)
            for key in sorted(node):
                replaced[key] = visit(node[key])
            return replaced
        if isinstance(node, list):
            return [visit(item) for item in node]
        return node

    def visit(value: Any) -> Any:
        if is_intrinsic(value) or (isinstance(value, str) and _DYNAMIC_REFERENCE.match(value)):
            name = f"definition_substitution_{len(substitutions) + 1}"
            substitutions[name] = value
            return "${" + name + "}"
        return replace(value)

    processed = replace(body)
    try:
        text = json.dumps(processed, sort_keys=True, indent=4, separators=(",", ": "))
    except (TypeError, ValueError) as error:
        raise Unsupported(f"state machine {logical_id} has a Definition that is not plain JSON") from error
    return {"Fn::Join": ["\n", text.split("\n")]}, substitutions


def _definition_location(logical_id: str, location: Any) -> dict[str, Any]:
    """Build the DefinitionS3Location from an S3 URI or a Bucket and Key mapping."""
    if isinstance(location, dict) and not is_intrinsic(location):
        if not location.get("Bucket") or not location.get("Key"):
            raise Unsupported(f"state machine {logical_id} has a DefinitionUri without Bucket and Key")
        pointer = {"Bucket": location["Bucket"], "Key": location["Key"]}
        if "Version" in location:
            pointer["Version"] = location["Version"]
        return pointer
    if not isinstance(location, str) or not location:
        raise Unsupported(f"state machine {logical_id} has neither a Definition nor a DefinitionUri it reads")
    parsed = s3_uri(location)
    if parsed is None:
        raise Unsupported(f"state machine {logical_id} has a DefinitionUri that is not an S3 location")
    return dict(parsed)


def _execution_role(logical_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
                    partition: str) -> dict[str, Any]:
    """Build the role the state machine runs as, from its Policies and its tracing setting."""
    policies = properties.get("Policies")
    entries: list[Any] = []
    if isinstance(policies, list):
        entries.extend(policies)
    elif policies:
        entries.append(policies)
    tracing = properties.get("Tracing")
    if isinstance(tracing, dict) and tracing.get("Enabled") is True:
        # The translator adds the X-Ray policy after the state machine's own policies, by name.
        entries.append("AWSXrayWriteOnlyAccess" if partition == "aws" else "AWSXRayDaemonWriteAccess")
    return role_resource(
        logical_id, passed, partition, managed=[], policies=entries,
        trust=service_trust_policy("states.amazonaws.com"), path=properties.get("RolePath"),
        boundary=properties.get("PermissionsBoundary"),
        tags=[dict(SAM_TAG), *tag_list(properties.get("Tags"))],
    )


def _alias_resources(logical_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
                     ) -> list[tuple[str, dict[str, Any]]]:
    """Build the version and alias that AutoPublishAlias publishes on every change of the state machine."""
    alias_name = properties.get("AutoPublishAlias")
    preference = properties.get("DeploymentPreference")
    if alias_name is None:
        if preference is not None or properties.get("UseAliasAsEventTarget"):
            raise Unsupported(f"state machine {logical_id} needs an AutoPublishAlias it lacks")
        return []
    if not isinstance(alias_name, str) or not alias_name.isascii() or not alias_name.isalnum():
        raise Unsupported(f"state machine {logical_id} has an AutoPublishAlias that is not alphanumeric text")
    if preference is not None and (not isinstance(preference, dict) or not preference or is_intrinsic(preference)):
        raise Unsupported(f"state machine {logical_id} has a DeploymentPreference that is not a plain mapping")

    version_id = f"{logical_id}Version"
    # Retain keeps a replaced version in the stack, so that a gradual deployment can still route traffic to it.
    version_attributes = {**passed}
    version_attributes.setdefault("DeletionPolicy", "Retain")
    version_attributes.setdefault("UpdateReplacePolicy", "Retain")
    version = {"Type": "AWS::StepFunctions::StateMachineVersion", **version_attributes, "Properties": {
        "StateMachineArn": {"Ref": logical_id},
        "StateMachineRevisionId": {"Fn::GetAtt": [logical_id, "StateMachineRevisionId"]},
    }}
    deployment = dict(preference) if preference else {"Type": "ALL_AT_ONCE"}
    deployment["StateMachineVersionArn"] = {"Ref": version_id}
    alias = {"Type": "AWS::StepFunctions::StateMachineAlias", **passed,
             "Properties": {"Name": alias_name, "DeploymentPreference": deployment}}
    return [(version_id, version), (f"{logical_id}Alias{alias_name}", alias)]


def _event_resources(logical_id: str, events: Mapping[str, Any] | None, target: dict[str, Any],
                     properties: Mapping[str, Any], passed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    resources: list[tuple[str, dict[str, Any]]] = []
    for name, event in (events or {}).items():
        if not isinstance(name, str) or not name.isascii() or not name.isalnum() or not isinstance(event, dict) \
                or set(event) - {"Type", "Properties"}:
            raise Unsupported(f"state machine {logical_id} has an event the native transform does not take")
        kind = event.get("Type")
        if kind not in _EVENT_PROPERTIES:
            raise Unsupported(f"state machine {logical_id} has an event of type {kind}")
        values = event.get("Properties", {})
        if not isinstance(values, dict) or is_intrinsic(values):
            raise Unsupported(f"event {name} of state machine {logical_id} has Properties that are not a mapping")
        _check_event(logical_id, name, values, _EVENT_PROPERTIES[kind])
        if kind == "Schedule":
            resources.extend(_schedule(f"{logical_id}{name}", values, target, properties, passed))
        else:
            resources.extend(_rule(f"{logical_id}{name}", values, target, properties, passed))
    return resources


def _check_event(logical_id: str, name: str, values: Mapping[str, Any], expected: Mapping[str, str]) -> None:
    unknown = set(values) - set(expected)
    if unknown:
        raise Unsupported(f"event {name} of state machine {logical_id} sets {sorted(unknown)}")
    for key, value in values.items():
        kind = expected[key]
        if value is None:
            continue
        valid = {
            "text": isinstance(value, str) or is_intrinsic(value),
            "mapping": isinstance(value, dict),
            "bool": isinstance(value, bool),
            "plain mapping": isinstance(value, dict) and not is_intrinsic(value),
            "plain text": isinstance(value, str),
        }[kind]
        if not valid:
            raise Unsupported(f"event {name} of state machine {logical_id} has a {key} of the wrong type")


def _schedule(event_id: str, values: Mapping[str, Any], target: dict[str, Any], properties: Mapping[str, Any],
              passed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Build the rule of a Schedule event, and the role it starts executions with unless it names one."""
    if values.get("Schedule") is None:
        raise Unsupported(f"event {event_id} has no Schedule")
    if values.get("State") and values.get("Enabled") is not None:
        raise Unsupported(f"event {event_id} sets both State and Enabled")
    rule: dict[str, Any] = {"ScheduleExpression": values["Schedule"]}
    if values.get("State"):
        rule["State"] = values["State"]
    if values.get("Enabled") is not None:
        rule["State"] = "ENABLED" if values["Enabled"] else "DISABLED"
    for key in ("Name", "Description"):
        if values.get(key) is not None:
            rule[key] = values[key]

    resources = [(event_id, {"Type": "AWS::Events::Rule", **passed, "Properties": rule})]
    role_arn = values.get("RoleArn")
    if role_arn is None:
        resources.append(_event_role(event_id, target, properties, passed))
        role_arn = {"Fn::GetAtt": [f"{event_id}Role", "Arn"]}
    rule["Targets"] = [_target(event_id, values, target, role_arn, ("Input", "RetryPolicy"))]
    return resources


def _rule(event_id: str, values: Mapping[str, Any], target: dict[str, Any], properties: Mapping[str, Any],
          passed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Build the rule of a CloudWatchEvent or EventBridgeRule event, and the role it starts executions with."""
    rule: dict[str, Any] = {}
    for source, name in (("EventBusName", "EventBusName"), ("Pattern", "EventPattern"), ("RuleName", "Name")):
        if values.get(source) is not None:
            rule[name] = values[source]
    if values.get("State"):
        rule["State"] = values["State"]
    role_arn = {"Fn::GetAtt": [f"{event_id}Role", "Arn"]}
    rule["Targets"] = [_target(event_id, values, target, role_arn,
                               ("Input", "InputPath", "RetryPolicy", "InputTransformer"))]
    return [(event_id, {"Type": "AWS::Events::Rule", **passed, "Properties": rule}),
            _event_role(event_id, target, properties, passed)]


def _target(event_id: str, values: Mapping[str, Any], target: dict[str, Any], role_arn: Any,
            copied: tuple[str, ...]) -> dict[str, Any]:
    written = values.get("Target")
    if written and "Id" in written:
        target_id = written["Id"]
    elif len(event_id) + len(_EVENT_TARGET_SUFFIX) <= _TARGET_ID_MAX_LENGTH:
        target_id = event_id + _EVENT_TARGET_SUFFIX
    else:
        target_id = event_id[:_TARGET_ID_MAX_LENGTH - len(_EVENT_TARGET_SUFFIX)] + _EVENT_TARGET_SUFFIX
    entry = {"Arn": target, "Id": target_id, "RoleArn": role_arn}
    entry.update((key, values[key]) for key in copied if values.get(key) is not None)
    return entry


def _event_role(event_id: str, target: dict[str, Any], properties: Mapping[str, Any], passed: dict[str, Any],
                ) -> tuple[str, dict[str, Any]]:
    """Build the role EventBridge assumes to start executions of the state machine (or of its alias)."""
    role_id = f"{event_id}Role"
    role: dict[str, Any] = {
        "AssumeRolePolicyDocument": service_trust_policy("events.amazonaws.com"),
        "Policies": [{"PolicyName": f"{role_id}StartExecutionPolicy", "PolicyDocument": {
            "Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": target}],
        }}],
    }
    boundary = properties.get("PermissionsBoundary")
    if boundary:
        role["PermissionsBoundary"] = boundary
    return role_id, {"Type": "AWS::IAM::Role", **passed, "Properties": role}
