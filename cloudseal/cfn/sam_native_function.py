"""AWS::Serverless::Function in the native SAM transform: the function, its role, URL and events.

Each builder reproduces what aws-sam-translator writes for the same input, and
raises Unsupported for anything it does not reproduce exactly, so that the
translator handles it instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from cloudseal.cfn.sam_native_base import (
    OWN_ATTRIBUTES,
    PASSED_ATTRIBUTES,
    Unsupported,
    attributes,
    event_order,
    is_intrinsic,
    s3_uri,
    tag_list,
)
from cloudseal.cfn.sam_native_broker_events import BROKER_EVENT_TYPES, broker_event_resources
from cloudseal.cfn.sam_native_destinations import dead_letter_policies, invoke_config_resources
from cloudseal.cfn.sam_native_events import PUSH_EVENT_TYPES, push_event_resources
from cloudseal.cfn.sam_native_roles import managed_arn, role_resource, service_trust_policy
from cloudseal.cfn.sam_native_versions import (
    alias_id,
    alias_name,
    all_properties_of,
    check_bucket_sharing,
    code_sha256_of,
    invoke_alias,
    version_id,
    version_resources,
)

SAM_TAG = {"Key": "lambda:createdBy", "Value": "SAM"}

# Function properties copied to AWS::Lambda::Function unchanged.
_COPIED = ("Handler", "Runtime", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment",
           "KmsKeyArn", "ReservedConcurrentExecutions", "Layers", "FileSystemConfigs", "Architectures",
           "SnapStart", "EphemeralStorage", "CodeSigningConfigArn", "RuntimeManagementConfig",
           "LoggingConfig", "RecursiveLoop", "TenancyConfig", "DurableConfig", "PublishToLatestPublished")
# Function properties that shape other parts of the output.
_SHAPED = ("FunctionName", "Role", "CodeUri", "InlineCode", "Policies", "Tags", "Tracing", "Events",
           "FunctionUrlConfig", "PermissionsBoundary", "RolePath", "AssumeRolePolicyDocument",
           "AutoPublishAlias", "AutoPublishCodeSha256", "AutoPublishAliasAllProperties", "VersionDescription",
           "VersionDeletionPolicy", "ProvisionedConcurrencyConfig", "EventInvokeConfig", "DeadLetterQueue",
           "PackageType", "ImageUri", "ImageConfig", "SourceKMSKeyArn", "PropagateTags")
SUPPORTED_PROPERTIES = frozenset(_COPIED + _SHAPED)
# Properties the Globals section may give every function (the translator's list, less what is unsupported).
# EventInvokeConfig is left out because the translator writes into it, so functions that share it through Globals
# see one another's destinations.
GLOBAL_PROPERTIES = SUPPORTED_PROPERTIES - {"FunctionName", "Role", "Policies", "Events", "InlineCode",
                                            "VersionDescription", "PackageType", "ImageUri", "ImageConfig",
                                            "EventInvokeConfig", "AutoPublishCodeSha256"}

# The types of the resources a function generates whose models in aws-sam-translator 1.115 take Tags.
_TAGGED_TYPES = frozenset({"AWS::Lambda::Function", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::SNS::Topic",
                           "AWS::S3::Bucket", "AWS::IoT::TopicRule"})
# Event types whose resources PropagateTags is known to reach only through the function's generated list. Buckets
# of S3 events and the APIs of Api and HttpApi events take the tags in other ways, so they are left out.
_TAG_PROPAGATING_EVENTS = frozenset({"SQS", "Kinesis", "DynamoDB", "SNS", "Schedule", "ScheduleV2", "EventBridgeRule",
                                     "CloudWatchEvent", "IoTRule", "MQ", "MSK", "SelfManagedKafka", "DocumentDB"})
# Properties whose type the translator checks before it transforms a function, unless they hold an intrinsic function.
_CHECKED_TYPES: dict[str, type] = {"AutoPublishAlias": str, "VersionDeletionPolicy": str, "EventInvokeConfig": dict,
                                   "DeadLetterQueue": dict, "DurableConfig": dict, "FunctionUrlConfig": dict}

# Event sources that Lambda polls: the property that names the source, and the managed policy the role gets.
_PULL_SOURCES = {
    "SQS": ("Queue", "service-role/AWSLambdaSQSQueueExecutionRole"),
    "Kinesis": ("Stream", "service-role/AWSLambdaKinesisExecutionRole"),
    "DynamoDB": ("Stream", "service-role/AWSLambdaDynamoDBExecutionRole"),
}
# Properties of those events copied to the event source mapping, with the type the translator checks.
_PULL_PROPERTIES: dict[str, type | None] = {
    "BatchSize": int, "StartingPosition": None, "StartingPositionTimestamp": None, "Enabled": bool,
    "MaximumBatchingWindowInSeconds": int, "MaximumRetryAttempts": int, "BisectBatchOnFunctionError": bool,
    "MaximumRecordAgeInSeconds": int, "ParallelizationFactor": int, "TumblingWindowInSeconds": int,
    "FunctionResponseTypes": list, "ScalingConfig": dict, "MetricsConfig": dict,
    "ProvisionedPollerConfig": dict, "KmsKeyArn": None, "LoggingConfig": dict, "FilterCriteria": dict,
}
# The policy a stream event's OnFailure destination gives the role, by destination type: name suffix and action.
_FAILURE_DESTINATIONS = {"SQS": ("SQSPolicy", "sqs:SendMessage"), "SNS": ("SNSPolicy", "sns:publish")}
_URL_CORS_TYPES = {"AllowOrigins": list, "AllowMethods": list, "AllowCredentials": bool, "AllowHeaders": list,
                   "ExposeHeaders": list, "MaxAge": int}
_DYNAMIC_REFERENCE = re.compile(r"{{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?}}")


def function_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                       partition: str, template_resources: Mapping[str, Any],
                       api_permissions: Sequence[tuple[str, dict[str, Any]]] = (),
                       parameters: Mapping[str, Any] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Build the resources of one function; `properties` already hold the merged Globals.

    `template_resources` is the Resources section as written, which S3 and SNS
    events read. `api_permissions` are the permissions of the function's Api
    events, built with the implicit API; each takes its event's place.
    `parameters` are the template and pseudo parameter values, which the
    version hash and EventInvokeConfig inline.
    """
    unknown = set(properties) - SUPPORTED_PROPERTIES
    if unknown:
        raise Unsupported(f"function {logical_id} sets {sorted(unknown)}")
    parameters = parameters or {}
    passed = attributes(definition, PASSED_ATTRIBUTES)
    dead_letter = dead_letter_policies(logical_id, properties)
    function = _lambda_function(logical_id, definition, properties)
    resources = [(logical_id, function)]
    versions = version_resources(logical_id, function["Properties"], properties, passed, parameters)
    resources.extend(versions)
    # With an alias, the URL and the events invoke the alias instead of the function.
    alias = versions[-1][0] if versions else None
    url_config = properties.get("FunctionUrlConfig")
    if url_config:
        resources.extend(_url_resources(logical_id, url_config, passed, alias))
    invoke_resources, invoke_policies = invoke_config_resources(logical_id, definition, properties, alias,
                                                                parameters, template_resources)
    resources.extend(invoke_resources)
    role = _role(logical_id, properties, passed, partition, [*dead_letter, *invoke_policies])
    if function["Properties"].get("Role") is None:
        function["Properties"]["Role"] = {"Fn::GetAtt": [f"{logical_id}Role", "Arn"]}
        resources.append((f"{logical_id}Role", role))
    events = _Events(logical_id, role, passed, partition, template_resources, api_permissions, alias)
    # Globals.Function.AutoPublishAlias leaves the key in every function, even one that sets it empty.
    events.aliases_configured = "AutoPublishAlias" in properties
    resources.extend(events.resources(properties.get("Events")))
    return _propagate_tags(logical_id, properties, resources)


