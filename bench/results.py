"""Measured runs of each tool on each input, and the figures computed from them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from bench.findings import FindingCount
from bench.measure import RunResult

MEGABYTE = 1024 * 1024


@dataclass
class ToolResult:
    """All counted runs of one tool on one input."""

    tool: str
    input_name: str
    runs: list[RunResult] = field(default_factory=list)
    findings: FindingCount | None = None
    stages: list[dict[str, float]] = field(default_factory=list)
    problem: str = ""

    @property
    def walls(self) -> list[float]:
        return [run.wall_seconds for run in self.runs]

    @property
    def wall_median(self) -> float:
        return statistics.median(self.walls) if self.runs else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs) if self.runs else float("nan")

    @property
    def max_rss_mb(self) -> float:
        return max(run.max_rss_bytes for run in self.runs) / MEGABYTE if self.runs else float("nan")

    @property
    def tree_rss_mb(self) -> float:
        return max(run.tree_rss_bytes for run in self.runs) / MEGABYTE if self.runs else float("nan")

    @property
    def exit_codes(self) -> list[int]:
        return sorted({run.returncode for run in self.runs})

    def stage_medians(self) -> dict[str, float]:
        names = {name for stages in self.stages for name in stages}
        return {name: statistics.median(stages.get(name, 0.0) for stages in self.stages) for name in sorted(names)}

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "input": self.input_name,
            "problem": self.problem,
            "wall_seconds": self.walls,
            "wall_median": self.wall_median if self.runs else None,
            "cpu_median": self.cpu_median if self.runs else None,
            "max_rss_mb": self.max_rss_mb if self.runs else None,
            "tree_rss_mb": self.tree_rss_mb if self.runs else None,
            "exit_codes": self.exit_codes,
            "findings": None if self.findings is None else self.findings.count,
            "findings_detail": "" if self.findings is None else self.findings.detail,
            "stages": self.stage_medians(),
        }


def paired_ratio(peer: ToolResult, cloudseal: ToolResult) -> float | None:
    """Return the median, over rounds, of the peer's wall time divided by cloudseal's in the same round."""
    pairs = list(zip(peer.walls, cloudseal.walls, strict=False))
    if not pairs:
        return None
    return statistics.median(other / ours for other, ours in pairs if ours > 0)
