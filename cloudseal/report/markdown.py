"""A Markdown summary for a pull request comment.

It shows the counts, a table of the findings that fail the run with links to
file and line, and collapsed details: how to fix each one, unknown findings,
waived findings and the waivers that expired or went stale. Each table lists at
most MAX_ROWS findings, because GitHub rejects comments longer than 65,536
characters; the JSON and SARIF reports always hold every finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cloudseal.engine.metadata import SEVERITIES
from cloudseal.findings import Finding, gates, severity_rank
from cloudseal.fingerprint import relative_path
from cloudseal.report.context import ReportContext
from cloudseal.text import counted

MAX_ROWS = 100


def _cell(value: Any) -> str:
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _code(value: Any) -> str:
    text = _cell(value)
    return f"`{text}`" if "`" not in text else text


def _location(finding: Finding, context: ReportContext) -> str:
    resource = finding["resource"]
    file = relative_path(resource.get("file"), context.root)
    if not file:
        parts = [str(resource.get(key)) for key in ("account", "region") if resource.get(key)]
        return _cell(" ".join(parts)) if parts else ""
    line = resource.get("line")
    label = f"{file}:{line}" if line else file
    if file.startswith("/"):
        return _cell(label)
    anchor = f"#L{line}" if line else ""
    target = f"{context.link_base.rstrip('/')}/{file}" if context.link_base else file
    return f"[{_cell(label)}]({target.replace(' ', '%20')}{anchor})"


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (severity_rank(f["severity"]), f["rule_id"], str(f["resource"]["id"])))


def _more(shown: int, total: int) -> list[str]:
    if total <= shown:
        return []
    return ["", f"… and {total - shown} more; the JSON or SARIF report lists them all."]


def _finding_table(findings: list[Finding], context: ReportContext) -> list[str]:
    lines = ["| Severity | Rule | Resource | Location | Finding |", "| --- | --- | --- | --- | --- |"]
    for finding in findings[:MAX_ROWS]:
        resource = finding["resource"]
        lines.append(
            f"| {finding['severity']} | {_code(finding['rule_id'])} | {_code(resource['id'])} "
            f"({_cell(resource.get('type'))}) | {_location(finding, context)} | {_cell(finding.get('message'))} |"
        )
    return lines + _more(min(len(findings), MAX_ROWS), len(findings))


def _fix_details(findings: list[Finding], context: ReportContext) -> list[str]:
    lines = ["<details>", f"<summary>How to fix ({len(findings)})</summary>", ""]
    for finding in findings[:MAX_ROWS]:
        lines.append(f"**{_code(finding['rule_id'])} on {_code(finding['resource']['id'])}** "
                     f"({_location(finding, context)}): {_cell(finding['title'])}")
        lines.append("")
        if finding.get("property_path"):
            lines.append(f"- Property: {_code(finding['property_path'])}")
        if finding.get("remediation"):
            lines.append(f"- Fix: {_cell(finding['remediation'])}")
        lines.append("")
    return [*lines, *_more(min(len(findings), MAX_ROWS), len(findings)), "</details>", ""]


def _waived_details(findings: list[Finding], context: ReportContext) -> list[str]:
    lines = ["<details>", f"<summary>Waived ({len(findings)})</summary>", "",
             "| Rule | Resource | Location | Owner | Expires | Reason |", "| --- | --- | --- | --- | --- | --- |"]
    for finding in findings[:MAX_ROWS]:
        waiver = finding["waiver"]
        lines.append(
            f"| {_code(finding['rule_id'])} | {_code(finding['resource']['id'])} | {_location(finding, context)} "
            f"| {_cell(waiver.get('owner') or '')} | {_cell(waiver.get('expires') or 'never')} "
            f"| {_cell(waiver['reason'])} |"
        )
    return [*lines, *_more(min(len(findings), MAX_ROWS), len(findings)), "", "</details>", ""]


def _headline(report: Mapping[str, Any], gating: list[Finding]) -> str:
    summary = report["summary"]
    if report.get("errors"):
        return f"## cloudseal: {counted(len(report['errors']), 'input')} could not be read"
    if gating:
        failing = sum(1 for f in gating if f["verdict"] == "fail")
        unknown = len(gating) - failing
        parts = [f"{failing} failing"] + ([f"{unknown} unknown"] if unknown else [])
        new = " new" if report.get("baseline") else ""
        return f"## cloudseal:{new} findings, {', '.join(parts)}"
    return f"## cloudseal: no failing findings ({summary['pass']} passed)"


def render(report: Mapping[str, Any], context: ReportContext) -> str:
    """Render the report as Markdown for a pull request comment."""
    findings: list[Finding] = report["findings"]
    summary = report["summary"]
    failing = _ordered(f for f in findings if f["verdict"] == "fail" and gates(f))
    unknown = _ordered(f for f in findings if f["verdict"] == "unknown" and gates(f))
    waived = _ordered(f for f in findings if f.get("waiver"))
    gating = failing + (unknown if context.fail_on_unknown else [])

    by_severity = ", ".join(
        f"{summary['by_severity'][name]} {name}" for name in SEVERITIES if summary["by_severity"].get(name)
    )
    lines = [
        _headline(report, gating),
        "",
        "| Failed | Unknown | Passed | Waived |",
        "| ---: | ---: | ---: | ---: |",
        f"| {summary['fail']} | {summary['unknown']} | {summary['pass']} | {summary['waived']} |",
        "",
    ]
    if by_severity:
        lines += [f"Failing by severity: {by_severity}.", ""]
    baseline = report.get("baseline")
    if baseline:
        lines += [f"Compared with the baseline: {baseline['new']} new, {baseline['unchanged']} unchanged, "
                  f"{baseline['absent']} fixed.", ""]
    for error in report.get("errors", []):
        lines.append(f"- **Input error:** {_cell(error.get('message') or error)}")
    if report.get("errors"):
        lines.append("")

    if failing:
        lines += ["### Failing findings", "", *_finding_table(failing, context), "", *_fix_details(failing, context)]
    if unknown:
        lines += ["<details>", f"<summary>Unknown: could not be decided ({len(unknown)})</summary>", "",
                  *_finding_table(unknown, context), "", "</details>", ""]
    if waived:
        lines += _waived_details(waived, context)

    waivers = report.get("waivers") or {}
    for waiver in waivers.get("expired", []):
        lines.append(f"- **Expired waiver** for {_code(waiver['rule'])} at {_cell(waiver['origin'])}: "
                     f"expired on {waiver['expires']}.")
    for waiver in waivers.get("stale", []):
        lines.append(f"- **Stale waiver** for {_code(waiver['rule'])} at {_cell(waiver['origin'])}: "
                     "it matches no failing or unknown finding.")
    return "\n".join(lines).rstrip() + "\n"