def _propagate_tags(logical_id: str, properties: Mapping[str, Any], resources: list[tuple[str, dict[str, Any]]],
                    ) -> list[tuple[str, dict[str, Any]]]:
    """Give every generated resource that takes tags the function's Tags when PropagateTags is true.

    The translator replaces the resources' tags rather than adding to them,
    so the function itself loses its lambda:createdBy tag.
    """
    propagate, tags = properties.get("PropagateTags"), properties.get("Tags")
    if propagate is not None and not isinstance(propagate, bool):
        raise Unsupported(f"function {logical_id} has a PropagateTags that is not a boolean")
    if not propagate or not tags:
        return resources
    events = properties.get("Events") or {}
    if any(event.get("Type") not in _TAG_PROPAGATING_EVENTS for event in events.values()):
        raise Unsupported(f"function {logical_id} propagates tags, and has events other than "
                          f"{', '.join(sorted(_TAG_PROPAGATING_EVENTS))}")
    return [(generated_id, {**resource, "Properties": {**resource["Properties"], "Tags": tag_list(tags)}})
            if resource.get("Type") in _TAGGED_TYPES else (generated_id, resource)
            for generated_id, resource in resources]


def _lambda_function(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                     ) -> dict[str, Any]:
    for key, expected in _CHECKED_TYPES.items():
        value = properties.get(key)
        if value is not None and not is_intrinsic(value) and not isinstance(value, expected):
            raise Unsupported(f"function {logical_id} has a {key} that is not a {expected.__name__}")
    image = _is_image(logical_id, properties)
    _check_tenancy(logical_id, properties)
    dead_letter_policies(logical_id, properties)
    if not image and (not properties.get("Runtime") or not properties.get("Handler")):
        raise Unsupported(f"function {logical_id} lacks Runtime or Handler")
    for mapping in ("Environment", "Tags", "SnapStart", "AssumeRolePolicyDocument", "DeadLetterQueue"):
        if properties.get(mapping) is not None and (
                not isinstance(properties[mapping], dict) or is_intrinsic(properties[mapping])):
            raise Unsupported(f"function {logical_id} has a {mapping} that is not a plain mapping")
    environment = properties.get("Environment")
    if environment is not None and not all(isinstance(value, dict) for value in environment.values()):
        raise Unsupported(f"function {logical_id} has an Environment entry that is not a mapping")
    layers = properties.get("Layers")
    if layers is not None and not (isinstance(layers, list) and all(isinstance(x, str | dict) for x in layers)):
        raise Unsupported(f"function {logical_id} has Layers that are not a list")
    tags = properties.get("Tags")
    if tags is not None and SAM_TAG["Key"] in tags:
        raise Unsupported(f"function {logical_id} sets the reserved tag {SAM_TAG['Key']}")

    generated: dict[str, Any] = {}
    name = properties.get("FunctionName")
    if name:
        if not isinstance(name, str | dict):
            raise Unsupported(f"function {logical_id} has a FunctionName that is neither text nor a function")
        generated["FunctionName"] = name
    generated.update((key, properties[key]) for key in _COPIED if properties.get(key) is not None)
    role = properties.get("Role")
    if role is not None:
        if not isinstance(role, str) and not (is_intrinsic(role) and "Fn::If" not in role):
            raise Unsupported(f"function {logical_id} has a Role the native transform does not take")
        generated["Role"] = role
    generated["Code"] = {"ImageUri": properties["ImageUri"]} if image else _code(logical_id, properties)
    if not image and properties.get("SourceKMSKeyArn"):
        # The key goes into Code, so it also counts in the hash of a published version.
        generated["Code"]["SourceKMSKeyArn"] = properties["SourceKMSKeyArn"]
    generated["Tags"] = [dict(SAM_TAG), *tag_list(tags)]
    for key in ("ImageConfig", "PackageType"):
        if properties.get(key) is not None:
            generated[key] = properties[key]
    tracing = _tracing(logical_id, properties)
    if tracing:
        generated["TracingConfig"] = {"Mode": tracing}
    dead_letter_queue = properties.get("DeadLetterQueue")
    if dead_letter_queue:
        generated["DeadLetterConfig"] = {"TargetArn": dead_letter_queue["TargetArn"]}

    resource: dict[str, Any] = {"Type": "AWS::Lambda::Function"}
    depends_on = definition.get("DependsOn")
    if depends_on:
        resource["DependsOn"] = depends_on
    resource.update(attributes(definition, OWN_ATTRIBUTES))
    resource["Properties"] = generated
    return resource


