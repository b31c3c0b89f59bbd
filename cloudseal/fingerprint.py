"""Stable identities for findings, shared by baselines, SARIF and Security Hub.

A fingerprint hashes what stays the same while a template is edited around a
finding: the rule id, the resource's id and type, the file path relative to the
source root, and the property path. Line and column are left out, so moving or
reformatting a resource keeps its fingerprint; renaming the resource, the file or
the rule gives a new one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

FINGERPRINT_VERSION = "v1"
# The key under which SARIF results carry the fingerprint in partialFingerprints.
SARIF_FINGERPRINT_KEY = "cloudseal/v1"


def find_source_root(start: Path | None = None) -> Path:
    """Return the Git work tree that contains start (default: the working directory), else start itself.

    Report paths and fingerprints are relative to this directory, which is the
    directory that GitHub code scanning resolves SARIF paths against.
    """
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


@lru_cache(maxsize=4096)
def _relative(file: str, root: str) -> str:
    absolute = os.path.abspath(file)
    if absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(absolute, root)).as_posix()
    return Path(absolute).as_posix()


def relative_path(file: str | None, root: Path) -> str | None:
    """Return file relative to root in POSIX form, or its absolute path when it lies outside root."""
    if not file:
        return None
    return _relative(file, str(root))


def fingerprint(finding: Mapping[str, Any], root: Path) -> str:
    """Return the hex SHA-256 fingerprint of a finding (64 characters)."""
    resource = finding["resource"]
    parts = (
        FINGERPRINT_VERSION,
        str(finding["rule_id"]),
        str(resource.get("type") or ""),
        str(resource.get("id") or ""),
        relative_path(resource.get("file"), root) or "",
        str(resource.get("account") or ""),
        str(resource.get("region") or ""),
        str(finding.get("property_path") or ""),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
