"""Run the native SAM transform and aws-sam-translator on the same template, and compare their outputs."""

from __future__ import annotations

import copy
import difflib
import json
import textwrap
from typing import Any

import pytest

from cloudseal.cfn import sam, sam_native
from cloudseal.cfn.parameters import pseudo_parameters, template_parameters
from cloudseal.cfn.yaml_loader import parse_text


def compare(body: dict[str, Any], source: str, region: str | None = None) -> bool:
    """Run both transforms on one template; fail on any difference when the native one accepts it.

    Returns whether the native transform accepted the template. Either way it
    must leave its input unchanged.
    """
    working = copy.deepcopy(body)
    sam._prepare_offline(working)
    values = sam._translator_parameters(template_parameters(working.get("Parameters"), {}),
                                        pseudo_parameters(region, None, None))
    before = copy.deepcopy(working)
    try:
        native = sam_native.transform(working, values, region or "us-east-1")
    except sam_native.Unsupported:
        assert working == before, f"{source}: the native transform changed its input"
        return False
    assert working == before, f"{source}: the native transform changed its input"
    translated = sam._translate(copy.deepcopy(working), values, region or "us-east-1", working["Resources"], source)
    if native != translated:
        pytest.fail(f"{source}: the native transform differs from the translator:\n{diff(translated, native)}")
    return True


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """Show two outputs as a unified diff of their sorted JSON."""
    def lines(value: dict[str, Any]) -> list[str]:
        return json.dumps(value, indent=1, sort_keys=True, default=repr).splitlines()
    return "\n".join(difflib.unified_diff(lines(expected), lines(actual), "translator", "native", lineterm=""))


def template(text: str) -> dict[str, Any]:
    """Parse an indented YAML template written in a test."""
    body = parse_text(textwrap.dedent(text), "template.yaml")
    assert isinstance(body, dict)
    return body
