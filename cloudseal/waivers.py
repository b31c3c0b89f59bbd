"""Waivers: accepted findings, written inline in a template or in a waiver file.

Inline, in a resource's Metadata, for that resource only:

    Metadata:
      cloudseal:
        waivers:
          - rule: s3-bucket-tls-enforced
            reason: Public website content, served through CloudFront only.
            owner: web-team@example.com      # optional
            expires: 2027-01-01              # optional

In a waiver file, for any resource that the patterns match:

    waivers:
      - rule: s3-*                           # rule id or glob pattern
        resource: LegacyBucket*              # logical id or ARN, glob pattern
        file: legacy/*.yaml                  # optional, path relative to the source root
        account: "123456789012"              # optional, glob pattern
        region: eu-west-1                    # optional, glob pattern
        reason: Migrated in the Q3 storage project.
        owner: storage-team@example.com
        expires: 2026-09-30

A waiver applies to failing and unknown findings. It stops applying on its
expiry date; it is then listed as expired and its findings count again. A
waiver that applies to no finding is listed as stale so that it can be removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import functools
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cloudseal.errors import InputError
from cloudseal.findings import Finding
from cloudseal.fingerprint import relative_path

LOG = logging.getLogger(__name__)

WAIVABLE_VERDICTS = frozenset({"fail", "unknown"})
FILE_KEYS = ("rule", "resource", "file", "account", "region", "reason", "owner", "expires")
INLINE_KEYS = ("rule", "reason", "owner", "expires")
_GLOB_CHARACTERS = frozenset("*?[")
MAX_LOGGED_WAIVERS = 10


@dataclass(eq=False)
class Waiver:
    """One waiver and the findings it applied to in this run."""

    rule: str
    reason: str
    origin: str
    source: str
    owner: str | None = None
    expires: dt.date | None = None
    resource: str = "*"
    file: str | None = None
    account: str | None = None
    region: str | None = None
    rule_ids: tuple[str, ...] = ()
    matched: int = 0

    def expired(self, today: dt.date) -> bool:
        """Tell whether the waiver no longer applies: its expiry date is today or earlier."""
        return self.expires is not None and self.expires <= today

    @cached_property
    def described(self) -> dict[str, Any]:
        """The waiver as findings carry it; one shared mapping for every finding it waives."""
        return self.to_json()

    def to_json(self) -> dict[str, Any]:
        """Describe the waiver for reports: who accepted which finding, why and until when."""
        described: dict[str, Any] = {
            "rule": self.rule,
            "reason": self.reason,
            "owner": self.owner,
            "expires": self.expires.isoformat() if self.expires else None,
            "source": self.source,
            "origin": self.origin,
        }
        if self.source == "file":
            described.update(resource=self.resource, file=self.file, account=self.account, region=self.region)
        return described


@dataclass
class WaiverOutcome:
    """The effect of the waivers in one run: the number of waived findings, and the expired and stale waivers."""

    applied: int = 0
    expired: list[Waiver] = field(default_factory=list)
    stale: list[Waiver] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "expired": [waiver.to_json() | {"matches": waiver.matched} for waiver in self.expired],
            "stale": [waiver.to_json() for waiver in self.stale],
        }


class _MarkedMapping(dict[str, Any]):
    line = 0


@functools.cache
def _marked_loader() -> type[Any]:
    """Return a YAML SafeLoader whose mappings remember their line, for messages that point at a waiver.

    Built on first use, so that yaml is imported only when a waiver file is read.
    """
    import yaml  # noqa: PLC0415

    class MarkedLoader(yaml.SafeLoader):
        pass

    def construct_marked_mapping(loader: MarkedLoader, node: yaml.MappingNode) -> _MarkedMapping:
        mapping = _MarkedMapping({str(key): value for key, value in loader.construct_mapping(node, deep=True).items()})
        mapping.line = node.start_mark.line + 1
        return mapping

    MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_marked_mapping)
    return MarkedLoader


def has_glob(pattern: str) -> bool:
    """Tell whether a pattern uses glob characters (*, ? or [)."""
    return not _GLOB_CHARACTERS.isdisjoint(pattern)


def expand_rule_pattern(pattern: str, rule_ids: Collection[str], where: str) -> tuple[str, ...]:
    """Return the rule ids that a waiver's rule pattern names, raising InputError when it names none."""
    if not has_glob(pattern):
        if pattern in rule_ids:
            return (pattern,)
        close = difflib.get_close_matches(pattern, list(rule_ids), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else " Run `cloudseal rules` to list the rule ids."
        raise InputError(f"{where}: unknown rule id {pattern!r}.{hint}")
    matched = tuple(sorted(fnmatch.filter(rule_ids, pattern)))
    if not matched:
        raise InputError(f"{where}: rule pattern {pattern!r} matches no rule; run `cloudseal rules` to list them.")
    return matched


def _parse_date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"{where}: expires is {value!r}; expected a date in the form YYYY-MM-DD.")


def _required_text(entry: Mapping[str, Any], key: str, where: str, hint: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        found = "missing" if value is None else f"{value!r}, not a non-empty string"
        raise InputError(f"{where}: {key} is {found}; {hint}")
    return value.strip()


def _optional_text(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        # An account id written without quotes reads as a number.
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key} is {value!r}; expected a non-empty string.")
    return value.strip()


def _check_keys(entry: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise InputError(f"{where}: unknown key {key!r}; expected {', '.join(allowed)}.{hint}")


def load_waiver_file(path: Path, rule_ids: Collection[str]) -> list[Waiver]:
    """Read and check a waiver file; every rule pattern must name at least one known rule."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"waiver file {path}: file not found; check the path given with --waivers.") from error
    except OSError as error:
        raise InputError(f"waiver file {path}: cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise InputError(f"waiver file {path}: not a UTF-8 text file.") from error
    import yaml  # noqa: PLC0415 - see _marked_loader

    try:
        data = yaml.load(text, Loader=_marked_loader())  # noqa: S506 - the loader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: invalid YAML in the waiver file: {error.problem}.") from error
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML in the waiver file: {error}.") from error

    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"waivers"} or not isinstance(data["waivers"], list):
        raise InputError(f"{path}: invalid waiver file; expected a mapping with one key, waivers, that is a list.")

    waivers: list[Waiver] = []
    for index, entry in enumerate(data["waivers"]):
        line = getattr(entry, "line", 0)
        where = f"{path}:{line}: waivers[{index}]" if line else f"{path}: waivers[{index}]"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: expected a mapping with rule, resource, reason, owner and expires.")
        _check_keys(entry, FILE_KEYS, where)
        rule = _required_text(entry, "rule", where, "name the rule id (or a glob pattern) that this waiver accepts.")
        expires = _parse_date(entry.get("expires"), where)
        if expires is None:
            raise InputError(f"{where}: expires is missing; give the date (YYYY-MM-DD) when the waiver is reviewed.")
        waivers.append(Waiver(
            rule=rule,
            reason=_required_text(entry, "reason", where, "say why the finding is accepted."),
            owner=_required_text(entry, "owner", where, "name the person or team who accepted the finding."),
            expires=expires,
            resource=_required_text(entry, "resource", where, "give a logical id, an ARN or a glob pattern such as *."),
            file=_optional_text(entry, "file", where),
            account=_optional_text(entry, "account", where),
            region=_optional_text(entry, "region", where),
            origin=f"{path}:{line}" if line else str(path),
            source="file",
            rule_ids=expand_rule_pattern(rule, rule_ids, where),
        ))
    return waivers


def _metadata_waivers(resource: Mapping[str, Any]) -> Any:
    metadata = resource.get("metadata")
    if not isinstance(metadata, dict):
        return None
    cloudseal = metadata.get("cloudseal")
    if not isinstance(cloudseal, dict):
        return None
    return cloudseal.get("waivers")


def has_inline_waivers(document: Mapping[str, Any]) -> bool:
    """Tell whether any resource of the document declares waivers in its Metadata."""
    return any(_metadata_waivers(resource) is not None for resource in document.get("resources", {}).values())


def inline_waivers(document: Mapping[str, Any], rule_ids: Collection[str]) -> dict[str, list[Waiver]]:
    """Read the waivers that resources declare under Metadata.cloudseal.waivers, keyed by resource key."""
    found: dict[str, list[Waiver]] = {}
    for key, resource in document.get("resources", {}).items():
        entries = _metadata_waivers(resource)
        if entries is None:
            continue
        location = resource.get("location") or {}
        where = f"{location.get('file') or 'template'}: resource {location.get('logical_id') or key}"
        if not isinstance(entries, list):
            raise InputError(f"{where}: Metadata.cloudseal.waivers must be a list of waivers with rule and reason.")
        waivers: list[Waiver] = []
        for index, entry in enumerate(entries):
            entry_where = f"{where}: Metadata.cloudseal.waivers[{index}]"
            if not isinstance(entry, dict):
                raise InputError(f"{entry_where}: expected a mapping with rule and reason.")
            _check_keys(entry, INLINE_KEYS, entry_where)
            rule = _required_text(entry, "rule", entry_where, "name the rule id that this waiver accepts.")
            waivers.append(Waiver(
                rule=rule,
                reason=_required_text(entry, "reason", entry_where, "say why the finding is accepted."),
                owner=_optional_text(entry, "owner", entry_where),
                expires=_parse_date(entry.get("expires"), entry_where),
                resource=str(location.get("logical_id") or key),
                origin=f"{location.get('file') or 'template'}:{location.get('line') or 0}",
                source="inline",
                rule_ids=expand_rule_pattern(rule, rule_ids, entry_where),
            ))
        found[str(key)] = waivers
    return found


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(fnmatch.translate(pattern)) if pattern is not None else None


@dataclass
class _FileWaiverIndex:
    """File waivers indexed by rule id, and by resource for exact resource names, so matching stays linear."""

    exact: dict[tuple[str, str], list[Waiver]] = field(default_factory=lambda: defaultdict(list))
    patterned: dict[str, list[tuple[Waiver, re.Pattern[str]]]] = field(default_factory=lambda: defaultdict(list))
    scopes: dict[int, tuple[re.Pattern[str] | None, ...]] = field(default_factory=dict)

    def add(self, waiver: Waiver) -> None:
        self.scopes[id(waiver)] = (_compile(waiver.file), _compile(waiver.account), _compile(waiver.region))
        for rule_id in waiver.rule_ids:
            if has_glob(waiver.resource):
                self.patterned[rule_id].append((waiver, re.compile(fnmatch.translate(waiver.resource))))
            else:
                self.exact[(rule_id, waiver.resource)].append(waiver)

    def candidates(self, rule_id: str, resource_names: Iterable[str]) -> list[Waiver]:
        found: list[Waiver] = []
        for name in resource_names:
            found.extend(self.exact.get((rule_id, name), ()))
        for waiver, pattern in self.patterned.get(rule_id, ()):
            if any(pattern.match(name) for name in resource_names):
                found.append(waiver)
        return found

    def in_scope(self, waiver: Waiver, resource: Mapping[str, Any], root: Path) -> bool:
        file_pattern, account_pattern, region_pattern = self.scopes[id(waiver)]
        checks = (
            (file_pattern, relative_path(resource.get("file"), root)),
            (account_pattern, resource.get("account")),
            (region_pattern, resource.get("region")),
        )
        return all(pattern is None or (value is not None and pattern.match(str(value))) for pattern, value in checks)


def apply_waivers(
    findings: Iterable[Finding],
    inline: Mapping[str, list[Waiver]],
    file_waivers: Iterable[Waiver],
    root: Path,
    active_rules: Collection[str],
    today: dt.date | None = None,
) -> WaiverOutcome:
    """Attach the first applicable waiver to each failing or unknown finding, then sort out unused waivers.

    Inline waivers come before file waivers. active_rules are the rules that ran,
    so a waiver for a rule left out with --skip-rule is not called stale.
    """
    today = today or dt.date.today()
    file_list = list(file_waivers)
    index = _FileWaiverIndex()
    for waiver in file_list:
        index.add(waiver)

    outcome = WaiverOutcome()
    for finding in findings:
        if finding["verdict"] not in WAIVABLE_VERDICTS:
            continue
        resource = finding["resource"]
        rule_id = finding["rule_id"]
        candidates = [waiver for waiver in inline.get(resource.get("key") or "", ()) if rule_id in waiver.rule_ids]
        names = {str(resource.get("id")), str(resource.get("key") or resource.get("id"))}
        candidates.extend(
            waiver for waiver in index.candidates(rule_id, names) if index.in_scope(waiver, resource, root)
        )
        applied = False
        for waiver in candidates:
            waiver.matched += 1
            if not applied and not waiver.expired(today):
                finding["waiver"] = waiver.described
                outcome.applied += 1
                applied = True

    all_waivers = [waiver for waivers in inline.values() for waiver in waivers] + file_list
    for waiver in all_waivers:
        if waiver.expired(today):
            outcome.expired.append(waiver)
        elif waiver.matched == 0 and any(rule_id in active_rules for rule_id in waiver.rule_ids):
            outcome.stale.append(waiver)
    _warn_about(outcome)
    return outcome


def _warn_about(outcome: WaiverOutcome) -> None:
    """Log expired and stale waivers, each kind up to MAX_LOGGED_WAIVERS times and then as a count."""
    for waiver in outcome.expired[:MAX_LOGGED_WAIVERS]:
        LOG.warning("waiver for %s at %s expired on %s", waiver.rule, waiver.origin, waiver.expires)
    for waiver in outcome.stale[:MAX_LOGGED_WAIVERS]:
        LOG.warning("waiver for %s at %s matches no failing or unknown finding", waiver.rule, waiver.origin)
    for kind, waivers in (("expired", outcome.expired), ("stale", outcome.stale)):
        if len(waivers) > MAX_LOGGED_WAIVERS:
            LOG.warning("%d more waivers are %s; the report lists them all", len(waivers) - MAX_LOGGED_WAIVERS, kind)
