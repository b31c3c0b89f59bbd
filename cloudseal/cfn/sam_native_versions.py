"""Published versions and aliases in the native SAM transform, and the references that name them.

A function with AutoPublishAlias gets an AWS::Lambda::Version whose logical ID
ends with a hash of its code location and a few properties, so that a change of
code publishes a new version, and an AWS::Lambda::Alias that points at it.
aws-sam-translator 1.115 (`SamFunction._construct_version` and `LogicalIdGenerator`)
hashes the first 10 hex digits of a SHA-1 over compact JSON with sorted keys.
After the transform it rewrites `!Ref Function.Alias`, `!GetAtt
Function.Version.Version` and `${Function.Alias}` anywhere in the template, and
renames references to layers whose logical ID gained a hash. This module
reproduces those steps.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from cloudseal.cfn.nodes import MappingNode, copy_position
from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic

# The intrinsic functions the translator resolves template parameters in.
_RESOLVED_FUNCTIONS = frozenset({"Ref", "Fn::Sub", "Fn::GetAtt"})
# The `${...}` variables the translator rewrites inside Fn::Sub text.
_SUB_VARIABLE = re.compile(r"\$\{([A-Za-z0-9.]+|AWS::[A-Z][A-Za-z]*)\}")
# The prefix of values CloudFormation passes for parameters of nested stacks that do not exist yet. The translator
# leaves references to such parameters as written.
_PLACEHOLDER_PREFIX = "{{IntrinsicFunction:"
_HASH_LENGTH = 10
_ALIAS_NAME = re.compile(r"[A-Za-z0-9_-]+")
_VERSION_DELETION_POLICIES = ("Delete", "Retain")

Generated = list[tuple[str, dict[str, Any]]]
# The resources that `Resource.Property` references resolve to, by SAM logical ID and property.
References = dict[str, dict[str, str]]


def logical_id_hash(data: Any) -> str:
    """Hash data the way the translator suffixes generated logical IDs: text as is, else sorted compact JSON."""
    if not data:
        return ""
    try:
        text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"), sort_keys=True)
    except (TypeError, ValueError) as error:
        raise Unsupported(f"a hashed value is not plain JSON ({error})") from error
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:_HASH_LENGTH]


def resolve_parameters(value: Any, parameters: Mapping[str, Any]) -> Any:
    """Return a copy of a value with template parameters inlined where the translator inlines them.

    `{"Ref": name}` becomes the parameter's value and `${name}` inside Fn::Sub
    text becomes its text. Every other intrinsic function stays as written.
    """
    if is_intrinsic(value) and next(iter(value)) in _RESOLVED_FUNCTIONS:
        value = _resolve_parameter_function(value, parameters)
    if isinstance(value, dict):
        return {key: resolve_parameters(item, parameters) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_parameters(item, parameters) for item in value]
    return value


def _resolve_parameter_function(value: dict[str, Any], parameters: Mapping[str, Any]) -> Any:
    name, argument = next(iter(value.items()))
    if name == "Ref":
        return _parameter(parameters, argument, value) if isinstance(argument, str) else value
    if name == "Fn::Sub":
        return {name: _map_sub_text(argument, lambda variable, whole: _parameter(parameters, variable, whole))}
    return value


def _parameter(parameters: Mapping[str, Any], name: str, default: Any) -> Any:
    found = parameters.get(name, default)
    return default if isinstance(found, str) and found.startswith(_PLACEHOLDER_PREFIX) else found


def _map_sub_text(argument: Any, replace: Callable[[str, str], Any]) -> Any:
    """Rewrite each `${...}` variable of Fn::Sub text with `replace(variable, whole)`, the way the translator does.

    The translator replaces the first occurrence of each variable in turn, in
    the text as rewritten so far, so the same replacement order is kept here.
    """
    text = argument[0] if isinstance(argument, list) and argument and isinstance(argument[0], str) else argument
    if not isinstance(text, str):
        return argument
    rewritten = text
    for match in _SUB_VARIABLE.finditer(text):
        replacement = replace(match[1], match[0])
        if not isinstance(replacement, str):
            raise Unsupported(f"the Fn::Sub variable {match[0]} has a value that is not text")
        rewritten = rewritten.replace(match[0], replacement, 1)
    return [rewritten, *argument[1:]] if isinstance(argument, list) else rewritten


def alias_name(logical_id: str, properties: Mapping[str, Any], parameters: Mapping[str, Any]) -> str | None:
    """Return the function's AutoPublishAlias with parameters resolved, None without one, or decline."""
    written = properties.get("AutoPublishAlias")
    if not written:
        return None
    if not isinstance(written, str) and not (is_intrinsic(written) and "Ref" in written):
        raise Unsupported(f"function {logical_id} has an AutoPublishAlias that is neither text nor a Ref")
    name = resolve_parameters(written, parameters)
    if not isinstance(name, str) or not _ALIAS_NAME.fullmatch(name) or name.isdigit():
        raise Unsupported(f"function {logical_id} has an AutoPublishAlias the translator does not accept")
    return name


