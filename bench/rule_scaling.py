"""Find the rules whose evaluation time grows faster than the number of resources.

Each rule package is queried alone (`data.cloudseal.rules.SERVICE.NAME.verdicts`)
on two generated snapshots, one FACTOR times larger than the other, on one local
OPA server, and OPA's own query-evaluation timer is read. A rule that grows
linearly takes about FACTOR times longer on the larger snapshot; one that
compares every pair of resources takes about FACTOR squared times longer.

    python -m bench.rule_scaling --size 1000 --factor 4
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

import requests
from rich.console import Console
from rich.table import Table

from bench.generate_snapshot import build_snapshot
from cloudseal.engine.metadata import inspect_policy_dir
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.server import LocalOpaServer
from cloudseal.paths import builtin_policy_dir


def _query_seconds(url: str, package: str, body: bytes, repeats: int) -> float:
    """Return the median of OPA's evaluation timer for one rule package's verdicts."""
    samples: list[float] = []
    for _ in range(repeats):
        response = requests.post(
            f"{url}/v1/data/{package.replace('.', '/')}/verdicts",
            params={"metrics": "true"}, data=body, headers={"Content-Type": "application/json"}, timeout=900,
        )
        response.raise_for_status()
        samples.append(response.json()["metrics"]["timer_rego_query_eval_ns"] / 1e9)
    return statistics.median(samples)


def measure(size: int, factor: int, repeats: int, policy_dir: Path) -> list[dict[str, Any]]:
    """Time every rule package on snapshots of SIZE and SIZE*FACTOR resources."""
    small = json.dumps({"input": build_snapshot(size)}).encode()
    large = json.dumps({"input": build_snapshot(size * factor)}).encode()
    opa = find_opa()
    packages = sorted(rule.package for rule in inspect_policy_dir(opa, policy_dir))
    rows: list[dict[str, Any]] = []
    with LocalOpaServer(opa, [policy_dir]) as server:
        for package in packages:
            small_seconds = _query_seconds(server.url, package, small, repeats)
            large_seconds = _query_seconds(server.url, package, large, repeats)
            rows.append({
                "package": package, "small_seconds": small_seconds, "large_seconds": large_seconds,
                "growth": large_seconds / small_seconds if small_seconds > 0 else float("nan"),
            })
    rows.sort(key=lambda row: row["large_seconds"], reverse=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    """Print each rule's evaluation time on both snapshots and how it grew."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="Resources in the smaller snapshot.")
    parser.add_argument("--factor", type=int, default=4, help="How many times larger the second snapshot is.")
    parser.add_argument("--repeats", type=int, default=3, help="Queries per rule and snapshot; the median counts.")
    parser.add_argument("--policy-dir", type=Path, default=None, help="Policies to load (default: the built-in ones).")
    parser.add_argument("--top", type=int, default=25, help="Rows to print, slowest on the larger snapshot first.")
    arguments = parser.parse_args(argv)
    if arguments.size < 1 or arguments.factor < 2:
        parser.error("--size must be at least 1 and --factor at least 2")

    policy_dir = arguments.policy_dir or builtin_policy_dir()
    rows = measure(arguments.size, arguments.factor, arguments.repeats, policy_dir)
    large = arguments.size * arguments.factor
    table = Table(title=f"Rule evaluation time, {arguments.size:,} and {large:,} resources "
                        f"(linear growth is x{arguments.factor}, quadratic x{arguments.factor ** 2})")
    table.add_column("rule package")
    table.add_column(f"{arguments.size:,} (ms)", justify="right")
    table.add_column(f"{large:,} (ms)", justify="right")
    table.add_column("growth", justify="right")
    for row in rows[: arguments.top]:
        flag = "[red]" if row["growth"] > arguments.factor * 2 else ""
        table.add_row(row["package"], f"{row['small_seconds'] * 1000:.1f}", f"{row['large_seconds'] * 1000:.1f}",
                      f"{flag}x{row['growth']:.1f}")
    Console().print(table)


if __name__ == "__main__":
    main()
