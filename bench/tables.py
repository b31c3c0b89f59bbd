"""Print the benchmark's figures as tables for a person to read."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from bench.evaluation import EvaluationFigures
from bench.findings import RuleComparison
from bench.results import ToolResult, paired_ratio

# Speed target: cloudseal at least this many times faster than Checkov, end to end.
TARGET_SPEEDUP = 10.0
# Stages in the order a scan runs them; sam_transform is a part of load.
STAGE_ORDER = ("startup", "options", "opa_launch", "load", "sam_transform", "catalog_wait", "opa_wait",
               "evaluate", "opa_stop", "report", "total")


def _spread(result: ToolResult) -> str:
    walls = result.walls
    if len(walls) < 2:
        return ""
    return f"{min(walls):.2f} to {max(walls):.2f}"


def print_timings(console: Console, input_name: str, resources: int | None, results: Sequence[ToolResult]) -> None:
    """Print one input's wall time, CPU, memory and findings per tool, with cloudseal's speed-up."""
    ours = next((result for result in results if result.tool == "cloudseal" and result.runs), None)
    size = f"{resources:,} resources" if resources else "directory"
    table = Table(title=f"{input_name} ({size})", title_justify="left")
    for column, justify in (("tool", "left"), ("runs", "right"), ("wall s (median)", "right"), ("range", "right"),
                            ("CPU s", "right"), ("peak MB (largest process)", "right"),
                            ("peak MB (process tree)", "right"), ("exit", "right"), ("findings", "right"),
                            ("cloudseal faster by", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for result in results:
        if result.problem and not result.runs:
            table.add_row(result.tool, "0", "", "", "", "", "", "", "", f"[yellow]{result.problem}[/]")
            continue
        ratio = paired_ratio(result, ours) if ours is not None and result.tool != "cloudseal" else None
        verdict = ""
        if ratio is not None:
            colour = "green" if ratio >= TARGET_SPEEDUP or result.tool != "checkov" else "red"
            verdict = f"[{colour}]x{ratio:.1f}[/]"
        count = result.findings.count if result.findings else None
        table.add_row(
            result.tool, str(len(result.runs)), f"{result.wall_median:.2f}", _spread(result),
            f"{result.cpu_median:.2f}", f"{result.max_rss_mb:.0f}", f"{result.tree_rss_mb:.0f}",
            ",".join(str(code) for code in result.exit_codes),
            "?" if count is None else f"{count:,}", verdict,
        )
    console.print(table)


def print_stages(console: Console, results: Sequence[tuple[str, ToolResult]]) -> None:
    """Print the median seconds of each of cloudseal's stages per input."""
    table = Table(title="cloudseal stages, median seconds (CLOUDSEAL_TIMINGS=1)", title_justify="left")
    table.add_column("input")
    present = [stage for stage in STAGE_ORDER if any(stage in result.stage_medians() for _, result in results)]
    for stage in present:
        table.add_column(stage.replace("_", " "), justify="right")
    table.add_column("slowest", justify="left")
    for name, result in results:
        medians = result.stage_medians()
        # Columns that contain another are left out: sam_transform is part of load, and total is the sum.
        own = {
            stage: medians[stage]
            for stage in present
            if stage in medians and stage not in ("total", "sam_transform")
        }
        slowest = max(own, key=lambda stage: own[stage]) if own else ""
        table.add_row(name, *(f"{medians[stage]:.2f}" if stage in medians else "" for stage in present), slowest)
    console.print(table)


def print_comparison(console: Console, input_name: str, comparisons: Sequence[RuleComparison]) -> None:
    """Print, per mapped rule, what cloudseal and Checkov fail and what only Checkov fails."""
    table = Table(title=f"Findings against Checkov's equivalent checks: {input_name}", title_justify="left")
    for column in ("cloudseal rule", "Checkov check", "cloudseal fail", "Checkov fail", "both fail",
                   "only Checkov fails (cloudseal verdict)", "examples"):
        table.add_column(column)
    for comparison in comparisons:
        others = ", ".join(f"{count} {verdict}" for verdict, count in sorted(comparison.checkov_only.items()))
        table.add_row(comparison.rule_id, comparison.checkov_id, str(comparison.cloudseal_fail),
                      str(comparison.checkov_fail), str(comparison.both), others or "none",
                      "; ".join(comparison.examples))
    console.print(table)


def print_evaluation(console: Console, figures: Sequence[EvaluationFigures]) -> None:
    """Print the evaluate stage on each snapshot and how it grows with the number of resources."""
    table = Table(title="OPA evaluation alone (the evaluate stage), live snapshots", title_justify="left")
    for column in ("snapshot", "resources", "verdicts", "first s", "median s", "OPA input parse s",
                   "OPA query eval s", "ms per 1,000 resources"):
        table.add_column(column, justify="right")
    for item in figures:
        table.add_row(item.name, f"{item.resources:,}", f"{item.verdicts:,}", f"{item.first_seconds:.2f}",
                      f"{item.median:.2f}", f"{item.opa_metrics.get('input parse', float('nan')):.2f}",
                      f"{item.opa_metrics.get('query eval', float('nan')):.2f}",
                      f"{item.median / item.resources * 1e6:.0f}")
    console.print(table)
    if len(figures) >= 2:
        small, large = figures[0], figures[-1]
        growth = large.median / small.median if small.median > 0 else float("nan")
        console.print(f"Growth from {small.resources:,} to {large.resources:,} resources: x{growth:.1f} "
                      f"(linear would be x{large.resources / small.resources:.1f}; each snapshot with the GOGC "
                      "that `scan` gives OPA for it).")