def alias_id(logical_id: str, name: str) -> str:
    """Return the alias's logical ID, where hyphens become D and underscores become U."""
    return f"{logical_id}Alias{name.replace('-', 'D').replace('_', 'U')}"


def version_id(logical_id: str, function: Mapping[str, Any], parameters: Mapping[str, Any],
               code_sha256: str | None = None, *, all_properties: bool = False) -> str:
    """Return the logical ID of the function's published version, from its code and the properties hashed with it.

    The hash covers the code location with parameters inlined, Environment,
    MemorySize, and SnapStart when it applies to published versions. With
    AutoPublishAliasAllProperties it covers every property the function has
    before its generated role is assigned. A non-empty AutoPublishCodeSha256
    takes the place of the hash.
    """
    if code_sha256:
        return f"{logical_id}Version{code_sha256[:_HASH_LENGTH]}"
    if all_properties:
        return f"{logical_id}Version{logical_id_hash(_all_properties(logical_id, function, parameters))}"
    hashed = dict(resolve_parameters(function["Code"], parameters))
    environment = function.get("Environment")
    if environment:
        hashed.update(environment)
    if function.get("MemorySize"):
        hashed["MemorySize"] = function["MemorySize"]
    snap_start = function.get("SnapStart")
    if snap_start and snap_start.get("ApplyOn", "None") != "None":
        hashed["SnapStart"] = snap_start
    return f"{logical_id}Version{logical_id_hash(hashed)}"


def all_properties_of(logical_id: str, properties: Mapping[str, Any]) -> bool:
    """Return the function's AutoPublishAliasAllProperties, which the translator takes only as a boolean."""
    value = properties.get("AutoPublishAliasAllProperties")
    if value is not None and not isinstance(value, bool):
        raise Unsupported(f"function {logical_id} has an AutoPublishAliasAllProperties that is not a boolean")
    return bool(value)


