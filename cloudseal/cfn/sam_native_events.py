"""Push event sources of AWS::Serverless::Function in the native SAM transform.

S3, SNS, Schedule, EventBridgeRule, CloudWatchEvent and IoTRule events make a
service call the function. Each gets a Lambda permission for the service, and
most get a resource that routes events to the function: an EventBridge rule,
an SNS subscription, an IoT topic rule, or for S3 the bucket itself, rewritten
with a notification configuration. A ScheduleV2 event instead gets an
EventBridge Scheduler schedule and a role that the scheduler assumes to invoke
the function. The builders reproduce aws-sam-translator 1.115
(samtranslator/model/eventsources/push.py and scheduler.py) and raise
Unsupported for any shape they do not reproduce exactly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import (
    LOGICAL_ID,
    OWN_ATTRIBUTES,
    PASSED_ATTRIBUTES,
    Unsupported,
    attributes,
    event_order,
    is_intrinsic,
)

Resources = list[tuple[str, dict[str, Any]]]
Validator = Callable[[Any], bool]

_EVENTS_PRINCIPAL = "events.amazonaws.com"
# EventBridge limits a target Id to 64 characters, so the translator truncates the generated one to fit.
_TARGET_ID_MAX_LENGTH = 64
_TARGET_ID_SUFFIX = "LambdaTarget"
# The properties the translator accepts on the bucket it rewrites. Any other makes it fail.
_BUCKET_PROPERTIES = ("AccessControl", "AccelerateConfiguration", "AnalyticsConfigurations", "BucketEncryption",
                      "BucketName", "CorsConfiguration", "IntelligentTieringConfigurations",
                      "InventoryConfigurations", "LifecycleConfiguration", "LoggingConfiguration",
                      "MetricsConfigurations", "NotificationConfiguration", "ObjectLockConfiguration",
                      "ObjectLockEnabled", "OwnershipControls", "PublicAccessBlockConfiguration",
                      "ReplicationConfiguration", "Tags", "VersioningConfiguration", "WebsiteConfiguration")
_BUCKET_KEYS = frozenset({"Type", "Properties", "DependsOn", *OWN_ATTRIBUTES})


def _text(value: Any) -> bool:
    """Match the translator's string check, which lets any one-key mapping through as an intrinsic function."""
    return isinstance(value, str) or (isinstance(value, dict) and len(value) == 1)


def _mapping(value: Any) -> bool:
    return isinstance(value, dict)


def _boolean(value: Any) -> bool:
    # The translator also takes a one-key mapping here and reads it as true, but the native transform declines it.
    return isinstance(value, bool)


def _anything(value: Any) -> bool:
    return True


def _event_names(value: Any) -> bool:
    """Match S3 Events: one event name or a list of them, with no intrinsic function."""
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def _s3_filter(value: Any) -> bool:
    """Match S3 Filter, which the translator checks as a string map unless it has one key."""
    return isinstance(value, dict) and (len(value) == 1 or all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()))


_RULE_PROPERTIES: dict[str, Validator] = {
    "EventBusName": _text, "RuleName": _text, "Pattern": _mapping, "DeadLetterConfig": _mapping,
    "RetryPolicy": _mapping, "Input": _text, "InputPath": _text, "Target": _mapping, "Enabled": _boolean,
    "State": _text, "InputTransformer": _mapping,
}
# Per event type: each property the translator accepts, and the check it applies to the value.
_PROPERTIES: dict[str, dict[str, Validator]] = {
    "Schedule": {
        "Schedule": _text, "RuleName": _text, "Input": _text, "Enabled": _boolean, "State": _text, "Name": _text,
        "Description": _text, "DeadLetterConfig": _mapping, "RetryPolicy": _mapping,
    },
    "CloudWatchEvent": _RULE_PROPERTIES,
    "EventBridgeRule": _RULE_PROPERTIES,
    "S3": {"Bucket": _text, "Events": _event_names, "Filter": _s3_filter},
    "SNS": {
        "Topic": _text, "Region": _text, "FilterPolicy": _anything, "FilterPolicyScope": _anything,
        "SqsSubscription": _anything, "RedrivePolicy": _mapping,
    },
    "ScheduleV2": {
        "PermissionsBoundary": _text, "ScheduleExpression": _text, "FlexibleTimeWindow": _mapping, "Name": _text,
        "State": _text, "Description": _text, "StartDate": _text, "EndDate": _text,
        "ScheduleExpressionTimezone": _text, "GroupName": _text, "KmsKeyArn": _text, "Input": _text,
        "RoleArn": _text, "DeadLetterConfig": _mapping, "RetryPolicy": _mapping, "OmitName": _boolean,
    },
    "IoTRule": {"Sql": _text, "AwsIotSqlVersion": _text},
}
_REQUIRED = {"Schedule": ("Schedule",), "S3": ("Bucket", "Events"), "SNS": ("Topic",),
             "ScheduleV2": ("ScheduleExpression",), "IoTRule": ("Sql",)}