def _is_image(logical_id: str, properties: Mapping[str, Any]) -> bool:
    """Tell whether the function is a container image, and decline package settings the translator rejects."""
    package_type = properties.get("PackageType")
    if package_type not in (None, "Zip", "Image"):
        raise Unsupported(f"function {logical_id} has a PackageType other than Zip or Image")
    if package_type != "Image":
        if properties.get("ImageUri") is not None or properties.get("ImageConfig"):
            raise Unsupported(f"function {logical_id} sets ImageUri or ImageConfig without PackageType Image")
        return False
    if any(properties.get(key) for key in ("Runtime", "Handler", "Layers")) or not properties.get("ImageUri"):
        raise Unsupported(f"image function {logical_id} sets Runtime, Handler or Layers, or lacks ImageUri")
    return True


def _check_tenancy(logical_id: str, properties: Mapping[str, Any]) -> None:
    """Decline what the translator rejects on a function with TenancyConfig."""
    if not properties.get("TenancyConfig"):
        return
    if any(properties.get(key) for key in ("ProvisionedConcurrencyConfig", "FunctionUrlConfig", "SnapStart")):
        raise Unsupported(f"function {logical_id} sets TenancyConfig with ProvisionedConcurrencyConfig, "
                          "FunctionUrlConfig or SnapStart")
    events = properties.get("Events")
    if events and (not isinstance(events, dict) or any(
            not isinstance(event, dict) or event.get("Type") not in ("Api", "HttpApi") for event in events.values())):
        raise Unsupported(f"function {logical_id} sets TenancyConfig with events other than Api and HttpApi")


