"""Run one scan of a rules fixture and look up findings by rule and resource."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def scan_fixture(cli: Callable[..., Any], name: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Scan tests/fixtures/rules/NAME with the CLI and index the findings by (rule id, resource id)."""
    path: Path = FIXTURES / name
    result = cli("scan", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = result.json()
    assert report["errors"] == [], report["errors"]
    return {(finding["rule_id"], finding["resource"]["id"]): finding for finding in report["findings"]}
