"""Api events of SAM functions and the REST APIs they feed, built without aws-sam-translator.

A function event `{Type: Api, Properties: {Path, Method}}` without RestApiId
makes aws-sam-translator 1.115 create one AWS::Serverless::Api for the whole
template, `ServerlessRestApi`, with the stage `Prod` and a Swagger body that has
one path and method per event. An event with `RestApiId: !Ref Api` adds its path
and method the same way to the body of that API when the API has no
DefinitionBody, and leaves a written body alone. Each event also adds a Lambda
permission to its function. `api_event_resources` builds both, and hands each
body to the API builder of cloudseal.cfn.sam_native_api for the RestApi, its
Deployment and its Stage.

The hard part is the deployment's logical ID, which hashes the Python `str()`
of the body. The translator builds the body from dicts that iterate in the
order of Python 2.7 (its Py27Dict), and deep-copies the body between the steps
that change it. A deep copy inserts the keys again in their current order into
an empty table, which can change that order. `Py27Table` of
cloudseal.cfn.sam_native_py27 reproduces the table,
and `_build_body` replays the translator's inserts and copies in the same
sequence.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.sam_native_api import (
    BINARY_MEDIA_TYPES_KEY,
    ENDPOINT_DISABLED_KEY,
    ENDPOINT_EXTENSION_KEY,
    ApiBuilder,
    binary_media_types,
    check_value,
    endpoint_disabled,
    resolve_parameters,
    swagger_media_types,
)
from cloudseal.cfn.sam_native_api_auth import (
    IAM,
    ApiAuth,
    EventAuth,
    add_auth,
    add_event_auth,
    api_auth,
    check_event_auth,
    event_auth,
    integration_credentials,
    openapi3_rewrite,
)
from cloudseal.cfn.sam_native_api_cors import Cors, add_cors, api_cors
from cloudseal.cfn.sam_native_api_models import RequestModel, add_models, add_request_model, api_models, request_model
from cloudseal.cfn.sam_native_api_responses import add_gateway_responses, gateway_responses
from cloudseal.cfn.sam_native_base import IMPLICIT_API_ID, PASSED_ATTRIBUTES, Unsupported, is_intrinsic
from cloudseal.cfn.sam_native_py27 import Py27Dict, py27_order

__all__ = ["IMPLICIT_API_ID", "api_event_resources", "implicit_api_resources", "py27_order"]

# Resources a SAM resource generates, as (logical ID, definition) pairs in the translator's order.
Generated = list[tuple[str, dict[str, Any]]]

_STAGE = "Prod"
_ANY_METHOD = "x-amazon-apigateway-any-method"
_INTEGRATION = "x-amazon-apigateway-integration"
# Greedy path parameters such as {proxy+}, and plain ones, become `*` in the permission's source ARN.
_PATH_PARAMETER = re.compile(r"{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}")
# Function properties that change the implicit API or the permissions in ways not reproduced here.
_REJECTED_FUNCTION_PROPERTIES = frozenset({"AutoPublishAlias", "DeploymentPreference", "PropagateTags"})
_EVENT_PROPERTIES = frozenset({"Path", "Method", "RestApiId", "Auth", "RequestModel", "TimeoutInMillis",
                               "RequestParameters", "ResponseTransferMode"})
# Request parameter names the translator takes, with the location they name.
_REQUEST_PARAMETER = re.compile(r"method\.request\.(querystring|path|header)\.")
# The OpenApiVersion values the native transform takes, as in cloudseal.cfn.sam_native_api.
_OPENAPI_VERSION = re.compile(r"[23]\.\d(\.\d)?")



def implicit_api_resources(functions: Mapping[str, Mapping[str, Any]], parameters: Mapping[str, Any],
                           partition: str, definitions: Mapping[str, Mapping[str, Any]] | None = None,
                           implicit_globals: Mapping[str, Any] | None = None,
                           ) -> tuple[Generated, dict[str, Generated]]:
    """Build the implicit REST API and the permissions of the functions' Api events, or raise Unsupported.

    The same as `api_event_resources` for a template without AWS::Serverless::Api
    resources: returns the implicit API's resources (empty when no function has an
    Api event) and the permissions of each function.
    """
    built, permissions = api_event_resources(functions, {}, parameters, partition, definitions, implicit_globals)
    return built.get(IMPLICIT_API_ID, []), permissions


def api_event_resources(functions: Mapping[str, Mapping[str, Any]], apis: Mapping[str, Mapping[str, Any]],
                        parameters: Mapping[str, Any], partition: str,
                        definitions: Mapping[str, Mapping[str, Any]] | None = None,
                        implicit_globals: Mapping[str, Any] | None = None,
                        ) -> tuple[dict[str, Generated], dict[str, Generated]]:
    """Build the REST APIs that Api events feed and the functions' permissions for them, or raise Unsupported.

    `functions` maps each AWS::Serverless::Function logical ID to its properties
    with Globals merged, in template order. `apis` maps each
    AWS::Serverless::Api logical ID to its definition, with Globals merged into
    its Properties. `definitions` maps the function IDs to the resource
    definitions, for their Condition, DeletionPolicy and UpdateReplacePolicy;
    without it the functions have none. `parameters` are the translator's
    parameter values and `partition` the partition of its region.
    `implicit_globals` is the Globals.Api section, which the translator merges
    into the implicit API as into the others.

    Returns two mappings. The first maps the implicit API's ID and the ID of every
    explicit API that an event names with RestApiId to the API's resources, in the
    translator's order. The second maps every function to the permissions its Api
    events add, in the translator's event order: events sorted by their Path.
    """
    definitions = definitions or {}
    events_by_function = {logical_id: _api_events(logical_id, properties, definitions.get(logical_id, {}), apis)
                          for logical_id, properties in functions.items()}
    permissions = {logical_id: [_permission(logical_id, event, definitions.get(logical_id, {}), partition, apis)
                                for _, event in _translation_order(events)]
                   for logical_id, events in events_by_function.items()}
    for logical_id, generated in permissions.items():
        _check_permission_prefixes(logical_id, events_by_function[logical_id], generated)

    built: dict[str, Generated] = {}
    for api_id in (IMPLICIT_API_ID, *apis):
        api_events = {logical_id: {name: event for name, event in events.items() if event.api_id == api_id}
                      for logical_id, events in events_by_function.items()}
        if not any(api_events.values()):
            continue
        names = _function_names(functions, api_events, parameters)
        builder: ApiBuilder
        if api_id == IMPLICIT_API_ID:
            # Globals.Api applies to the implicit API too, but cannot set its StageName or body.
            properties = {**(implicit_globals or {}), "StageName": _STAGE}
            context = "the implicit API falls outside the subset"
            body = _managed_body(context, properties, api_events, events_by_function, api_id, parameters, partition)
            definition = _implicit_definition(api_events, definitions, properties)
            builder = _ImplicitApiBuilder(definition, parameters, names, body)
        else:
            api = apis[api_id]
            context = f"API {api_id}"
            managed_body = None
            if not api["Properties"].get("DefinitionBody") and not api["Properties"].get("DefinitionUri"):
                # The translator owns the Swagger of an API without a body and adds each event's path to it.
                managed_body = _managed_body(context, api["Properties"], api_events, events_by_function, api_id,
                                             parameters, partition)
            builder = ApiBuilder(api_id, api, parameters, managed_body=managed_body, function_names=names)
        try:
            built[api_id] = builder.build()
        except Unsupported as reason:
            raise Unsupported(f"{context}: {reason}") from reason
    return built, permissions


def _managed_body(context: str, properties: Mapping[str, Any], api_events: Mapping[str, Mapping[str, _ApiEvent]],
                  events_by_function: Mapping[str, Mapping[str, _ApiEvent]], api_id: str,
                  parameters: Mapping[str, Any], partition: str) -> dict[str, Any]:
    """Check the properties that shape the body of an API the translator owns, and build the body."""
    _check_unique_methods(api_events)
    open_api_version = _managed_openapi_version(properties)
    try:
        binary_types = binary_media_types(properties, parameters)
        auth = api_auth(properties.get("Auth"), resolve_parameters(properties.get("Auth"), parameters))
        _check_events_auth(api_events, auth)
        cors = api_cors(properties.get("Cors"))
        models = api_models(properties.get("Models"))
        requests = _request_models(api_events, models)
    except Unsupported as reason:
        raise Unsupported(f"{context}: {reason}") from reason
    try:
        disabled = endpoint_disabled(properties)
        responses = gateway_responses(properties.get("GatewayResponses"))
    except Unsupported as reason:
        raise Unsupported(f"{context}: {reason}") from reason
    if disabled is not None and open_api_version is not None:
        raise Unsupported(f"{context}: DisableExecuteApiEndpoint with an OpenAPI 3 OpenApiVersion")
    return _build_body(events_by_function, api_id, partition, open_api_version,
                       swagger_media_types(binary_types) if binary_types else None,
                       _ApiAuthInput(auth, properties.get("Auth"), properties.get("StageName")), cors,
                       _ApiModels(models, requests),
                       endpoint_disabled=disabled, responses=responses)


# Api events and their permissions


@dataclass(frozen=True)
class _ApiEvent:
    """One Api event of a function: its path and method, and the API it adds them to."""

    name: str
    path: str
    method: str
    api_id: str
    auth: EventAuth | None = None
    # The RequestModel as written, which only an API that the translator builds a body for checks and applies.
    request_model: Any = None
    timeout: int | None = None
    # The RequestParameters as (name, required, caching) triples, in written order.
    request_parameters: tuple[tuple[str, bool, bool], ...] = ()
    # ResponseTransferMode RESPONSE_STREAM, which streams the function's response through its own invocation path.
    streaming: bool = False


@dataclass(frozen=True)
class _ApiModels:
    """The Models of the API a body belongs to, and the checked RequestModel of each function and event name."""

    models: Mapping[str, Any] | None
    requests: Mapping[tuple[str, str], RequestModel]


@dataclass(frozen=True)
class _ApiAuthInput:
    """The Auth of the API a body belongs to, checked and as written, and the API's StageName."""

    checked: ApiAuth | None
    written: Any
    stage: Any = None


