"""AWS::Serverless::HttpApi and HttpApi events in the native SAM transform, matching aws-sam-translator 1.115.

The translator builds HTTP APIs in three steps, reproduced here in one pass:

1. Before it transforms anything, it gives each HttpApi without DefinitionBody
   or DefinitionUri an empty OpenAPI document that SAM manages, adds the
   ServerlessHttpApi for events without ApiId, and adds every event's path and
   method to the managed document of its API.
2. Each function, in template order, expands its HttpApi events, sorted by
   Path: an event gets a permission, and its Lambda integration goes into the
   document of its API, written or managed, unless that route already has an
   integration. An event gets no permission when the same function already
   has the `$default` route of that API, because that permission covers every
   route.
3. Each API then becomes an AWS::ApiGatewayV2::Api and its Stage, with CORS,
   tags, title, description and endpoint settings written into the document.

A function's Condition wraps its integrations, and the paths and implicit API
that only such functions use, in Fn::If. Auth, Domain, Globals, aliases, two
conditions that the translator would combine into a new template condition,
and other Fn::If forms in a document that events edit raise Unsupported, and
the translator builds the template instead.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.sam_native_base import (
    OWN_ATTRIBUTES,
    PASSED_ATTRIBUTES,
    Unsupported,
    attributes,
    event_order,
    is_intrinsic,
    s3_uri,
)

HTTP_API_TYPE = "AWS::Serverless::HttpApi"
# The logical ID of the HTTP API the translator makes for HttpApi events that name no API.
IMPLICIT_HTTP_API_ID = "ServerlessHttpApi"

Generated = list[tuple[str, dict[str, Any]]]

_EVENT_TYPE = "HttpApi"
_DEFAULT_PATH = "$default"
_ANY_METHOD = "x-amazon-apigateway-any-method"
_INTEGRATION = "x-amazon-apigateway-integration"
_CORS = "x-amazon-apigateway-cors"
_TAG_VALUE = "x-amazon-apigateway-tag-value"
_ENDPOINT_CONFIGURATION = "x-amazon-apigateway-endpoint-configuration"
_SAM_TAG = "httpapi:createdBy"
_DEFAULT_TITLE = {"Ref": "AWS::StackName"}
_OPENAPI_VERSION = re.compile(r"\A3(\.\d)(\.\d)?$")
_PATH_PARAMETER = re.compile(r"{(.*?)}")
_ARN_PATH_PARAMETER = re.compile(r"{([a-zA-Z0-9._-]+|proxy\+)}")
_NO_VALUE = {"Ref": "AWS::NoValue"}
_EVENT_PROPERTIES = frozenset({"Path", "Method", "ApiId", "PayloadFormatVersion", "TimeoutInMillis",
                               "RouteSettings"})
_API_PROPERTIES = frozenset({"Name", "StageName", "Tags", "DefinitionBody", "DefinitionUri", "StageVariables",
                             "CorsConfiguration", "AccessLogSettings", "DefaultRouteSettings", "RouteSettings",
                             "FailOnWarnings", "Description", "DisableExecuteApiEndpoint", "PropagateTags"})
# Stage properties copied from the API unchanged, each a mapping in the translator's property types.
_STAGE_MAPPINGS = ("StageVariables", "AccessLogSettings", "DefaultRouteSettings", "RouteSettings")
# CorsConfiguration keys, mapped to the OpenAPI extension's keys.
_CORS_KEYS = {"AllowOrigins": "allowOrigins", "AllowHeaders": "allowHeaders", "AllowMethods": "allowMethods",
              "ExposeHeaders": "exposeHeaders", "MaxAge": "maxAge", "AllowCredentials": "allowCredentials"}


@dataclass
class _Route:
    """One HttpApi event: the function it invokes and the route it adds to an API."""

    function_id: str
    event_name: str
    api_id: str
    path: str
    method: str
    written_method: str
    payload_format_version: str | None
    timeout: int | None
    route_settings: dict[str, Any] | None
    condition: str | None = None


@dataclass
class _Api:
    """An HTTP API being built: its SAM definition, and the OpenAPI document when it has one."""

    logical_id: str
    definition: Mapping[str, Any]
    body: dict[str, Any] | None
    managed: bool
    route_settings: dict[str, Any] | None = None


def http_api_resources(functions: Mapping[str, Mapping[str, Any]],
                       function_definitions: Mapping[str, Mapping[str, Any]],
                       apis: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Generated], dict[str, Generated]]:
    """Build every HTTP API of a template and the permissions of the functions' HttpApi events.

    `functions` are the functions' properties with Globals merged and
    `function_definitions` their resource definitions, both in template order.
    `apis` are the AWS::Serverless::HttpApi definitions, their Properties
    already merged with Globals, in template order. Returns the resources of
    each API by logical ID (the implicit API under IMPLICIT_HTTP_API_ID when an
    event needs it), and each function's permissions by function ID. An event
    covered by its function's `$default` route has no permission. Raises
    Unsupported for what the translator must build.
    """
    routes = {function_id: _routes(function_id, properties, function_definitions[function_id], apis)
              for function_id, properties in functions.items()}
    built = {logical_id: _start(logical_id, definition) for logical_id, definition in apis.items()}
    if any(route.api_id == IMPLICIT_HTTP_API_ID for found in routes.values() for route in found):
        built[IMPLICIT_HTTP_API_ID] = _Api(IMPLICIT_HTTP_API_ID, _implicit_definition(routes, function_definitions),
                                           _skeleton(), managed=True)
    _add_paths(routes, built)
    for api in built.values():
        if api.managed:
            _make_paths_conditional(api, [route for found in routes.values() for route in found
                                          if route.api_id == api.logical_id])

    permissions: dict[str, Generated] = {}
    for function_id, found in routes.items():
        passed = attributes(function_definitions[function_id], PASSED_ATTRIBUTES)
        permissions[function_id] = _integrate(function_id, found, built, passed)
    return {logical_id: _api_resources(api) for logical_id, api in built.items()}, permissions


def _routes(function_id: str, properties: Mapping[str, Any], definition: Mapping[str, Any],
            apis: Mapping[str, Any]) -> list[_Route]:
    """Read a function's HttpApi events, in the order in which the translator expands them."""
    events = properties.get("Events")
    if not isinstance(events, dict):
        return []
    routes: dict[str, _Route] = {}
    for name, event in events.items():
        if isinstance(event, dict) and event.get("Type") == _EVENT_TYPE:
            routes[name] = _route(function_id, name, event, apis)
    if not routes:
        return []
    if properties.get("AutoPublishAlias") is not None:
        raise Unsupported(f"function {function_id} has HttpApi events and an AutoPublishAlias")
    # The translator gives the implicit API the Tags of a function that propagates them, read from the
    # function and Globals apart, which the merged properties here no longer tell.
    if "PropagateTags" in properties and any(route.api_id == IMPLICIT_HTTP_API_ID for route in routes.values()):
        raise Unsupported(f"function {function_id} sets PropagateTags and has HttpApi events without ApiId")
    condition = definition.get("Condition")
    if condition is not None and not isinstance(condition, str):
        raise Unsupported(f"function {function_id} has a Condition that is not a name")
    for route in routes.values():
        route.condition = condition

    # The translator sorts events after it gives a $default event its Path, but the function builder sorts
    # them as written, so the two orders must agree.
    def translator_key(name: str) -> Any:
        return routes[name].path if name in routes else event_order(name, events[name])

    if sorted(events, key=translator_key) != sorted(events, key=lambda name: event_order(name, events[name])):
        raise Unsupported(f"function {function_id} has an HttpApi event without Path that changes the order "
                          "of its events")
    return [routes[name] for name in sorted(routes, key=translator_key)]


