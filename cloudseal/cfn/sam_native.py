"""The SAM transform for the shapes most templates use, written to match aws-sam-translator exactly.

Importing aws-sam-translator costs about 0.1 s, more than the rest of a scan of
a 100-resource template, and its transform is slower than this one. When every
AWS::Serverless resource of a template is of a shape handled here, cloudseal
builds the CloudFormation output itself. For anything else `transform` raises
Unsupported, and the translator runs as before. Tests compare both outputs on
every SAM template of the corpus, so a difference is a test failure.

docs/templates.md lists the subset. It covers functions with their roles,
policies, Globals, URLs, versions and aliases, destinations, layers and
events, REST, HTTP and GraphQL APIs, state machines, simple tables and nested
applications. This module checks the template and merges Globals. Then it
expands each SAM resource in the translator's order, with the module named
after its kind, and rewrites references to the resources they generate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.sam_native_base import (
    IMPLICIT_API_ID,
    LOGICAL_ID,
    OWN_ATTRIBUTES,
    Unsupported,
    attributes,
    is_intrinsic,
    partition_of,
    tag_list,
)
from cloudseal.cfn.sam_native_function import GLOBAL_PROPERTIES as FUNCTION_GLOBALS
from cloudseal.cfn.sam_native_function import alias_references, function_resources
from cloudseal.cfn.sam_native_http_api import HTTP_API_TYPE, IMPLICIT_HTTP_API_ID, http_api_resources
from cloudseal.cfn.sam_native_layers import layer_resources, renamed_layer_id
from cloudseal.cfn.sam_native_state_machine import GLOBAL_PROPERTIES as MACHINE_GLOBALS
from cloudseal.cfn.sam_native_state_machine import state_machine_resources
from cloudseal.cfn.sam_native_versions import References, logical_id_hash, resolve_references

__all__ = ["Unsupported", "merge_globals", "transform"]

_FUNCTION = "AWS::Serverless::Function"
_TABLE = "AWS::Serverless::SimpleTable"
_API = "AWS::Serverless::Api"
_STATE_MACHINE = "AWS::Serverless::StateMachine"
_LAYER = "AWS::Serverless::LayerVersion"
_GRAPHQL_API = "AWS::Serverless::GraphQLApi"
_SAM_PREFIX = "AWS::Serverless::"
# The order in which the translator expands SAM resources; each expansion goes to the end of Resources.
_EXPANSION_ORDER = {_FUNCTION: 0, _STATE_MACHINE: 1, _API: 2, _TABLE: 3, _LAYER: 3,
                    "AWS::Serverless::Application": 3, _GRAPHQL_API: 3, HTTP_API_TYPE: 2}
_IMPLICIT_API_ORDER = 2.5
# The translator adds the implicit HTTP API after the implicit REST API.
_IMPLICIT_HTTP_API_ORDER = 2.75
# Resources a SAM resource generates, as (logical ID, definition) pairs in the translator's order.
Generated = list[tuple[str, dict[str, Any]]]
# The Globals sections the native transform merges, with the keys each may set.
# Globals.Api leaves out what the API builder declines, and Domain, whose key order the translator changes
# before it hashes the domain into the deployment's logical ID.
_GLOBALS_SECTIONS = {"Function": (_FUNCTION, FUNCTION_GLOBALS), "StateMachine": (_STATE_MACHINE, MACHINE_GLOBALS),
                     "Api": (_API, frozenset({"AccessLogSetting", "Auth", "BinaryMediaTypes", "CacheClusterEnabled",
                                              "CacheClusterSize", "CanarySetting", "Cors", "EndpointAccessMode",
                                              "EndpointConfiguration", "MethodSettings", "MinimumCompressionSize",
                                              "Name", "OpenApiVersion", "PropagateTags", "SecurityPolicy",
                                              "TracingEnabled", "Variables"}))}
# Resource keys the translator acts on beyond the attributes it copies; it drops any other key (a Description).
_ACTED_ON_KEYS = frozenset({"Connectors", "IgnoreGlobals"})
# Globals merge lists by concatenation, except these, where the function's own list wins.
_REPLACED_LISTS = frozenset({"Architectures"})
# Properties that `!Ref Resource.Property`, `!GetAtt Resource.Property.Attribute` and `${Resource.Property}`
# name, by SAM resource type. The translator rewrites such a reference to the resource of that property's type
# that the SAM resource generated (the last one, if several), and leaves it as written when there is none.
_REFERABLE = {
    _FUNCTION: frozenset({"Alias", "Version", "DestinationTopic", "DestinationQueue"}),
    _API: frozenset({"Stage", "Deployment", "DomainName", "DomainNameV2", "UsagePlan", "UsagePlanKey", "ApiKey"}),
    HTTP_API_TYPE: frozenset({"Stage", "DomainName"}),
    "AWS::Serverless::WebSocketApi": frozenset({"Stage", "DomainName"}),
}
# The stage of the implicit REST API.
_IMPLICIT_API_STAGE_ID = f"{IMPLICIT_API_ID}ProdStage"
# The resource types that `Function.DestinationQueue` and `Function.DestinationTopic` name.
_FUNCTION_DESTINATIONS = {"DestinationQueue": "AWS::SQS::Queue", "DestinationTopic": "AWS::SNS::Topic"}
# The stage an HTTP API without StageName gets.
_HTTP_DEFAULT_STAGE = "$default"
# Resources written in the template that the translator lets a SAM resource rewrite.
_REPLACEABLE_TYPES = frozenset({"AWS::S3::Bucket", "AWS::SNS::Topic"})
_SUB_ATTRIBUTE = re.compile(r"\$\{([^}.!]+)\.([^}]+)\}")
_TABLE_PROPERTIES = frozenset({"PointInTimeRecoverySpecification", "PrimaryKey", "ProvisionedThroughput",
                               "TableName", "Tags", "SSESpecification"})
_ATTRIBUTE_TYPES = {"String": "S", "Number": "N", "Binary": "B"}


def transform(template: Mapping[str, Any], parameters: Mapping[str, Any], region: str) -> dict[str, Any]:
    """Transform a SAM template, or raise Unsupported, which names what the translator must handle.

    `parameters` are the values cloudseal gives the translator (template and
    pseudo parameters); `region` is the region the translator would be given.
    The template is not changed.
    """
    return _transform(template, _with_defaults(template, parameters), partition_of(region))


def _with_defaults(template: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Add the Default of each parameter without a value, as the translator does before it starts."""
    values = dict(parameters)
    definitions = template.get("Parameters")
    if isinstance(definitions, dict):
        for name, definition in definitions.items():
            if name not in values and isinstance(definition, dict) and "Default" in definition:
                values[name] = definition["Default"]
    return values