def _api_events(logical_id: str, properties: Mapping[str, Any], definition: Mapping[str, Any],
                apis: Mapping[str, Mapping[str, Any]]) -> dict[str, _ApiEvent]:
    """Return the function's Api events by name, in the order of Events."""
    events = properties.get("Events")
    if not isinstance(events, dict) or is_intrinsic(events):
        return {}
    found: dict[str, _ApiEvent] = {}
    for name, event in events.items():
        if not isinstance(event, dict) or event.get("Type") != "Api":
            continue
        if "Condition" in definition:
            raise Unsupported(f"function {logical_id} has a Condition and Api events")
        rejected = _REJECTED_FUNCTION_PROPERTIES & properties.keys()
        if rejected:
            raise Unsupported(f"function {logical_id} has Api events and sets {sorted(rejected)}")
        if not isinstance(name, str) or not name.isascii() or not name.isalnum():
            raise Unsupported(f"function {logical_id} has an Api event whose name is not alphanumeric")
        event_properties = event.get("Properties")
        if set(event) - {"Type", "Properties"} or not isinstance(event_properties, dict) \
                or not {"Path", "Method"} <= event_properties.keys() <= _EVENT_PROPERTIES:
            raise Unsupported(f"Api event {name} of function {logical_id} sets more than Path, Method, RestApiId "
                              "and Auth")
        path, method = event_properties["Path"], event_properties["Method"]
        if not isinstance(path, str) or not path or not isinstance(method, str) or not method:
            raise Unsupported(f"Api event {name} of function {logical_id} has a Path or Method that is not text")
        api_id = _target_api(logical_id, name, event_properties, apis)
        if not isinstance(event_properties.get("RequestModel", {}), dict):
            raise Unsupported(f"Api event {name} of function {logical_id} has a RequestModel that is not a mapping")
        try:
            auth = event_auth(event_properties.get("Auth"))
        except Unsupported as reason:
            raise Unsupported(f"Api event {name} of function {logical_id}: {reason}") from reason
        transfer_mode = event_properties.get("ResponseTransferMode")
        if transfer_mode is not None and not isinstance(transfer_mode, str):
            raise Unsupported(f"Api event {name} of function {logical_id} has a ResponseTransferMode that is not text")
        try:
            timeout = _timeout(event_properties.get("TimeoutInMillis"))
            request_parameters = _request_parameters(event_properties.get("RequestParameters"))
        except Unsupported as reason:
            raise Unsupported(f"Api event {name} of function {logical_id}: {reason}") from reason
        found[name] = _ApiEvent(name, path, method, api_id, auth, event_properties.get("RequestModel"), timeout,
                                request_parameters, transfer_mode == "RESPONSE_STREAM")
    return found