def _route(function_id: str, name: str, event: Mapping[str, Any], apis: Mapping[str, Any]) -> _Route:
    where = f"HttpApi event {name} of function {function_id}"
    properties = event.get("Properties", {})
    if set(event) - {"Type", "Properties"} or not isinstance(properties, dict) or is_intrinsic(properties):
        raise Unsupported(f"{where} is not a plain mapping of Type and Properties")
    unknown = set(properties) - _EVENT_PROPERTIES
    if unknown:
        raise Unsupported(f"{where} sets {sorted(unknown)}")
    path, method = properties.get("Path"), properties.get("Method")
    if not path and not method:
        path, method = _DEFAULT_PATH, _ANY_METHOD
    if not isinstance(path, str) or not isinstance(method, str) or not method:
        raise Unsupported(f"{where} has a Path or Method that is missing or not text")
    if path != _DEFAULT_PATH and not path.startswith("/"):
        raise Unsupported(f"{where} has a Path that does not start with /")

    api_id = IMPLICIT_HTTP_API_ID
    if "ApiId" in properties:
        reference = properties["ApiId"]
        named = reference.get("Ref") if isinstance(reference, dict) and list(reference) == ["Ref"] else None
        if not isinstance(named, str) or named not in apis:
            raise Unsupported(f"{where} has an ApiId that is not a Ref to an HttpApi of the template")
        api_id = named
    payload_format_version = properties.get("PayloadFormatVersion")
    if payload_format_version is not None and not isinstance(payload_format_version, str):
        raise Unsupported(f"{where} has a PayloadFormatVersion that is not text")
    timeout = properties.get("TimeoutInMillis")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int)):
        raise Unsupported(f"{where} has a TimeoutInMillis that is not an integer")
    route_settings = properties.get("RouteSettings")
    if "RouteSettings" in properties and (not isinstance(route_settings, dict) or is_intrinsic(route_settings)):
        raise Unsupported(f"{where} has RouteSettings that are not a plain mapping")
    return _Route(function_id, name, api_id, path, _normalized_method(method), method,
                  payload_format_version or None, timeout or None, route_settings)


