"""OPA collects garbage less often for small inputs, and the user's GOGC always wins."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudseal.engine import early_start
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.server import LocalOpaServer
from cloudseal.paths import builtin_policy_dir
from tests.conftest import EXAMPLE_TEMPLATE

LIMIT = 1000


def _environment_of(pid: int | None) -> dict[str, str]:
    assert pid is not None
    entries = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(entry.decode().split("=", 1) for entry in entries if b"=" in entry)


@pytest.fixture
def opa_environment(monkeypatch: pytest.MonkeyPatch, opa_path: Path) -> Iterator[None]:
    monkeypatch.setenv("CLOUDSEAL_OPA", str(opa_path))
    monkeypatch.delenv("GOGC", raising=False)
    yield
    early_start.stop()


def test_small_file_is_small(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_bytes(b"x" * (LIMIT - 1))

    assert early_start._inputs_smaller_than(["--format", "json", str(template)], LIMIT)


def test_large_file_is_not_small(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_bytes(b"x" * LIMIT)

    assert not early_start._inputs_smaller_than([str(template)], LIMIT)


def test_directory_counts_every_file(tmp_path: Path) -> None:
    for index in range(4):
        (tmp_path / "nested" / str(index)).mkdir(parents=True)
        (tmp_path / "nested" / str(index) / "template.yaml").write_bytes(b"x" * (LIMIT // 4))

    assert not early_start._inputs_smaller_than([str(tmp_path)], LIMIT)
    assert early_start._inputs_smaller_than([str(tmp_path / "nested" / "0")], LIMIT)


def test_no_paths_are_not_small() -> None:
    assert not early_start._inputs_smaller_than(["--format", "json", "missing.yaml"], LIMIT)


def test_small_scan_starts_opa_with_gogc(opa_environment: None) -> None:
    early_start.start_for(["scan", str(EXAMPLE_TEMPLATE)])
    server = early_start.adopt(find_opa(), [builtin_policy_dir()])
    assert server is not None

    with server:
        assert _environment_of(server.pid).get("GOGC") == str(early_start.SMALL_INPUT_GC_PERCENT)


def test_large_scan_keeps_the_default(opa_environment: None, tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_bytes(b"#" * early_start.SMALL_INPUT_BYTES)

    early_start.start_for(["scan", str(template)])
    server = early_start.adopt(find_opa(), [builtin_policy_dir()])
    assert server is not None

    with server:
        assert "GOGC" not in _environment_of(server.pid)


def test_user_gogc_wins(opa_environment: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOGC", "150")

    with LocalOpaServer(find_opa(), [builtin_policy_dir()], gc_percent=400) as server:
        assert _environment_of(server.pid).get("GOGC") == "150"
    assert os.environ["GOGC"] == "150"
