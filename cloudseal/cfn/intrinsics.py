"""Intrinsic functions, resolved as far as the template and the given parameters allow.

`Resolver.resolve` returns a value that may still hold the front end's own
kinds (`BuiltString`, `Symbol`, `JsonText`, `NO_VALUE`); `finish` turns it
into what the input document stores. Mappings and lists are rebuilt once, so
the parsed template itself is never changed.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cloudseal.cfn.conditions import CONDITION_FUNCTIONS, Conditions
from cloudseal.cfn.errors import template_error
from cloudseal.cfn.policies import POLICY_PROPERTIES, parse_built_policy, parse_policy_text
from cloudseal.cfn.values import (
    NO_VALUE,
    BuiltString,
    JsonText,
    Reference,
    Symbol,
    Unknown,
    dynamic_reference,
)
from cloudseal.model import UNKNOWN_KEY

LOG = logging.getLogger(__name__)

_SUB_NAME = re.compile(r"\$\{([^}]*)\}")
_MISSING = object()
RULES_FUNCTIONS = frozenset({
    "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll",
})


@dataclass
class ResourceEntry:
    """Facts about one resource that references to it need: its key, type and whether it exists."""

    logical_id: str
    key: str
    type: str
    present: bool = True
    condition: str | None = None


class Resolver:
    """Resolves the intrinsic functions of one template."""

    def __init__(
        self,
        *,
        source: str,
        parameters: dict[str, Any],
        pseudo: dict[str, Any],
        mappings: Any,
        conditions: Any,
        resources: dict[str, ResourceEntry],
        nested_output: Callable[[str, str], Any] | None = None,
    ) -> None:
        self.source = source
        self.parameters = parameters
        self.pseudo = pseudo
        self.mappings: dict[str, Any] = mappings if isinstance(mappings, dict) else {}
        self.resources = resources
        self.nested_output = nested_output
        self.conditions = Conditions(conditions, self.resolve, source)
        # Logical IDs and parameters that the value being resolved refers to.
        self.referenced: set[str] = set()
        self.referenced_parameters: set[str] = set()
        self._functions: dict[str, Callable[[Any, Any], Any]] = {
            "Ref": self._ref,
            "Fn::GetAtt": self._get_att,
            "Fn::Sub": self._sub,
            "Fn::Join": self._join,
            "Fn::Select": self._select,
            "Fn::Split": self._split,
            "Fn::FindInMap": self._find_in_map,
            "Fn::If": self._if,
            "Fn::Base64": self._base64,
            "Fn::GetAZs": self._get_azs,
            "Fn::Cidr": self._cidr,
            "Fn::ImportValue": self._import_value,
            "Fn::Length": self._length,
            "Fn::ToJsonString": self._to_json_string,
            "Fn::Transform": self._transform,
        }

    # Walking values.

    def resolve(self, value: Any) -> Any:
        """Resolve every intrinsic function inside a value."""
        if isinstance(value, str):
            return dynamic_reference(value) or value
        if isinstance(value, dict):
            if isinstance(value, Unknown | Reference):
                return value
            if len(value) == 1:
                (name, argument), = value.items()
                if name == "Ref" or name.startswith("Fn::"):
                    return self._call(name, argument, value)
                if name == UNKNOWN_KEY and isinstance(argument, dict):
                    return Unknown.from_marker(value)
            return self._mapping(value)
        if isinstance(value, list):
            return self._list(value)
        return value

    def resolve_finished(self, value: Any, key: str | None = None) -> Any:
        """Resolve a value and finish it for the document; AWS::NoValue gives NO_VALUE."""
        resolved = self.resolve(value)
        if resolved is NO_VALUE:
            return NO_VALUE
        return finish(resolved, key)

    def _mapping(self, value: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key.startswith("Fn::ForEach::"):
                raise template_error(
                    f"{key} needs `Transform: AWS::LanguageExtensions` at the top of the template.", value,
                )
            resolved = self.resolve(item)
            if resolved is not NO_VALUE:
                result[key] = finish(resolved, key)
        return result

    def _list(self, value: list[Any]) -> list[Any]:
        result = []
        for item in value:
            resolved = self.resolve(item)
            if resolved is not NO_VALUE:
                result.append(finish(resolved))
        return result

    def _raw_list(self, value: Any, function: str, node: Any) -> list[Any] | Unknown:
        """Resolve a list argument without finishing its items, or return the Unknown it resolves to."""
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not NO_VALUE]
        resolved = self.resolve(value)
        if isinstance(resolved, Unknown):
            return resolved
        if isinstance(resolved, Symbol):
            return resolved.unknown()
        if isinstance(resolved, Reference):
            attribute = resolved["$ref"]["attribute"]
            what = f"the {attribute} of resource {resolved.logical_id}" if attribute else resolved.logical_id
            return Unknown(f"{function} over {what}, a list known only after deployment", (what,))
        if isinstance(resolved, list):
            return resolved
        raise template_error(f"{function} needs a list here, not {_describe(resolved)}.", node)

    def _call(self, name: str, argument: Any, node: Any) -> Any:
        function = self._functions.get(name)
        if function is not None:
            return function(argument, node)
        if name in CONDITION_FUNCTIONS:
            return self.conditions.evaluate(node)
        if name in RULES_FUNCTIONS:
            raise template_error(f"{name} can only be used in the Rules section.", node)
        if name.startswith("Fn::ForEach::"):
            raise template_error(f"{name} needs `Transform: AWS::LanguageExtensions` at the top of the template.", node)
        raise template_error(
            f"unknown intrinsic function {name}; check the spelling against the CloudFormation reference.", node,
        )

    # Text.

    def text_of(self, value: Any, function: str, node: Any) -> BuiltString:
        """Turn a resolved value into text for Fn::Sub, Fn::Join and the like."""
        built = BuiltString()
        self._append_text(built, value, function, node)
        return built

    def _append_text(self, built: BuiltString, value: Any, function: str, node: Any) -> None:
        if isinstance(value, str):
            built.add_text(value)
        elif isinstance(value, bool):
            built.add_text("true" if value else "false")
        elif isinstance(value, int | float):
            built.add_text(str(value))
        elif isinstance(value, BuiltString):
            built.extend(value)
        elif isinstance(value, Reference):
            built.add_reference(value)
        elif isinstance(value, Symbol):
            built.add_symbol(value)
        elif isinstance(value, Unknown):
            built.add_unknown(value)
        elif isinstance(value, JsonText):
            self._append_text(built, finish(value), function, node)
        elif value is NO_VALUE:
            raise template_error(f"{function} cannot use AWS::NoValue as text.", node)
        else:
            raise template_error(f"{function} needs a string here, not {_describe(value)}.", node)

    def literal_text(self, value: Any, function: str, node: Any) -> str | Unknown:
        """Resolve an argument that must be known text (a key, a delimiter) or return its Unknown."""
        built = self.text_of(self.resolve(value), function, node)
        if built.unknowns:
            return Unknown.combine(built.unknowns)
        if built.has_placeholders:
            return Unknown(f"{function} argument {built.display()}, known only after deployment")
        return built.display()

    # Functions.

    def _ref(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, str):
            raise template_error("Ref takes the name of a parameter, resource or pseudo parameter.", node)
        if argument == "AWS::NoValue":
            return NO_VALUE
        if argument in self.pseudo:
            return self.pseudo[argument]
        if argument in self.parameters:
            self.referenced_parameters.add(argument)
            return self.parameters[argument]
        if argument in self.resources:
            return self.reference(argument, None, node)
        raise template_error(f"Ref to {argument}, which is not a parameter or resource of this template.", node)

    def reference(self, logical_id: str, attribute: str | None, node: Any) -> Any:
        """Return the marker (or, for a nested stack's output, the value) that a Ref or Fn::GetAtt stands for."""
        entry = self.resources[logical_id]
        if not entry.present:
            return Unknown(
                f"resource {logical_id}, which is not created because condition {entry.condition} is false",
            )
        self.referenced.add(logical_id)
        if attribute and attribute.startswith("Outputs.") and self.nested_output is not None:
            value = self.nested_output(logical_id, attribute.removeprefix("Outputs."))
            if value is not None:
                return value
        return Reference(entry.key, attribute, logical_id)

    def _get_att(self, argument: Any, node: Any) -> Any:
        if isinstance(argument, str) and "." in argument:
            argument = argument.split(".", 1)
        if not isinstance(argument, list) or len(argument) != 2 or not isinstance(argument[0], str):
            raise template_error("Fn::GetAtt takes [LogicalId, Attribute] or LogicalId.Attribute.", node)
        logical_id, attribute = argument
        if not isinstance(attribute, str):
            attribute = self.literal_text(attribute, "Fn::GetAtt", node)
            if isinstance(attribute, Unknown):
                return attribute
        if logical_id not in self.resources:
            raise template_error(f"Fn::GetAtt refers to {logical_id}, which is not a resource of this template.", node)
        return self.reference(logical_id, attribute, node)

    def _sub(self, argument: Any, node: Any) -> Any:
        variables: dict[str, Any] = {}
        if isinstance(argument, list):
            if len(argument) != 2 or not isinstance(argument[1], dict):
                raise template_error("Fn::Sub takes a string, or [string, {Name: value, ...}].", node)
            template, variables = argument
        else:
            template = argument
        if not isinstance(template, str):
            raise template_error("Fn::Sub needs a literal string as its template.", node)
        built = BuiltString()
        position = 0
        for match in _SUB_NAME.finditer(template):
            built.add_text(template[position:match.start()])
            position = match.end()
            name = match.group(1)
            if name.startswith("!"):
                built.add_text("${" + name[1:] + "}")
                continue
            self._append_text(built, self._sub_value(name.strip(), variables, node), "Fn::Sub", node)
        built.add_text(template[position:])
        return built

    def _sub_value(self, name: str, variables: dict[str, Any], node: Any) -> Any:
        if name in variables:
            value = self.resolve(variables[name])
            if isinstance(value, list | dict) and not isinstance(value, Unknown | Reference):
                raise template_error(f"Fn::Sub variable {name} must be a string, not {_describe(value)}.", node)
            return value
        if name in self.pseudo or name in self.parameters or name in self.resources:
            value = self._ref(name, node)
            if isinstance(value, list):
                raise template_error(
                    f"Fn::Sub cannot insert ${{{name}}} because it is a list; use Fn::Join.", node,
                )
            return value
        logical_id, _, attribute = name.partition(".")
        if attribute and logical_id in self.resources:
            return self.reference(logical_id, attribute, node)
        raise template_error(
            f"Fn::Sub refers to ${{{name}}}, which is not a parameter, resource, pseudo parameter or variable.", node,
        )

    def _join(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) != 2:
            raise template_error("Fn::Join takes [delimiter, [values...]].", node)
        delimiter = self.literal_text(argument[0], "Fn::Join", node)
        if isinstance(delimiter, Unknown):
            return delimiter
        items = self._raw_list(argument[1], "Fn::Join", node)
        if isinstance(items, Unknown):
            return items
        built = BuiltString()
        for index, item in enumerate(items):
            if index:
                built.add_text(delimiter)
            self._append_text(built, item, "Fn::Join", node)
        return built

    def _select(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) != 2:
            raise template_error("Fn::Select takes [index, [values...]].", node)
        index = self.literal_text(argument[0], "Fn::Select", node)
        if isinstance(index, Unknown):
            return index
        if not index.strip().isdigit():
            raise template_error(f"Fn::Select index {index!r} is not a whole number.", node)
        items = self._raw_list(argument[1], "Fn::Select", node)
        if isinstance(items, Unknown):
            return items
        position = int(index)
        if position >= len(items):
            raise template_error(
                f"Fn::Select index {position} is out of range for a list of {len(items)} values.", node,
            )
        return items[position]

    def _split(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) != 2:
            raise template_error("Fn::Split takes [delimiter, string].", node)
        delimiter = self.literal_text(argument[0], "Fn::Split", node)
        if isinstance(delimiter, Unknown):
            return delimiter
        if not delimiter:
            raise template_error("Fn::Split needs a delimiter that is not empty.", node)
        source = self.text_of(self.resolve(argument[1]), "Fn::Split", node)
        if source.unknowns:
            return Unknown.combine(source.unknowns)
        if source.has_placeholders:
            return Unknown(f"Fn::Split of {source.display()}, known only after deployment")
        return source.display().split(delimiter)

    def _find_in_map(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) not in (3, 4):
            raise template_error("Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey].", node)
        default = _default_value(argument[3], node) if len(argument) == 4 else _MISSING
        keys = [self.literal_text(item, "Fn::FindInMap", node) for item in argument[:3]]
        map_name = keys[0]
        if isinstance(map_name, Unknown):
            return map_name
        mapping = self.mappings.get(map_name)
        if not isinstance(mapping, dict):
            if default is not _MISSING:
                return self.resolve(default)
            raise template_error(f"Fn::FindInMap refers to mapping {map_name}, which is not defined.", node)
        candidates = _map_candidates(mapping, keys[1], keys[2])
        if candidates is None:
            if default is not _MISSING:
                return self.resolve(default)
            raise template_error(
                f"Fn::FindInMap: mapping {map_name} has no value for {keys[1]!r} / {keys[2]!r}.", node,
            )
        if len(candidates) == 1 or all(candidate == candidates[0] for candidate in candidates):
            return self.resolve(candidates[0])
        unknown_keys = [key for key in keys[1:] if isinstance(key, Unknown)]
        unknown = Unknown.combine(unknown_keys)
        alternatives = _distinct([finish(self.resolve(candidate)) for candidate in candidates])
        return Unknown(
            f"Fn::FindInMap {map_name} with a key that depends on {' and '.join(unknown.subjects)}",
            unknown.subjects, alternatives=alternatives,
        )

    def _if(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) != 3:
            raise template_error("Fn::If takes [ConditionName, value if true, value if false].", node)
        truth = self.conditions.value(argument[0], node)
        if not isinstance(truth, Unknown):
            return self.resolve(argument[1] if truth else argument[2])
        when_true = self.resolve(argument[1])
        when_false = self.resolve(argument[2])
        if when_true is NO_VALUE and when_false is NO_VALUE:
            return NO_VALUE
        finished_true = None if when_true is NO_VALUE else finish(when_true)
        finished_false = None if when_false is NO_VALUE else finish(when_false)
        if NO_VALUE not in (when_true, when_false) and finished_true == finished_false:
            return when_true
        return Unknown(truth.origin, truth.subjects, alternatives=[finished_true, finished_false])

    def _base64(self, argument: Any, node: Any) -> Any:
        text = self.text_of(self.resolve(argument), "Fn::Base64", node)
        if text.unknowns:
            return Unknown.combine(text.unknowns)
        if text.has_placeholders:
            return Unknown("Fn::Base64 of text that is known only after deployment")
        return base64.b64encode(text.display().encode("utf-8")).decode("ascii")

    def _get_azs(self, argument: Any, node: Any) -> Any:
        region = self.literal_text(argument, "Fn::GetAZs", node) if argument not in ("", None) else ""
        if isinstance(region, Unknown) or not region:
            known = self.pseudo.get("AWS::Region")
            region = known if isinstance(known, str) else "the stack's region"
        return Unknown(f"Fn::GetAZs {region} (the Availability Zones of the account)", ("Fn::GetAZs",))

    def _cidr(self, argument: Any, node: Any) -> Any:
        if not isinstance(argument, list) or len(argument) != 3:
            raise template_error("Fn::Cidr takes [ipBlock, count, cidrBits].", node)
        texts = [self.literal_text(item, "Fn::Cidr", node) for item in argument]
        unknowns = [text for text in texts if isinstance(text, Unknown)]
        if unknowns:
            return Unknown.combine(unknowns)
        block, count, bits = (str(text) for text in texts)
        subnets = _cidr_blocks(block, count, bits)
        if isinstance(subnets, str):
            raise template_error(f"Fn::Cidr cannot split {block} into {count} blocks of {bits} bits: {subnets}.", node)
        return subnets

    def _import_value(self, argument: Any, node: Any) -> Any:
        name = self.text_of(self.resolve(argument), "Fn::ImportValue", node)
        origin = f"Fn::ImportValue {name.display()}"
        return Unknown(origin, (origin,))

    def _length(self, argument: Any, node: Any) -> Any:
        items = self._raw_list(argument, "Fn::Length", node)
        if isinstance(items, Unknown):
            return items
        return len(items)

    def _to_json_string(self, argument: Any, node: Any) -> Any:
        return JsonText(self.resolve_finished(argument))

    def _transform(self, argument: Any, node: Any) -> Any:
        name = argument.get("Name") if isinstance(argument, dict) else None
        return Unknown(f"Fn::Transform {name or '(no Name)'}, a macro that cloudseal does not run")


def finish(value: Any, key: str | None = None) -> Any:
    """Turn a resolved value into what the input document stores."""
    if isinstance(value, BuiltString):
        if key in POLICY_PROPERTIES and not value.unknowns and not value.has_placeholders:
            return parse_policy_text(value.display()) or value.finish()
        if key in POLICY_PROPERTIES:
            return parse_built_policy(value) or value.finish()
        return value.finish()
    if isinstance(value, Symbol):
        return value.unknown()
    if isinstance(value, JsonText):
        if key in POLICY_PROPERTIES:
            return value.value
        return _json_text(value.value)
    if key in POLICY_PROPERTIES and isinstance(value, str):
        return parse_policy_text(value) or value
    return value


def _json_text(value: Any) -> Any:
    unknowns: list[Unknown] = []

    def replace(item: Any) -> Any:
        if isinstance(item, Unknown):
            unknowns.append(item)
            return None
        if isinstance(item, Reference):
            return item.text
        if isinstance(item, dict):
            return {key: replace(child) for key, child in item.items()}
        if isinstance(item, list):
            return [replace(child) for child in item]
        return item

    plain = replace(value)
    if unknowns:
        return Unknown.combine(unknowns)
    return json.dumps(plain, separators=(",", ":"))


def _cidr_blocks(block: str, count: str, bits: str) -> list[str] | str:
    """Return the first `count` blocks with `bits` host bits inside `block`, or why that is impossible."""
    try:
        network = ipaddress.ip_network(block, strict=False)
        block_count = int(count)
        prefix = network.max_prefixlen - int(bits)
    except ValueError as error:
        return str(error)
    if not 1 <= block_count <= 256:
        return "the count must be between 1 and 256"
    if not network.prefixlen <= prefix <= network.max_prefixlen:
        return f"the blocks must be inside the /{network.prefixlen} network"
    blocks = []
    for subnet in network.subnets(new_prefix=prefix):
        blocks.append(str(subnet))
        if len(blocks) == block_count:
            return blocks
    return f"the network holds only {len(blocks)} such blocks"


def _default_value(argument: Any, node: Any) -> Any:
    if isinstance(argument, dict) and set(argument) == {"DefaultValue"}:
        return argument["DefaultValue"]
    raise template_error("the fourth item of Fn::FindInMap must be {DefaultValue: value}.", node)


def _map_candidates(mapping: dict[str, Any], top: str | Unknown, second: str | Unknown) -> list[Any] | None:
    """Return the values the lookup may give: one when both keys are known, or every match of the known key."""
    tops = list(mapping.values()) if isinstance(top, Unknown) else [mapping.get(top)]
    candidates: list[Any] = []
    for entry in tops:
        if not isinstance(entry, dict):
            continue
        if isinstance(second, Unknown):
            candidates.extend(entry.values())
        elif second in entry:
            candidates.append(entry[second])
    return candidates or None


def _distinct(values: list[Any]) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if value not in result:
            result.append(value)
    return result


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return type(value).__name__


