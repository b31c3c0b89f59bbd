"""Locations of the files that ship with cloudseal."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """Return the checkout that contains the package (the parent of the package directory)."""
    return _PACKAGE_DIR.parent


def builtin_policy_dir() -> Path:
    """Return the directory of the built-in Rego rules.

    CLOUDSEAL_POLICIES overrides it, which is how the container image points at
    the copy it installs next to the package.
    """
    configured = os.environ.get("CLOUDSEAL_POLICIES")
    if configured:
        return Path(configured)
    return project_root() / "policies"
