"""The terminal report: failing and unknown findings grouped by file or account, then a summary."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cloudseal.findings import Finding

SEVERITY_STYLES = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
VERDICT_STYLES = {"fail": "bold red", "unknown": "bold magenta", "pass": "green"}


def _group_name(finding: Finding) -> str:
    resource = finding["resource"]
    if resource.get("file"):
        return str(resource["file"])
    if resource.get("account"):
        return f"account {resource['account']} {resource.get('region') or ''}".strip()
    return "(no location)"


def _location(resource: dict[str, Any]) -> str:
    line = resource.get("line")
    return f"{resource['id']}:{line}" if line else str(resource["id"])


def render(console: Console, report: dict[str, Any], show_passed: bool = False) -> None:
    """Print the findings that need attention and the closing summary."""
    findings = [
        finding for finding in report["findings"]
        if show_passed or finding["verdict"] != "pass" or finding.get("waiver")
    ]
    findings.sort(key=_group_name)
    for group, members in groupby(findings, key=_group_name):
        table = Table(title=group, title_justify="left", show_lines=True, expand=True)
        table.add_column("Verdict", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Resource", overflow="fold")
        table.add_column("Rule and finding", overflow="fold", ratio=3)
        for finding in members:
            verdict = "waived" if finding.get("waiver") else finding["verdict"]
            detail = Text()
            detail.append(f"{finding['rule_id']}", style="bold")
            detail.append(f"  {finding['title']}\n")
            detail.append(finding["message"])
            if finding.get("property_path"):
                detail.append(f"\nProperty: {finding['property_path']}", style="dim")
            if finding["verdict"] != "pass" and finding.get("remediation"):
                detail.append(f"\nFix: {finding['remediation'].strip()}", style="italic")
            table.add_row(
                Text(verdict, style=VERDICT_STYLES.get(verdict, "")),
                Text(finding["severity"], style=SEVERITY_STYLES.get(finding["severity"], "")),
                Text(f"{_location(finding['resource'])}\n{finding['resource']['type']}"),
                detail,
            )
        console.print(table)

    for error in report.get("errors", []):
        console.print(Text(f"error: {error.get('message', error)}", style="bold red"))

    summary = report["summary"]
    line = Text("Summary: ")
    line.append(f"{summary['fail']} failed", style=VERDICT_STYLES["fail"])
    line.append(", ")
    line.append(f"{summary['unknown']} unknown", style=VERDICT_STYLES["unknown"])
    line.append(", ")
    line.append(f"{summary['pass']} passed", style=VERDICT_STYLES["pass"])
    line.append(f", {summary['waived']} waived")
    if report.get("errors"):
        line.append(f", {len(report['errors'])} inputs could not be read", style="bold red")
    console.print(line)
