"""Run a command as a child process and measure its wall time, CPU time and memory.

Wall time comes from a monotonic clock around the child's life, and CPU time
from the kernel's accounting of the finished child (os.wait4), which includes
every descendant the child waited for. Memory is sampled from /proc every
SAMPLE_INTERVAL seconds: the largest single process is the highest VmHWM (the
kernel's own high-water mark of each process), and the tree figure is the
largest sum of the resident sets of all processes at one moment (cloudseal's
Python process plus its OPA server, for example), so a peak shorter than the
interval can be missed. The kernel's ru_maxrss is not used: for tools started
after this process had generated large inputs, it reported this process's own
peak (8.8 GB for every tool), because a forked child keeps that mark across exec.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_INTERVAL = 0.05
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class RunResult:
    """What one run of a command cost."""

    wall_seconds: float
    cpu_seconds: float
    max_rss_bytes: int
    tree_rss_bytes: int
    returncode: int
    timed_out: bool = False


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
                found.extend(int(child) for child in listing.read().split())
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _high_water_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        return 0
    return 0


def _tree(root: int) -> list[int]:
    found: list[int] = []
    pending = [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(_children(pid))
    return found


def tree_rss_bytes(root: int) -> int:
    """Return the resident set of a process and all its descendants, added up."""
    return sum(_rss_bytes(pid) for pid in _tree(root))


class _TreeSampler(threading.Thread):
    """Sample the summed resident set of a process tree until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self.largest = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            pids = _tree(self.root)
            self.peak = max(self.peak, sum(_rss_bytes(pid) for pid in pids))
            self.largest = max([self.largest, *(_high_water_bytes(pid) for pid in pids)])
            self.stopped.wait(SAMPLE_INTERVAL)


def _kill_group(pid: int, flag: list[bool]) -> None:
    flag.append(True)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def run_measured(
    command: Sequence[str],
    *,
    stdout: Path,
    stderr: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 3600.0,
) -> RunResult:
    """Run COMMAND to completion with its output in files, and return what it cost.

    The main thread blocks in os.wait4, so the end of the run is seen at once.
    A command still running after TIMEOUT seconds is killed with its whole
    process group and reported with timed_out set.
    """
    stdout.parent.mkdir(parents=True, exist_ok=True)
    killed: list[bool] = []
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            env=dict(env) if env is not None else None, cwd=cwd, start_new_session=True,
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        watchdog = threading.Timer(timeout, _kill_group, (process.pid, killed))
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            wall = time.perf_counter() - started
            watchdog.cancel()
            sampler.stopped.set()
            sampler.join()

    # Popen did not reap the child itself; record the status so that it never tries to.
    process.returncode = os.waitstatus_to_exitcode(status)
    return RunResult(
        wall_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_bytes=sampler.largest,
        tree_rss_bytes=max(sampler.peak, sampler.largest),
        returncode=process.returncode,
        timed_out=bool(killed),
    )