def _normalized_method(method: str) -> str:
    lowered = method.lower()
    return _ANY_METHOD if lowered == "any" else lowered


def _skeleton() -> dict[str, Any]:
    """Return the empty OpenAPI document the translator starts a managed API with."""
    return {"openapi": "3.0.1", "info": {"version": "1.0", "title": dict(_DEFAULT_TITLE)}, "paths": {}}


def _start(logical_id: str, definition: Mapping[str, Any]) -> _Api:
    """Check an explicit HttpApi and give it the document it starts with."""
    properties = definition.get("Properties") or {}
    if not isinstance(properties, dict):
        raise Unsupported(f"the Properties of HttpApi {logical_id} are not a mapping")
    unknown = set(properties) - _API_PROPERTIES
    if unknown:
        raise Unsupported(f"HttpApi {logical_id} sets {sorted(unknown)}")
    body, uri = properties.get("DefinitionBody"), properties.get("DefinitionUri")
    if body and uri:
        raise Unsupported(f"HttpApi {logical_id} sets both DefinitionBody and DefinitionUri")
    if uri:
        return _Api(logical_id, definition, None, managed=False)
    if not body:
        return _Api(logical_id, definition, _skeleton(), managed=True)
    if not _is_openapi(body):
        raise Unsupported(f"HttpApi {logical_id} has a DefinitionBody that is not an OpenAPI 3 document the "
                          "native transform edits")
    return _Api(logical_id, definition, copy.deepcopy(body), managed=False)


def _is_openapi(body: Any) -> bool:
    """Tell whether a document is OpenAPI 3 with the shape the translator's editor reads without error."""
    if not isinstance(body, dict) or is_intrinsic(body) or not isinstance(body.get("paths"), dict):
        return False
    version = body.get("openapi")
    if not isinstance(version, str) or not _OPENAPI_VERSION.match(version):
        return False
    for key in ("info", "components", "definitions"):
        if key in body and not isinstance(body[key], dict):
            return False
    components = body.get("components", {})
    if "securitySchemes" in components and not isinstance(components["securitySchemes"], dict):
        return False
    tags = body.get("tags", [])
    return isinstance(tags, list) and all(isinstance(tag, dict) for tag in tags)