def _transform(template: Mapping[str, Any], parameters: Mapping[str, Any], partition: str) -> dict[str, Any]:
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources or not all(
            isinstance(definition, dict) for definition in resources.values()):
        raise Unsupported("the Resources section is not a mapping of resources")
    sam = {logical_id: definition for logical_id, definition in resources.items()
           if str(definition.get("Type", "")).startswith(_SAM_PREFIX)}
    for logical_id, definition in sam.items():
        _check_resource(logical_id, definition)
    if any("Connectors" in definition for definition in resources.values()):
        raise Unsupported("a resource has embedded connectors")
    if IMPLICIT_API_ID in resources:
        raise Unsupported(f"a resource is named {IMPLICIT_API_ID}, the name of the implicit API")
    if IMPLICIT_HTTP_API_ID in resources:
        raise Unsupported(f"a resource is named {IMPLICIT_HTTP_API_ID}, the name of the implicit HTTP API")
    globals_by_type = _globals(template)
    properties = {logical_id: _merged_properties(definition, globals_by_type) for logical_id, definition in sam.items()}
    references, renamed = _check_references(template, sam, properties, parameters)
    implicit_api, api_permissions = _implicit_api(sam, properties, parameters, partition, globals_by_type.get(_API))
    implicit_http_api = api_permissions.pop(IMPLICIT_HTTP_API_ID, [])

    expanded = {logical_id: definition for logical_id, definition in resources.items() if logical_id not in sam}
    # The translator adds the implicit API after the written resources, so it expands after the written APIs.
    order: list[str | None] = [*sam, None] if implicit_api else list(sam)
    if implicit_http_api:
        order.append(IMPLICIT_HTTP_API_ID)
    order.sort(key=lambda key: _EXPANSION_ORDER[sam[key]["Type"]] if key in sam
               else _IMPLICIT_API_ORDER if key is None else _IMPLICIT_HTTP_API_ORDER)
    for logical_id in order:
        if logical_id is None:
            generated_resources, metadata = implicit_api, None
        elif logical_id == IMPLICIT_HTTP_API_ID:
            generated_resources, metadata = implicit_http_api, None
        else:
            definition = sam[logical_id]
            generated_resources = _expand(logical_id, definition, properties[logical_id], parameters, partition,
                                          resources, api_permissions.get(logical_id, []))
            metadata = definition.get("Metadata")
        for generated_id, generated in generated_resources:
            if generated_id in expanded or (generated_id != logical_id and generated_id in resources):
                _check_replacement(logical_id or IMPLICIT_API_ID, generated_id, generated, resources, sam)
            elif metadata:
                generated["Metadata"] = metadata
            expanded[generated_id] = generated
    output = {key: expanded if key == "Resources" else value for key, value in template.items()
              if key not in ("Transform", "Globals")}
    return resolve_references(output, references, renamed)


