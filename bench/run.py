"""Benchmark cloudseal against Checkov, cfn-lint and cfn-guard on the same inputs, in one run.

    python -m bench.run                  # everything: about 75 minutes on 2 cores
    python -m bench.run --quick          # the small inputs, 2 runs each
    python -m bench.run --input cfn-1000 --tool cloudseal --tool checkov
    python -m bench.run --input snapshot-10000     # OPA evaluation alone on one snapshot

Each tool runs on each input after one warm-up run (none for the largest
inputs), the tools taking turns within a round so that a drift of the machine's
speed affects them alike. Figures: median and spread of wall time, CPU time,
peak memory, and findings; cloudseal's speed-up over each peer is the median of
the per-round ratios. Then cloudseal's stage timings, its findings against
Checkov's equivalent checks, and OPA evaluation alone on live snapshots.
Raw figures go to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import logging
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import tables
from bench.evaluation import EvaluationFigures, time_evaluation
from bench.findings import RuleComparison, compare_with_checkov
from bench.generate_snapshot import write_snapshot
from bench.generate_templates import DEFAULT_SEED, STANDARD_SET, generate_standard_set
from bench.machine_load import busy_share, busy_warning
from bench.measure import run_measured
from bench.peers import BENCH_DIR, install_peers
from bench.results import ToolResult
from bench.tools import BenchInput, cloudseal_command, invocation_for, template_files
from cloudseal.engine.timings import PREFIX as TIMINGS_PREFIX

LOG = logging.getLogger("bench")

OUT_DIR = BENCH_DIR / "out"
REPO_ROOT = BENCH_DIR.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
PEERS = ("checkov", "cfn-lint", "cfn-guard")
QUICK_INPUTS = ("cfn-100", "sam-100", "cfn-1000")
SNAPSHOT_SIZES = (10_000, 100_000)
CORPUS_INPUT = "corpus"
TEMPLATE_INPUTS = tuple(name for name, _, _ in STANDARD_SET)
# Every name that --input accepts: the generated templates, the corpus and the generated snapshots.
INPUT_NAMES = (*TEMPLATE_INPUTS, CORPUS_INPUT, *(f"snapshot-{size}" for size in SNAPSHOT_SIZES))
# Inputs at least this large get fewer runs and no warm-up, so that the whole benchmark fits in an hour.
LARGE_INPUT = 5_000


def _parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Counted runs per tool on inputs under 5,000 resources.")
    parser.add_argument("--quick", action="store_true", help=f"Only {', '.join(QUICK_INPUTS)}, 2 runs, no snapshots.")
    parser.add_argument("--input", action="append", choices=INPUT_NAMES, metavar="NAME",
                        help=f"Benchmark only this input; repeatable. One of: {', '.join(INPUT_NAMES)}. "
                        "Snapshots are evaluated only when named, or when no --input is given.")
    parser.add_argument("--tool", action="append", choices=("cloudseal", *PEERS),
                        help="Run only this tool; repeatable.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="Directory of public templates to scan as one more input (skipped when missing).")
    parser.add_argument("--no-snapshots", action="store_true", help="Skip OPA evaluation on live snapshots.")
    parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds one run may take before it is killed.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the generated inputs.")
    arguments = parser.parse_args(argv)
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    if arguments.quick:
        arguments.runs = 2
        arguments.input = arguments.input or list(QUICK_INPUTS)
        arguments.no_snapshots = True
    return arguments


def _inputs(arguments: argparse.Namespace, console: Console) -> list[BenchInput]:
    """Return the template inputs to scan, generated as needed, in the order that --input names them."""
    requested = arguments.input
    templates = TEMPLATE_INPUTS if requested is None else [name for name in requested if name in TEMPLATE_INPUTS]
    generated = generate_standard_set(OUT_DIR / "inputs", arguments.seed, templates) if templates else []
    inputs = [
        BenchInput(item.name, item.path.parent if len(item.files) > 1 else item.path, item.files, item.resources,
                   True, item.note)
        for item in generated
    ]
    if requested is None or CORPUS_INPUT in requested:
        if arguments.corpus.is_dir():
            files = template_files(arguments.corpus)
            inputs.append(BenchInput(CORPUS_INPUT, arguments.corpus, files, None, False,
                                     f"{len(files)} public template files"))
        elif requested is not None:
            raise SystemExit(f"--input corpus: the directory {arguments.corpus} is missing; "
                             "give the public templates with --corpus DIR.")
        else:
            console.print(f"[yellow]corpus {arguments.corpus} not found; pass --corpus to include it[/]")
    if requested is not None:
        inputs.sort(key=lambda item: requested.index(item.name))
    return inputs


def _snapshot_sizes(arguments: argparse.Namespace) -> list[int]:
    """Return the sizes of the snapshots to evaluate: those that --input names, or all of them without --input."""
    if arguments.no_snapshots:
        return []
    return [size for size in SNAPSHOT_SIZES if arguments.input is None or f"snapshot-{size}" in arguments.input]


def _stage_line(stderr: Path) -> dict[str, float] | None:
    for line in stderr.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(TIMINGS_PREFIX):
            stages: dict[str, float] = json.loads(line[len(TIMINGS_PREFIX):])
            return stages
    return None


def _plan(item: BenchInput, runs: int) -> tuple[int, int]:
    """Return (warm-up runs, counted runs) for an input."""
    if item.resources is not None and item.resources >= 4 * LARGE_INPUT:
        return 0, 1
    if item.resources is not None and item.resources >= LARGE_INPUT:
        return 0, min(runs, 2)
    return 1, runs


def benchmark_input(item: BenchInput, tools: list[str], peers: dict[str, Any], runs: int, timeout: float,
                    console: Console) -> dict[str, ToolResult]:
    """Run every tool on one input, round by round, and return their results."""
    results = {tool: ToolResult(tool, item.name) for tool in tools}
    for tool in tools:
        if tool != "cloudseal" and not peers[tool].available:
            results[tool].problem = peers[tool].problem
    warmups, counted = _plan(item, runs)
    for round_index in range(warmups + counted):
        for tool in tools:
            result = results[tool]
            if result.problem:
                continue
            out_dir = OUT_DIR / "runs" / item.name / tool / f"run-{round_index}"
            invocation = invocation_for(tool, peers, item, out_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            stdout = invocation.report if invocation.report_is_stdout else out_dir / "stdout.txt"
            measured = run_measured(invocation.command, stdout=stdout, stderr=out_dir / "stderr.txt",
                                    env=invocation.environment, cwd=REPO_ROOT, timeout=timeout)
            label = "warm-up" if round_index < warmups else f"run {round_index - warmups + 1}/{counted}"
            console.log(f"{item.name} {tool} {label}: {measured.wall_seconds:.2f} s, exit {measured.returncode}")
            if measured.timed_out:
                result.problem = f"timed out after {timeout:.0f} s"
                continue
            if round_index < warmups:
                continue
            result.runs.append(measured)
            result.findings = invocation.count(invocation.report)
            if tool == "cloudseal":
                stages = _stage_line(out_dir / "stderr.txt")
                if stages:
                    result.stages.append(stages)
    return results


def _equivalents() -> dict[str, str]:
    """Read the Checkov check ids that the rules' metadata names, from `cloudseal rules --format json`."""
    completed = subprocess.run([*cloudseal_command(), "rules", "--format", "json"], capture_output=True, text=True,
                               check=True, timeout=300, cwd=REPO_ROOT)
    equivalents: dict[str, str] = {}
    for rule in json.loads(completed.stdout):
        checkov = str((rule.get("equivalents") or {}).get("checkov") or "").strip()
        if checkov:
            equivalents[rule["id"]] = checkov
    return equivalents


