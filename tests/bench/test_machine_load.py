"""The load sample that makes the benchmark warn before it measures on a busy machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.machine_load import BUSY_WARNING_SHARE, busy_share, busy_warning

pytestmark = pytest.mark.skipif(not Path("/proc/stat").exists(), reason="needs Linux /proc/stat")


def test_busy_share_sees_busy_cores() -> None:
    cores = os.cpu_count() or 1
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cores)]
    try:
        share = busy_share(sample_seconds=1.0)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert share is not None
    assert share > 0.5


def test_busy_share_is_a_fraction() -> None:
    share = busy_share(sample_seconds=0.1)
    assert share is not None
    assert 0.0 <= share <= 1.0


def test_busy_share_without_proc_stat(tmp_path: Path) -> None:
    assert busy_share(sample_seconds=0.0, stat_path=tmp_path / "missing") is None


def test_busy_share_of_malformed_stat(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 x 100\n", encoding="ascii")

    assert busy_share(sample_seconds=0.0, stat_path=stat) is None


def test_busy_share_from_fixed_counters(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n", encoding="ascii")
    # The counters do not move during the sample, so no time passed that could be busy.
    assert busy_share(sample_seconds=0.0, stat_path=stat) == 0.0


def test_busy_warning_threshold() -> None:
    assert busy_warning("cfn-100", None) is None
    assert busy_warning("cfn-100", BUSY_WARNING_SHARE) is None
    warning = busy_warning("cfn-100", 0.55)
    assert warning is not None
    assert "55%" in warning
    assert "cfn-100" in warning