def _implicit_definition(routes: Mapping[str, list[_Route]],
                         function_definitions: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Return the implicit API's definition, with the policies of the functions whose events it serves.

    The implicit API gets DeletionPolicy Retain when any such function has it,
    else Delete when any has that. UpdateReplacePolicy goes the same way, with
    Retain before Snapshot before Delete.
    """
    policies: dict[str, set[Any]] = {"DeletionPolicy": set(), "UpdateReplacePolicy": set()}
    conditions: set[str | None] = set()
    for function_id, found in routes.items():
        for route in found:
            if route.api_id == IMPLICIT_HTTP_API_ID:
                conditions.add(route.condition)
                for name, values in policies.items():
                    values.add(function_definitions[function_id].get(name))
    definition: dict[str, Any] = {"Type": HTTP_API_TYPE, "Properties": {}}
    # The API exists only when one of its functions does, which needs a new combined condition for two.
    if None not in conditions:
        if len(conditions) > 1:
            raise Unsupported(f"{IMPLICIT_HTTP_API_ID} serves functions with different conditions")
        definition["Condition"] = conditions.pop()
    for name, ranking in (("DeletionPolicy", ("Retain", "Delete")),
                          ("UpdateReplacePolicy", ("Retain", "Snapshot", "Delete"))):
        chosen = next((value for value in ranking if value in policies[name]), None)
        if chosen is not None:
            definition[name] = chosen
    return definition


def _add_paths(routes: Mapping[str, list[_Route]], built: Mapping[str, _Api]) -> None:
    """Add each event's route to the managed document and the RouteSettings of its API, as the translator does first."""
    for found in routes.values():
        for route in found:
            api = built[route.api_id]
            if route.route_settings is not None:
                _add_route_settings(api, route)
            if not api.managed:
                # The translator adds routes only to the documents it manages. The events' integrations still
                # go into a written document, in _integrate.
                continue
            assert api.body is not None  # noqa: S101 - a managed API always has a document
            methods = api.body["paths"].setdefault(route.path, {})
            if route.method in methods:
                raise Unsupported(f"HttpApi {api.logical_id} has the route {route.method} {route.path} twice, "
                                  "which the translator rejects")
            methods[route.method] = {}


def _make_paths_conditional(api: _Api, routes: list[_Route]) -> None:
    """Wrap in Fn::If each path of a managed document whose methods all come from functions with one Condition."""
    assert api.body is not None  # noqa: S101 - a managed API always has a document
    for path in list(api.body["paths"]):
        conditions = {route.condition for route in routes if route.path == path}
        if None in conditions or not conditions:
            continue
        if len(conditions) > 1:
            raise Unsupported(f"HttpApi {api.logical_id} has a path {path} whose methods have different conditions")
        api.body["paths"][path] = {"Fn::If": [conditions.pop(), api.body["paths"][path], dict(_NO_VALUE)]}


def _content(api: _Api, value: Any, where: str) -> Any:
    """Return the content of a value, looking inside an Fn::If whose other branch is AWS::NoValue."""
    if not isinstance(value, dict) or "Fn::If" not in value:
        return value
    branches = value["Fn::If"]
    contents = [item for item in branches[1:] if item != _NO_VALUE] if isinstance(branches, list) else []
    if len(contents) != 1:
        raise Unsupported(f"HttpApi {api.logical_id} has a conditional {where} the native transform does not edit")
    return contents[0]


def _add_route_settings(api: _Api, route: _Route) -> None:
    """Merge an event's RouteSettings into its API's under the route key, `METHOD /path` or the bare path.

    Only the extension's name x-amazon-apigateway-any-method gives the bare
    path, and a Method written as ANY gives `ANY /path`.
    """
    if api.route_settings is None:
        written = (api.definition.get("Properties") or {}).get("RouteSettings", {})
        if not isinstance(written, dict) or is_intrinsic(written):
            raise Unsupported(f"HttpApi {api.logical_id} has RouteSettings that are not a plain mapping")
        api.route_settings = copy.deepcopy(written)
    key = route.path if route.written_method == _ANY_METHOD else f"{route.written_method.upper()} {route.path}"
    settings = api.route_settings.setdefault(key, {})
    if not isinstance(settings, dict) or is_intrinsic(settings):
        raise Unsupported(f"HttpApi {api.logical_id} has RouteSettings for {key} that are not a plain mapping")
    addition = copy.deepcopy(route.route_settings or {})
    if route.condition is not None:
        # The translator merges the wrapper itself, so the route's settings gain an Fn::If key.
        addition = {"Fn::If": [route.condition, addition, dict(_NO_VALUE)]}
    settings.update(addition)


def _integrate(function_id: str, routes: list[_Route], built: Mapping[str, _Api], passed: Mapping[str, Any],
               ) -> Generated:
    """Build a function's permissions and write its integrations into the documents of its APIs."""
    permissions: Generated = []
    for route in routes:
        api = built[route.api_id]
        permission = _permission(function_id, route, api, passed)
        if permission is not None:
            permissions.append(permission)
        if api.body is not None:
            _add_integration(api, function_id, route)
    return permissions


def _permission(function_id: str, route: _Route, api: _Api, passed: Mapping[str, Any],
                ) -> tuple[str, dict[str, Any]] | None:
    """Build the permission of one event, or return None when the function's $default route covers it."""
    path = re.sub(r"^(.+)/$", r"\1", route.path)
    if path == _DEFAULT_PATH:
        path = ""
    elif api.body is not None and _has_default_route(api, function_id):
        return None
    path = _ARN_PATH_PARAMETER.sub("*", path)
    method = "*" if route.method == _ANY_METHOD else route.method.upper()
    resource = "${__ApiId__}/${__Stage__}"
    # The translator keeps a /$default path whole only for a Method written as ANY, not for the extension's name.
    resource += path if route.written_method.lower() == "any" and path == f"/{_DEFAULT_PATH}" else f"/{method}{path}"
    source_arn = {"Fn::Sub": [f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{resource}",
                              {"__ApiId__": {"Ref": route.api_id}, "__Stage__": "*"}]}
    properties = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": function_id},
                  "Principal": "apigateway.amazonaws.com", "SourceArn": source_arn}
    return f"{function_id}{route.event_name}Permission", {"Type": "AWS::Lambda::Permission", **passed,
                                                          "Properties": properties}


