"""Find OPA server processes through /proc, to prove that none outlives cloudseal."""

from __future__ import annotations

import time
from pathlib import Path


def _command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _parent(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[1])


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def opa_servers() -> dict[int, int]:
    """Map the pid of every live `opa run --server` process to its parent pid."""
    servers: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        command = _command_line(pid)
        is_server = len(command) >= 3 and command[0].endswith("opa") and command[1:3] == ["run", "--server"]
        if is_server and not _is_zombie(pid):
            servers[pid] = _parent(pid)
    return servers


def wait_for_child_opa(parent_pid: int, timeout: float = 60) -> int:
    """Wait until parent_pid has started an OPA server, and return its pid."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid, parent in opa_servers().items():
            if parent == parent_pid:
                return pid
        time.sleep(0.02)
    raise AssertionError(f"process {parent_pid} started no OPA server within {timeout} s")


def wait_until_gone(pid: int, timeout: float = 10) -> bool:
    """Wait until pid no longer runs; return whether it ended in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid not in opa_servers():
            return True
        time.sleep(0.05)
    return False


def orphaned_opa_servers(before: set[int]) -> set[int]:
    """Return the OPA servers started since BEFORE whose parent has ended.

    Other tests running at the same time own OPA servers too, but theirs keep a live parent.
    A server left behind by a finished cloudseal is adopted by pid 1 or has a parent that is gone.
    """
    return {
        pid for pid, parent in opa_servers().items()
        if pid not in before and (parent <= 1 or not Path(f"/proc/{parent}").exists() or _is_zombie(parent))
    }
