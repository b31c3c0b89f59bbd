"""Stage timings of one command, printed to stderr when CLOUDSEAL_TIMINGS=1.

The benchmark (bench/run.py) reads them to show which stage of a scan is the
slowest. The line is `cloudseal timings: {JSON}`, with seconds per stage:

* startup: from the start of the process to the start of the command
  (interpreter, imports, option parsing); Linux only, 10 ms resolution;
* the command's own stages, in the order the command records them;
* sam_transform: the part of loading spent in the SAM translator;
* total: from the start of the process, or of the command elsewhere.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

LOG = logging.getLogger(__name__)

ENVIRONMENT_VARIABLE = "CLOUDSEAL_TIMINGS"
PREFIX = "cloudseal timings: "


def enabled() -> bool:
    """Tell whether the user asked for stage timings."""
    return os.environ.get(ENVIRONMENT_VARIABLE, "") == "1"


def process_age() -> float | None:
    """Return the seconds since this process started, or None where /proc cannot tell."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # The command name in brackets may contain spaces; fields resume after its closing bracket.
            fields = stat.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class StageClock:
    """Record how long each stage of a command took, as laps of one clock."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._age_at_start = process_age()
        self._started = self._last = time.perf_counter()
        if self._age_at_start is not None:
            self.stages["startup"] = self._age_at_start

    def lap(self, name: str) -> None:
        """Record the time since the previous lap as stage NAME."""
        now = time.perf_counter()
        self.stages[name] = self.stages.get(name, 0.0) + now - self._last
        self._last = now

    def add(self, stages: Mapping[str, float]) -> None:
        """Record stages that another part measured itself, such as the engine's."""
        for name, seconds in stages.items():
            self.stages[name] = self.stages.get(name, 0.0) + seconds

    def emit(self) -> None:
        """Print the stages and the total to stderr as one line, when timings are enabled."""
        if not enabled():
            return
        stages = dict(self.stages)
        stages.update(_SUB_STAGES)
        stages["total"] = (self._age_at_start or 0.0) + time.perf_counter() - self._started
        sys.stderr.write(PREFIX + json.dumps({name: round(value, 4) for name, value in stages.items()}) + "\n")


# Stages measured inside other stages (the SAM transform inside loading), by name.
_SUB_STAGES: dict[str, float] = {}


def time_function(module: ModuleType, name: str, stage: str) -> None:
    """Add the time spent in MODULE.NAME to STAGE, when timings are enabled.

    The function is replaced by a timing wrapper on the module, so that callers
    that look it up on the module at call time are measured without changes.
    """
    if not enabled():
        return
    function: Callable[..., Any] | None = getattr(module, name, None)
    if function is None or getattr(function, "__cloudseal_timed__", False):
        LOG.debug("cannot time %s.%s: not found or already timed", module.__name__, name)
        return

    def timed(*arguments: Any, **keywords: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*arguments, **keywords)
        finally:
            _SUB_STAGES[stage] = _SUB_STAGES.get(stage, 0.0) + time.perf_counter() - started

    timed.__cloudseal_timed__ = True  # type: ignore[attr-defined]
    setattr(module, name, timed)


@contextlib.contextmanager
def sub_stage(stage: str) -> Iterator[None]:
    """Add the time spent in the block to STAGE, a part of another stage."""
    started = time.perf_counter()
    try:
        yield
    finally:
        _SUB_STAGES[stage] = _SUB_STAGES.get(stage, 0.0) + time.perf_counter() - started