# Properties of a ScheduleV2 event copied to the schedule unchanged, in the translator's order.
_SCHEDULE_PASSED = ("Description", "StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn")

PUSH_EVENT_TYPES: frozenset[str] = frozenset(_PROPERTIES)


def push_event_resources(function_id: str, event_name: str, event: Mapping[str, Any], passed: dict[str, Any],
                         role: dict[str, Any], partition: str, template_resources: Mapping[str, Any],
                         ) -> Resources:
    """Build the resources of one push event of a function, in the translator's order.

    `passed` contains the attributes copied to generated resources, and
    `template_resources` the Resources section as written, which is only read.
    The supported events leave `role` unchanged. `partition` goes into the ARN
    of an IoT topic rule.
    """
    del role
    kind = event.get("Type")
    if kind not in PUSH_EVENT_TYPES:
        raise Unsupported(f"function {function_id} has an event of type {kind}")
    if set(event) - {"Type", "Properties"}:
        raise Unsupported(f"event {event_name} of function {function_id} has keys besides Type and Properties")
    properties = _properties(function_id, event_name, kind, event)
    source_id = f"{function_id}{event_name}"
    if kind == "Schedule":
        return _schedule(function_id, source_id, properties, passed)
    if kind == "S3":
        return _s3(function_id, source_id, properties, passed, template_resources)
    if kind == "SNS":
        return _sns(function_id, source_id, properties, passed)
    if kind == "ScheduleV2":
        return _scheduler_schedule(function_id, source_id, properties, passed)
    if kind == "IoTRule":
        return _iot_rule(function_id, source_id, properties, passed, partition)
    return _rule(function_id, source_id, properties, passed)


def _properties(function_id: str, event_name: str, kind: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """Check the event's properties as the translator does; return a copy without the ones set to null."""
    properties = event.get("Properties", {})
    if not isinstance(properties, dict):
        raise Unsupported(f"event {event_name} of function {function_id} has Properties that are not a mapping")
    expected = _PROPERTIES[kind]
    unknown = set(properties) - set(expected)
    if unknown:
        raise Unsupported(f"event {event_name} of function {function_id} sets {sorted(unknown, key=str)}")
    present = {key: value for key, value in properties.items() if value is not None}
    missing = [key for key in _REQUIRED.get(kind, ()) if key not in present]
    if missing:
        raise Unsupported(f"event {event_name} of function {function_id} lacks {missing}")
    invalid = [key for key, value in present.items() if not expected[key](value)]
    if invalid:
        raise Unsupported(f"event {event_name} of function {function_id} has {invalid} of the wrong type")
    return copy.deepcopy(present)


def _permission(function_id: str, permission_id: str, principal: str, passed: dict[str, Any], *,
                source_arn: Any = None, source_account: Any = None) -> tuple[str, dict[str, Any]]:
    permission: dict[str, Any] = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": function_id},
                                  "Principal": principal}
    if source_account is not None:
        permission["SourceAccount"] = source_account
    if source_arn is not None:
        permission["SourceArn"] = source_arn
    return permission_id, {"Type": "AWS::Lambda::Permission", **copy.deepcopy(passed), "Properties": permission}


