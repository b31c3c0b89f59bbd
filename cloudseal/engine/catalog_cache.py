"""Cache of rule metadata per policy directory, keyed by the content of its policy files.

`opa inspect` takes about 0.6 s on the full library. Two stores spare it:

* the metadata of the built-in rules ships with the package (cloudseal/rule_catalog.json),
  so a machine that never ran cloudseal, such as a fresh CI runner, does not wait for it.
  The file records the revision of the policies it was made from. It is ignored when the
  policies differ, as in a checkout with edited rules, until `make catalog` writes it again;
* other directories, and edited built-in rules, are cached in the user's cache directory.
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
from cloudseal.paths import builtin_policy_dir

LOG = logging.getLogger(__name__)

_FORMAT = "1"
PACKAGED_CATALOG = Path(__file__).resolve().parent.parent / "rule_catalog.json"
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


def _is_builtin(policy_dir: Path) -> bool:
    try:
        return policy_dir.resolve() == builtin_policy_dir().resolve()
    except OSError:
        return False


def read_packaged(policy_dir: Path, source: Path = PACKAGED_CATALOG) -> list[RuleMetadata] | None:
    """Return the shipped metadata of the built-in rules when POLICY_DIR contains them unchanged, else None."""
    if not _is_builtin(policy_dir):
        return None
    try:
        packaged = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        LOG.debug("ignoring %s: %s", source, error)
        return None
    if packaged.get("revision") != policy_revision([policy_dir]):
        LOG.debug("the built-in rules differ from %s; reading their metadata with opa inspect", source)
        return None
    try:
        # Files are stored relative to the policy directory, which moves with the installation.
        return [_decode(item | {"file": str(policy_dir / item["file"])}) for item in packaged["rules"]]
    except (KeyError, TypeError) as error:
        LOG.debug("ignoring %s: %s", source, error)
        return None


def write_packaged(rules: list[RuleMetadata], policy_dir: Path, target: Path = PACKAGED_CATALOG) -> None:
    """Write the metadata of the built-in rules in POLICY_DIR to the file that ships with the package."""
    items = [asdict(rule) | {"file": Path(rule.file).resolve().relative_to(policy_dir.resolve()).as_posix()}
             for rule in sorted(rules, key=lambda rule: rule.id)]
    document = {"revision": policy_revision([policy_dir]), "rules": items}
    target.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
