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
# Lists whose items are written one per line, each item on a single line.
_ONE_PER_LINE = ("findings", "errors")
# One encoder for every item: json.dumps with arguments builds a new encoder on each call.
_ITEM_ENCODER = json.JSONEncoder(separators=(", ", ": "))
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
    """Serialize the report as JSON: small members indented, and one finding or error per line.

    The standard library's encoder runs in C only without indentation, about eight times
    faster on a 1,000-resource template, so each finding is encoded compactly. A line per
    finding also suits grep and diff.
    """
    members: list[str] = []
    for key, value in report.items():
        if key in _ONE_PER_LINE and isinstance(value, list) and value:
            items = ",\n".join(f"    {_ITEM_ENCODER.encode(item)}" for item in value)
            members.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            members.append(f"  {json.dumps(key)}: {json.dumps(value, indent=2).replace(chr(10), chr(10) + '  ')}")
    return "{\n" + ",\n".join(members) + "\n}\n"