def _rule_state(source_id: str, properties: Mapping[str, Any]) -> Any:
    """Return the rule's State from State or Enabled, or None when neither is set."""
    state = properties.get("State")
    enabled = properties.get("Enabled")
    if state and enabled is not None:
        raise Unsupported(f"event {source_id} sets both State and Enabled")
    if enabled is not None:
        return "ENABLED" if enabled else "DISABLED"
    return state or None


def _target(function_id: str, target_id: str, properties: Mapping[str, Any], dead_letter_arn: Any,
            names: tuple[str, ...]) -> dict[str, Any]:
    """Build the rule target that invokes the function, with the target properties among `names`."""
    target: dict[str, Any] = {"Arn": {"Fn::GetAtt": [function_id, "Arn"]}, "Id": target_id}
    for name in names:
        if name == "DeadLetterConfig":
            if dead_letter_arn is not None:
                target["DeadLetterConfig"] = {"Arn": dead_letter_arn}
        elif name in properties:
            target[name] = properties[name]
    return target


def _generated_target_id(source_id: str) -> str:
    if len(source_id) + len(_TARGET_ID_SUFFIX) <= _TARGET_ID_MAX_LENGTH:
        return source_id + _TARGET_ID_SUFFIX
    return source_id[:_TARGET_ID_MAX_LENGTH - len(_TARGET_ID_SUFFIX)] + _TARGET_ID_SUFFIX


def _dead_letter_queue(source_id: str, config: Any, passed: dict[str, Any]) -> tuple[Any, Resources]:
    """Return the ARN of a rule's dead-letter queue and the queue resources the translator creates for it.

    With Arn the queue exists already. With Type: SQS the translator creates
    a queue, named QueueLogicalId or `<rule>Queue`, and a queue policy that
    lets the rule send to it.
    """
    if config is None:
        return None, []
    has_arn, has_type = "Arn" in config, "Type" in config
    if has_arn == has_type or (has_type and config["Type"] != "SQS"):
        raise Unsupported(f"event {source_id} has a DeadLetterConfig that needs exactly one of Arn and Type: SQS")
    if config.get("Arn") is not None:
        return config["Arn"], []
    queue_id = config.get("QueueLogicalId")
    if queue_id is None:
        queue_id = f"{source_id}Queue"
    elif not isinstance(queue_id, str) or not LOGICAL_ID.fullmatch(queue_id):
        raise Unsupported(f"event {source_id} has a QueueLogicalId that is not an alphanumeric logical ID")
    queue_arn = {"Fn::GetAtt": [queue_id, "Arn"]}
    statement = {
        "Action": "sqs:SendMessage", "Effect": "Allow", "Principal": {"Service": _EVENTS_PRINCIPAL},
        "Resource": queue_arn, "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": [source_id, "Arn"]}}},
    }
    queue = {"Type": "AWS::SQS::Queue", **copy.deepcopy(passed), "Properties": {}}
    policy = {"Type": "AWS::SQS::QueuePolicy", **copy.deepcopy(passed), "Properties": {
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [statement]},
        "Queues": [{"Ref": queue_id}],
    }}
    return copy.deepcopy(queue_arn), [(queue_id, queue), (f"{source_id}QueuePolicy", policy)]


def _schedule(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
              ) -> Resources:
    """Build a Schedule event: the rule, any dead-letter queue, then the permission.

    The translator accepts RuleName on a Schedule event but names the rule from Name.
    """
    rule: dict[str, Any] = {}
    for source, name in (("Description", "Description"), ("Name", "Name"), ("Schedule", "ScheduleExpression")):
        if source in properties:
            rule[name] = properties[source]
    state = _rule_state(source_id, properties)
    if state is not None:
        rule["State"] = state
    dead_letter_arn, queue_resources = _dead_letter_queue(source_id, properties.get("DeadLetterConfig"), passed)
    rule["Targets"] = [_target(function_id, _generated_target_id(source_id), properties, dead_letter_arn,
                               ("Input", "DeadLetterConfig", "RetryPolicy"))]
    return [
        (source_id, {"Type": "AWS::Events::Rule", **copy.deepcopy(passed), "Properties": rule}),
        *queue_resources,
        _permission(function_id, f"{source_id}Permission", _EVENTS_PRINCIPAL, passed,
                    source_arn={"Fn::GetAtt": [source_id, "Arn"]}),
    ]


