"""Reports of the bundled example and of a small snapshot, written once per module in every format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE_TEMPLATE, ROOT, CliResult, run_cli

SCHEMAS = ROOT / "tests" / "schemas"
REPORT_SCHEMA = ROOT / "cloudseal" / "schemas" / "report.schema.json"
SNAPSHOT = Path(__file__).parent / "fixtures" / "snapshot.json"
EXAMPLE_RELATIVE = EXAMPLE_TEMPLATE.relative_to(ROOT).as_posix()


@dataclass
class Reports:
    """One scan's result and the files it wrote, keyed by format name."""

    result: CliResult
    files: dict[str, Path]

    def text(self, name: str) -> str:
        return self.files[name].read_text(encoding="utf-8")

    def json(self, name: str) -> Any:
        return json.loads(self.text(name))


def scan_to_files(directory: Path, formats: tuple[str, ...], *arguments: str, env: dict[str, str] | None = None
                  ) -> Reports:
    """Run one scan that writes each format to its own file in directory."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {name: directory / f"report.{name}" for name in formats}
    options = [option for name, path in files.items() for option in ("--format", f"{name}={path}")]
    result = run_cli("scan", *arguments, *options, env=env)
    assert result.returncode in (0, 1), result.stderr
    return Reports(result, files)


@pytest.fixture(scope="module")
def template_reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    return scan_to_files(tmp_path_factory.mktemp("template"), ("json", "sarif", "junit", "markdown", "table"),
                         EXAMPLE_RELATIVE)


@pytest.fixture(scope="module")
def snapshot_reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    return scan_to_files(tmp_path_factory.mktemp("snapshot"), ("json", "sarif", "junit", "markdown", "asff"),
                         "--snapshot", str(SNAPSHOT))
