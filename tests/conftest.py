"""Shared fixtures: the real OPA binary, the CLI run as a separate process, and safe AWS settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE_TEMPLATE = ROOT / "examples" / "orders-api" / "template.yaml"

# Nothing in the tests may reach AWS or the instance metadata service.
SAFE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}


@pytest.fixture(autouse=True, scope="session")
def _safe_aws_environment() -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in SAFE_AWS_ENVIRONMENT}
    os.environ.update(SAFE_AWS_ENVIRONMENT)
    os.environ.pop("AWS_PROFILE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@dataclass
class CliResult:
    """Exit code and output of one `cloudseal` process."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for a cloudseal subprocess: tools directory and dummy AWS settings."""
    environment = dict(os.environ)
    environment.update(SAFE_AWS_ENVIRONMENT)
    environment.setdefault("CLOUDSEAL_TOOLS_DIR", str(ROOT / ".tools" / "bin"))
    environment["NO_COLOR"] = "1"
    environment["COLUMNS"] = "160"
    if extra:
        environment.update(extra)
    return environment


def run_cli(*arguments: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 300) -> CliResult:
    """Run `cloudseal ARGUMENTS` as a separate process, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "cloudseal", *arguments],
        capture_output=True, text=True, timeout=timeout, env=cli_environment(env), cwd=cwd or ROOT,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def cli() -> Any:
    return run_cli


@pytest.fixture(scope="session")
def opa_path() -> Path:
    path = Path(os.environ.get("CLOUDSEAL_OPA") or ROOT / ".tools" / "bin" / "opa")
    if not path.is_file():
        pytest.fail(f"OPA is not installed at {path}; run `make tools` first.")
    return path
