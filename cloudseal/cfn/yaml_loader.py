"""Read YAML and JSON templates into mappings that keep their file, line and column.

PyYAML's C parser (libyaml) builds the node graph. This module turns the nodes
into Python values itself, so that it can keep positions, reject duplicate
keys and turn short-form tags such as `!Ref` into their long form. It also
bounds what a hostile file can cost:

* files larger than `MAX_TEMPLATE_BYTES` are rejected before they are parsed;
* values nested deeper than `MAX_DEPTH` are rejected (libyaml itself stops at
  1,000 levels, and Python's own recursion limit is not much further);
* YAML aliases are shared, not copied, and a document whose aliases expand to
  more than `MAX_EXPANDED_NODES` values ("billion laughs") is rejected.

Scalars follow YAML 1.1 as CloudFormation reads it, with these exceptions:
dates (`Version: 2012-10-17`) stay strings, numbers written with a leading
zero (`AccountId: 012345678901`) or in base 60 (`12:30`) stay strings, and
`.inf`/`.nan` stay strings because JSON cannot hold them.
"""

from __future__ import annotations

import codecs
import gc
import json
import logging
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode as YamlMapping
from yaml.nodes import Node as YamlNode
from yaml.nodes import ScalarNode, SequenceNode

from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.nodes import MappingNode

LOG = logging.getLogger(__name__)

# CloudFormation accepts templates of at most 1 MB. Larger files, such as generated stress tests,
# are scanned with a warning. The hard limit bounds what a hostile file can cost: about 3 s of parsing.
CLOUDFORMATION_QUOTA_BYTES = 1_000_000
MAX_TEMPLATE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 500_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# Explicit tags whose values are kept as the text that was written.
_TEXT_TAGS = frozenset({
    "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:value",
})
_TRUE_WORDS = frozenset({"yes", "true", "on"})

# Short-form tags and the intrinsic function each stands for.
SHORT_FORM_TAGS: dict[str, str] = {
    "Ref": "Ref",
    "Condition": "Condition",
    **{name: f"Fn::{name}" for name in (
        "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue", "Join",
        "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform",
        # Functions of the Rules section.
        "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
    )},
}

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _resolvers_without_dates() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    return {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _YamlReader(_Base):  # type: ignore[misc]
    yaml_implicit_resolvers = _resolvers_without_dates()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: type[YamlNode], value: str, implicit: tuple[bool, bool]) -> str:
        # libyaml requests the tag of every scalar, and PyYAML resolves it by trying regular expressions.
        # A plain scalar's tag depends only on its text, and most texts repeat (Type, Properties, Ref),
        # so each text is resolved once per document.
        if kind is ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return str(super().resolve(kind, value, implicit))


class _JsonReader(_YamlReader):
    yaml_implicit_resolvers = _resolvers_without_dates()


# JSON writes numbers such as 1e5 that YAML 1.1 would read as strings.
_JsonReader.add_implicit_resolver(
    _FLOAT, re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"), list("-0123456789"),
)


def read_text(path: Path, max_bytes: int = MAX_TEMPLATE_BYTES) -> str:
    """Read a text file as UTF-8 (or UTF-16 with a byte-order mark), rejecting binary and oversized files."""
    source = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise TemplateError("file not found; check the path.", source) from error
    except IsADirectoryError as error:
        raise TemplateError("is a directory, not a file.", source) from error
    except PermissionError as error:
        raise TemplateError("permission denied; make the file readable for this user.", source) from error
    except OSError as error:
        raise TemplateError(f"cannot be read ({error.strerror or error}).", source) from error
    if len(data) > max_bytes:
        raise TemplateError(
            f"the file is larger than {max_bytes // (1024 * 1024)} MiB, so it cannot be a CloudFormation template "
            "(CloudFormation accepts at most 1 MB); check that this is the template you meant to scan.",
            source,
        )
    if len(data) > CLOUDFORMATION_QUOTA_BYTES:
        LOG.warning("%s: %.1f MB is over CloudFormation's 1 MB template quota; it is scanned, but CloudFormation "
                    "would reject it", source, len(data) / 1_000_000)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TemplateError("invalid UTF-16 text; save the file as UTF-8.", source) from error
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise TemplateError("binary file (it contains NUL bytes), not a YAML or JSON template.", source, line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TemplateError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8.", source, line,
        ) from error


def looks_like_json(text: str) -> bool:
    """Tell whether a document starts like JSON (an object or array) rather than YAML."""
    return text.lstrip()[:1] in ("{", "[")


