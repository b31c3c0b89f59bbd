"""Read each scanner's output and count its findings; compare cloudseal's with Checkov's.

A finding is a failed check on one resource: cloudseal's `fail` verdicts,
Checkov's failed checks, cfn-lint's matches (errors, warnings and
informational), and cfn-guard's distinct (rule, resource) pairs among its
SARIF results, since Guard reports each failing clause separately.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_GUARD_RESOURCE = re.compile(r"/Resources/([^/\]\s]+)")


@dataclass
class FindingCount:
    """How many findings one run reported, and why that number may be missing."""

    count: int | None
    detail: str = ""


def cloudseal_report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def count_cloudseal(path: Path) -> FindingCount:
    try:
        report = cloudseal_report(path)
    except (OSError, ValueError) as error:
        return FindingCount(None, f"no report: {error}")
    summary = report.get("summary", {})
    detail = f"{summary.get('unknown', 0)} unknown, {summary.get('pass', 0)} pass"
    return FindingCount(int(summary.get("fail", 0)), detail)


def checkov_reports(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def count_checkov(path: Path) -> FindingCount:
    try:
        reports = checkov_reports(path)
    except (OSError, ValueError) as error:
        return FindingCount(None, f"no report: {error}")
    failed = sum(len(report.get("results", {}).get("failed_checks", [])) for report in reports)
    errors = sum(int(report.get("summary", {}).get("parsing_errors", 0)) for report in reports)
    return FindingCount(failed, f"{errors} parsing errors")


def count_cfn_lint(path: Path) -> FindingCount:
    try:
        matches = json.loads(path.read_text(encoding="utf-8") or "[]")
    except (OSError, ValueError) as error:
        return FindingCount(None, f"no report: {error}")
    levels = Counter(str(match.get("Level", "")).lower() for match in matches)
    return FindingCount(len(matches), ", ".join(f"{count} {level}" for level, count in sorted(levels.items())))


def count_guard(path: Path) -> FindingCount:
    try:
        sarif = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return FindingCount(None, f"no report: {error}")
    pairs: set[tuple[str, str, str]] = set()
    clauses = 0
    for run in sarif.get("runs", []):
        for result in run.get("results", []):
            clauses += 1
            text = (result.get("message") or {}).get("text", "")
            match = _GUARD_RESOURCE.search(text)
            locations = result.get("locations") or [{}]
            uri = ((locations[0].get("physicalLocation") or {}).get("artifactLocation") or {}).get("uri", "")
            pairs.add((str(result.get("ruleId")), uri, match.group(1) if match else text))
    return FindingCount(len(pairs), f"{clauses} failing clauses")


@dataclass
class RuleComparison:
    """cloudseal's verdicts against Checkov's failed checks for one mapped rule."""

    rule_id: str
    checkov_id: str
    cloudseal_fail: int = 0
    checkov_fail: int = 0
    both: int = 0
    # Resources that Checkov fails and cloudseal judges otherwise, by cloudseal's verdict.
    checkov_only: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def _logical_id(resource: dict[str, Any]) -> str:
    key = str(resource.get("key") or resource.get("id") or "")
    return key.rsplit("/", 1)[-1]


def compare_with_checkov(cloudseal_path: Path, checkov_path: Path, equivalents: dict[str, str]) -> list[RuleComparison]:
    """Compare, rule by rule, the resources each tool fails, keyed by file name and logical id.

    EQUIVALENTS maps a cloudseal rule id to the Checkov check ids (comma separated) that its
    metadata names. A resource that Checkov fails is matched when cloudseal fails it too;
    otherwise cloudseal's verdict on it (unknown, pass, or none) is counted.
    """
    report = cloudseal_report(cloudseal_path)
    verdicts: dict[tuple[str, str, str], str] = {}
    for finding in report.get("findings", []):
        resource = finding.get("resource", {})
        where = (Path(str(resource.get("file") or "")).name, _logical_id(resource))
        verdicts[(finding["rule_id"], *where)] = finding["verdict"]

    checkov_failed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for checkov_report in checkov_reports(checkov_path):
        for check in checkov_report.get("results", {}).get("failed_checks", []):
            logical_id = str(check.get("resource", "")).split(".", 1)[-1]
            checkov_failed[check["check_id"]].add((Path(str(check.get("file_path", ""))).name, logical_id))

    comparisons: list[RuleComparison] = []
    for rule_id, checkov_ids in sorted(equivalents.items()):
        for checkov_id in (item.strip() for item in checkov_ids.split(",")):
            if not checkov_id:
                continue
            comparison = RuleComparison(rule_id, checkov_id)
            comparison.cloudseal_fail = sum(
                1 for (rule, _, _), verdict in verdicts.items() if rule == rule_id and verdict == "fail"
            )
            comparison.checkov_fail = len(checkov_failed.get(checkov_id, set()))
            for file_name, logical_id in sorted(checkov_failed.get(checkov_id, set())):
                verdict = verdicts.get((rule_id, file_name, logical_id), "no verdict")
                if verdict == "fail":
                    comparison.both += 1
                    continue
                comparison.checkov_only[verdict] += 1
                if len(comparison.examples) < 3:
                    comparison.examples.append(f"{logical_id} ({verdict})")
            comparisons.append(comparison)
    return comparisons
