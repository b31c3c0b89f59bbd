"""Command lines of cloudseal and each peer for one benchmark input, and where each writes its report."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import findings
from bench.peers import Peer, peer_environment

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")


@dataclass(frozen=True)
class BenchInput:
    """One input that every tool scans: a template file, or a directory of templates."""

    name: str
    target: Path
    files: tuple[Path, ...]
    resources: int | None
    generated: bool
    note: str = ""


@dataclass
class Invocation:
    """One run of one tool: its command, environment, report file and how to count the report."""

    command: list[str]
    environment: dict[str, str]
    report: Path
    report_is_stdout: bool
    count: Callable[[Path], findings.FindingCount]
    extra: dict[str, str] = field(default_factory=dict)


def template_files(directory: Path) -> tuple[Path, ...]:
    """Return the template-like files under a directory, sorted."""
    return tuple(sorted(path for path in directory.rglob("*") if path.is_file() and path.suffix in TEMPLATE_SUFFIXES))


def cloudseal_command() -> list[str]:
    """Return the command that runs the installed cloudseal, as a user would."""
    script = Path(sys.executable).with_name("cloudseal")
    if script.exists():
        return [str(script)]
    found = shutil.which("cloudseal")
    return [found] if found else [sys.executable, "-m", "cloudseal"]


def cloudseal_invocation(item: BenchInput, out_dir: Path) -> Invocation:
    report = out_dir / "report.json"
    # An empty cache directory for every run: each run is measured as the first on a fresh machine.
    cache = out_dir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    environment = dict(os.environ)
    environment.update({"CLOUDSEAL_TIMINGS": "1", "NO_COLOR": "1", "CLOUDSEAL_CACHE_DIR": str(cache)})
    command = [*cloudseal_command(), "scan", str(item.target), "--format", "json", "--output", str(report),
               "--fail-on", "none"]
    return Invocation(command, environment, report, False, findings.count_cloudseal)


def checkov_invocation(peer: Peer, item: BenchInput, out_dir: Path) -> Invocation:
    scope = ["-d", str(item.target)] if item.target.is_dir() else ["-f", str(item.target)]
    command = [str(peer.executable), *scope, "--framework", "cloudformation", "--skip-download", "--compact",
               "--quiet", "--output", "json", "--output-file-path", str(out_dir)]
    return Invocation(command, peer_environment(peer), out_dir / "results_json.json", False, findings.count_checkov)


def cfn_lint_invocation(peer: Peer, item: BenchInput, out_dir: Path) -> Invocation:
    command = [str(peer.executable), "--format", "json", "--", *(str(path) for path in item.files)]
    return Invocation(command, peer_environment(peer), out_dir / "stdout.txt", True, findings.count_cfn_lint)


def guard_invocation(peer: Peer, item: BenchInput, out_dir: Path) -> Invocation:
    if peer.rules is None:
        raise ValueError("cfn-guard has no rules to run")
    command = [str(peer.executable), "validate", "--data", str(item.target), "--rules", str(peer.rules),
               "--structured", "--output-format", "sarif", "--show-summary", "none"]
    return Invocation(command, peer_environment(peer), out_dir / "stdout.txt", True, findings.count_guard)


def invocation_for(tool: str, peers: dict[str, Peer], item: BenchInput, out_dir: Path) -> Invocation:
    """Build the invocation of TOOL (cloudseal or a peer's name) on one input."""
    if tool == "cloudseal":
        return cloudseal_invocation(item, out_dir)
    builders = {"checkov": checkov_invocation, "cfn-lint": cfn_lint_invocation, "cfn-guard": guard_invocation}
    return builders[tool](peers[tool], item, out_dir)
