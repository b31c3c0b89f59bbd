"""Share of the machine's CPU time that other processes use, read from /proc/stat.

The benchmark measures wall time on a machine that should be idle. In one
trial on 2 cores, a process that kept one core busy made cloudseal about 50%
slower on the 100-resource inputs, since cloudseal runs OPA beside Python on
the second core, while Checkov hardly changed. So the runner samples the load
before each input and warns when the figures that follow are not comparable.
"""

from __future__ import annotations

import time
from pathlib import Path

PROC_STAT = Path("/proc/stat")
# Above this share of all cores' time spent busy before an input, the runner warns.
BUSY_WARNING_SHARE = 0.2


def _cpu_times(stat_path: Path) -> tuple[int, int] | None:
    """Return (busy, total) clock ticks of all cores since boot, or None where /proc/stat is missing or unreadable."""
    try:
        first_line = stat_path.read_text(encoding="ascii").splitlines()[0]
    except (OSError, IndexError):
        return None
    fields = first_line.split()
    # The fields are user, nice, system, idle, iowait, irq, softirq and steal. Guest time is counted in user.
    if len(fields) < 6 or fields[0] != "cpu" or not all(value.isdigit() for value in fields[1:9]):
        return None
    ticks = [int(value) for value in fields[1:9]]
    idle = ticks[3] + ticks[4]
    total = sum(ticks)
    return total - idle, total


def busy_share(sample_seconds: float = 0.5, stat_path: Path = PROC_STAT) -> float | None:
    """Return the share, from 0 to 1, of all cores' time that was busy during the sample.

    The caller sleeps through the sample, so the busy time belongs to other
    processes. Returns None on systems without /proc/stat.
    """
    before = _cpu_times(stat_path)
    if before is None:
        return None
    time.sleep(sample_seconds)
    after = _cpu_times(stat_path)
    if after is None:
        return None
    total = after[1] - before[1]
    if total <= 0:
        return 0.0
    return max(0.0, min(1.0, (after[0] - before[0]) / total))


def busy_warning(input_name: str, share: float | None) -> str | None:
    """Return the warning to print before an input when other processes kept the CPU busy, else None."""
    if share is None or share <= BUSY_WARNING_SHARE:
        return None
    return (f"other processes used {share:.0%} of the CPU just before {input_name}, so its figures will be "
            "slower than on an idle machine; stop them and run the benchmark again for comparable figures")
