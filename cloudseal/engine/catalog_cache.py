"""Cache of rule metadata per policy directory, keyed by the content of its policy files.

`opa inspect` takes a few hundred milliseconds on the full library; a scan that
finds the same policies again reads the earlier result from the user's cache
directory instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cloudseal.cache import read_entry, write_entry
from cloudseal.engine.bundle import policy_revision
from cloudseal.engine.metadata import RuleMetadata
from cloudseal.engine.opa_binary import OpaBinary

LOG = logging.getLogger(__name__)

_FORMAT = "1"
_TUPLE_FIELDS = ("resource_types", "references", "related_resources", "problems")


def _entry_name(opa: OpaBinary, policy_dir: Path) -> str:
    key = "\0".join([_FORMAT, opa.version_text, str(policy_dir), policy_revision([policy_dir])])
    return f"rules-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _decode(item: dict[str, Any]) -> RuleMetadata:
    values = dict(item)
    for name in _TUPLE_FIELDS:
        values[name] = tuple(values.get(name, ()))
    return RuleMetadata(**values)


def read_cached(opa: OpaBinary, policy_dir: Path) -> list[RuleMetadata] | None:
    """Return the cached metadata of a policy directory, or None when there is no valid entry."""
    name = _entry_name(opa, policy_dir)
    text = read_entry(name)
    if text is None:
        return None
    try:
        return [_decode(item) for item in json.loads(text)]
    except (ValueError, TypeError) as error:
        LOG.debug("ignoring the rule metadata cache entry %s: %s", name, error)
        return None


def write_cached(opa: OpaBinary, policy_dir: Path, rules: list[RuleMetadata]) -> None:
    """Store metadata for the next run; a cache that cannot be written is skipped."""
    write_entry(_entry_name(opa, policy_dir), json.dumps([asdict(rule) for rule in rules]))