def _rule(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any]) -> Resources:
    """Build a CloudWatchEvent or EventBridgeRule event: any dead-letter queue, the rule, then the permission."""
    rule: dict[str, Any] = {}
    for source, name in (("EventBusName", "EventBusName"), ("Pattern", "EventPattern"), ("RuleName", "Name")):
        if source in properties:
            rule[name] = properties[source]
    dead_letter_arn, queue_resources = _dead_letter_queue(source_id, properties.get("DeadLetterConfig"), passed)
    state = _rule_state(source_id, properties)
    if state is not None:
        rule["State"] = state
    given_target = properties.get("Target")
    target_id = given_target["Id"] if given_target and "Id" in given_target else _generated_target_id(source_id)
    rule["Targets"] = [_target(function_id, target_id, properties, dead_letter_arn,
                               ("Input", "InputPath", "DeadLetterConfig", "RetryPolicy", "InputTransformer"))]
    return [
        *queue_resources,
        (source_id, {"Type": "AWS::Events::Rule", **copy.deepcopy(passed), "Properties": rule}),
        _permission(function_id, f"{source_id}Permission", _EVENTS_PRINCIPAL, passed,
                    source_arn={"Fn::GetAtt": [source_id, "Arn"]}),
    ]


def _sns(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any]) -> Resources:
    """Build an SNS event that subscribes the function itself: the permission, then the subscription."""
    if properties.get("SqsSubscription"):
        # NOTE: a queue between topic and function also changes the role and reads the topic's FifoTopic.
        raise Unsupported(f"event {source_id} subscribes through an SQS queue")
    subscription: dict[str, Any] = {"Endpoint": {"Fn::GetAtt": [function_id, "Arn"]}, "Protocol": "lambda",
                                    "TopicArn": properties["Topic"]}
    for name in ("Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy"):
        if name in properties:
            subscription[name] = properties[name]
    return [
        _permission(function_id, f"{source_id}Permission", "sns.amazonaws.com", passed,
                    source_arn=copy.deepcopy(properties["Topic"])),
        (source_id, {"Type": "AWS::SNS::Subscription", **copy.deepcopy(passed), "Properties": subscription}),
    ]


def _scheduler_schedule(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
                        ) -> Resources:
    """Build a ScheduleV2 event: the schedule, any dead-letter queue, then the role the scheduler assumes.

    With RoleArn the schedule uses that role and the translator makes none.
    Unlike a Schedule event, the queue gets no queue policy. The role the
    translator makes may send to it instead, and a role given with RoleArn
    needs that permission already.
    """
    schedule: dict[str, Any] = {"ScheduleExpression": properties["ScheduleExpression"],
                                "FlexibleTimeWindow": properties.get("FlexibleTimeWindow") or {"Mode": "OFF"}}
    if properties.get("OmitName"):
        if properties.get("Name"):
            raise Unsupported(f"event {source_id} sets Name and OmitName")
    else:
        schedule["Name"] = properties.get("Name") or source_id
    if properties.get("State"):
        schedule["State"] = properties["State"]
    schedule.update((name, properties[name]) for name in _SCHEDULE_PASSED if name in properties)
    resources: Resources = [(source_id, {"Type": "AWS::Scheduler::Schedule", **copy.deepcopy(passed),
                                         "Properties": schedule})]

    dead_letter = properties.get("DeadLetterConfig")
    dead_letter_arn = None
    if dead_letter is not None:
        dead_letter_arn, queue_id = _scheduler_dead_letter_queue(source_id, dead_letter)
        if queue_id is not None:
            resources.append((queue_id, {"Type": "AWS::SQS::Queue", **copy.deepcopy(passed), "Properties": {}}))

    function_arn = {"Fn::GetAtt": [function_id, "Arn"]}
    role_arn = properties.get("RoleArn")
    if not role_arn:
        role_id = f"{source_id}Role"
        resources.append((role_id, _scheduler_role(source_id, function_arn, dead_letter_arn, passed,
                                                   properties.get("PermissionsBoundary"))))
        role_arn = {"Fn::GetAtt": [role_id, "Arn"]}

    target: dict[str, Any] = {"Arn": function_arn, "RoleArn": role_arn}
    if "Input" in properties:
        target["Input"] = properties["Input"]
    if dead_letter is not None:
        target["DeadLetterConfig"] = {"Arn": dead_letter_arn}
    if "RetryPolicy" in properties:
        target["RetryPolicy"] = properties["RetryPolicy"]
    schedule["Target"] = copy.deepcopy(target)
    return resources


