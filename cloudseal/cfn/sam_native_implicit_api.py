"""Api events of SAM functions and the implicit REST API they share, built without aws-sam-translator.

A function event `{Type: Api, Properties: {Path, Method}}` without RestApiId
makes aws-sam-translator 1.115 create one AWS::Serverless::Api for the whole
template, `ServerlessRestApi`, with the stage `Prod` and a Swagger body that has
one path and method per event. Each event also adds a Lambda permission to its
function. `implicit_api_resources` builds both, and hands the body to the
explicit API builder of cloudseal.cfn.sam_native_api for the RestApi, its
Deployment and its Stage.

The hard part is the deployment's logical ID, which hashes the Python `str()`
of the body. The translator builds the body from dicts that iterate in the
order of Python 2.7 (its Py27Dict), and deep-copies the body between the steps
that change it. A deep copy inserts the keys again in their current order into
an empty table, which can change that order. `_Py27Table` reproduces the table,
and `_build_body` replays the translator's inserts and copies in the same
sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from cloudseal.cfn.sam_native_api import ApiBuilder
from cloudseal.cfn.sam_native_base import IMPLICIT_API_ID, PASSED_ATTRIBUTES, Unsupported, is_intrinsic

__all__ = ["IMPLICIT_API_ID", "implicit_api_resources"]

_STAGE = "Prod"
_ANY_METHOD = "x-amazon-apigateway-any-method"
_INTEGRATION = "x-amazon-apigateway-integration"
# Greedy path parameters such as {proxy+}, and plain ones, become `*` in the permission's source ARN.
_PATH_PARAMETER = re.compile(r"{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}")
# Function properties that change the implicit API or the permissions in ways not reproduced here.
_REJECTED_FUNCTION_PROPERTIES = frozenset({"AutoPublishAlias", "DeploymentPreference", "PropagateTags"})

# Constants of the dict implementation of CPython 2.7 (Objects/dictobject.c), as the translator simulates it.
_MIN_SIZE = 8
_PERTURB_SHIFT = 5
_HASH_MASK = (1 << 64) - 1


def implicit_api_resources(functions: Mapping[str, Mapping[str, Any]], parameters: Mapping[str, Any],
                           partition: str, definitions: Mapping[str, Mapping[str, Any]] | None = None,
                           ) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, list[tuple[str, dict[str, Any]]]]]:
    """Build the implicit REST API and the permissions of the functions' Api events, or raise Unsupported.

    `functions` maps each AWS::Serverless::Function logical ID to its properties
    with Globals merged, in template order. `definitions` maps the same IDs to the
    resource definitions, for their Condition, DeletionPolicy and
    UpdateReplacePolicy; without it the functions have none. `parameters` are the
    translator's parameter values and `partition` the partition of its region.

    Returns the implicit API's resources in the translator's order (empty when no
    function has an Api event), and for every function the resources its Api
    events add, in the translator's event order: events sorted by their Path.
    """
    definitions = definitions or {}
    events_by_function = {logical_id: _api_events(logical_id, properties, definitions.get(logical_id, {}))
                          for logical_id, properties in functions.items()}
    permissions = {logical_id: [_permission(logical_id, name, event, definitions.get(logical_id, {}), partition)
                                for name, event in _translation_order(events)]
                   for logical_id, events in events_by_function.items()}
    if not any(events_by_function.values()):
        return [], permissions
    _check_unique_methods(events_by_function)

    body = _build_body(events_by_function, partition)
    names = _function_names(functions, events_by_function)
    definition = _implicit_definition(events_by_function, definitions, body)
    try:
        resources = _ImplicitApiBuilder(definition, parameters, names).build()
    except Unsupported as reason:
        raise Unsupported(f"the implicit API falls outside the subset: {reason}") from reason
    return resources, permissions


# Api events and their permissions


def _api_events(logical_id: str, properties: Mapping[str, Any], definition: Mapping[str, Any],
                ) -> dict[str, dict[str, str]]:
    """Return the function's Api events as {name: {"Path", "Method"}}, in the order of Events."""
    events = properties.get("Events")
    if not isinstance(events, dict) or is_intrinsic(events):
        return {}
    found: dict[str, dict[str, str]] = {}
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
                or set(event_properties) != {"Path", "Method"}:
            raise Unsupported(f"Api event {name} of function {logical_id} sets more than Path and Method")
        path, method = event_properties["Path"], event_properties["Method"]
        if not isinstance(path, str) or not path or not isinstance(method, str) or not method:
            raise Unsupported(f"Api event {name} of function {logical_id} has a Path or Method that is not text")
        found[name] = {"Path": path, "Method": method}
    return found