def _merged_properties(definition: Mapping[str, Any], globals_by_type: Mapping[str, Mapping[str, Any]],
                       ) -> Mapping[str, Any]:
    properties = definition.get("Properties") or {}
    kind = definition["Type"]
    return merge_globals(globals_by_type[kind], properties) if kind in globals_by_type else properties


def _implicit_api(sam: Mapping[str, Any], properties: Mapping[str, Mapping[str, Any]], parameters: Mapping[str, Any],
                  partition: str, api_globals: Mapping[str, Any] | None = None,
                  ) -> tuple[Generated, dict[str, Generated]]:
    """Build the REST APIs that the functions' Api events feed, and each function's permissions for them.

    Returns the implicit API's resources, and a mapping from each function to its
    Api permissions and from each API that an event names with RestApiId to that
    API's resources, which `_expand` then takes as they are. `api_globals` is
    the Globals.Api section, which applies to the implicit API too.
    """
    functions = {logical_id: properties[logical_id] for logical_id, definition in sam.items()
                 if definition["Type"] == _FUNCTION}
    # HTTP APIs and their permissions: an explicit API's resources under its logical ID, the implicit
    # API's under IMPLICIT_HTTP_API_ID, and each function's permissions under the function's ID.
    http_apis = {logical_id: {**definition, "Properties": properties[logical_id]} for logical_id, definition
                 in sam.items() if definition["Type"] == HTTP_API_TYPE}
    http = http_api_resources(functions, {logical_id: sam[logical_id] for logical_id in functions}, http_apis)
    http_built = {**http[0], **http[1]}
    if not any(isinstance(event, dict) and event.get("Type") == "Api"
               for function in functions.values() if isinstance(function.get("Events"), dict)
               for event in function["Events"].values()):
        return [], http_built
    from cloudseal.cfn.sam_native_implicit_api import api_event_resources  # noqa: PLC0415 - only with Api events

    apis = {logical_id: {**definition, "Properties": properties[logical_id]} for logical_id, definition in sam.items()
            if definition["Type"] == _API}
    built, permissions = api_event_resources(functions, apis, parameters, partition,
                                             {logical_id: sam[logical_id] for logical_id in functions}, api_globals)
    merged = {**permissions, **built}
    for logical_id, generated in http_built.items():
        merged[logical_id] = [*merged.get(logical_id, []), *generated]
    return built.pop(IMPLICIT_API_ID, []), merged


