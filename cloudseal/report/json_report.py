"""The JSON report: the stable, versioned output contract.

cloudseal/schemas/report.schema.json describes the document; docs/reports.md
explains each member.
"""

from __future__ import annotations

import json
from typing import Any

from cloudseal import __version__
from cloudseal.findings import Finding, summarize

OUTPUT_SCHEMA_VERSION = "1"
# Reports with more findings are written without indentation: the standard library's
# encoder runs in C only without indent, about ten times faster.
MAX_INDENTED_FINDINGS = 10_000
_RESOURCE_FIELDS = ("id", "type", "file", "line", "region", "account")
_OPTIONAL_RESOURCE_FIELDS = ("column", "origin", "change")


def public_resource(resource: dict[str, Any]) -> dict[str, Any]:
    """Return the resource fields that the output contract names, dropping internal ones such as key."""
    view = {key: resource.get(key) for key in _RESOURCE_FIELDS}
    for optional in _OPTIONAL_RESOURCE_FIELDS:
        if resource.get(optional) is not None:
            view[optional] = resource[optional]
    return view


def build_report(
    findings: list[Finding],
    source: dict[str, Any],
    errors: list[dict[str, Any]],
    waivers: dict[str, Any] | None = None,
    baseline: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble the report document from findings, the source, input errors and what the controls did."""
    public_findings = [finding | {"resource": public_resource(finding["resource"])} for finding in findings]
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "tool": {"name": "cloudseal", "version": __version__},
        "source": source,
        "summary": summarize(findings),
        "findings": public_findings,
        "errors": errors,
        "waivers": waivers or {"applied": 0, "expired": [], "stale": []},
        "baseline": baseline,
    }


def render(report: dict[str, Any]) -> str:
    """Serialize the report as JSON with a trailing newline, indented unless it is very large."""
    if len(report["findings"]) > MAX_INDENTED_FINDINGS:
        return json.dumps(report, separators=(",", ":")) + "\n"
    return json.dumps(report, indent=2) + "\n"
