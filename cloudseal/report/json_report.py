"""The JSON report: the stable, versioned output contract."""

from __future__ import annotations

import json
from typing import Any

from cloudseal import __version__
from cloudseal.findings import Finding, summarize

OUTPUT_SCHEMA_VERSION = "1"


def build_report(
    findings: list[Finding], source: dict[str, Any], errors: list[dict[str, Any]]
) -> dict[str, Any]:
    """Assemble the report document from findings, the source description and input errors."""
    public_findings = []
    for finding in findings:
        resource = {key: finding["resource"].get(key) for key in ("id", "type", "file", "line", "region", "account")}
        for optional in ("column", "origin", "change"):
            if finding["resource"].get(optional) is not None:
                resource[optional] = finding["resource"][optional]
        public_findings.append(finding | {"resource": resource})
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "tool": {"name": "cloudseal", "version": __version__},
        "source": source,
        "summary": summarize(findings),
        "findings": public_findings,
        "errors": errors,
    }


def render(report: dict[str, Any]) -> str:
    """Serialize the report as indented JSON with a trailing newline."""
    return json.dumps(report, indent=2, sort_keys=False) + "\n"