def _scheduler_dead_letter_queue(source_id: str, config: Mapping[str, Any]) -> tuple[Any, str | None]:
    """Return the ARN of a schedule's dead-letter queue, and the logical ID of the queue to create, if any."""
    has_arn, has_type = "Arn" in config, "Type" in config
    if has_arn == has_type or (has_type and config["Type"] != "SQS"):
        raise Unsupported(f"event {source_id} has a DeadLetterConfig that needs exactly one of Arn and Type: SQS")
    if has_arn:
        if config["Arn"] is None:
            raise Unsupported(f"event {source_id} has a DeadLetterConfig Arn of null")
        return config["Arn"], None
    queue_id = config.get("QueueLogicalId")
    if queue_id is None:
        queue_id = f"{source_id}Queue"
    elif not isinstance(queue_id, str) or not LOGICAL_ID.fullmatch(queue_id):
        raise Unsupported(f"event {source_id} has a QueueLogicalId that is not an alphanumeric logical ID")
    return {"Fn::GetAtt": [queue_id, "Arn"]}, queue_id


def _scheduler_role(source_id: str, function_arn: Any, dead_letter_arn: Any, passed: dict[str, Any],
                    boundary: Any) -> dict[str, Any]:
    """Build the role that lets the scheduler invoke the function and send to the dead-letter queue."""
    policies = [{"PolicyName": f"{source_id}LambdaPolicy", "PolicyDocument": {"Statement": [
        {"Action": "lambda:InvokeFunction", "Effect": "Allow", "Resource": function_arn}]}}]
    if dead_letter_arn:
        policies.append({"PolicyName": f"{source_id}SQSPolicy", "PolicyDocument": {"Statement": [
            {"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": dead_letter_arn}]}})
    trust = {"Version": "2012-10-17", "Statement": [
        {"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": ["scheduler.amazonaws.com"]}}]}
    role: dict[str, Any] = {"AssumeRolePolicyDocument": trust, "Policies": policies}
    if boundary:
        role["PermissionsBoundary"] = boundary
    return {"Type": "AWS::IAM::Role", **copy.deepcopy(passed), "Properties": copy.deepcopy(role)}


def _iot_rule(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
              partition: str) -> Resources:
    """Build an IoTRule event: the permission, then the topic rule that invokes the function."""
    rule_arn = f"arn:{partition}:iot:${{AWS::Region}}:${{AWS::AccountId}}:rule/${{RuleName}}"
    payload: dict[str, Any] = {"Sql": properties["Sql"], "RuleDisabled": False,
                               "Actions": [{"Lambda": {"FunctionArn": {"Fn::GetAtt": [function_id, "Arn"]}}}]}
    if properties.get("AwsIotSqlVersion"):
        payload["AwsIotSqlVersion"] = properties["AwsIotSqlVersion"]
    return [
        _permission(function_id, f"{source_id}Permission", "iot.amazonaws.com", passed,
                    source_arn={"Fn::Sub": [rule_arn, {"RuleName": {"Ref": source_id}}]},
                    source_account={"Fn::Sub": "${AWS::AccountId}"}),
        (source_id, {"Type": "AWS::IoT::TopicRule", **copy.deepcopy(passed),
                     "Properties": {"TopicRulePayload": payload}}),
    ]