def _last_report(item: BenchInput, tool: str, name: str) -> Path | None:
    runs = sorted((OUT_DIR / "runs" / item.name / tool).glob("run-*"))
    return runs[-1] / name if runs else None


def _compare(item: BenchInput, equivalents: dict[str, str]) -> list[RuleComparison]:
    ours = _last_report(item, "cloudseal", "report.json")
    theirs = _last_report(item, "checkov", "results_json.json")
    if ours is None or theirs is None or not ours.exists() or not theirs.exists():
        return []
    return compare_with_checkov(ours, theirs, equivalents)


def _machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text(encoding="ascii").split()[1])
    except (OSError, ValueError, IndexError):
        memory_kb = 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False,
                            cwd=REPO_ROOT).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 1048576, 1),
            "python": platform.python_version(), "commit": commit, "date": time.strftime("%Y-%m-%d %H:%M %Z")}


def compile_bytecode() -> None:
    """Compile cloudseal's modules once, as `pip install` does for the peers' packages.

    A source checkout with PYTHONDONTWRITEBYTECODE set would otherwise compile every module again
    on each run, which no installed copy does.
    """
    compileall.compile_dir(REPO_ROOT / "cloudseal", quiet=1)


def _sample_load(input_name: str, console: Console) -> float | None:
    """Sample the share of the CPU that other processes use, and warn when it is high."""
    share = busy_share()
    warning = busy_warning(input_name, share)
    if warning:
        console.print(f"[yellow]warning: {warning}[/]")
    return share


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its tables."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    arguments = _parse_arguments(argv)
    console = Console(width=200)
    tools = arguments.tool or ["cloudseal", *PEERS]
    machine = _machine()
    console.print(f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
                  f"Python {machine['python']}; cloudseal commit {machine['commit']}")

    peers = install_peers([tool for tool in tools if tool != "cloudseal"])
    compile_bytecode()
    for peer in peers.values():
        status = f"[yellow]not run: {peer.problem}[/]" if peer.problem else "ready"
        console.print(f"{peer.name} {peer.version}: {status}")
    if "cfn-guard" in peers and peers["cfn-guard"].available:
        console.print("cfn-guard rules: the AWS Control Tower proactive-control Guard rules shipped in the npm "
                      "package @cdklabs/cdk-validator-cfnguard (the Guard rules registry is a GitHub project, "
                      "not reachable here)")

    all_results: dict[str, dict[str, ToolResult]] = {}
    inputs = _inputs(arguments, console)
    busy_before: dict[str, float | None] = {}
    for item in inputs:
        busy_before[item.name] = _sample_load(item.name, console)
        all_results[item.name] = benchmark_input(item, tools, peers, arguments.runs, arguments.timeout, console)

    for item in inputs:
        tables.print_timings(console, item.name, item.resources, list(all_results[item.name].values()))
    stage_rows = [(name, results["cloudseal"]) for name, results in all_results.items()
                  if "cloudseal" in results and results["cloudseal"].stages]
    if stage_rows:
        tables.print_stages(console, stage_rows)

    comparisons: dict[str, list[RuleComparison]] = {}
    if "cloudseal" in tools and "checkov" in tools:
        equivalents = _equivalents()
        for item in inputs:
            if item.generated:
                comparisons[item.name] = _compare(item, equivalents)
                if comparisons[item.name]:
                    tables.print_comparison(console, item.name, comparisons[item.name])

    figures: list[EvaluationFigures] = []
    sizes = _snapshot_sizes(arguments)
    if sizes and "cloudseal" in tools:
        for size in sizes:
            path = write_snapshot(OUT_DIR / "inputs", size, arguments.seed)
            busy_before[path.stem] = _sample_load(path.stem, console)
            console.log(f"evaluating {path.name}")
            figures.append(time_evaluation(path, runs=3 if size <= 10_000 else 1))
        tables.print_evaluation(console, figures)

    results_path = OUT_DIR / "results.json"
    results_path.write_text(json.dumps({
        "machine": machine,
        "peers": {name: {"version": peer.version, "problem": peer.problem} for name, peer in peers.items()},
        "inputs": [{"name": item.name, "resources": item.resources, "files": len(item.files), "note": item.note}
                   for item in inputs],
        "cpu_busy_before": busy_before,
        "results": [result.to_json() for results in all_results.values() for result in results.values()],
        "comparisons": {name: [vars(comparison) | {"checkov_only": dict(comparison.checkov_only)}
                               for comparison in items] for name, items in comparisons.items()},
        "evaluation": [item.to_json() for item in figures],
    }, indent=2), encoding="utf-8")
    console.print(f"Raw figures: {results_path}")


if __name__ == "__main__":
    main()
