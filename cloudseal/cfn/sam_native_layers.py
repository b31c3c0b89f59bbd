"""AWS::Serverless::LayerVersion in the native SAM transform.

aws-sam-translator 1.115 turns a SAM layer into an AWS::Lambda::LayerVersion
whose logical ID is the layer's own followed by a hash of the SAM resource
(less DeletionPolicy, UpdateReplacePolicy and Metadata), so that a change
publishes a new layer version. Every reference to the layer's logical ID
(Ref, Fn::GetAtt, Fn::Sub, DependsOn) is renamed to match, by
sam_native_versions.resolve_references. The old version stays, because the
DeletionPolicy is Retain unless the layer sets RetentionPolicy or DeletionPolicy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import OWN_ATTRIBUTES, PASSED_ATTRIBUTES, Unsupported, attributes, is_intrinsic
from cloudseal.cfn.sam_native_function import s3_code
from cloudseal.cfn.sam_native_versions import logical_id_hash, resolve_parameters

LAYER_TYPE = "AWS::Serverless::LayerVersion"

_TEXT_PROPERTIES = ("LayerName", "Description", "LicenseInfo", "RetentionPolicy")
_LIST_PROPERTIES = ("CompatibleArchitectures", "CompatibleRuntimes")
_PROPERTIES = frozenset({*_TEXT_PROPERTIES, *_LIST_PROPERTIES, "ContentUri", "PublishLambdaVersion"})
_RETENTION_POLICIES = ("Retain", "Delete")
_ARCHITECTURES = ("x86_64", "arm64")
# Attributes of the SAM resource left out of the hash, so that changing them does not publish a new version.
_UNHASHED_ATTRIBUTES = frozenset({"DeletionPolicy", "UpdateReplacePolicy", "Metadata"})


def layer_resources(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                    parameters: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Build the AWS::Lambda::LayerVersion of a SAM layer."""
    resolved = _resolved_properties(logical_id, properties, parameters)
    content = s3_code(f"layer {logical_id}", resolved["ContentUri"])
    retention = _retention_policy(logical_id, resolved.get("RetentionPolicy"))
    architectures = resolved.get("CompatibleArchitectures")
    for architecture in [] if is_intrinsic(architectures) else architectures or []:
        if not is_intrinsic(architecture) and architecture not in _ARCHITECTURES:
            raise Unsupported(f"layer {logical_id} has a CompatibleArchitectures entry other than x86_64 or arm64")

    resource: dict[str, Any] = {"Type": "AWS::Lambda::LayerVersion"}
    if definition.get("DependsOn"):
        resource["DependsOn"] = definition["DependsOn"]
    resource.update(attributes(definition, PASSED_ATTRIBUTES))
    if retention is not None:
        resource["DeletionPolicy"] = retention
    resource.setdefault("DeletionPolicy", "Retain")
    layer: dict[str, Any] = {"LayerName": resolved.get("LayerName") or logical_id, "Content": content}
    for key in ("Description", "CompatibleArchitectures", "CompatibleRuntimes", "LicenseInfo"):
        if resolved.get(key) is not None:
            layer[key] = resolved[key]
    resource["Properties"] = layer
    return [(layer_id(logical_id, definition, resolved), resource)]


def renamed_layer_id(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                     parameters: Mapping[str, Any]) -> str:
    """Return the logical ID the translator gives the layer's AWS::Lambda::LayerVersion."""
    return layer_id(logical_id, definition, _resolved_properties(logical_id, properties, parameters))


def layer_id(logical_id: str, definition: Mapping[str, Any], resolved: Mapping[str, Any]) -> str:
    """Hash the SAM resource as the translator writes it out, with its text properties resolved."""
    hashed: dict[str, Any] = {"Type": LAYER_TYPE}
    if definition.get("DependsOn"):
        hashed["DependsOn"] = definition["DependsOn"]
    hashed.update(attributes(definition, tuple(name for name in OWN_ATTRIBUTES if name not in _UNHASHED_ATTRIBUTES)))
    hashed["Properties"] = {key: value for key, value in resolved.items() if value is not None}
    return logical_id + logical_id_hash({logical_id: hashed})


def _resolved_properties(logical_id: str, properties: Mapping[str, Any], parameters: Mapping[str, Any],
                         ) -> dict[str, Any]:
    """Check a layer's properties, and inline template parameters in its text properties as the translator does."""
    unknown = set(properties) - _PROPERTIES
    if unknown:
        raise Unsupported(f"layer {logical_id} sets {sorted(unknown)}")
    if properties.get("ContentUri") is None:
        raise Unsupported(f"layer {logical_id} has no ContentUri")
    resolved = dict(properties)
    for key in _TEXT_PROPERTIES:
        value = properties.get(key)
        if value is None:
            continue
        if (not isinstance(value, str) and not is_intrinsic(value)) or (key == "RetentionPolicy"
                                                                         and is_intrinsic(value)):
            raise Unsupported(f"layer {logical_id} has a {key} that is not text")
        if value:
            # NOTE: the translator inlines parameters inside an Fn::Sub in place, so a YAML alias that shares
            # this Fn::Sub elsewhere in the template changes there too. That case is not detected here.
            resolved[key] = resolve_parameters(value, parameters)
            if not isinstance(resolved[key], str | dict):
                raise Unsupported(f"layer {logical_id} has a {key} parameter that is not text")
    for key in _LIST_PROPERTIES:
        value = properties.get(key)
        if value is not None and not is_intrinsic(value) and not (
                isinstance(value, list) and all(isinstance(item, str | dict) for item in value)):
            raise Unsupported(f"layer {logical_id} has a {key} that is not a list")
    publish = properties.get("PublishLambdaVersion")
    if publish is not None and not isinstance(publish, bool) and not is_intrinsic(publish):
        raise Unsupported(f"layer {logical_id} has a PublishLambdaVersion that is not a boolean")
    return resolved


def _retention_policy(logical_id: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Unsupported(f"layer {logical_id} has a RetentionPolicy that is not text")
    for option in _RETENTION_POLICIES:
        if value.lower() == option.lower():
            return option
    raise Unsupported(f"layer {logical_id} has a RetentionPolicy other than Retain or Delete")
