"""SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.

One reporting descriptor per rule that ran, so code scanning can close an alert
whose finding is gone. Results are the failing and unknown findings; waived ones
carry a `suppressions` entry, and with a baseline each result has a
`baselineState`. Template paths are relative to %SRCROOT%, the source root.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from cloudseal import __version__
from cloudseal.engine.metadata import RuleMetadata
from cloudseal.findings import Finding
from cloudseal.fingerprint import SARIF_FINGERPRINT_KEY, relative_path
from cloudseal.report.context import ReportContext

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
SOURCE_ROOT_ID = "%SRCROOT%"
# GitHub code scanning reads properties.security-severity as a CVSS-like score:
# 9.0 and above is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
REPORTED_VERDICTS = frozenset({"fail", "unknown"})


def _pascal_case(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def _controls_text(rule: RuleMetadata) -> str:
    return ", ".join(f"{ref.get('framework', '')} {ref.get('id', '')}".strip() for ref in rule.references)


def _help(rule: RuleMetadata) -> dict[str, str]:
    sections = [
        ("Why it matters", rule.rationale),
        ("Fix in a template", rule.remediation_template),
        ("Fix in a live account", rule.remediation_live),
        ("Controls", _controls_text(rule)),
    ]
    present = [(heading, " ".join(body.split())) for heading, body in sections if body and body.strip()]
    text = "\n\n".join(f"{heading}: {body}" for heading, body in present)
    markdown = "\n\n".join(f"**{heading}:** {body}" for heading, body in present)
    links = [ref for ref in rule.related_resources if ref.get("url")]
    if links:
        markdown += "\n\n" + "\n".join(f"- [{ref.get('description') or ref['url']}]({ref['url']})" for ref in links)
    return {"text": text or rule.title, "markdown": markdown or rule.title}


def reporting_descriptor(rule: RuleMetadata) -> dict[str, Any]:
    """Describe one rule as a SARIF reportingDescriptor."""
    properties: dict[str, Any] = {
        "tags": ["security", "cloudseal", *([rule.category] if rule.category else [])],
        "precision": "high",
        "severity": rule.severity,
    }
    if rule.severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _pascal_case(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join((rule.description or rule.title).split())},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": properties,
    }
    links = [ref["url"] for ref in rule.related_resources if ref.get("url")]
    if links:
        descriptor["helpUri"] = links[0]
    return descriptor


def _placeholder_rule(finding: Finding) -> RuleMetadata:
    return RuleMetadata(
        id=finding["rule_id"], package="", title=finding["title"], description="", severity=finding["severity"],
        category=finding["category"], resource_types=(), remediation_template=finding.get("remediation") or "",
        remediation_live="",
    )


def _snapshot_file(source: Mapping[str, Any]) -> str | None:
    """Return the snapshot file a live report came from, when the source names exactly one."""
    for key in ("path", "file", "snapshot"):
        if isinstance(source.get(key), str):
            return str(source[key])
    paths = source.get("paths")
    if isinstance(paths, list) and len(paths) == 1 and isinstance(paths[0], str):
        return paths[0]
    return None


def _artifact_location(file: str, context: ReportContext) -> dict[str, Any]:
    relative = relative_path(file, context.root) or file
    if relative.startswith("/"):
        return {"uri": "file://" + quote(relative)}
    return {"uri": quote(relative), "uriBaseId": SOURCE_ROOT_ID}


def _locations(finding: Finding, context: ReportContext, snapshot: str | None) -> list[dict[str, Any]]:
    resource = finding["resource"]
    logical: dict[str, Any] = {"name": str(resource["id"]), "kind": "resource"}
    if resource.get("account"):
        logical["fullyQualifiedName"] = str(resource["id"])
    location: dict[str, Any] = {"logicalLocations": [logical]}
    file = resource.get("file") or snapshot
    if file:
        physical: dict[str, Any] = {"artifactLocation": _artifact_location(file, context)}
        if resource.get("file") and resource.get("line"):
            region = {"startLine": int(resource["line"])}
            if resource.get("column"):
                region["startColumn"] = int(resource["column"])
            physical["region"] = region
        location["physicalLocation"] = physical
    return [location]


def _message(finding: Finding) -> str:
    text = str(finding.get("message") or finding["title"])
    if finding["verdict"] == "unknown":
        text = f"Cannot be decided: {text}"
    if finding.get("property_path"):
        text += f" (property {finding['property_path']})"
    return text


def sarif_result(
    finding: Finding, rule_index: int, context: ReportContext, snapshot: str | None = None
) -> dict[str, Any]:
    """Turn one failing or unknown finding into a SARIF result."""
    result: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "ruleIndex": rule_index,
        "message": {"text": _message(finding)},
        "locations": _locations(finding, context, snapshot),
        "partialFingerprints": {SARIF_FINGERPRINT_KEY: finding["fingerprint"]},
        "properties": {
            "verdict": finding["verdict"],
            "severity": finding["severity"],
            "category": finding["category"],
            "resourceType": finding["resource"].get("type"),
            "propertyPath": finding.get("property_path") or "",
        },
    }
    if finding["verdict"] == "fail":
        result["kind"] = "fail"
        result["level"] = LEVELS.get(finding["severity"], "warning")
    else:
        # SARIF requires level "none" for any kind other than "fail".
        result["kind"] = "review"
        result["level"] = "none"
    waiver = finding.get("waiver")
    if waiver:
        justification = waiver["reason"]
        if waiver.get("owner"):
            justification += f" (owner {waiver['owner']})"
        if waiver.get("expires"):
            justification += f" (expires {waiver['expires']})"
        result["suppressions"] = [{
            "kind": "inSource" if waiver.get("source") == "inline" else "external",
            "status": "accepted",
            "justification": justification,
            "properties": {
                "origin": waiver.get("origin"), "owner": waiver.get("owner"), "expires": waiver.get("expires"),
            },
        }]
    if finding.get("baseline"):
        result["baselineState"] = finding["baseline"]
    return result


def build_sarif(report: Mapping[str, Any], context: ReportContext) -> dict[str, Any]:
    """Build the SARIF log of a report."""
    findings: Iterable[Finding] = report["findings"]
    rules = [context.catalog[rule_id] for rule_id in sorted(context.catalog)]
    index = {rule.id: position for position, rule in enumerate(rules)}
    source = report.get("source") or {}
    snapshot = _snapshot_file(source) if source.get("kind") == "snapshot" else None

    results = []
    for finding in findings:
        if finding["verdict"] not in REPORTED_VERDICTS:
            continue
        if finding["rule_id"] not in index:
            index[finding["rule_id"]] = len(rules)
            rules.append(_placeholder_rule(finding))
        results.append(sarif_result(finding, index[finding["rule_id"]], context, snapshot))

    notifications = [
        {"level": "error", "message": {"text": str(error.get("message") or error)}}
        for error in report.get("errors", [])
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cloudseal",
                "version": __version__,
                "semanticVersion": __version__.split("+")[0],
                "rules": [reporting_descriptor(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {SOURCE_ROOT_ID: {"uri": context.root.as_uri() + "/"}},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
            "endTimeUtc": context.timestamp,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: Mapping[str, Any], context: ReportContext) -> str:
    """Serialize the SARIF log as compact JSON, which the standard library encodes in C."""
    return json.dumps(build_sarif(report, context), separators=(",", ":")) + "\n"