def _s3(function_id: str, source_id: str, properties: Mapping[str, Any], passed: dict[str, Any],
        template_resources: Mapping[str, Any]) -> Resources:
    """Build an S3 event: the permission, then the template's bucket rewritten to notify the function.

    The bucket comes back under its own logical ID and replaces the written
    one. The translator rewrites the same bucket dictionary for every S3 event
    that names it, so this replays the events processed before this one on a
    copy, and the bucket returned for the last event is the one that stays.
    """
    bucket_ref = properties["Bucket"]
    bucket_id = bucket_ref.get("Ref") if isinstance(bucket_ref, dict) else None
    if not isinstance(bucket_id, str) or not isinstance(template_resources.get(bucket_id), dict):
        raise Unsupported(f"event {source_id} does not name a bucket of the template with Ref")
    bucket = copy.deepcopy(template_resources[bucket_id])
    _check_bucket(bucket_id, bucket)

    linked = _bucket_events(template_resources, bucket_id)
    if source_id not in linked:
        raise Unsupported(f"event {source_id} is not among the S3 events of bucket {bucket_id} in the template")
    for earlier_id, (earlier_function, earlier_name, earlier_event, earlier_passed) in linked.items():
        if earlier_id == source_id:
            break
        earlier = _properties(earlier_function, earlier_name, "S3", earlier_event)
        _link_bucket(bucket, earlier_function, earlier_id, earlier, earlier_passed)
    _link_bucket(bucket, function_id, source_id, properties, passed)

    permission = _permission(function_id, f"{source_id}Permission", "s3.amazonaws.com", passed,
                             source_account={"Ref": "AWS::AccountId"})
    return [permission, (bucket_id, _bucket_resource(bucket))]


def _bucket_events(template_resources: Mapping[str, Any], bucket_id: str,
                   ) -> dict[str, tuple[str, str, Mapping[str, Any], dict[str, Any]]]:
    """Find the S3 events that name the bucket with Ref, in the order the translator processes them.

    The translator takes functions in template order and the events of each
    function sorted by their Path property, or by name when they have none.
    Returns, by the event's logical ID, its function, name, event and the
    attributes its resources get.
    """
    found = {}
    for function_id, definition in template_resources.items():
        if not isinstance(definition, dict) or definition.get("Type") != "AWS::Serverless::Function":
            continue
        function_properties = definition.get("Properties")
        events = function_properties.get("Events") if isinstance(function_properties, dict) else None
        if not isinstance(events, dict):
            continue
        try:
            names = sorted(events, key=lambda name: event_order(name, events[name]))
        except TypeError as error:
            raise Unsupported(f"the events of function {function_id} cannot be sorted by Path") from error
        passed = attributes(definition, PASSED_ATTRIBUTES)
        for name in names:
            event = events[name]
            event_properties = event.get("Properties") if isinstance(event, dict) else None
            if isinstance(event_properties, dict) and event.get("Type") == "S3" \
                    and event_properties.get("Bucket") == {"Ref": bucket_id}:
                found[f"{function_id}{name}"] = (function_id, name, event, passed)
    return found


def _link_bucket(bucket: dict[str, Any], function_id: str, source_id: str, properties: Mapping[str, Any],
                 passed: Mapping[str, Any]) -> None:
    """Make the bucket wait for the event's permission and notify the function, as the translator does.

    The bucket's DependsOn gains the permission. When the function has a
    Condition, the bucket gets a tag instead, whose value refers to the
    permission under that condition, because DependsOn cannot be conditional.
    """
    permission_id = f"{source_id}Permission"
    condition = passed.get("Condition")
    if condition is None:
        depends_on = bucket.get("DependsOn", [])
        # The translator rebuilds DependsOn from a set, so its order is the set's iteration order.
        depends_on_set = set([depends_on] if isinstance(depends_on, str) else depends_on)
        depends_on_set.add(permission_id)
        bucket["DependsOn"] = list(depends_on_set)
    else:
        bucket_properties = bucket.setdefault("Properties", {})
        tags = bucket_properties.get("Tags")
        dependency = {"Fn::If": [condition, {"Ref": permission_id}, "no dependency"]}
        bucket_properties["Tags"] = [*(tags or []), {"Key": f"sam:ConditionalDependsOn:{permission_id}",
                                                     "Value": dependency}]
    _add_notifications(function_id, properties, condition, bucket.setdefault("Properties", {}))


