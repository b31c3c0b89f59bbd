"""Locate the OPA executable and check that its version is supported."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cloudseal.cache import read_entry, write_entry
from cloudseal.errors import EngineError
from cloudseal.paths import project_root

LOG = logging.getLogger(__name__)

# Rego v1 syntax, which every policy here uses, is the default from OPA 1.0 on.
MINIMUM_VERSION = (1, 0, 0)
PINNED_VERSION = "v1.22.4"
INSTALL_HINT = (
    f"install it with `go install github.com/open-policy-agent/opa@{PINNED_VERSION}` "
    "(or run `make tools` in the cloudseal checkout), "
    "or set CLOUDSEAL_OPA to the path of an OPA executable"
)
_VERSION_PATTERN = re.compile(r"^Version:\s*v?(\d+)\.(\d+)\.(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class OpaBinary:
    """An OPA executable that passed the version check."""

    path: Path
    version: tuple[int, int, int]

    @property
    def version_text(self) -> str:
        return ".".join(str(part) for part in self.version)


def _tools_dir() -> Path:
    configured = os.environ.get("CLOUDSEAL_TOOLS_DIR")
    if configured:
        return Path(configured)
    return project_root() / ".tools" / "bin"


def _candidates() -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    configured = os.environ.get("CLOUDSEAL_OPA")
    if configured:
        found.append(("CLOUDSEAL_OPA", Path(configured)))
        return found
    on_path = shutil.which("opa")
    if on_path:
        found.append(("PATH", Path(on_path)))
    found.append(("tools directory", _tools_dir() / "opa"))
    return found


def read_version(path: Path) -> tuple[int, int, int]:
    """Run `opa version` and parse the semantic version it prints."""
    try:
        completed = subprocess.run(
            [str(path), "version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError as error:
        raise EngineError(f"OPA at {path} cannot be run ({error.strerror}); {INSTALL_HINT}.") from error
    except subprocess.TimeoutExpired as error:
        raise EngineError(f"`{path} version` timed out after 30 s; {INSTALL_HINT}.") from error
    match = _VERSION_PATTERN.search(completed.stdout)
    if completed.returncode != 0 or match is None:
        raise EngineError(
            f"{path} is not a working OPA executable (`opa version` printed no version); "
            f"{INSTALL_HINT}."
        )
    major, minor, patch = (int(group) for group in match.groups())
    return major, minor, patch


def _version_entry(path: Path) -> str | None:
    """Name the cache entry of an executable's version after its path, size, modification time and inode."""
    try:
        status = path.stat()
    except OSError:
        return None
    key = "\0".join(str(part) for part in (path.resolve(), status.st_size, status.st_mtime_ns, status.st_ino))
    return f"opa-version-{hashlib.sha256(key.encode()).hexdigest()[:24]}"


def known_version(path: Path) -> tuple[int, int, int]:
    """Return the version of the OPA at PATH, from the cache while the file stays the same.

    Running `opa version` costs about 20 ms of every scan's start-up.
    """
    entry = _version_entry(path)
    text = read_entry(entry) if entry else None
    if text is not None:
        parts = text.strip().split(".")
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            return int(parts[0]), int(parts[1]), int(parts[2])
    version = read_version(path)
    if entry:
        write_entry(entry, ".".join(str(part) for part in version))
    return version


def locate_opa() -> Path | None:
    """Return the OPA executable that find_opa() would check, without running it, or None if there is none."""
    for _origin, path in _candidates():
        if path.is_file():
            return path
    return None


def find_opa() -> OpaBinary:
    """Find OPA through CLOUDSEAL_OPA, then PATH, then the project's tools directory."""
    minimum = ".".join(str(part) for part in MINIMUM_VERSION)
    for origin, path in _candidates():
        if not path.is_file():
            if origin == "CLOUDSEAL_OPA":
                raise EngineError(
                    f"CLOUDSEAL_OPA is set to {path}, which does not exist; "
                    f"point it at OPA {minimum} or newer, or unset it."
                )
            continue
        version = known_version(path)
        if version < MINIMUM_VERSION:
            found = ".".join(str(part) for part in version)
            raise EngineError(
                f"OPA {found} at {path} (found through {origin}) is too old: cloudseal needs "
                f"OPA {minimum} or newer; {INSTALL_HINT}."
            )
        LOG.debug("using OPA %s at %s (found through %s)", version, path, origin)
        return OpaBinary(path=path, version=version)
    raise EngineError(f"OPA was not found: cloudseal needs OPA {minimum} or newer; {INSTALL_HINT}.")