def _translation_order(events: Mapping[str, Mapping[str, str]]) -> list[tuple[str, Mapping[str, str]]]:
    """Order events as the translator expands them: by Path, with a stable sort."""
    return sorted(events.items(), key=lambda item: item[1]["Path"])


def _check_unique_methods(events_by_function: Mapping[str, Mapping[str, Mapping[str, str]]]) -> None:
    """Leave a method defined twice on one path to the translator, which rejects the template."""
    seen: set[tuple[str, str]] = set()
    for events in events_by_function.values():
        for event in events.values():
            key = (event["Path"], _swagger_method(event["Method"]))
            if key in seen:
                raise Unsupported(f"method {event['Method']} is defined twice for path {event['Path']}")
            seen.add(key)


def _permission(logical_id: str, name: str, event: Mapping[str, str], definition: Mapping[str, Any],
                partition: str) -> tuple[str, dict[str, Any]]:
    """Build the permission that lets API Gateway invoke the function through one path and method."""
    path = event["Path"]
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    path = _PATH_PARAMETER.sub("*", path)
    method = "*" if event["Method"].lower() == "any" else event["Method"].upper()
    source_arn = {"Fn::Sub": [
        f"arn:{partition}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{__ApiId__}}/${{__Stage__}}/{method}{path}",
        {"__ApiId__": {"Ref": IMPLICIT_API_ID}, "__Stage__": "*"},
    ]}
    properties = {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": logical_id},
                  "Principal": "apigateway.amazonaws.com", "SourceArn": source_arn}
    resource: dict[str, Any] = {"Type": "AWS::Lambda::Permission"}
    resource.update({key: definition[key] for key in PASSED_ATTRIBUTES if key in definition})
    resource["Properties"] = properties
    return f"{logical_id}{name}Permission{_STAGE}", resource


def _swagger_method(method: str) -> str:
    lowered = method.lower()
    return _ANY_METHOD if lowered == "any" else lowered


# The implicit API


def _implicit_definition(events_by_function: Mapping[str, Mapping[str, Any]],
                         definitions: Mapping[str, Mapping[str, Any]], body: dict[str, Any]) -> dict[str, Any]:
    """Build the AWS::Serverless::Api the translator adds, with the policies its functions pass on."""
    definition: dict[str, Any] = {"Type": "AWS::Serverless::Api",
                                  "Properties": {"StageName": _STAGE, "DefinitionBody": body}}
    # The translator collects the policy of each function once per Api event, and picks the strongest.
    for attribute, ranking in (("DeletionPolicy", ("Retain", "Delete")),
                               ("UpdateReplacePolicy", ("Retain", "Snapshot", "Delete"))):
        policies = [definitions.get(logical_id, {}).get(attribute)
                    for logical_id, events in events_by_function.items() for _ in events]
        chosen = next((policy for policy in ranking if policy in policies), None)
        if chosen is not None:
            definition[attribute] = chosen
    return definition


def _function_names(functions: Mapping[str, Mapping[str, Any]],
                    events_by_function: Mapping[str, Mapping[str, Any]]) -> str:
    """Join the FunctionName of each function once per Api event, as the deployment hash includes them."""
    names: list[str] = []
    for logical_id, events in events_by_function.items():
        name = functions[logical_id].get("FunctionName")
        if not events or not name:
            continue
        if not isinstance(name, str):
            raise Unsupported(f"function {logical_id} has Api events and a FunctionName that is not text")
        names.extend(name for _ in events)
    return "".join(names)