def _check_replacement(logical_id: str, generated_id: str, generated: Mapping[str, Any],
                       resources: Mapping[str, Any], sam: Mapping[str, Any]) -> None:
    """Accept a generated resource in place of a written one only where the translator does so.

    The translator lets a generated bucket or topic take the place of a
    written one of the same type: an S3 event rewrites the bucket it names.
    Any other clash of logical IDs is left to the translator, which rejects it
    or lets the later resource win.
    """
    written = resources.get(generated_id)
    if generated_id in sam or not isinstance(written, dict) or written.get("Type") != generated.get("Type") \
            or generated.get("Type") not in _REPLACEABLE_TYPES:
        raise Unsupported(f"{logical_id} generates {generated_id}, which already exists")


def _check_resource(logical_id: str, definition: Mapping[str, Any]) -> None:
    if definition["Type"] not in _EXPANSION_ORDER:
        raise Unsupported(f"{logical_id} is an {definition['Type']}")
    if not isinstance(logical_id, str) or not LOGICAL_ID.fullmatch(logical_id):
        raise Unsupported(f"{logical_id} is not an alphanumeric logical ID")
    if _ACTED_ON_KEYS & definition.keys():
        raise Unsupported(f"{logical_id} has attributes {sorted(_ACTED_ON_KEYS & definition.keys())}")
    if not isinstance(definition.get("Properties", {}), dict):
        raise Unsupported(f"the Properties of {logical_id} are not a mapping")
    depends_on = definition.get("DependsOn")
    if depends_on is not None and not isinstance(depends_on, str) and not (
            isinstance(depends_on, list) and all(isinstance(item, str) for item in depends_on)):
        raise Unsupported(f"the DependsOn of {logical_id} is neither a name nor a list of names")


def _expand(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
            parameters: Mapping[str, Any], partition: str, template_resources: Mapping[str, Any],
            event_resources: Generated) -> Generated:
    """Expand one SAM resource; `event_resources` are what `_implicit_api` built for it from Api events."""
    kind = definition["Type"]
    if kind == _FUNCTION:
        return function_resources(logical_id, definition, properties, partition, template_resources, event_resources,
                                  parameters)
    if kind == _STATE_MACHINE:
        return state_machine_resources(logical_id, definition, properties, parameters, partition)
    if kind == _TABLE:
        return [(logical_id, _table(logical_id, definition, properties))]
    if kind == _LAYER:
        return layer_resources(logical_id, definition, properties, parameters)
    if kind == "AWS::Serverless::Application":
        from cloudseal.cfn.sam_native_application import application_resources  # noqa: PLC0415 - rarely needed

        return application_resources(logical_id, definition, properties)
    if kind == HTTP_API_TYPE:
        return _check_stage(logical_id, kind, properties, event_resources)
    if kind == _GRAPHQL_API:
        from cloudseal.cfn.sam_native_graphql import graphql_api_resources  # noqa: PLC0415 - rarely needed

        return graphql_api_resources(logical_id, definition, properties, template_resources)
    if event_resources:
        return _check_stage(logical_id, kind, properties, event_resources)
    from cloudseal.cfn.sam_native_api import ApiBuilder  # noqa: PLC0415 - only templates with APIs need it

    try:
        generated = ApiBuilder(logical_id, {**definition, "Properties": properties}, parameters).build()
    except Unsupported as reason:
        raise Unsupported(f"API {logical_id}: {reason}") from reason
    return _check_stage(logical_id, kind, properties, generated)


def _check_stage(logical_id: str, kind: str, properties: Mapping[str, Any], generated: Generated) -> Generated:
    """Decline an API whose stage is not the one `_api_stage_id` names, which `Api.Stage` references resolve to."""
    stage_type = "AWS::ApiGatewayV2::Stage" if kind == HTTP_API_TYPE else "AWS::ApiGateway::Stage"
    stages = [generated_id for generated_id, resource in generated if resource.get("Type") == stage_type]
    if stages != [_api_stage_id(logical_id, kind, properties)]:
        raise Unsupported(f"API {logical_id} generates the stages {stages}, not the one its StageName names")
    return generated


