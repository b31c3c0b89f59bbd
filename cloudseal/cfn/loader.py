"""Minimal CloudFormation template loader: YAML or JSON to the input document.

It reads short-form tags, keeps each resource's line and column, resolves
`Ref` and `Fn::GetAtt` to resources as reference markers and marks every other
intrinsic function as unknown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cloudseal.errors import InputError
from cloudseal.model import JSON, make_ref, make_unknown, new_document

LOG = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")


@dataclass
class SourceOptions:
    """What the user told the front end about parameters and the target account."""

    parameters: dict[str, str] = field(default_factory=dict)
    parameter_files: list[Path] = field(default_factory=list)
    region: str | None = None
    account: str | None = None


class _Node(dict[str, Any]):
    """A mapping that remembers where it started in the file."""

    line = 0
    column = 0


class _TemplateLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _TemplateLoader, node: yaml.MappingNode) -> _Node:
    mapping = _Node()
    mapping.line = node.start_mark.line + 1
    mapping.column = node.start_mark.column + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise InputError(
                f"{loader.name}:{key_node.start_mark.line + 1}: duplicate key {key!r}; "
                "CloudFormation rejects templates with duplicate keys, so remove one of them."
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_tag(loader: _TemplateLoader, suffix: str, node: yaml.Node) -> dict[str, JSON]:
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    value: JSON
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = _construct_mapping(loader, node)  # type: ignore[arg-type]
    return {name: value}


_TemplateLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_TemplateLoader.add_multi_constructor("!", _construct_tag)
# CloudFormation reads 2012-10-17 as a string, not a date.
_TemplateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_template(path: Path) -> Any:
    """Parse a YAML or JSON template, raising InputError with the file and line on failure."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"{path}: file not found; check the path.") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not a UTF-8 text file, so it cannot be a template.") from error
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}).") from error
    loader = _TemplateLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: invalid YAML or JSON: {error.problem}.") from error
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML or JSON: {error}.") from error
    finally:
        loader.dispose()


def _resolve(value: JSON, resources: dict[str, Any]) -> JSON:
    if isinstance(value, dict):
        if len(value) == 1:
            (name, argument), = value.items()
            if name == "Ref" and isinstance(argument, str):
                if argument in resources:
                    return make_ref(argument)
                return make_unknown(f"Ref {argument}")
            if name == "Fn::GetAtt" and isinstance(argument, list) and len(argument) == 2 and argument[0] in resources:
                return make_ref(str(argument[0]), str(argument[1]))
            if isinstance(name, str) and name.startswith("Fn::"):
                return make_unknown(f"{name} (not resolved by the minimal loader)")
        return {key: _resolve(item, resources) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, resources) for item in value]
    return value


def _flat_tags(properties: dict[str, Any]) -> dict[str, JSON]:
    tags = properties.get("Tags")
    if isinstance(tags, dict):
        return dict(tags)
    if isinstance(tags, list):
        return {tag["Key"]: tag.get("Value") for tag in tags if isinstance(tag, dict) and "Key" in tag}
    return {}


def load_template(path: Path, document: dict[str, Any]) -> None:
    """Add the resources of one template to the input document."""
    template = parse_template(path)
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise InputError(f"{path}: not a CloudFormation template (no Resources mapping at the top level).")
    resources: dict[str, Any] = template["Resources"]
    for logical_id, definition in resources.items():
        if not isinstance(definition, dict) or "Type" not in definition:
            raise InputError(f"{path}: resource {logical_id} has no Type.")
        properties = _resolve(definition.get("Properties") or {}, resources)
        resource: dict[str, Any] = {
            "type": definition["Type"],
            "properties": properties,
            "tags": _flat_tags(properties),
            "location": {
                "file": str(path),
                "line": getattr(definition, "line", 0),
                "column": getattr(definition, "column", 0),
                "logical_id": logical_id,
            },
        }
        # Metadata carries inline waivers (Metadata.cloudseal.waivers), which the controls read.
        if isinstance(definition.get("Metadata"), dict):
            resource["metadata"] = definition["Metadata"]
        document["resources"][logical_id] = resource


def build_document(paths: Sequence[Path], options: SourceOptions) -> dict[str, Any]:
    """Load every template into one input document; unreadable files become errors."""
    document = new_document({"kind": "template", "paths": [str(path) for path in paths]})
    for path in paths:
        try:
            load_template(path, document)
        except InputError as error:
            document["errors"].append({"source": str(path), "message": str(error)})
    return document
