"""Join OPA's raw verdicts with rule metadata and resource locations into findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from cloudseal.engine.metadata import SEVERITIES, RuleMetadata
from cloudseal.model import reported

VERDICTS = ("pass", "fail", "unknown")
_VERDICT_ORDER = {"fail": 0, "unknown": 1, "pass": 2}
_SEVERITY_ORDER = {name: index for index, name in enumerate(SEVERITIES)}

Finding = dict[str, Any]


def severity_rank(severity: str) -> int:
    """Order severities from critical (0) to info; unknown names sort last."""
    return _SEVERITY_ORDER.get(severity, len(SEVERITIES))


def property_line(location: Mapping[str, Any], property_path: str) -> int | None:
    """Return the line of the deepest property on property_path that the template front end recorded."""
    lines = location.get("properties")
    candidate = property_path
    while lines and candidate:
        if candidate in lines:
            return int(lines[candidate])
        candidate = candidate[: max(candidate.rfind("."), candidate.rfind("["), 0)]
    return None


def _resource_view(key: str, resource: Mapping[str, Any], property_path: str) -> dict[str, Any]:
    location = resource.get("location") or {}
    # A finding points at the property to change when its line is known, else at the resource.
    line = property_line(location, property_path)
    return {
        "id": location.get("logical_id") or location.get("arn") or key,
        "key": key,
        "type": resource.get("type"),
        "file": location.get("file"),
        "line": line or location.get("line"),
        "column": None if line else location.get("column"),
        "region": location.get("region"),
        "account": location.get("account"),
        "origin": resource.get("origin"),
        "change": resource.get("change"),
    }


def _unknown_rule(rule_id: str) -> RuleMetadata:
    return RuleMetadata(
        id=rule_id, package="", title=rule_id, description="", severity="medium", category="",
        resource_types=(), remediation_template="", remediation_live="",
    )


def build_findings(
    verdicts: Iterable[Mapping[str, Any]],
    catalog: Mapping[str, RuleMetadata],
    document: Mapping[str, Any],
) -> list[Finding]:
    """Turn raw verdicts into findings in the JSON output contract, sorted for stable output."""
    resources: Mapping[str, Any] = document.get("resources", {})
    live = (document.get("source") or {}).get("kind") == "snapshot"
    findings: list[Finding] = []
    for verdict in verdicts:
        rule_id = str(verdict["rule_id"])
        rule = catalog.get(rule_id) or _unknown_rule(rule_id)
        key = str(verdict["resource"])
        resource = resources.get(key, {})
        if not reported(resource):
            continue
        findings.append({
            "rule_id": rule_id,
            "title": rule.title,
            "severity": rule.severity,
            "category": rule.category,
            "verdict": verdict["verdict"],
            "resource": _resource_view(key, resource, str(verdict.get("property_path") or "")),
            "message": verdict.get("message", ""),
            "property_path": verdict.get("property_path", ""),
            "remediation": rule.remediation_live if live else rule.remediation_template,
            "waiver": None,
        })
    findings.sort(key=lambda finding: (
        _VERDICT_ORDER.get(finding["verdict"], 3),
        severity_rank(finding["severity"]),
        finding["resource"]["file"] or finding["resource"]["account"] or "",
        finding["resource"]["line"] or 0,
        finding["resource"]["id"],
        finding["rule_id"],
    ))
    return findings


def summarize(findings: Iterable[Finding]) -> dict[str, Any]:
    """Count verdicts, waivers and failing findings by severity."""
    verdict_counts: Counter[str] = Counter()
    failing_by_severity: Counter[str] = Counter()
    waived = 0
    for finding in findings:
        if finding.get("waiver"):
            waived += 1
            continue
        verdict_counts[finding["verdict"]] += 1
        if finding["verdict"] == "fail":
            failing_by_severity[finding["severity"]] += 1
    return {
        "pass": verdict_counts["pass"],
        "fail": verdict_counts["fail"],
        "unknown": verdict_counts["unknown"],
        "waived": waived,
        "by_severity": {severity: failing_by_severity[severity] for severity in SEVERITIES},
    }


def gates(finding: Finding) -> bool:
    """Tell whether a finding may decide the exit code: not waived, and not already in the baseline."""
    return not finding.get("waiver") and finding.get("baseline") != "unchanged"


def fails_threshold(findings: Iterable[Finding], fail_on: str, fail_on_unknown: bool = False) -> bool:
    """Tell whether any gating finding fails (or is unknown, with fail_on_unknown) at or above the threshold."""
    if fail_on == "none":
        return False
    threshold = severity_rank(fail_on)
    for finding in findings:
        if not gates(finding):
            continue
        counts = finding["verdict"] == "fail" or (fail_on_unknown and finding["verdict"] == "unknown")
        if counts and severity_rank(finding["severity"]) <= threshold:
            return True
    return False