def _timeout(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Unsupported("TimeoutInMillis is not an integer")
    return value


def _request_parameters(value: Any) -> tuple[tuple[str, bool, bool], ...]:
    """Check RequestParameters as the translator does, with the defaults it fills in for each parameter."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Unsupported("RequestParameters is not a list")
    parameters = []
    for item in value:
        settings: Any
        if isinstance(item, str):
            name, settings = item, {}
        elif isinstance(item, dict) and len(item) == 1 and not is_intrinsic(item):
            name, settings = next(iter(item.items()))
        else:
            raise Unsupported("a request parameter is neither a name nor a mapping of one name to settings")
        if not isinstance(name, str) or not _REQUEST_PARAMETER.match(name) or not isinstance(settings, dict) \
                or settings.keys() - {"Required", "Caching"}:
            raise Unsupported(f"request parameter {name} has an invalid name or settings")
        required, caching = settings.get("Required", False), settings.get("Caching", False)
        if not isinstance(required, bool) or not isinstance(caching, bool):
            raise Unsupported(f"request parameter {name} has a Required or Caching that is not true or false")
        parameters.append((name, required, caching))
    return tuple(parameters)


def _target_api(logical_id: str, name: str, event_properties: Mapping[str, Any],
                apis: Mapping[str, Mapping[str, Any]]) -> str:
    """Return the logical ID of the API an event adds its path to: the implicit API without RestApiId."""
    if "RestApiId" not in event_properties:
        return IMPLICIT_API_ID
    rest_api_id = event_properties["RestApiId"]
    target = rest_api_id.get("Ref") if isinstance(rest_api_id, dict) and len(rest_api_id) == 1 else None
    if not isinstance(target, str) or target not in apis:
        raise Unsupported(f"Api event {name} of function {logical_id} has a RestApiId that is not a Ref "
                          "to an AWS::Serverless::Api of the template")
    return target


def _request_models(events_by_function: Mapping[str, Mapping[str, _ApiEvent]], models: Mapping[str, Any] | None,
                    ) -> dict[tuple[str, str], RequestModel]:
    """Check the RequestModel of each event against the API's Models, keyed by function and event name."""
    checked = {}
    for logical_id, events in events_by_function.items():
        for name, event in events.items():
            model = request_model(event.request_model, models)
            if model is not None:
                checked[logical_id, name] = model
    return checked


def _check_events_auth(events_by_function: Mapping[str, Mapping[str, _ApiEvent]], auth: ApiAuth | None) -> None:
    for events in events_by_function.values():
        for event in events.values():
            if event.auth is not None:
                check_event_auth(event.auth, auth)


def _translation_order(events: Mapping[str, _ApiEvent]) -> list[tuple[str, _ApiEvent]]:
    """Order events as the translator expands them: by Path, with a stable sort."""
    return sorted(events.items(), key=lambda item: item[1].path)


def _check_unique_methods(events_by_function: Mapping[str, Mapping[str, _ApiEvent]]) -> None:
    """Leave a method defined twice on one path of an API to the translator, which rejects the template."""
    seen: set[tuple[str, str]] = set()
    for events in events_by_function.values():
        for event in events.values():
            key = (event.path, _swagger_method(event.method))
            if key in seen:
                raise Unsupported(f"method {event.method} is defined twice for path {event.path}")
            seen.add(key)


def _stage_suffix(api_id: str, apis: Mapping[str, Mapping[str, Any]]) -> str:
    """Return the stage part of a permission's logical ID: the implicit API's Prod, or the API's StageName."""
    if api_id == IMPLICIT_API_ID:
        return _STAGE
    stage_name = apis[api_id]["Properties"].get("StageName")
    if is_intrinsic(stage_name):
        return "Stage"
    if not isinstance(stage_name, str) or not stage_name.isascii() or not stage_name.isalnum():
        raise Unsupported(f"API {api_id} has a StageName that is not alphanumeric text or a function")
    return stage_name


def _permission(logical_id: str, event: _ApiEvent, definition: Mapping[str, Any], partition: str,
                apis: Mapping[str, Mapping[str, Any]]) -> tuple[str, dict[str, Any]]:
    """Build the permission that lets API Gateway invoke the function through one path and method."""
    path = event.path
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    path = _PATH_PARAMETER.sub("*", path)
    method = "*" if event.method.lower() == "any" else event.method.upper()
    source_arn = {"Fn::Sub": [
        f"arn:{partition}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{__ApiId__}}/${{__Stage__}}/{method}{path}",
        {"__ApiId__": {"Ref": event.api_id}, "__Stage__": "*"},
    ]}
    properties = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": logical_id},
                  "Principal": "apigateway.amazonaws.com", "SourceArn": source_arn}
    resource: dict[str, Any] = {"Type": "AWS::Lambda::Permission"}
    resource.update({key: definition[key] for key in PASSED_ATTRIBUTES if key in definition})
    resource["Properties"] = properties
    return f"{logical_id}{event.name}Permission{_stage_suffix(event.api_id, apis)}", resource


