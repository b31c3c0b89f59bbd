"""Run the native SAM transform and aws-sam-translator on the same template, and compare their outputs."""

from __future__ import annotations

import copy
import difflib
import json
import textwrap
from typing import Any

import pytest

from cloudseal.cfn import sam, sam_native
from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.nodes import MappingNode, position_of
from cloudseal.cfn.parameters import pseudo_parameters, template_parameters
from cloudseal.cfn.yaml_loader import load_file, parse_text
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
# The regions each differential test runs in: the default, a commercial region, and regions of the
# China and GovCloud partitions, whose ARNs differ.
REGIONS = [None, "eu-west-1", "cn-north-1", "us-gov-west-1"]
_SUFFIXES = (".yaml", ".yml", ".json", ".template")


def prepared(body: dict[str, Any], region: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return a copy of the template as cloudseal.cfn.sam hands it to a transform, and the parameter values."""
    working = copy.deepcopy(body)
    sam._prepare_offline(working)
    values = sam._translator_parameters(template_parameters(working.get("Parameters"), {}),
                                        pseudo_parameters(region, None, None))
    return working, values


def outputs(body: dict[str, Any], source: str, region: str | None = None,
            ) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Return the native and the translator's outputs, or None when the native transform declines.

    Either way the native transform must leave its input unchanged.
    """
    working, values = prepared(body, region)
    before = copy.deepcopy(working)
    try:
        native = sam_native.transform(working, values, region or "us-east-1")
    except sam_native.Unsupported:
        assert working == before, f"{source}: the native transform changed its input"
        return None
    assert working == before, f"{source}: the native transform changed its input"
    translated = sam._translate(copy.deepcopy(working), values, region or "us-east-1", working["Resources"], source)
    return native, translated


def compare(body: dict[str, Any], source: str, region: str | None = None) -> bool:
    """Run both transforms on one template; fail on any difference when the native one accepts it.

    Returns whether the native transform accepted the template. Resources must
    also come in the translator's order.
    """
    result = outputs(body, source, region)
    if result is None:
        return False
    assert_same(*result, source)
    return True


def assert_same(native: dict[str, Any], translated: dict[str, Any], source: str) -> None:
    """Fail unless two outputs are equal, list their resources in the same order and keep the same positions.

    The positions are those of each entry of each section (a resource, an output),
    which give a finding its line, and the lines of their keys.
    """
    if native != translated or list(native["Resources"]) != list(translated["Resources"]):
        pytest.fail(f"{source}: the native transform differs from the translator:\n{diff(translated, native)}")
    moved = [f"{section}.{name}" for section, entries in translated.items() if isinstance(entries, dict)
             for name, entry in entries.items() if _positions(native[section][name]) != _positions(entry)]
    if moved:
        pytest.fail(f"{source}: the native transform loses or changes the position of {', '.join(moved)}")


def _positions(value: Any) -> tuple[tuple[str, int, int], dict[str, int]]:
    return position_of(value), dict(value.key_lines) if isinstance(value, MappingNode) else {}


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """Show two outputs as a unified diff of their JSON, resources in their own order."""
    def lines(value: dict[str, Any]) -> list[str]:
        return json.dumps(value, indent=1, default=repr).splitlines()
    return "\n".join(difflib.unified_diff(lines(expected), lines(actual), "translator", "native", lineterm=""))


def template(text: str) -> dict[str, Any]:
    """Parse an indented YAML template written in a test."""
    body = parse_text(textwrap.dedent(text), "template.yaml")
    assert isinstance(body, dict)
    return body


def corpus_sam_templates(*words: str) -> list[tuple[str, dict[str, Any]]]:
    """Return the corpus's SAM templates that mention every one of `words`, parsed, by path in the corpus.

    Templates the parser rejects are left out; tests/cfn/test_corpus.py covers them.
    """
    found = []
    for path in sorted(CORPUS.rglob("*")) if CORPUS.is_dir() else []:
        if path.suffix not in _SUFFIXES:
            continue
        text = path.read_text("utf-8", errors="replace")
        if sam.SAM_TRANSFORM not in text or not all(word in text for word in words):
            continue
        try:
            body = load_file(path)
        except TemplateError:
            continue
        if isinstance(body, dict) and sam.uses_sam(body):
            found.append((path.relative_to(CORPUS).as_posix(), body))
    return found


def apply_change(mapping: dict[str, Any], change: str) -> None:
    """Set one value of a template written `Dotted.Path=value`; the value is JSON, or else plain text."""
    path, _, text = change.partition("=")
    *parents, last = path.split(".")
    target = mapping
    for key in parents:
        target = target[key]
    try:
        target[last] = json.loads(text)
    except json.JSONDecodeError:
        target[last] = text