def _tracing(logical_id: str, properties: Mapping[str, Any]) -> str | None:
    """Return the tracing mode the function and its role get, or None when tracing is off."""
    tracing = properties.get("Tracing")
    if tracing is None or tracing == "":
        return None
    if not isinstance(tracing, str):
        raise Unsupported(f"function {logical_id} has a Tracing that is not text")
    return None if tracing == "Disabled" else tracing


def _code(logical_id: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    inline = properties.get("InlineCode")
    if inline is not None:
        return {"ZipFile": inline}
    return s3_code(f"function {logical_id}", properties.get("CodeUri"))


def s3_code(owner: str, location: Any) -> dict[str, Any]:
    """Build the Code of a function or the Content of a layer from its S3 location, a URI or a mapping."""
    if isinstance(location, dict):
        if is_intrinsic(location) or not location.get("Bucket") or not location.get("Key"):
            raise Unsupported(f"{owner} has an S3 location mapping without Bucket and Key")
        code = {"S3Bucket": location["Bucket"], "S3Key": location["Key"]}
        if "Version" in location:
            code["S3ObjectVersion"] = location["Version"]
        if "StorageMode" in location:
            code["S3ObjectStorageMode"] = location["StorageMode"]
        return code
    if not isinstance(location, str) or _DYNAMIC_REFERENCE.search(location):
        raise Unsupported(f"{owner} has no S3 location the native transform reads")
    pointer = s3_uri(location)
    if pointer is None:
        raise Unsupported(f"{owner} has an S3 location that is not an s3:// URI")
    code = {"S3Bucket": pointer["Bucket"], "S3Key": pointer["Key"]}
    if "Version" in pointer:
        code["S3ObjectVersion"] = pointer["Version"]
    return code


def _url_resources(logical_id: str, config: Any, passed: dict[str, Any], alias: str | None,
                   ) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(config, dict) or is_intrinsic(config) or set(config) - {"AuthType", "Cors", "InvokeMode"}:
        raise Unsupported(f"function {logical_id} has a FunctionUrlConfig the native transform does not take")
    auth_type = config.get("AuthType")
    if auth_type not in ("AWS_IAM", "NONE"):
        raise Unsupported(f"function {logical_id} has a FunctionUrlConfig AuthType other than AWS_IAM or NONE")
    cors = config.get("Cors")
    if cors and (not isinstance(cors, dict) or any(
            name not in _URL_CORS_TYPES or not isinstance(value, _URL_CORS_TYPES[name])
            for name, value in cors.items())):
        raise Unsupported(f"function {logical_id} has a FunctionUrlConfig Cors the native transform does not take")
    target = {"Ref": alias or logical_id}
    url: dict[str, Any] = {"TargetFunctionArn": target}
    if cors:
        url["Cors"] = cors
    url["AuthType"] = auth_type
    if config.get("InvokeMode") is not None:
        url["InvokeMode"] = config["InvokeMode"]
    resources = [(f"{logical_id}Url", {"Type": "AWS::Lambda::Url", **passed, "Properties": url})]
    if auth_type == "NONE":
        # A public URL gets two permissions: to call the URL, and to invoke the function through it.
        call_url = {"Action": "lambda:InvokeFunctionUrl", "FunctionName": target, "Principal": "*",
                    "FunctionUrlAuthType": "NONE"}
        invoke = {"Action": "lambda:InvokeFunction", "Principal": "*", "FunctionName": target,
                  "InvokedViaFunctionUrl": True}
        resources.append((f"{logical_id}UrlPublicPermissions",
                          {"Type": "AWS::Lambda::Permission", **passed, "Properties": call_url}))
        resources.append((f"{logical_id}URLInvokeAllowPublicAccess",
                          {"Type": "AWS::Lambda::Permission", **passed, "Properties": invoke}))
    return resources


def _role(logical_id: str, properties: Mapping[str, Any], passed: dict[str, Any], partition: str,
          documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Build the execution role; the translator builds it even when the function names its own role."""
    # A durable function's role gets the durable variant of the basic execution policy instead.
    basic = "AWSLambdaBasicDurableExecutionRolePolicy" if properties.get("DurableConfig") \
        else "AWSLambdaBasicExecutionRole"
    managed: list[Any] = [managed_arn(f"service-role/{basic}", partition)]
    if _tracing(logical_id, properties):
        xray = "AWSXrayWriteOnlyAccess" if partition == "aws" else "AWSXRayDaemonWriteAccess"
        managed.append(managed_arn(xray, partition))
    if properties.get("VpcConfig"):
        managed.append(managed_arn("service-role/AWSLambdaVPCAccessExecutionRole", partition))
    trust = properties.get("AssumeRolePolicyDocument")
    return role_resource(
        logical_id, passed, partition, managed=managed, policies=properties.get("Policies"),
        trust=trust if trust is not None else service_trust_policy("lambda.amazonaws.com"),
        path=properties.get("RolePath"), boundary=properties.get("PermissionsBoundary"),
        tags=[dict(SAM_TAG), *tag_list(properties.get("Tags"))], documents=documents,
    )


class _Events:
    """Build the resources of a function's events, in the translator's order of events."""

    def __init__(self, logical_id: str, role: dict[str, Any], passed: dict[str, Any], partition: str,
                 template_resources: Mapping[str, Any], api_permissions: Sequence[tuple[str, dict[str, Any]]],
                 alias: str | None = None) -> None:
        self.logical_id = logical_id
        self.alias = alias
        self.aliases_configured = alias is not None
        self.role = role
        self.passed = passed
        self.partition = partition
        self.template_resources = template_resources
        self.api_permissions = dict(api_permissions)

    def resources(self, events: Any) -> list[tuple[str, dict[str, Any]]]:
        logical_id = self.logical_id
        if events is None:
            return []
        if not isinstance(events, dict) or is_intrinsic(events):
            raise Unsupported(f"function {logical_id} has Events that are not a mapping")
        resources = []
        for name in sorted(events, key=lambda key: event_order(key, events[key])):
            event = events[name]
            if not isinstance(name, str) or not name.isascii() or not name.isalnum() or not isinstance(event, dict) \
                    or not isinstance(event.get("Type"), str):
                raise Unsupported(f"function {logical_id} has an event the native transform does not take")
            check_bucket_sharing(logical_id, name, event, self.aliases_configured, self.template_resources)
            generated = self._event(name, event)
            if self.alias is not None:
                generated = invoke_alias(logical_id, name, event, generated, self.alias, self.template_resources)
            resources.extend(generated)
        return resources

    def _event(self, name: str, event: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        logical_id = self.logical_id
        kind = event.get("Type")
        if kind == "Api":
            # The permission's ID ends with the stage of the API the event names.
            prefix = f"{logical_id}{name}Permission"
            found = [(key, value) for key, value in self.api_permissions.items() if key.startswith(prefix)]
            if len(found) != 1:
                raise Unsupported(f"function {logical_id} has an Api event {name} that the native transform "
                                  "did not build")
            return found
        if kind == "HttpApi":
            # Built with the HTTP APIs; an event that the function's $default route covers has no permission.
            return [(key, value) for key, value in self.api_permissions.items()
                    if key == f"{logical_id}{name}Permission"]
        if kind in PUSH_EVENT_TYPES:
            return push_event_resources(logical_id, name, event, self.passed, self.role, self.partition,
                                        self.template_resources)
        if kind in BROKER_EVENT_TYPES:
            return broker_event_resources(logical_id, name, event, self.passed, self.role, self.partition,
                                          self.template_resources)
        if kind not in _PULL_SOURCES or set(event) - {"Type", "Properties"}:
            raise Unsupported(f"function {logical_id} has an event of type {kind}")
        source, policy = _PULL_SOURCES[kind]
        mapping = _source_mapping(logical_id, name, source, event.get("Properties"), self.passed)
        arn = managed_arn(policy, self.partition)
        if arn not in self.role["Properties"]["ManagedPolicyArns"]:
            self.role["Properties"]["ManagedPolicyArns"].append(arn)
        failure_policy = _failure_destination_policy(f"{logical_id}{name}", event["Properties"])
        if failure_policy is not None:
            # The translator adds the policy unless the role already has one with the same document.
            documents = self.role["Properties"].setdefault("Policies", [])
            if failure_policy["PolicyDocument"] not in [document.get("PolicyDocument", {})
                                                        for document in documents]:
                documents.append(failure_policy)
        return [(f"{logical_id}{name}", mapping)]


def _source_mapping(logical_id: str, name: str, source: str, properties: Any, passed: dict[str, Any],
                    ) -> dict[str, Any]:
    """Build the event source mapping of a queue or stream event."""
    if not isinstance(properties, dict) or is_intrinsic(properties) or properties.get(source) is None:
        raise Unsupported(f"event {name} of function {logical_id} has no {source}")
    if source == "Stream" and properties.get("StartingPosition") is None:
        raise Unsupported(f"event {name} of function {logical_id} has no StartingPosition")
    mapping: dict[str, Any] = {"FunctionName": {"Ref": logical_id}, "EventSourceArn": properties[source]}
    for key, value in properties.items():
        if key == source:
            continue
        if key == "DestinationConfig" and value:
            mapping[key] = _failure_destination(logical_id, name, value)
            continue
        if key not in _PULL_PROPERTIES:
            raise Unsupported(f"event {name} of function {logical_id} sets {key}")
        expected = _PULL_PROPERTIES[key]
        if expected is not None and value is not None and not is_intrinsic(value) and not isinstance(value, expected):
            raise Unsupported(f"event {name} of function {logical_id} has a {key} of the wrong type")
        if value is not None:
            mapping[key] = value
    filters = properties.get("FilterCriteria")
    if filters and not is_intrinsic(filters) and list(filters) != ["Filters"]:
        raise Unsupported(f"event {name} of function {logical_id} has a FilterCriteria with keys besides Filters")
    return {"Type": "AWS::Lambda::EventSourceMapping", **passed, "Properties": mapping}


def _failure_destination(logical_id: str, name: str, config: Any) -> dict[str, Any]:
    """Return the DestinationConfig of an event source mapping: the written one, less the OnFailure Type."""
    failure = config.get("OnFailure") if isinstance(config, dict) and not is_intrinsic(config) else None
    if not isinstance(failure, dict) or set(config) != {"OnFailure"} or is_intrinsic(failure) \
            or set(failure) - {"Type", "Destination"} or not isinstance(failure.get("Type", "SQS"), str) \
            or failure.get("Type", "SQS") not in _FAILURE_DESTINATIONS:
        raise Unsupported(f"event {name} of function {logical_id} has a DestinationConfig the native transform "
                          "does not take")
    return {"OnFailure": {key: value for key, value in failure.items() if key != "Type"}}


def _failure_destination_policy(source_id: str, properties: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the role's policy for the OnFailure destination of an event, checked by _failure_destination."""
    config = properties.get("DestinationConfig")
    failure = config["OnFailure"] if config else {}
    if not failure.get("Type"):
        return None
    suffix, action = _FAILURE_DESTINATIONS[failure["Type"]]
    statement = {"Action": action, "Effect": "Allow", "Resource": failure.get("Destination")}
    return {"PolicyName": source_id + suffix, "PolicyDocument": {"Statement": [statement]}}


def alias_references(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                     parameters: Mapping[str, Any]) -> dict[str, str]:
    """Return what `Function.Alias` and `Function.Version` resolve to, or {} for a function without an alias."""
    name = alias_name(logical_id, properties, parameters)
    if name is None:
        return {}
    function = _lambda_function(logical_id, definition, properties)["Properties"]
    code_sha256 = code_sha256_of(logical_id, function, properties, parameters)
    published = version_id(logical_id, function, parameters, code_sha256,
                           all_properties=all_properties_of(logical_id, properties))
    return {"Alias": alias_id(logical_id, name), "Version": published}