def _check_permission_prefixes(logical_id: str, events: Mapping[str, _ApiEvent], permissions: Generated) -> None:
    """Make sure each event's permission is the only one whose ID starts with function, event name and Permission.

    The function builder finds an event's permission by that prefix, because the
    stage at the end of the ID depends on the API.
    """
    for name in events:
        prefix = f"{logical_id}{name}Permission"
        if sum(permission_id.startswith(prefix) for permission_id, _ in permissions) != 1:
            raise Unsupported(f"the permission IDs of Api event {name} of function {logical_id} are ambiguous")


def _swagger_method(method: str) -> str:
    lowered = method.lower()
    return _ANY_METHOD if lowered == "any" else lowered


def _managed_openapi_version(properties: Mapping[str, Any]) -> str | None:
    """Return the OpenApiVersion that replaces the swagger key of a body the translator owns, or None."""
    version = properties.get("OpenApiVersion")
    if version is None:
        return None
    if not isinstance(version, str) or not _OPENAPI_VERSION.fullmatch(version):
        raise Unsupported("OpenApiVersion is not of the form 3.0.1")
    return version if version.startswith("3") else None


# The APIs


def _implicit_definition(events_by_function: Mapping[str, Mapping[str, Any]],
                         definitions: Mapping[str, Mapping[str, Any]], properties: Mapping[str, Any]) -> dict[str, Any]:
    """Build the AWS::Serverless::Api the translator adds, with the policies its functions pass on."""
    definition: dict[str, Any] = {"Type": "AWS::Serverless::Api", "Properties": properties}
    # The translator collects the policy of each function once per Api event, and picks the strongest.
    for attribute, ranking in (("DeletionPolicy", ("Retain", "Delete")),
                               ("UpdateReplacePolicy", ("Retain", "Snapshot", "Delete"))):
        policies = [definitions.get(logical_id, {}).get(attribute)
                    for logical_id, events in events_by_function.items() for _ in events]
        chosen = next((policy for policy in ranking if policy in policies), None)
        if chosen is not None:
            definition[attribute] = chosen
    return definition