def _has_default_route(api: _Api, function_id: str) -> bool:
    """Tell whether the document already routes `$default` with any method to the function.

    As in the translator, the function is the one whose `${Name.Arn}` comes
    first in the Fn::Sub text of the integration's uri.
    """
    operation = _operation_with_integration(api, _DEFAULT_PATH, _ANY_METHOD)
    if operation is None:
        return False
    integration = operation[_INTEGRATION]
    uri = integration.get("uri") if isinstance(integration, dict) else None
    if not isinstance(uri, dict):
        return False
    uri = _content(api, uri, "$default integration uri")
    if not isinstance(uri, dict) or not isinstance(uri.get("Fn::Sub", ""), str):
        raise Unsupported(f"HttpApi {api.logical_id} routes $default to a uri the native transform does not read")
    arns = re.findall(r"([A-Za-z0-9]+\.Arn)", uri.get("Fn::Sub", ""))
    return bool(arns) and arns[0].split(".Arn")[0] == function_id


def _path_item(api: _Api, path: str) -> dict[str, Any] | None:
    """Return the document's operations at a path, or None, and decline the forms the native transform does not edit."""
    assert api.body is not None  # noqa: S101 - only APIs with a document have path items
    item = api.body["paths"].get(path)
    if item is None and path not in api.body["paths"]:
        return None
    item = _content(api, item, f"path {path}")
    if not isinstance(item, dict) or "Fn::If" in item:
        raise Unsupported(f"HttpApi {api.logical_id} has a path {path} that is not a mapping")
    return item


