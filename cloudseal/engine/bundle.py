"""Build an OPA bundle of the policies, stamped with a revision derived from their content."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cloudseal import __version__
from cloudseal.engine.opa_binary import OpaBinary
from cloudseal.errors import EngineError

LOG = logging.getLogger(__name__)

_BUNDLE_SUFFIXES = (".rego", ".json", ".yaml", ".yml")


def policy_files(policy_dirs: Sequence[Path]) -> list[Path]:
    """Return the policy and data files that a bundle of these directories contains, sorted."""
    files: list[Path] = []
    for directory in policy_dirs:
        files.extend(
            path for path in directory.rglob("*")
            if path.is_file() and path.suffix in _BUNDLE_SUFFIXES and not path.name.endswith("_test.rego")
        )
    return sorted(files)


def policy_revision(policy_dirs: Sequence[Path]) -> str:
    """Derive a revision from cloudseal's version and the content of every policy file.

    The same policies give the same revision on every machine, so a scan can
    tell whether a remote OPA server runs the rules it expects.
    """
    digest = hashlib.sha256()
    for directory in policy_dirs:
        for path in policy_files([directory]):
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return f"cloudseal-{__version__}-{digest.hexdigest()[:16]}"


def _stage(policy_dirs: Sequence[Path], staging: Path) -> None:
    """Copy each directory's bundle files under its own folder, so paths in the bundle are relative."""
    for index, directory in enumerate(policy_dirs):
        target_root = staging / (directory.name if index == 0 else f"extra-{index}-{directory.name}")
        for path in policy_files([directory]):
            target = target_root / path.relative_to(directory)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def build_bundle(opa: OpaBinary, policy_dirs: Sequence[Path], output: Path) -> str:
    """Run `opa build` into output and return the revision written into the manifest."""
    revision = policy_revision(policy_dirs)
    with tempfile.TemporaryDirectory(prefix="cloudseal-bundle-") as staging_name:
        staging = Path(staging_name)
        _stage(policy_dirs, staging)
        command = [
            str(opa.path), "build", "--bundle", ".", "--revision", revision,
            "--output", str(output.resolve()),
        ]
        LOG.debug("running %s", " ".join(command))
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=300, check=False, cwd=staging
            )
        except subprocess.TimeoutExpired as error:
            raise EngineError("`opa build` timed out after 300 s.") from error
    if completed.returncode != 0:
        raise EngineError(f"`opa build` failed:\n{completed.stderr.strip() or completed.stdout.strip()}")
    return revision