def _function_names(functions: Mapping[str, Mapping[str, Any]], events_by_function: Mapping[str, Mapping[str, Any]],
                    parameters: Mapping[str, Any]) -> str:
    """Join the FunctionName of each function once per event of one API, as its deployment hash includes them.

    The translator resolves parameter references in a FunctionName first, and
    takes the Python text of what is left when that is not a string.
    """
    names: list[str] = []
    for logical_id, events in events_by_function.items():
        name = functions[logical_id].get("FunctionName")
        if not events or not name:
            continue
        if not isinstance(name, str):
            if not isinstance(name, dict) or not is_intrinsic(name):
                raise Unsupported(f"function {logical_id} has Api events and a FunctionName that is neither text "
                                  "nor a function")
            check_value(name)
            resolved = resolve_parameters(copy.deepcopy(name), parameters)
            if not resolved:
                continue
            name = resolved if isinstance(resolved, str) else str(resolved)
        names.extend(name for _ in events)
    return "".join(names)


class _ImplicitApiBuilder(ApiBuilder):
    """Builder of the API that the translator makes itself from Api events, on top of the explicit one."""

    def __init__(self, definition: Mapping[str, Any], parameters: Mapping[str, Any], function_names: str,
                 body: Mapping[str, Any]) -> None:
        super().__init__(IMPLICIT_API_ID, definition, parameters, managed_body=body, function_names=function_names)

    def _check_definition(self) -> None:
        # The definition is built here, and the builder rejects the implicit API's ID. Only the properties that
        # Globals.Api gives it need checks.
        self._check_properties(self.definition["Properties"])