def _all_properties(logical_id: str, function: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Return what AutoPublishAliasAllProperties hashes: the function's properties, its code with parameters inlined.

    The translator also hashes the properties of each layer the function names
    by Ref or Fn::GetAtt that sets PublishLambdaVersion, which takes the
    written template, so such functions are declined.
    """
    for layer in function.get("Layers") or []:
        if _names_resource(layer):
            raise Unsupported(f"function {logical_id} hashes all properties and names a layer of the template")
    return {**function, "Code": resolve_parameters(function["Code"], parameters)}


def _names_resource(value: Any) -> bool:
    """Tell whether a value is a Ref or an Fn::GetAtt of one attribute, as the translator finds layer resources."""
    if not is_intrinsic(value):
        return False
    if isinstance(value.get("Ref"), str):
        return True
    argument = value.get("Fn::GetAtt")
    if isinstance(argument, list):
        return len(argument) == 2 and isinstance(argument[0], str)
    return isinstance(argument, str) and len(argument.split(".")) == 2


def version_resources(logical_id: str, function: dict[str, Any], properties: Mapping[str, Any],
                      passed: Mapping[str, Any], parameters: Mapping[str, Any]) -> Generated:
    """Build the version and the alias of a function with AutoPublishAlias, or return [] without one.

    The function's Code gets its template parameters inlined, as the
    translator leaves it after hashing.
    """
    name = alias_name(logical_id, properties, parameters)
    if name is None:
        _check_without_alias(logical_id, properties)
        return []
    if properties.get("DeploymentPreference") is not None:
        raise Unsupported(f"function {logical_id} sets DeploymentPreference")
    for key, value in function["Code"].items():
        # The translator inlines parameters inside a nested value in place, so the change also shows wherever
        # Globals or a YAML alias shares that value. Only a Ref that is the whole value is replaced safely.
        if isinstance(value, dict | list) and not (is_intrinsic(value) and "Ref" in value) \
                and resolve_parameters(value, parameters) != value:
            raise Unsupported(f"function {logical_id} has template parameters inside its code location's {key}")
    function["Code"] = resolve_parameters(function["Code"], parameters)
    code_sha256 = code_sha256_of(logical_id, function, properties, parameters)

    deletion_policy = properties.get("VersionDeletionPolicy", "Retain")
    if deletion_policy not in _VERSION_DELETION_POLICIES:
        raise Unsupported(f"function {logical_id} has a VersionDeletionPolicy other than Delete or Retain")
    # The function's own DeletionPolicy, when it has one, wins over VersionDeletionPolicy.
    version_attributes = {**passed, "DeletionPolicy": passed.get("DeletionPolicy", deletion_policy)}
    version: dict[str, Any] = {"FunctionName": {"Ref": logical_id}}
    if properties.get("VersionDescription") is not None:
        version["Description"] = properties["VersionDescription"]
    published = version_id(logical_id, function, parameters, code_sha256,
                           all_properties=all_properties_of(logical_id, properties))

    alias: dict[str, Any] = {"Name": name, "FunctionName": {"Ref": logical_id},
                             "FunctionVersion": {"Fn::GetAtt": [published, "Version"]}}
    if properties.get("ProvisionedConcurrencyConfig"):
        alias["ProvisionedConcurrencyConfig"] = properties["ProvisionedConcurrencyConfig"]
    return [
        (published, {"Type": "AWS::Lambda::Version", **version_attributes, "Properties": version}),
        (alias_id(logical_id, name), {"Type": "AWS::Lambda::Alias", **passed, "Properties": alias}),
    ]


def code_sha256_of(logical_id: str, function: dict[str, Any], properties: Mapping[str, Any],
                   parameters: Mapping[str, Any]) -> str | None:
    """Return the function's AutoPublishCodeSha256, after appending it to the function's Description.

    The translator appends the hash so that Lambda publishes a new version
    even when only the code behind an unchanged CodeUri changed.
    """
    written = properties.get("AutoPublishCodeSha256")
    if written is None:
        return None
    code_sha256 = resolve_parameters(written, parameters)
    if not isinstance(code_sha256, str):
        raise Unsupported(f"function {logical_id} has an AutoPublishCodeSha256 that is not text")
    description = properties.get("Description")
    resolved = resolve_parameters(description, parameters)
    if isinstance(description, dict | list) and not (is_intrinsic(description) and "Ref" in description) \
            and resolved != description:
        # As with the code location, the translator would inline the parameters in place.
        raise Unsupported(f"function {logical_id} has template parameters inside its Description")
    if not resolved or isinstance(resolved, str):
        function["Description"] = f"{resolved} {code_sha256}" if resolved else code_sha256
    else:
        function["Description"] = {"Fn::Join": [" ", [resolved, code_sha256]]}
    return code_sha256


def _check_without_alias(logical_id: str, properties: Mapping[str, Any]) -> None:
    for needs_alias in ("ProvisionedConcurrencyConfig", "VersionDeletionPolicy", "DeploymentPreference"):
        if properties.get(needs_alias) is not None:
            raise Unsupported(f"function {logical_id} sets {needs_alias} without AutoPublishAlias")


def resolve_references(template: dict[str, Any], references: References, renamed: Mapping[str, str],
                       ) -> dict[str, Any]:
    """Rewrite references to generated resources throughout an output template, as the translator's last step does.

    `renamed` maps logical IDs the transform changed (layers) to the new ones,
    in DependsOn, Ref, Fn::GetAtt and Fn::Sub. `references` maps
    `Resource.Property` (`MyFunction.Alias`) to the generated logical ID.
    Containers that change are copied, so the written template stays as it is.
    """
    if not references and not renamed:
        return template
    rewritten: dict[str, Any] = _rewrite(template, references, renamed)
    return rewritten


def _rewrite(value: Any, references: References, renamed: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        if renamed and isinstance(value.get("DependsOn"), str | list):
            value = _like(value, {**value, "DependsOn": _renamed_dependencies(value["DependsOn"], renamed)})
        if renamed and is_intrinsic(value):
            value = _rename_function(value, renamed)
        if references and is_intrinsic(value):
            value = _resolve_function(value, references)
        items = {key: _rewrite(item, references, renamed) for key, item in value.items()}
        return _like(value, items) if any(items[key] is not value[key] for key in items) else value
    if isinstance(value, list):
        elements = [_rewrite(item, references, renamed) for item in value]
        return elements if any(new is not old for new, old in zip(elements, value, strict=True)) else value
    return value


def _like(original: dict[str, Any], items: dict[str, Any]) -> dict[str, Any]:
    """Return a changed copy of a mapping that keeps the template position the original carries, if any."""
    if not isinstance(original, MappingNode):
        return items
    copied = copy_position(MappingNode(items), original)
    copied.key_lines = dict(original.key_lines)
    return copied


def _renamed_dependencies(depends_on: str | list[Any], renamed: Mapping[str, str]) -> str | list[Any]:
    if isinstance(depends_on, str):
        return renamed.get(depends_on, depends_on)
    return [renamed.get(item, item) if isinstance(item, str) else item for item in depends_on]


def _rename_function(value: dict[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    name, argument = next(iter(value.items()))
    if name == "Ref" and isinstance(argument, str) and "." not in argument and argument in renamed:
        return {name: renamed[argument]}
    if name == "Fn::GetAtt" and _attribute_path(argument):
        parts = ".".join(argument).split(".")
        if parts[0] in renamed:
            return {name: [renamed[parts[0]], *parts[1:]]}
    if name == "Fn::Sub":
        def rename(variable: str, whole: str) -> str:
            resource = variable.split(".", 1)[0]
            return whole.replace(resource, renamed[resource]) if resource in renamed else whole
        return {name: _map_sub_text(argument, rename)}
    return value


def _resolve_function(value: dict[str, Any], references: References) -> dict[str, Any]:
    name, argument = next(iter(value.items()))
    if name == "Ref" and isinstance(argument, str):
        resource, _, attribute = argument.partition(".")
        target = references.get(resource, {}).get(attribute)
        return {name: target} if target else value
    if name == "Fn::GetAtt" and _attribute_path(argument):
        parts = ".".join(argument).split(".")
        target = references.get(parts[0], {}).get(parts[1])
        return {name: [target, *parts[2:]]} if target else value
    if name == "Fn::Sub":
        def resolve(variable: str, whole: str) -> str:
            parts = variable.split(".")
            target = references.get(parts[0], {}).get(parts[1]) if len(parts) > 1 else None
            return whole.replace(f"{parts[0]}.{parts[1]}", target) if target else whole
        return {name: _map_sub_text(argument, resolve)}
    return value


def _attribute_path(argument: Any) -> bool:
    return isinstance(argument, list) and len(argument) >= 2 and all(isinstance(part, str) for part in argument)


# Event types whose resources invoke the alias when the function has one: every {"Ref": function} and
# {"Fn::GetAtt": [function, "Arn"]} they generate becomes {"Ref": alias}. Tests cover each of them.
_ALIAS_EVENT_TYPES = frozenset({"SQS", "Kinesis", "DynamoDB", "S3", "SNS", "Schedule", "EventBridgeRule",
                                "CloudWatchEvent", "ScheduleV2", "IoTRule", "MQ", "MSK", "SelfManagedKafka",
                                "DocumentDB"})


def invoke_alias(function_id: str, event_name: str, event: Mapping[str, Any], generated: Generated,
                 alias: str, template_resources: Mapping[str, Any]) -> Generated:
    """Point the resources of one event at the function's alias, as the translator does with AutoPublishAlias.

    Declines when the event, or the bucket an S3 event rewrites, names the
    function in one of the rewritten forms, because the translator leaves what
    the template wrote unchanged.
    """
    if event.get("Type") not in _ALIAS_EVENT_TYPES:
        raise Unsupported(f"event {event_name} of function {function_id} is of type {event.get('Type')}, "
                          "which the native transform does not point at an alias")
    def names_function(value: Any) -> bool:
        return value in ({"Ref": function_id}, {"Fn::GetAtt": [function_id, "Arn"]})

    properties = event.get("Properties")
    bucket = properties.get("Bucket") if isinstance(properties, dict) and event.get("Type") == "S3" else None
    bucket_id = bucket.get("Ref") if isinstance(bucket, dict) else None
    written_bucket = template_resources.get(bucket_id) if isinstance(bucket_id, str) else None
    if _contains([event, written_bucket], names_function):
        raise Unsupported(f"event {event_name} of function {function_id} refers to the function itself")

    def retarget(value: Any) -> Any:
        if names_function(value):
            return {"Ref": alias}
        if isinstance(value, dict):
            return {key: retarget(item) for key, item in value.items()}
        if isinstance(value, list):
            return [retarget(item) for item in value]
        return value

    return [(logical_id, retarget(resource)) for logical_id, resource in generated]


def check_bucket_sharing(function_id: str, event_name: str, event: Mapping[str, Any], aliases_configured: bool,
                         template_resources: Mapping[str, Any]) -> None:
    """Decline an S3 event whose bucket also notifies another function, when either may have an alias.

    The rewritten bucket lists every function its events notify, each by its
    alias when it has one. The native transform computes only the alias of the
    function it builds, so it leaves shared buckets to the translator. The
    caller tells whether this function's properties, Globals included, set
    AutoPublishAlias at all.
    """
    properties = event.get("Properties")
    if event.get("Type") != "S3" or not isinstance(properties, dict):
        return
    bucket = properties.get("Bucket")
    bucket_id = bucket.get("Ref") if isinstance(bucket, dict) else None
    if not isinstance(bucket_id, str):
        return
    others = [logical_id for logical_id, definition in template_resources.items()
              if logical_id != function_id and _notified_by(definition, bucket_id)]
    if not others:
        return
    if aliases_configured or any(
            "AutoPublishAlias" in (template_resources[other].get("Properties") or {}) for other in others):
        raise Unsupported(f"bucket {bucket_id} of event {event_name} of function {function_id} also notifies "
                          f"{', '.join(others)}, and a function with an alias takes part")


def _notified_by(definition: Any, bucket_id: str) -> bool:
    if not isinstance(definition, dict) or definition.get("Type") != "AWS::Serverless::Function":
        return False
    properties = definition.get("Properties")
    events = properties.get("Events") if isinstance(properties, dict) else None
    if not isinstance(events, dict):
        return False
    return any(isinstance(event, dict) and event.get("Type") == "S3" and isinstance(event.get("Properties"), dict)
               and event["Properties"].get("Bucket") == {"Ref": bucket_id} for event in events.values())


def _contains(value: Any, matches: Callable[[Any], bool]) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if matches(item):
            return True
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False