def parse_text(text: str, source: str) -> Any:
    """Parse YAML or JSON text into values and MappingNodes; raise TemplateError with the line on failure."""
    # Parsing allocates many objects that all stay alive. Pausing the cyclic garbage collector keeps it from
    # rescanning them again and again while a large template loads.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, source: str) -> Any:
    json_mode = looks_like_json(text)
    if json_mode:
        # libyaml accepts some text that JSON does not (comments, trailing commas), so check JSON first.
        _check_json(text, source)
    # A tab can only be whitespace in valid JSON, and YAML rejects tabs in some places where JSON allows them.
    reader = _JsonReader(text.replace("\t", " ")) if json_mode else _YamlReader(text)
    try:
        node = reader.get_single_node()
    except yaml.MarkedYAMLError as error:
        if json_mode:
            return _parse_json_fallback(text, source, error)
        raise _yaml_error(error, source) from error
    except yaml.YAMLError as error:
        raise TemplateError(f"invalid {'JSON' if json_mode else 'YAML'}: {error}.", source) from error
    finally:
        reader.dispose()
    if node is None:
        return None
    return _Builder(source, track_aliases="&" in text).build(node, 1)


def load_file(path: Path, max_bytes: int = MAX_TEMPLATE_BYTES) -> Any:
    """Read and parse one YAML or JSON file."""
    return parse_text(read_text(path, max_bytes), str(path))


def _yaml_error(error: yaml.MarkedYAMLError, source: str) -> TemplateError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "unreadable content"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return TemplateError(
        f"invalid YAML: {problem}; check the indentation and quoting on this line and the one before it.",
        source, line, column,
    )