# The Swagger body, in the key order of the translator's Py27Dict


def _integration_uri(logical_id: str, partition: str, streaming: bool) -> str:
    version, action = ("2021-11-15", "response-streaming-invocations") if streaming else ("2015-03-31", "invocations")
    return f"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/{version}/functions/${{{logical_id}.Arn}}/{action}"


def _add_request_parameters(method: Py27Dict, integration: Py27Dict,
                            parameters: tuple[tuple[str, bool, bool], ...]) -> None:
    """Add an event's request parameters to its method, and the cached ones to the integration's cache keys."""
    existing = method.values.get("parameters", [])
    for name, required, caching in parameters:
        location, short_name = name.removeprefix("method.request.").split(".", 1)
        parameter = Py27Dict()
        parameter["in"] = "query" if location == "querystring" else location
        parameter["name"] = short_name
        parameter["required"] = required
        parameter["type"] = "string"
        existing = [*existing, parameter]
        if caching:
            integration["cacheKeyParameters"] = [*integration.values.get("cacheKeyParameters", []), name]
    method["parameters"] = existing


def _build_body(events_by_function: Mapping[str, Mapping[str, _ApiEvent]], api_id: str, partition: str,
                open_api_version: str | None, media_types: list[str] | None, api_auth_input: _ApiAuthInput,
                cors: Cors | None, api_models: _ApiModels, endpoint_disabled: Any = None,
                responses: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Replay the translator's edits of the body of one API it owns and return it as plain dicts in its key order.

    The translator deep-copies the body twice around every edit: when it opens
    the body in its Swagger editor and when it takes the result back.
    `open_api_version` is an OpenAPI 3 OpenApiVersion of the API, which replaces
    the swagger key between the two kinds of edits. The API's Cors, Auth,
    gateway `responses`, `media_types` (the binary media types in Swagger form), Models and
    `endpoint_disabled` (DisableExecuteApiEndpoint) are what the API builder
    adds last, and events with Auth or a RequestModel change their methods.
    """
    auth = api_auth_input.checked
    info = Py27Dict()
    body = Py27Dict()
    body["swagger"] = "2.0"
    body["info"] = info
    info["version"] = "1.0"
    info["title"] = {"Ref": "AWS::StackName"}
    body["paths"] = Py27Dict()

    # Before any resource is translated, a plugin adds each path and method, event by event. It visits the
    # Api events of a function in the order of a Py27Dict of their names.
    for events in events_by_function.values():
        for name in py27_order(events):
            event = events[name]
            if event.api_id != api_id:
                continue
            body = body.deepcopy()
            path_item = body["paths"].setdefault(event.path, Py27Dict())
            path_item.setdefault(_swagger_method(event.method), Py27Dict())
            body = body.deepcopy()
    # The plugin then opens the body once more for path conditions. (The translator also deep-copies the
    # whole template, but it goes on with the original.)
    body = body.deepcopy().deepcopy()
    if open_api_version is not None:
        # The Globals plugin sets the openapi key and then deletes swagger, in place.
        body["openapi"] = open_api_version
        body.remove("swagger")

    # Each function's Api events then add their Lambda integrations, in the translator's event order.
    for logical_id, events in events_by_function.items():
        for _, event in _translation_order(events):
            if event.api_id != api_id:
                continue
            body = body.deepcopy()
            path_item = body["paths"].setdefault(event.path, Py27Dict())
            method = path_item.setdefault(_swagger_method(event.method), Py27Dict())
            integration = Py27Dict()
            method[_INTEGRATION] = integration
            integration["type"] = "aws_proxy"
            integration["httpMethod"] = "POST"
            uri_function = Py27Dict()
            uri_function["Fn::Sub"] = _integration_uri(logical_id, partition, event.streaming)
            integration["uri"] = uri_function
            if event.streaming:
                integration["responseTransferMode"] = "STREAM"
            if (event.auth is not None and event.auth.authorizer == IAM) or (
                    event.auth is None and auth is not None and auth.iam_by_default):
                # A method secured by AWS_IAM, by its event or by the API's default, calls with an invoke role.
                credentials = integration_credentials(event.auth, api_auth_input.written, partition)
                if credentials is not None:
                    integration["credentials"] = credentials
            method.setdefault("responses", Py27Dict())
            if event.auth is not None:
                # The stage of an event's resource policy is the one its permission's logical ID ends with.
                stage = api_auth_input.stage if isinstance(api_auth_input.stage, str) else "Stage"
                add_event_auth(body, method, event.auth, api_auth_input.written, event.path, stage)
            if event.timeout:
                integration["timeoutInMillis"] = event.timeout
            model = api_models.requests.get((logical_id, event.name))
            if model is not None:
                add_request_model(body, method, model)
            if event.request_parameters:
                _add_request_parameters(method, integration, event.request_parameters)
            body = body.deepcopy()
    if cors is not None:
        body = add_cors(body, cors)
    if auth is not None:
        body = add_auth(body, auth, partition, api_auth_input.stage)
        if open_api_version is not None:
            openapi3_rewrite(body)
    if responses is not None:
        body = add_gateway_responses(body, responses)
    if media_types is not None:
        body = body.deepcopy()
        body[BINARY_MEDIA_TYPES_KEY] = media_types
        body = body.deepcopy()
    if api_models.models:
        body = add_models(body, api_models.models)
        if open_api_version is not None:
            openapi3_rewrite(body)
    if endpoint_disabled is not None:
        # The last edit: the extension goes in as a plain dict.
        body = body.deepcopy()
        body[ENDPOINT_EXTENSION_KEY] = {ENDPOINT_DISABLED_KEY: copy.deepcopy(endpoint_disabled)}
        body = body.deepcopy()
    return body.plain()
