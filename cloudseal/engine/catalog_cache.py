"""Cache of rule metadata per policy directory, keyed by the content of its policy files.

`opa inspect` takes a few hundred milliseconds on the full library; a scan that
finds the same policies again reads the earlier result from the user's cache
directory instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cloudseal.engine.bundle import policy_revision
from cloudseal.engine.metadata import RuleMetadata
from cloudseal.engine.opa_binary import OpaBinary

LOG = logging.getLogger(__name__)

_FORMAT = "1"
_TUPLE_FIELDS = ("resource_types", "references", "related_resources", "problems")


def cache_dir() -> Path:
    """Return the cache directory: CLOUDSEAL_CACHE_DIR, else XDG_CACHE_HOME/cloudseal, else ~/.cache/cloudseal."""
    configured = os.environ.get("CLOUDSEAL_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cloudseal"


def _cache_path(opa: OpaBinary, policy_dir: Path) -> Path:
    key = "\0".join([_FORMAT, opa.version_text, str(policy_dir), policy_revision([policy_dir])])
    return cache_dir() / f"rules-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _decode(item: dict[str, Any]) -> RuleMetadata:
    values = dict(item)
    for name in _TUPLE_FIELDS:
        values[name] = tuple(values.get(name, ()))
    return RuleMetadata(**values)


def read_cached(opa: OpaBinary, policy_dir: Path) -> list[RuleMetadata] | None:
    """Return the cached metadata of a policy directory, or None when there is no valid entry."""
    path = _cache_path(opa, policy_dir)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        return [_decode(item) for item in items]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as error:
        LOG.debug("ignoring the rule metadata cache %s: %s", path, error)
        return None


def write_cached(opa: OpaBinary, policy_dir: Path, rules: list[RuleMetadata]) -> None:
    """Store metadata for the next run; a cache that cannot be written is skipped."""
    path = _cache_path(opa, policy_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".rules-", dir=path.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump([asdict(rule) for rule in rules], handle)
        os.replace(temporary, path)
    except OSError as error:
        LOG.debug("cannot write the rule metadata cache %s: %s", path, error)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)
