"""Baselines: record today's findings so that a scan fails only on new ones.

`cloudseal scan --write-baseline FILE` stores the fingerprint of every failing
or unknown finding that no waiver covers. `--baseline FILE` marks each finding
whose fingerprint is in the file as `unchanged` and every other one as `new`;
only new findings decide the exit code. Fingerprints leave out line numbers
(see cloudseal.fingerprint), so moving or reformatting a template keeps them.
When the same fingerprint occurs several times, the baseline counts them, and
only as many findings as it recorded are treated as unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal import __version__
from cloudseal.errors import InputError
from cloudseal.findings import Finding
from cloudseal.fingerprint import FINGERPRINT_VERSION, relative_path

BASELINE_SCHEMA_VERSION = "1"
RECORDED_VERDICTS = frozenset({"fail", "unknown"})
_HEX_DIGITS = frozenset("0123456789abcdef")


@dataclass
class Baseline:
    """The fingerprints of a baseline file and how often each was recorded."""

    path: Path
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class BaselineOutcome:
    """The comparison of this run's findings with the baseline: new, unchanged and absent counts."""

    path: Path
    new: int = 0
    unchanged: int = 0
    absent: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "new": self.new, "unchanged": self.unchanged, "absent": self.absent}


def recorded_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings that a baseline records: failing or unknown, and not waived."""
    return [f for f in findings if f["verdict"] in RECORDED_VERDICTS and not f.get("waiver")]


def render_baseline(findings: Iterable[Finding], root: Path) -> str:
    """Serialize the recorded findings as a baseline document, sorted so that diffs stay small."""
    entries = []
    for finding in recorded_findings(findings):
        resource = finding["resource"]
        entries.append({
            "fingerprint": finding["fingerprint"],
            "rule_id": finding["rule_id"],
            "resource": resource.get("id"),
            "type": resource.get("type"),
            "file": relative_path(resource.get("file"), root),
            "property_path": finding.get("property_path") or "",
            "verdict": finding["verdict"],
        })
    entries.sort(key=lambda entry: (
        entry["file"] or "", entry["resource"] or "", entry["rule_id"], entry["fingerprint"],
    ))
    document = {
        "schema_version": BASELINE_SCHEMA_VERSION,
        "fingerprint_version": FINGERPRINT_VERSION,
        "tool": {"name": "cloudseal", "version": __version__},
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "findings": entries,
    }
    return json.dumps(document, indent=2) + "\n"


def _describe_version(value: object) -> str:
    return "missing" if value is None else repr(value)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file, raising InputError that names the file and the fix when it is malformed."""
    # The file exists but is something else (often a report), so the advice must not overwrite it.
    hint = "pass the file that `cloudseal scan --write-baseline FILE` wrote, or write a new baseline to another path."
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(
            f"baseline {path}: file not found; create it with `cloudseal scan --write-baseline {path}`."
        ) from error
    except OSError as error:
        raise InputError(f"baseline {path}: cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise InputError(f"baseline {path}: not a UTF-8 text file; {hint}") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"baseline {path}:{error.lineno}:{error.colno}: invalid JSON ({error.msg}); {hint}"
        ) from error

    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(f"baseline {path}: not a cloudseal baseline (no findings list); {hint}")
    if data.get("schema_version") != BASELINE_SCHEMA_VERSION:
        raise InputError(
            f"baseline {path}: schema_version is {_describe_version(data.get('schema_version'))}, "
            f"but this cloudseal reads version {BASELINE_SCHEMA_VERSION!r}; {hint}"
        )
    if data.get("fingerprint_version") != FINGERPRINT_VERSION:
        raise InputError(
            f"baseline {path}: fingerprint_version is {data.get('fingerprint_version')!r}, "
            f"but this cloudseal computes {FINGERPRINT_VERSION!r}; {hint}"
        )

    baseline = Baseline(path=path)
    for index, entry in enumerate(data["findings"]):
        value = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(value, str) or len(value) != 64 or not _HEX_DIGITS.issuperset(value):
            raise InputError(
                f"baseline {path}: findings[{index}] has no valid fingerprint (64 hex digits); {hint}"
            )
        baseline.counts[value] += 1
    return baseline


def apply_baseline(findings: Iterable[Finding], baseline: Baseline) -> BaselineOutcome:
    """Mark each failing or unknown, unwaived finding as `new` or `unchanged` in finding['baseline']."""
    remaining = Counter(baseline.counts)
    outcome = BaselineOutcome(path=baseline.path)
    for finding in recorded_findings(findings):
        value = finding["fingerprint"]
        if remaining[value] > 0:
            remaining[value] -= 1
            finding["baseline"] = "unchanged"
            outcome.unchanged += 1
        else:
            finding["baseline"] = "new"
            outcome.new += 1
    outcome.absent = sum(count for count in remaining.values() if count > 0)
    return outcome