def _operation_with_integration(api: _Api, path: str, method: str) -> dict[str, Any] | None:
    """Return the operation at a path and method when it has an API Gateway integration, else None."""
    item = _path_item(api, path)
    operation = _content(api, item.get(method), f"operation {method} {path}") if item is not None else None
    if not isinstance(operation, dict):
        return None
    return operation if operation.get(_INTEGRATION) else None


def _add_integration(api: _Api, function_id: str, route: _Route) -> None:
    """Write an event's Lambda integration into its API's document, as the translator's OpenAPI editor does.

    A route whose operation already has an integration keeps it, but the
    event's timeout, path parameters and payload format version still apply.
    """
    assert api.body is not None  # noqa: S101 - the caller checks that the API has a document
    operation = _operation_with_integration(api, route.path, route.method)
    if operation is None:
        item = _path_item(api, route.path)
        if item is None:
            item = api.body["paths"][route.path] = {}
        operation = item.get(route.method)
        if operation is None:
            operation = item[route.method] = {}
        if not isinstance(operation, dict) or "Fn::If" in operation:
            raise Unsupported(f"HttpApi {api.logical_id} has an operation at {route.method} {route.path} that is "
                              "not a plain mapping")
        uri: dict[str, Any] = _integration_uri(function_id)
        if route.condition is not None:
            uri = {"Fn::If": [route.condition, uri, dict(_NO_VALUE)]}
        operation[_INTEGRATION] = {"type": "aws_proxy", "httpMethod": "POST", "payloadFormatVersion": "2.0",
                                   "uri": uri}
        if route.path == _DEFAULT_PATH and route.method == _ANY_METHOD:
            operation["isDefaultRoute"] = True
        operation.setdefault("responses", {})
        if route.condition is not None:
            # The wrapper contains the same operation object, which the steps below still edit.
            item[route.method] = {"Fn::If": [route.condition, operation, dict(_NO_VALUE)]}

    integration = operation[_INTEGRATION]
    if (route.timeout or route.payload_format_version) and not isinstance(integration, dict):
        raise Unsupported(f"HttpApi {api.logical_id} has an integration at {route.method} {route.path} that is "
                          "not a mapping")
    if route.timeout:
        integration["timeoutInMillis"] = route.timeout
    names = _PATH_PARAMETER.findall(route.path)
    if names:
        _add_path_parameters(api, route, operation, names)
    if route.payload_format_version:
        integration["payloadFormatVersion"] = route.payload_format_version


def _add_path_parameters(api: _Api, route: _Route, operation: dict[str, Any], names: list[str]) -> None:
    """Declare each `{name}` of the path as a required path parameter, updating a parameter of the same name."""
    parameters = operation.setdefault("parameters", [])
    if not isinstance(parameters, list) or not all(isinstance(parameter, dict) for parameter in parameters):
        raise Unsupported(f"HttpApi {api.logical_id} has parameters at {route.method} {route.path} that are not "
                          "a list of mappings")
    for name in names:
        existing = next((parameter for parameter in parameters if parameter.get("name") == name), None)
        if existing is not None:
            existing["in"] = "path"
            existing["required"] = True
        else:
            parameters.append({"name": name, "in": "path", "required": True})


def _integration_uri(function_id: str) -> dict[str, Any]:
    return {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                       f"${{{function_id}.Arn}}/invocations"}