def _globals(template: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Return the Globals of each SAM resource type, checked against what the native transform merges."""
    if "Globals" not in template:
        return {}
    section = template["Globals"]
    if not isinstance(section, dict) or set(section) - set(_GLOBALS_SECTIONS):
        raise Unsupported(f"the Globals section covers more than {' and '.join(_GLOBALS_SECTIONS)}")
    merged: dict[str, Mapping[str, Any]] = {}
    for name, values in section.items():
        resource_type, supported = _GLOBALS_SECTIONS[name]
        if not isinstance(values, dict) or set(values) - supported:
            raise Unsupported(f"Globals.{name} sets properties the native transform does not take")
        merged[resource_type] = values
    return merged


def _has_implicit_api_events(template: Mapping[str, Any]) -> bool:
    """Tell whether a function of the template has an Api event without RestApiId."""
    resources = template.get("Resources")
    for definition in resources.values() if isinstance(resources, dict) else ():
        properties = definition.get("Properties") if isinstance(definition, dict) else None
        events = properties.get("Events") if isinstance(properties, dict) else None
        if isinstance(events, dict) and any(
                isinstance(event, dict) and event.get("Type") == "Api"
                and not (isinstance(event.get("Properties"), dict) and "RestApiId" in event["Properties"])
                for event in events.values()):
            return True
    return False


def merge_globals(global_value: Any, local_value: Any, path: str = "") -> Any:
    """Merge a Globals value into a resource's own value, by the translator's rules.

    Mappings merge key by key, and lists concatenate with the global items
    first. For anything else, intrinsic functions included, the resource's own
    value wins. Merged mappings are new, but the values inside them are shared.
    """
    global_kind, local_kind = _merge_kind(global_value), _merge_kind(local_value)
    if global_kind != local_kind or global_kind == "value":
        return local_value
    if global_kind == "list":
        return local_value if path in _REPLACED_LISTS else global_value + local_value
    merged = dict(global_value)
    for key, value in local_value.items():
        merged[key] = merge_globals(merged[key], value, f"{path}.{key}".lstrip(".")) if key in merged else value
    return merged


def _merge_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "value" if is_intrinsic(value) else "mapping"
    return "list" if isinstance(value, list) else "value"


def _check_references(template: Mapping[str, Any], sam: Mapping[str, Any], properties: Mapping[str, Any],
                      parameters: Mapping[str, Any]) -> tuple[References, dict[str, str]]:
    """Find what the translator rewrites references to, and reject references the native transform does not resolve.

    Returns what `Function.Alias`, `Function.Version` and `Api.Stage` resolve
    to, and the new logical ID of each layer. A `Resource.Property` reference
    whose property the SAM resource does not generate stays as written, as the
    translator leaves it. Any other reference to what SAM generates
    (`!Ref MyApi.Deployment`) is left to the translator. Both mappings are empty
    when no reference of the template changes, so the output is not rewritten.
    """
    references: References = {}
    renamed: dict[str, str] = {}
    for logical_id, definition in sam.items():
        if definition["Type"] == _FUNCTION:
            found = alias_references(logical_id, definition, properties[logical_id], parameters)
            if found:
                references[logical_id] = found
        elif definition["Type"] == _LAYER:
            renamed[logical_id] = renamed_layer_id(logical_id, definition, properties[logical_id], parameters)
        elif definition["Type"] in (_API, HTTP_API_TYPE):
            stage_id = _api_stage_id(logical_id, definition["Type"], properties[logical_id])
            if stage_id is not None:
                references[logical_id] = {"Stage": stage_id}
    unresolved = {logical_id: _unresolved_properties(definition["Type"], properties[logical_id],
                                                     references.get(logical_id, {}))
                  for logical_id, definition in sam.items()}
    globals_section = template.get("Globals")
    api_globals = globals_section.get("Api") if isinstance(globals_section, dict) else None
    api_globals = api_globals if isinstance(api_globals, dict) else {}
    if _has_implicit_api_events(template) and "StageName" not in api_globals:
        # The implicit API has the stage Prod, and a domain or usage plan only through Globals.Api.
        references[IMPLICIT_API_ID] = {"Stage": _IMPLICIT_API_STAGE_ID}
        unresolved[IMPLICIT_API_ID] = _unresolved_properties(_API, api_globals, references[IMPLICIT_API_ID])
    else:
        unresolved[IMPLICIT_API_ID] = _REFERABLE[_API]
    unresolved[IMPLICIT_HTTP_API_ID] = _REFERABLE[HTTP_API_TYPE]

    # Text that a reference the rewrite changes must contain: `Resource.` for a resolved property, or a
    # renamed layer's ID. When no text of the template contains one, the rewrite of the whole output is skipped.
    watched = [*(f"{key}." for key in references), *renamed]
    pattern = re.compile("|".join(re.escape(text) for text in watched)) if watched else None
    rewrites = False
    written: dict[tuple[str, str], str] = {}
    pending: list[Any] = [template]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            if len(value) == 1:
                function, argument = next(iter(value.items()))
                for resource, attribute, text in _unresolved_references(function, argument, unresolved):
                    written.setdefault((resource, attribute), text)
                if pattern is not None and not rewrites and function == "Fn::GetAtt" and isinstance(argument, list) \
                        and all(isinstance(part, str) for part in argument):
                    rewrites = pattern.search(".".join(argument)) is not None
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif pattern is not None and not rewrites and isinstance(value, str):
            rewrites = pattern.search(value) is not None
    for (resource, attribute), text in written.items():
        if attribute not in _FUNCTION_DESTINATIONS or sam.get(resource, {}).get("Type") != _FUNCTION:
            raise Unsupported(f"the template refers to {text}")
        target = _generated_destination(resource, sam[resource], properties[resource], template, parameters,
                                        _FUNCTION_DESTINATIONS[attribute])
        if target is not None:
            references.setdefault(resource, {})[attribute] = target
            rewrites = True
    return (references, renamed) if rewrites else ({}, {})


def _generated_destination(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any],
                           template: Mapping[str, Any], parameters: Mapping[str, Any], resource_type: str,
                           ) -> str | None:
    """Return the logical ID of the last resource of `resource_type` that a function generates, or None.

    `Function.DestinationQueue` names the last queue, and
    `Function.DestinationTopic` the last topic. The function is built once
    more here, because its event dead-letter queues and created destinations
    are known only then. The partition changes ARNs, not logical IDs or types,
    so "aws" serves every region. Without its Api permissions the build may
    decline a function that the real build accepts.
    """
    generated = function_resources(logical_id, definition, properties, "aws", template["Resources"], (), parameters)
    matching = [generated_id for generated_id, resource in generated if resource.get("Type") == resource_type]
    return matching[-1] if matching else None


def _api_stage_id(logical_id: str, kind: str, properties: Mapping[str, Any]) -> str | None:
    """Return the logical ID the translator gives a REST or HTTP API's stage, or None for an invalid StageName.

    An HTTP API without StageName gets the stage `$default`, which has a logical ID of its own.
    """
    stage_name = properties.get("StageName")
    if kind == HTTP_API_TYPE:
        stage_name = stage_name or _HTTP_DEFAULT_STAGE
        if stage_name == _HTTP_DEFAULT_STAGE:
            return f"{logical_id}ApiGatewayDefaultStage"
    if is_intrinsic(stage_name):
        return f"{logical_id}Stage"
    if not isinstance(stage_name, str) or not stage_name:
        return None
    if stage_name.isalnum():
        return f"{logical_id}{stage_name}Stage"
    return f"{logical_id}Stage{logical_id_hash(stage_name)}"


def _unresolved_properties(kind: str, properties: Mapping[str, Any], resolved: Mapping[str, str]) -> frozenset[str]:
    """Name the referable properties of a SAM resource that it may generate but `references` does not resolve.

    A function generates an alias and a version only with AutoPublishAlias, and
    then `alias_references` resolves both. An API generates a domain only with
    Domain, and a REST API generates a usage plan, its key and an API key only
    with Auth.UsagePlan. An API's deployment is named only when the API
    expands, and a function's queues and topics only when it is built.
    """
    absent: set[str] = set()
    if kind == _FUNCTION:
        absent = {"Alias", "Version"}
    elif kind in (_API, HTTP_API_TYPE):
        if "Domain" not in properties:
            absent |= {"DomainName", "DomainNameV2"}
        auth = properties.get("Auth")
        if auth is None or (isinstance(auth, dict) and not is_intrinsic(auth) and "UsagePlan" not in auth):
            absent |= {"UsagePlan", "UsagePlanKey", "ApiKey"}
    return _REFERABLE.get(kind, frozenset()) - absent - resolved.keys()


def _unresolved_references(function: Any, argument: Any, unresolved: Mapping[str, frozenset[str]],
                           ) -> list[tuple[str, str, str]]:
    """Find the references to properties in `unresolved`, as resource, property and the text written.

    Only the forms that the translator rewrites count.
    """
    found: list[tuple[str, str, str]] = []
    if function == "Ref" and isinstance(argument, str):
        # The translator splits a Ref at its first dot: `Api.Stage.Name` names the property `Stage.Name`.
        resource, _, attribute = argument.partition(".")
        if attribute in unresolved.get(resource, ()):
            found.append((resource, attribute, argument))
    if function == "Fn::GetAtt" and isinstance(argument, list) and len(argument) > 1 \
            and all(isinstance(part, str) for part in argument):
        # The translator rewrites only the list form, with the resource and its property joined or apart.
        parts = ".".join(argument).split(".")
        if parts[1] in unresolved.get(parts[0], ()):
            found.append((parts[0], parts[1], ".".join(argument)))
    if function == "Fn::Sub":
        text = argument[0] if isinstance(argument, list) and argument else argument
        if isinstance(text, str):
            for match in _SUB_ATTRIBUTE.finditer(text):
                attribute = match[2].split(".", 1)[0]
                if attribute in unresolved.get(match[1], ()):
                    found.append((match[1], attribute, match[0]))
    return found


def _table(logical_id: str, definition: Mapping[str, Any], properties: Mapping[str, Any]) -> dict[str, Any]:
    """Build the DynamoDB table of an AWS::Serverless::SimpleTable."""
    unknown = set(properties) - _TABLE_PROPERTIES
    if unknown:
        raise Unsupported(f"simple table {logical_id} sets {sorted(unknown)}")
    for name in ("Tags", "SSESpecification"):
        value = properties.get(name)
        if value is not None and (not isinstance(value, dict) or is_intrinsic(value)):
            raise Unsupported(f"simple table {logical_id} has a {name} that is not a plain mapping")
    table_name = properties.get("TableName")
    if table_name is not None and not isinstance(table_name, str | dict):
        raise Unsupported(f"simple table {logical_id} has a TableName that is neither text nor a function")
    throughput = properties.get("ProvisionedThroughput")
    if throughput is not None and not is_intrinsic(throughput) and not (isinstance(throughput, dict) and all(
            isinstance(key, str) and isinstance(value, int | dict) for key, value in throughput.items())):
        raise Unsupported(f"simple table {logical_id} has a ProvisionedThroughput of the wrong shape")

    primary = {"AttributeName": "id", "AttributeType": "S"}
    key = properties.get("PrimaryKey")
    if key:
        if not isinstance(key, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in key.items()) \
                or "Name" not in key or key.get("Type") not in _ATTRIBUTE_TYPES:
            raise Unsupported(f"simple table {logical_id} has a PrimaryKey of the wrong shape")
        primary = {"AttributeName": key["Name"], "AttributeType": _ATTRIBUTE_TYPES[key["Type"]]}
    table: dict[str, Any] = {
        "AttributeDefinitions": [primary],
        "KeySchema": [{"AttributeName": primary["AttributeName"], "KeyType": "HASH"}],
    }
    if properties.get("PointInTimeRecoverySpecification"):
        table["PointInTimeRecoverySpecification"] = properties["PointInTimeRecoverySpecification"]
    if throughput:
        table["ProvisionedThroughput"] = throughput
    else:
        table["BillingMode"] = "PAY_PER_REQUEST"
    for name in ("SSESpecification", "TableName"):
        if properties.get(name):
            table[name] = properties[name]
    if properties.get("Tags"):
        table["Tags"] = tag_list(properties["Tags"])

    resource: dict[str, Any] = {"Type": "AWS::DynamoDB::Table"}
    if definition.get("DependsOn"):
        resource["DependsOn"] = definition["DependsOn"]
    resource.update(attributes(definition, OWN_ATTRIBUTES))
    resource["Properties"] = table
    return resource
