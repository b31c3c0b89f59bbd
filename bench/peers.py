"""The scanners users would pick instead of cloudseal: how to install them and how to run them.

Each peer lives in its own directory under bench/venvs/, so that its
dependencies never meet cloudseal's: Checkov and cfn-lint in virtual
environments from PyPI, cfn-guard built by cargo from crates.io. cfn-guard
needs rules; the AWS Guard rules registry is a GitHub project, which this
environment cannot reach, so the benchmark uses the Guard rules for AWS
Control Tower proactive controls that the npm package
@cdklabs/cdk-validator-cfnguard ships, and says so in its output.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger(__name__)

BENCH_DIR = Path(__file__).resolve().parent
VENVS_DIR = BENCH_DIR / "venvs"

CHECKOV_VERSION = "3.3.30"
CFN_LINT_VERSION = "1.58.0"
CFN_GUARD_VERSION = "3.2.1"
GUARD_RULES_PACKAGE = "@cdklabs/cdk-validator-cfnguard"
GUARD_RULES_VERSION = "0.0.62"
GUARD_RULES_SUBDIR = Path("package/rules/control-tower/cfn-guard")

# Without these, Checkov tries to reach its vendor's services at start-up.
CHECKOV_ENVIRONMENT = {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "True"}

INSTALL_TIMEOUT_SECONDS = 1800


@dataclass
class Peer:
    """One installed (or not installable) peer scanner."""

    name: str
    version: str
    executable: Path
    problem: str = ""
    rules: Path | None = None
    environment: dict[str, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return not self.problem


def _run(command: Sequence[str], what: str) -> str:
    """Run an install step and return the reason it failed, or an empty string."""
    LOG.info("%s: %s", what, " ".join(command))
    try:
        completed = subprocess.run(list(command), capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS,
                                   check=False)
    except FileNotFoundError:
        return f"{what} failed: {command[0]} is not installed"
    except subprocess.TimeoutExpired:
        return f"{what} timed out after {INSTALL_TIMEOUT_SECONDS} s"
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        return f"{what} failed (exit {completed.returncode}): {' '.join(tail)}"
    return ""


def _installed_python_version(venv: Path, distribution: str) -> str | None:
    python = venv / "bin" / "python"
    if not python.exists():
        return None
    completed = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({distribution!r}))"],
        capture_output=True, text=True, check=False, timeout=60,
    )
    return completed.stdout.strip() if completed.returncode == 0 else None


def install_python_peer(name: str, distribution: str, version: str, executable: str) -> Peer:
    """Create bench/venvs/NAME with DISTRIBUTION==VERSION from PyPI, unless it is already there."""
    venv = VENVS_DIR / name
    peer = Peer(name=name, version=version, executable=venv / "bin" / executable)
    if _installed_python_version(venv, distribution) == version:
        return peer
    if not (venv / "bin" / "python").exists():
        peer.problem = _run([sys.executable, "-m", "venv", str(venv)], f"creating the {name} virtual environment")
        if peer.problem:
            return peer
    peer.problem = _run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"{distribution}=={version}"],
        f"installing {distribution} {version}",
    )
    return peer


def _guard_version(executable: Path) -> str | None:
    if not executable.exists():
        return None
    completed = subprocess.run([str(executable), "--version"], capture_output=True, text=True, check=False, timeout=60)
    parts = completed.stdout.split()
    return parts[-1] if completed.returncode == 0 and parts else None


def _install_guard_rules() -> tuple[Path | None, str]:
    """Unpack the Guard rules that the npm package ships; return their directory or the reason they are missing."""
    target = VENVS_DIR / "guard-rules" / GUARD_RULES_VERSION
    rules = target / GUARD_RULES_SUBDIR
    if rules.is_dir():
        return rules, ""
    target.mkdir(parents=True, exist_ok=True)
    problem = _run(["npm", "pack", "--silent", f"{GUARD_RULES_PACKAGE}@{GUARD_RULES_VERSION}",
                    "--pack-destination", str(target)], f"downloading {GUARD_RULES_PACKAGE} {GUARD_RULES_VERSION}")
    if problem:
        return None, problem
    archives = sorted(target.glob("*.tgz"))
    if not archives:
        return None, f"npm pack wrote no archive into {target}"
    with tarfile.open(archives[0]) as archive:
        archive.extractall(target, filter="data")
    if not rules.is_dir():
        return None, f"{archives[0].name} has no {GUARD_RULES_SUBDIR} directory"
    return rules, ""


def install_guard() -> Peer:
    """Build cfn-guard with cargo into bench/venvs/cfn-guard and fetch its rules."""
    root = VENVS_DIR / "cfn-guard"
    peer = Peer(name="cfn-guard", version=CFN_GUARD_VERSION, executable=root / "bin" / "cfn-guard")
    if _guard_version(peer.executable) != CFN_GUARD_VERSION:
        if shutil.which("cargo") is None:
            peer.problem = "cargo is not installed, so cfn-guard cannot be built"
            return peer
        peer.problem = _run(["cargo", "install", "cfn-guard", "--version", CFN_GUARD_VERSION, "--locked",
                             "--root", str(root)], f"building cfn-guard {CFN_GUARD_VERSION}")
        if peer.problem:
            return peer
    peer.rules, peer.problem = _install_guard_rules()
    return peer


def install_peers(names: Sequence[str]) -> dict[str, Peer]:
    """Install the named peers (checkov, cfn-lint, cfn-guard) and return them, each with any problem."""
    VENVS_DIR.mkdir(parents=True, exist_ok=True)
    peers: dict[str, Peer] = {}
    if "checkov" in names:
        peers["checkov"] = install_python_peer("checkov", "checkov", CHECKOV_VERSION, "checkov")
        peers["checkov"].environment = dict(CHECKOV_ENVIRONMENT)
    if "cfn-lint" in names:
        peers["cfn-lint"] = install_python_peer("cfn-lint", "cfn-lint", CFN_LINT_VERSION, "cfn-lint")
    if "cfn-guard" in names:
        peers["cfn-guard"] = install_guard()
    return peers


def peer_environment(peer: Peer) -> dict[str, str]:
    """Return the environment a peer runs in: ours, plus what keeps it offline and quiet."""
    environment = dict(os.environ)
    environment.update(peer.environment)
    environment["NO_COLOR"] = "1"
    return environment