def _api_resources(api: _Api) -> Generated:
    """Build the AWS::ApiGatewayV2::Api and Stage of one HTTP API, its document complete."""
    logical_id, definition = api.logical_id, api.definition
    properties = definition.get("Properties") or {}
    for name in ("Tags", *_STAGE_MAPPINGS):
        if properties.get(name) is not None and not isinstance(properties[name], dict):
            raise Unsupported(f"HttpApi {logical_id} has a {name} that is not a mapping")
    # PropagateTags changes nothing here: an HTTP API's stage gets its tags whenever the API has a document.
    for name in ("FailOnWarnings", "DisableExecuteApiEndpoint", "PropagateTags"):
        if properties.get(name) is not None and not isinstance(properties[name], bool):
            raise Unsupported(f"HttpApi {logical_id} has a {name} that is not true or false")
    if properties.get("Description") is not None and not isinstance(properties["Description"], str):
        raise Unsupported(f"HttpApi {logical_id} has a Description that is not text")

    body = api.body
    if body is None:
        for name in ("CorsConfiguration", "Tags", "Name", "Description", "DisableExecuteApiEndpoint"):
            if properties.get(name) or (name == "DisableExecuteApiEndpoint" and properties.get(name) is not None):
                raise Unsupported(f"HttpApi {logical_id} sets {name} without a DefinitionBody")
        # Without a document the stage keeps the Tags as written, which can only be empty here.
        tags = properties.get("Tags")
    else:
        _add_cors(logical_id, body, properties.get("CorsConfiguration"))
        tags = {**(properties.get("Tags") or {}), _SAM_TAG: "SAM"}
        _add_tags(body, tags)
        _add_endpoint_configuration(logical_id, body, properties.get("DisableExecuteApiEndpoint"))
        _add_title(logical_id, body, properties.get("Name"))
        _add_description(logical_id, body, properties.get("Description"))
        if properties.get("FailOnWarnings") and _DEFAULT_PATH in body["paths"]:
            body["paths"][f"/{_DEFAULT_PATH}"] = body["paths"].pop(_DEFAULT_PATH)

    api_properties: dict[str, Any] = {}
    if body is not None:
        api_properties["Body"] = body
    else:
        api_properties["BodyS3Location"] = _body_location(logical_id, properties["DefinitionUri"])
    if properties.get("FailOnWarnings"):
        api_properties["FailOnWarnings"] = properties["FailOnWarnings"]
    resource: dict[str, Any] = {"Type": "AWS::ApiGatewayV2::Api"}
    if definition.get("DependsOn"):
        resource["DependsOn"] = definition["DependsOn"]
    resource.update(attributes(definition, OWN_ATTRIBUTES))
    resource["Properties"] = api_properties
    return [(logical_id, resource), _stage(api, properties, tags)]