def _check_json(text: str, source: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateError(f"invalid JSON: {error.msg}.", source, error.lineno, error.colno) from error
    except RecursionError as error:
        raise TemplateError(f"values are nested deeper than {MAX_DEPTH} levels.", source) from error


def _parse_json_fallback(text: str, source: str, yaml_error: yaml.MarkedYAMLError) -> Any:
    """Parse JSON that libyaml rejected with the json module: positions are lost, but the values are right."""
    try:
        value = json.loads(text, object_pairs_hook=lambda pairs: _json_mapping(pairs, source))
    except json.JSONDecodeError as error:
        raise TemplateError(f"invalid JSON: {error.msg}.", source, error.lineno, error.colno) from error
    except RecursionError as error:
        raise TemplateError(f"values are nested deeper than {MAX_DEPTH} levels.", source) from error
    LOG.info("%s: read as plain JSON without line numbers (%s)", source, yaml_error.problem)
    return value


def _json_mapping(pairs: list[tuple[str, Any]], source: str) -> MappingNode:
    mapping = MappingNode(file=source)
    for key, value in pairs:
        if key in mapping:
            raise TemplateError(
                f"duplicate key {key!r}; CloudFormation rejects templates with duplicate keys, so remove one.", source,
            )
        mapping[key] = value
    return mapping


class _Builder:
    """Turns one document's YAML nodes into Python values, with positions and limits."""

    def __init__(self, source: str, track_aliases: bool) -> None:
        self.source = source
        # Only documents with anchors can share nodes, so only they pay for the bookkeeping.
        self.shared: dict[int, tuple[Any, int, int]] | None = {} if track_aliases else None
        self.in_progress: set[int] = set()
        self.expanded = 0
        self.deepest = 0

    def fail(self, message: str, node: YamlNode) -> TemplateError:
        mark = node.start_mark
        return TemplateError(message, self.source, mark.line + 1, mark.column + 1)

    def build(self, node: YamlNode, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(
                f"values are nested deeper than {MAX_DEPTH} levels; no CloudFormation template needs that, "
                "so this file is probably generated wrongly.", node,
            )
        if self.shared is None:
            return self._build_node(node, depth)
        return self._build_shared(node, depth, self.shared)

    def _build_shared(self, node: YamlNode, depth: int, shared: dict[int, tuple[Any, int, int]]) -> Any:
        self.deepest = max(self.deepest, depth)
        key = id(node)
        known = shared.get(key)
        if known is not None:
            value, size, height = known
            self.expanded += size
            self.deepest = max(self.deepest, depth + height)
            if depth + height > MAX_DEPTH:
                raise self.fail(f"a YAML alias nests values deeper than {MAX_DEPTH} levels.", node)
            self._check_expansion(node)
            return value
        if key in self.in_progress:
            raise self.fail("a YAML alias refers to a value that contains it; remove the recursive alias.", node)
        self.in_progress.add(key)
        size_before, deepest_outside = self.expanded, self.deepest
        self.deepest = depth
        value = self._build_node(node, depth)
        height = self.deepest - depth
        self.deepest = max(deepest_outside, self.deepest)
        self.in_progress.discard(key)
        if not isinstance(node, ScalarNode):
            shared[key] = (value, self.expanded - size_before, height)
        return value

    def _check_expansion(self, node: YamlNode) -> None:
        if self.expanded > MAX_EXPANDED_NODES:
            raise self.fail(
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb); "
                "write the repeated parts out or remove the aliases.", node,
            )

    def _build_node(self, node: YamlNode, depth: int) -> Any:
        self.expanded += 1
        if self.shared is not None:
            self._check_expansion(node)
        tag = node.tag
        if tag[:1] == "!" and tag[:2] != "!!":
            return self._short_form(node, depth)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                raise self.fail(f"unsupported YAML tag {tag}; CloudFormation templates use plain lists.", node)
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, YamlMapping):
            if tag != _MAP:
                raise self.fail(f"unsupported YAML tag {tag}; CloudFormation templates use plain mappings.", node)
            return self._mapping(node, depth)
        raise self.fail(f"unsupported YAML node {type(node).__name__}.", node)

    def _mapping(self, node: YamlMapping, depth: int) -> MappingNode:
        mapping = MappingNode(file=self.source, line=node.start_mark.line + 1, column=node.start_mark.column + 1)
        key_lines = mapping.key_lines
        merged: list[YamlNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail("a mapping key must be a plain string, not a list or a mapping.", key_node)
            key = key_node.value
            if key in mapping:
                raise self.fail(
                    f"duplicate key {key!r} (first written on line {key_lines[key]}); "
                    "CloudFormation rejects templates with duplicate keys, so remove one of them.", key_node,
                )
            mapping[key] = self.build(value_node, depth + 1)
            key_lines[key] = key_node.start_mark.line + 1
        for value_node in merged:
            self._merge_into(mapping, value_node, depth)
        return mapping

    def _merge_into(self, mapping: MappingNode, value_node: YamlNode, depth: int) -> None:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source_node in sources:
            source = self.build(source_node, depth + 1)
            if not isinstance(source, MappingNode):
                raise self.fail("a YAML merge key (<<) must name a mapping or a list of mappings.", source_node)
            for key, value in source.items():
                if key not in mapping:
                    mapping[key] = value
                    mapping.key_lines[key] = source.key_lines.get(key, source.line)

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        value: str = node.value
        if tag == _STR:
            return value
        if tag == _INT:
            return _to_int(value)
        if tag == _BOOL:
            return value.lower() in _TRUE_WORDS
        if tag == _NULL:
            return None
        if tag == _FLOAT:
            return _to_float(value)
        if tag in _TEXT_TAGS:
            return value
        raise self.fail(f"unsupported YAML tag {tag}; write the value as a plain string or number.", node)

    def _short_form(self, node: YamlNode, depth: int) -> MappingNode:
        name = node.tag[1:]
        function = SHORT_FORM_TAGS.get(name)
        if function is None:
            raise self.fail(
                f"unknown tag !{name}; CloudFormation's short forms are "
                f"{', '.join('!' + tag for tag in sorted(SHORT_FORM_TAGS))}.", node,
            )
        argument: Any
        if isinstance(node, ScalarNode):
            argument = node.value
            if function == "Fn::GetAtt":
                argument = argument.split(".", 1)
        elif isinstance(node, SequenceNode):
            argument = [self.build(child, depth + 1) for child in node.value]
        elif isinstance(node, YamlMapping):
            argument = self._mapping(node, depth)
        else:
            raise self.fail(f"unsupported value for !{name}.", node)
        line = node.start_mark.line + 1
        mapping = MappingNode({function: argument}, file=self.source, line=line, column=node.start_mark.column + 1)
        mapping.key_lines[function] = line
        return mapping


def _to_int(text: str) -> int | str:
    digits = text.replace("_", "")
    unsigned = digits.lstrip("+-")
    if ":" in unsigned or (len(unsigned) > 1 and unsigned[0] == "0" and unsigned[1] not in "bx"):
        return text
    sign = -1 if digits.startswith("-") else 1
    if unsigned.startswith("0b"):
        return sign * int(unsigned[2:], 2)
    if unsigned.startswith("0x"):
        return sign * int(unsigned[2:], 16)
    return sign * int(unsigned)


def _to_float(text: str) -> float | str:
    plain = text.replace("_", "")
    if ":" in plain or plain.lower().lstrip("+-") in (".inf", ".nan"):
        return text
    return float(plain)
