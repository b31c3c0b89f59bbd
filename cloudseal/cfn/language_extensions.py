"""The AWS::LanguageExtensions transform: Fn::ForEach loops, expanded before anything else runs.

Fn::Length, Fn::ToJsonString and Fn::FindInMap's DefaultValue need no
expansion; the resolver evaluates them where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cloudseal.cfn.errors import template_error
from cloudseal.cfn.nodes import MappingNode, copy_position
from cloudseal.cfn.values import BuiltString, Symbol, Unknown

LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"
_FOR_EACH = "Fn::ForEach::"
_MAX_EXPANDED = 10_000
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")


def uses_language_extensions(body: dict[str, Any]) -> bool:
    """Tell whether a template declares the AWS::LanguageExtensions transform."""
    transform = body.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return LANGUAGE_EXTENSIONS in names


class ForEachExpander:
    """Expands every Fn::ForEach loop of a template; `resolve` evaluates each loop's collection."""

    def __init__(self, resolve: Callable[[Any], Any]) -> None:
        self._resolve = resolve
        self._expanded = 0

    def expand(self, value: Any, bindings: dict[str, str] | None = None) -> Any:
        """Return the value with its loops expanded and loop identifiers replaced by their items."""
        bindings = bindings or {}
        if isinstance(value, dict):
            if bindings and len(value) == 1:
                replaced = self._replace_identifier(value, bindings)
                if replaced is not None:
                    return replaced
            return self._mapping(value, bindings)
        if isinstance(value, list):
            return [self.expand(item, bindings) for item in value]
        return value

    def _mapping(self, value: dict[str, Any], bindings: dict[str, str]) -> MappingNode:
        result = copy_position(MappingNode(), value)
        result.key_lines = dict(getattr(value, "key_lines", {}))
        for key, item in value.items():
            if key.startswith(_FOR_EACH):
                self._loop(key, item, value, bindings, result)
            else:
                result[key] = self.expand(item, bindings)
        return result

    def _loop(self, key: str, argument: Any, node: Any, bindings: dict[str, str], result: MappingNode) -> None:
        if not (isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str)
                and isinstance(argument[2], dict)):
            raise template_error(f"{key} takes [Identifier, [items...], {{OutputKey: OutputValue}}].", node)
        identifier, collection, outputs = argument
        items = self._collection(key, self.expand(collection, bindings), node)
        line = getattr(node, "key_lines", {}).get(key)
        for item in items:
            inner = {**bindings, identifier: item}
            for output_key, output_value in outputs.items():
                name = _substitute(output_key, inner)
                if name in result:
                    raise template_error(f"{key} produces the key {name} twice; make the output key unique.", node)
                result[name] = self.expand(output_value, inner)
                if line:
                    result.key_lines[name] = line
                self._expanded += 1
                if self._expanded > _MAX_EXPANDED:
                    raise template_error(f"Fn::ForEach loops produce more than {_MAX_EXPANDED:,} entries.", node)

    def _collection(self, key: str, collection: Any, node: Any) -> list[str]:
        resolved = self._resolve(collection)
        if isinstance(resolved, Symbol):
            resolved = resolved.unknown()
        if isinstance(resolved, Unknown):
            raise template_error(
                f"{key} loops over a collection that is not known ({resolved.origin}); "
                "give the parameter a value with --parameter.", node,
            )
        if not isinstance(resolved, list):
            raise template_error(f"{key} needs a list of strings to loop over.", node)
        items = []
        for item in resolved:
            value = item.display() if isinstance(item, BuiltString) and item.is_literal else item
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise template_error(f"{key} can only loop over strings and numbers.", node)
            items.append(str(value))
        return items

    def _replace_identifier(self, value: dict[str, Any], bindings: dict[str, str]) -> Any:
        (name, argument), = value.items()
        if name == "Ref" and isinstance(argument, str):
            if argument in bindings:
                return bindings[argument]
            return _with_name(value, name, _substitute(argument, bindings))
        if name == "Fn::Sub":
            if isinstance(argument, str):
                return _with_name(value, name, _substitute(argument, bindings))
            if isinstance(argument, list) and argument and isinstance(argument[0], str):
                return _with_name(value, name, [_substitute(argument[0], bindings),
                                                *(self.expand(item, bindings) for item in argument[1:])])
        if name == "Fn::GetAtt" and isinstance(argument, list):
            return _with_name(value, name, [
                _substitute(item, bindings) if isinstance(item, str) else self.expand(item, bindings)
                for item in argument
            ])
        return None


def _with_name(node: Any, name: str, argument: Any) -> MappingNode:
    result = copy_position(MappingNode({name: argument}), node)
    result.key_lines = dict(getattr(node, "key_lines", {}))
    return result


def _substitute(text: str, bindings: dict[str, str]) -> str:
    for identifier, item in bindings.items():
        text = text.replace("${" + identifier + "}", item)
        text = text.replace("&{" + identifier + "}", _NOT_ALPHANUMERIC.sub("", item))
    return text
