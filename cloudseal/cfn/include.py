"""The AWS::Include transform for snippets in local files.

A mapping `{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": ...}}}`
is replaced by the snippet; when the mapping has other keys too, the snippet's
keys are merged beside them. A top-level `Transform: {Name: AWS::Include, ...}`
merges the snippet into the template. Snippets in S3 and local files that do
not exist become unknown values, because the template itself is fine.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from cloudseal.cfn.errors import template_error
from cloudseal.cfn.nodes import MappingNode, copy_position
from cloudseal.cfn.values import Unknown
from cloudseal.cfn.yaml_loader import load_file

LOG = logging.getLogger(__name__)

INCLUDE = "AWS::Include"
_MAX_NESTING = 5


def _include_location(argument: Any) -> Any:
    if isinstance(argument, dict) and argument.get("Name") == INCLUDE:
        parameters = argument.get("Parameters")
        if isinstance(parameters, dict):
            return parameters.get("Location")
    return None


def is_include(argument: Any) -> bool:
    """Tell whether a Fn::Transform argument (or a Transform entry) is AWS::Include."""
    return isinstance(argument, dict) and argument.get("Name") == INCLUDE


class Includer:
    """Replaces AWS::Include transforms with the snippets they name, relative to the including file."""

    def __init__(self, base: Path, chain: tuple[Path, ...] = ()) -> None:
        self.base = base
        self.chain = chain
        self.included: list[Path] = []

    def apply(self, template: MappingNode) -> MappingNode:
        """Apply the top-level Transform include, then every Fn::Transform include inside the template."""
        transform = template.get("Transform")
        entries = transform if isinstance(transform, list) else [transform]
        top_level = [entry for entry in entries if is_include(entry)]
        result = self._walk(template)
        if not isinstance(result, MappingNode):
            return template
        for entry in top_level:
            snippet = self._snippet(_include_location(entry), template)
            if isinstance(snippet, dict):
                self._merge(result, snippet, template)
        if top_level:
            remaining = [entry for entry in entries if not is_include(entry)]
            if remaining:
                result["Transform"] = remaining if isinstance(transform, list) else remaining[0]
            else:
                result.pop("Transform", None)
        return result

    def _walk(self, value: Any) -> Any:
        if isinstance(value, dict):
            argument = value.get("Fn::Transform")
            if is_include(argument):
                snippet = self._walk(self._snippet(_include_location(argument), value))
                if len(value) == 1:
                    return snippet
                result = copy_position(MappingNode(), value)
                for key, item in value.items():
                    if key != "Fn::Transform":
                        result[key] = self._walk(item)
                if isinstance(snippet, dict) and not isinstance(snippet, Unknown):
                    self._merge(result, snippet, value)
                return result
            changed = {key: self._walk(item) for key, item in value.items()}
            if all(changed[key] is value[key] for key in value):
                return value
            result = copy_position(MappingNode(changed), value)
            result.key_lines = dict(getattr(value, "key_lines", {}))
            return result
        if isinstance(value, list):
            items = [self._walk(item) for item in value]
            return value if all(new is old for new, old in zip(items, value, strict=True)) else items
        return value

    def _merge(self, target: MappingNode, snippet: dict[str, Any], node: Any) -> None:
        for key, item in snippet.items():
            if key in target and isinstance(target[key], dict) and isinstance(item, dict):
                for inner_key, inner_item in item.items():
                    if inner_key in target[key]:
                        raise template_error(f"AWS::Include adds {key}.{inner_key}, which the template already has.",
                                             node)
                    target[key][inner_key] = inner_item
            elif key in target:
                raise template_error(f"AWS::Include adds {key}, which the template already has.", node)
            else:
                target[key] = item

    def _snippet(self, location: Any, node: Any) -> Any:
        if not isinstance(location, str) or not location:
            return Unknown("AWS::Include with a Location that is not a literal string")
        if location.startswith(("s3://", "https://", "http://")):
            return Unknown(f"AWS::Include {location} (cloudseal reads only local files)")
        path = (self.base / location).resolve()
        if path in self.chain:
            raise template_error(f"AWS::Include of {location} includes itself.", node)
        if len(self.chain) >= _MAX_NESTING:
            raise template_error(f"AWS::Include snippets are nested more than {_MAX_NESTING} levels deep.", node)
        if not path.is_file():
            LOG.warning("%s: AWS::Include location %s was not found; its content is treated as unknown",
                        getattr(node, "file", ""), location)
            return Unknown(f"AWS::Include {location} (file not found)")
        self.included.append(path)
        snippet = load_file(path)
        if isinstance(snippet, dict):
            nested = Includer(path.parent, (*self.chain, path))
            snippet = nested._walk(snippet)
            self.included.extend(nested.included)
        return snippet