class _ImplicitApiBuilder(ApiBuilder):
    """Builder of the API that the translator makes itself from Api events, on top of the explicit one."""

    def __init__(self, definition: Mapping[str, Any], parameters: Mapping[str, Any], function_names: str) -> None:
        super().__init__(IMPLICIT_API_ID, definition, parameters)
        self.function_names = function_names

    def _check_definition(self) -> None:
        # The definition is built here, not written by a user, and the builder rejects the implicit API's ID.
        self.properties = self.definition["Properties"]

    def _deployment(self, body_text: str, open_api_version: str | None,
                    domain: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
        # The translator appends the function names to the text it hashes. The implicit API has neither an
        # OpenApiVersion nor a Domain, so they follow the body directly.
        if self.function_names:
            body_text = f"{body_text}||{self.function_names}"
        return super()._deployment(body_text, open_api_version, domain)


# The Swagger body, in the key order of the translator's Py27Dict


def _build_body(events_by_function: Mapping[str, Mapping[str, Mapping[str, str]]], partition: str) -> dict[str, Any]:
    """Replay the translator's edits of the implicit API's body and return it as plain dicts in its key order.

    The translator deep-copies the body twice around every edit: when it opens
    the body in its Swagger editor and when it takes the result back.
    """
    info = _Py27Dict()
    body = _Py27Dict()
    body["swagger"] = "2.0"
    body["info"] = info
    info["version"] = "1.0"
    info["title"] = {"Ref": "AWS::StackName"}
    body["paths"] = _Py27Dict()

    # Before any resource is translated, a plugin adds each path and method, event by event. It visits the
    # events of a function in the order of a Py27Dict of their names.
    for events in events_by_function.values():
        for name in _py27_order(events):
            body = body.deepcopy()
            path_item = body["paths"].setdefault(events[name]["Path"], _Py27Dict())
            path_item.setdefault(_swagger_method(events[name]["Method"]), _Py27Dict())
            body = body.deepcopy()
    # The plugin then opens the body once more for path conditions. (The translator also deep-copies the
    # whole template, but it goes on with the original.)
    body = body.deepcopy().deepcopy()

    # Each function's Api events then add their Lambda integrations, in the translator's event order.
    for logical_id, events in events_by_function.items():
        uri = f"arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{logical_id}.Arn}}" \
              "/invocations"
        for _, event in _translation_order(events):
            body = body.deepcopy()
            path_item = body["paths"].setdefault(event["Path"], _Py27Dict())
            method = path_item.setdefault(_swagger_method(event["Method"]), _Py27Dict())
            integration = _Py27Dict()
            method[_INTEGRATION] = integration
            integration["type"] = "aws_proxy"
            integration["httpMethod"] = "POST"
            uri_function = _Py27Dict()
            uri_function["Fn::Sub"] = uri
            integration["uri"] = uri_function
            method.setdefault("responses", _Py27Dict())
            body = body.deepcopy()
    return body.plain()


def _py27_order(keys: Iterable[str]) -> list[str]:
    table = _Py27Table()
    for key in keys:
        table.add(key)
    return table.ordered_keys()


class _Py27Dict:
    """A dict whose keys iterate in the order of CPython 2.7, for the edits `_build_body` replays."""

    def __init__(self) -> None:
        self.table = _Py27Table()
        self.values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.table.add(key)

    def setdefault(self, key: str, default: Any) -> Any:
        if key not in self.values:
            self[key] = default
        return self.values[key]

    def deepcopy(self) -> _Py27Dict:
        """Copy as the translator's Py27Dict does: the keys go into a new table in their current order."""
        copied = _Py27Dict()
        for key in self.table.ordered_keys():
            value = self.values[key]
            copied[key] = value.deepcopy() if isinstance(value, _Py27Dict) else value
        return copied

    def plain(self) -> dict[str, Any]:
        """Return plain dicts in this key order, so that `str()` gives the text the translator hashes."""
        return {key: self.values[key].plain() if isinstance(self.values[key], _Py27Dict) else self.values[key]
                for key in self.table.ordered_keys()}


class _Py27Table:
    """The slots of a CPython 2.7 dict table, without deletions, as aws-sam-translator's Py27Keys simulates them.

    Iterating a dict in Python 2.7 walks its slots in index order. Where a key
    lands depends on its hash, the table size and the keys inserted before it.
    """

    def __init__(self) -> None:
        self.slots: dict[int, str] = {}
        self.mask = _MIN_SIZE - 1

    def ordered_keys(self) -> list[str]:
        return [self.slots[index] for index in sorted(self.slots)]

    def add(self, key: str) -> None:
        index = self._slot(key)
        if index in self.slots:
            return
        self.slots[index] = key
        # The table grows when it is two thirds full: four times the number of keys, rounded up to a power of 2.
        if len(self.slots) * 3 >= (self.mask + 1) * 2:
            keys = self.ordered_keys()
            size = _MIN_SIZE
            while size <= len(keys) * 4:
                size <<= 1
            self.slots = {}
            self.mask = size - 1
            for old_key in keys:
                self.add(old_key)

    def _slot(self, key: str) -> int:
        """Find the key's slot, or the free slot where it goes, by the open addressing of CPython 2.7."""
        hashed = _py27_string_hash(key)
        index = hashed & self.mask
        walker = index
        perturb = hashed
        while index in self.slots and self.slots[index] != key:
            walker = (walker << 2) + walker + perturb + 1
            index = walker & self.mask
            perturb >>= _PERTURB_SHIFT
        return index


def _py27_string_hash(text: str) -> int:
    """Hash a string as CPython 2.7 does, as an unsigned 64-bit value (the translator's py27hash port)."""
    if not text:
        return 0
    value = ord(text[0]) << 7
    for character in text:
        value = ((1000003 * value) ^ ord(character)) & _HASH_MASK
    return (value ^ len(text)) & _HASH_MASK