def _stage(api: _Api, properties: Mapping[str, Any], tags: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """Build the stage the translator always gives an HTTP API, `$default` unless StageName names another."""
    logical_id, definition = api.logical_id, api.definition
    stage_name = properties.get("StageName") or _DEFAULT_PATH
    if not isinstance(stage_name, str | dict):
        raise Unsupported(f"HttpApi {logical_id} has a StageName that is neither text nor a function")
    prefix = stage_name if isinstance(stage_name, str) else ""
    if prefix.isalnum():
        stage_id = f"{logical_id}{prefix}Stage"
    elif prefix == _DEFAULT_PATH:
        stage_id = f"{logical_id}ApiGatewayDefaultStage"
    elif prefix:
        digest = hashlib.sha1(prefix.encode("utf-8"), usedforsecurity=False).hexdigest()
        stage_id = f"{logical_id}Stage{digest[:10]}"
    else:
        stage_id = f"{logical_id}Stage"
    stage: dict[str, Any] = {"ApiId": {"Ref": logical_id}, "StageName": stage_name}
    route_settings = api.route_settings if api.route_settings is not None else properties.get("RouteSettings")
    values = {"StageVariables": properties.get("StageVariables"),
              "AccessLogSettings": properties.get("AccessLogSettings"),
              "DefaultRouteSettings": properties.get("DefaultRouteSettings"), "Tags": tags, "AutoDeploy": True,
              "RouteSettings": route_settings}
    stage.update((name, value) for name, value in values.items() if value is not None)
    return stage_id, {"Type": "AWS::ApiGatewayV2::Stage", **attributes(definition, PASSED_ATTRIBUTES),
                      "Properties": stage}


def _body_location(logical_id: str, uri: Any) -> dict[str, Any]:
    """Build BodyS3Location from DefinitionUri, an s3:// URI or a mapping with Bucket and Key."""
    if isinstance(uri, dict) and not is_intrinsic(uri):
        pointer = uri
        if not pointer.get("Bucket") or not pointer.get("Key"):
            raise Unsupported(f"HttpApi {logical_id} has a DefinitionUri mapping without Bucket and Key")
    else:
        parsed = s3_uri(uri) if isinstance(uri, str) else None
        if parsed is None:
            raise Unsupported(f"HttpApi {logical_id} has a DefinitionUri that is not an s3:// URI")
        pointer = parsed
    location = {"Bucket": pointer["Bucket"], "Key": pointer["Key"]}
    if "Version" in pointer:
        location["Version"] = pointer["Version"]
    return location


def _contains_intrinsic(value: Any) -> bool:
    if is_intrinsic(value):
        return True
    if isinstance(value, dict):
        return any(_contains_intrinsic(item) for item in value.values())
    if isinstance(value, list):
        return any(_contains_intrinsic(item) for item in value)
    return False


def _add_cors(logical_id: str, body: dict[str, Any], cors: Any) -> None:
    """Write CorsConfiguration into the document's CORS extension, over what the document sets."""
    if not cors:
        return
    if cors is True:
        settings: dict[str, Any] = {"AllowOrigins": ["*"]}
    elif isinstance(cors, dict) and not _contains_intrinsic(cors) and not set(cors) - set(_CORS_KEYS):
        settings = cors
    else:
        # The translator resolves parameters inside CorsConfiguration before it writes it.
        raise Unsupported(f"HttpApi {logical_id} has a CorsConfiguration that is not true or a plain mapping")
    if settings.get("AllowCredentials") is True and settings.get("AllowOrigins") == ["*"]:
        raise Unsupported(f"HttpApi {logical_id} allows credentials from every origin, which the translator rejects")
    extension = body.get(_CORS, {})
    if not isinstance(extension, dict):
        raise Unsupported(f"HttpApi {logical_id} has a DefinitionBody whose {_CORS} is not a mapping")
    extension = dict(extension)
    for key, name in _CORS_KEYS.items():
        value = settings.get(key)
        if key == "MaxAge":
            included = value is not None
        elif key == "AllowCredentials":
            included = value is True
        else:
            included = bool(value)
        if included:
            extension[name] = copy.deepcopy(value)
    body[_CORS] = extension


def _add_tags(body: dict[str, Any], tags: Mapping[str, Any]) -> None:
    """Write each tag into the document's tags list, replacing the value of a tag it already names."""
    listed = body.setdefault("tags", [])
    for name, value in tags.items():
        existing = next((tag for tag in listed if tag.get("name") == name), None)
        if existing is not None:
            existing[_TAG_VALUE] = copy.deepcopy(value)
        else:
            listed.append({"name": name, _TAG_VALUE: copy.deepcopy(value)})


def _add_endpoint_configuration(logical_id: str, body: dict[str, Any], disabled: Any) -> None:
    if disabled is None:
        return
    servers = body.get("servers", [{}])
    if not isinstance(servers, list) or not all(
            isinstance(server, dict) and isinstance(server.get(_ENDPOINT_CONFIGURATION, {}), dict)
            for server in servers):
        raise Unsupported(f"HttpApi {logical_id} has a DefinitionBody whose servers the native transform does "
                          "not edit")
    for server in servers:
        server[_ENDPOINT_CONFIGURATION] = {**server.get(_ENDPOINT_CONFIGURATION, {}),
                                           "disableExecuteApiEndpoint": disabled}
    body["servers"] = servers


def _add_title(logical_id: str, body: dict[str, Any], name: Any) -> None:
    if not name:
        return
    info = body.get("info")
    if not isinstance(info, dict) or info.get("title") != _DEFAULT_TITLE:
        raise Unsupported(f"HttpApi {logical_id} sets Name and its DefinitionBody sets a title")
    info["title"] = copy.deepcopy(name)


def _add_description(logical_id: str, body: dict[str, Any], description: str | None) -> None:
    if not description:
        return
    info = body.setdefault("info", {})
    if info.get("description"):
        raise Unsupported(f"HttpApi {logical_id} sets Description and its DefinitionBody sets a description")
    info["description"] = description