def _check_bucket(bucket_id: str, bucket: Mapping[str, Any]) -> None:
    """Decline a bucket the translator would reject, or rewrite in a way the native transform does not follow."""
    if bucket.get("Type") != "AWS::S3::Bucket":
        raise Unsupported(f"the source {bucket_id} of an S3 event is not an AWS::S3::Bucket")
    if set(bucket) - _BUCKET_KEYS:
        raise Unsupported(f"bucket {bucket_id} has attributes {sorted(set(bucket) - _BUCKET_KEYS)}")
    depends_on = bucket.get("DependsOn")
    if depends_on is not None and not isinstance(depends_on, str) and not (
            isinstance(depends_on, list) and all(isinstance(item, str) for item in depends_on)):
        raise Unsupported(f"the DependsOn of bucket {bucket_id} is neither a name nor a list of names")
    if "Properties" not in bucket:
        return
    properties = bucket["Properties"]
    if not isinstance(properties, dict) or is_intrinsic(properties):
        raise Unsupported(f"the Properties of bucket {bucket_id} are not a plain mapping")
    unknown = set(properties) - set(_BUCKET_PROPERTIES)
    if unknown:
        raise Unsupported(f"bucket {bucket_id} sets {sorted(unknown, key=str)}")
    tags = properties.get("Tags")
    if tags is not None and not isinstance(tags, list):
        raise Unsupported(f"bucket {bucket_id} has Tags that are not a list")
    notifications = properties.get("NotificationConfiguration")
    if notifications is None:
        return
    if not isinstance(notifications, dict) or is_intrinsic(notifications):
        raise Unsupported(f"bucket {bucket_id} has a NotificationConfiguration that is not a plain mapping")
    lambda_configurations = notifications.get("LambdaConfigurations")
    if lambda_configurations is not None and not isinstance(lambda_configurations, list):
        raise Unsupported(f"bucket {bucket_id} has LambdaConfigurations that are not a list")


def _add_notifications(function_id: str, properties: Mapping[str, Any], condition: Any,
                       bucket_properties: dict[str, Any]) -> None:
    """Add a Lambda configuration per S3 event name, skipping one the bucket already has."""
    names = properties["Events"]
    configurations: list[dict[str, Any]] = []
    for name in [names] if isinstance(names, str) else names:
        configuration: dict[str, Any] = {"Function": {"Fn::GetAtt": [function_id, "Arn"]}}
        if "Filter" in properties:
            configuration["Filter"] = copy.deepcopy(properties["Filter"])
        configuration["Event"] = name
        if condition is not None:
            configuration = {"Fn::If": [condition, configuration, {"Ref": "AWS::NoValue"}]}
        configurations.append(configuration)

    notifications = bucket_properties.get("NotificationConfiguration")
    if notifications is None:
        notifications = bucket_properties["NotificationConfiguration"] = {}
    existing: list[Any] | None = notifications.get("LambdaConfigurations")
    if existing is None:
        existing = notifications["LambdaConfigurations"] = []
    for configuration in configurations:
        if configuration not in existing:
            existing.append(configuration)


def _bucket_resource(bucket: Mapping[str, Any]) -> dict[str, Any]:
    """Write the rewritten bucket as the translator does: its attributes, then its properties in a fixed order."""
    properties = bucket["Properties"]
    resource: dict[str, Any] = {"Type": "AWS::S3::Bucket"}
    if bucket.get("DependsOn"):
        resource["DependsOn"] = bucket["DependsOn"]
    resource.update((name, bucket[name]) for name in OWN_ATTRIBUTES if name in bucket)
    resource["Properties"] = {name: properties[name] for name in _BUCKET_PROPERTIES
                              if properties.get(name) is not None}
    return resource
