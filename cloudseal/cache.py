"""The user's cache directory: small files that spare repeated work between runs.

Every entry is an optimisation. One that cannot be read is ignored and one that
cannot be written is skipped, so a read-only home directory only costs time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cloudseal.cli.output import write_atomically

LOG = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Return the cache directory: CLOUDSEAL_CACHE_DIR, else XDG_CACHE_HOME/cloudseal, else ~/.cache/cloudseal."""
    configured = os.environ.get("CLOUDSEAL_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cloudseal"


def read_entry(name: str) -> str | None:
    """Return the text of the cache entry NAME, or None when it is missing or unreadable."""
    path = cache_dir() / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        LOG.debug("ignoring the cache entry %s: %s", path, error)
        return None


def write_entry(name: str, text: str) -> None:
    """Replace the cache entry NAME with TEXT atomically, so a concurrent run never reads half of it."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as error:
        LOG.debug("cannot write the cache entry %s: %s", path, error)
