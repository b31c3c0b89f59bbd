"""The terminal report: findings grouped by file or account, then resource, and a closing summary.

Colours come from rich styles and appear only when the console supports them
(a terminal, without NO_COLOR). The text is assembled as plain strings with the
style codes rendered once per style, because printing 100,000 findings through
rich's layout engine takes seconds, and a terminal wraps long lines itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

from cloudseal.engine.metadata import SEVERITIES
from cloudseal.findings import Finding, severity_rank
from cloudseal.text import counted

SEVERITY_STYLES = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
VERDICT_STYLES = {"fail": "bold red", "unknown": "bold magenta", "pass": "green", "waived": "bold blue"}
_VERDICT_ORDER = {"fail": 0, "unknown": 1, "waived": 2, "pass": 3}
_COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
_INDENT = " " * 13


class _Styler:
    """Wraps text in the terminal codes of a rich style, or leaves it plain."""

    def __init__(self, color_system: ColorSystem | None) -> None:
        self._color_system = color_system
        self._cache: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if self._color_system is None or not style:
            return text
        if style not in self._cache:
            rendered = Style.parse(style).render("\0", color_system=self._color_system)
            prefix, _, suffix = rendered.partition("\0")
            self._cache[style] = (prefix, suffix)
        prefix, suffix = self._cache[style]
        return f"{prefix}{text}{suffix}"


def styler_for(console: Console) -> _Styler:
    """Return the styler that matches what the console can show."""
    if console.no_color or console.color_system is None:
        return _Styler(None)
    return _Styler(_COLOR_SYSTEMS.get(console.color_system))


@lru_cache(maxsize=4096)
def _one_line(text: str) -> str:
    # Remediation texts repeat once per finding of a rule, hence the cache.
    return " ".join(text.split())


def group_name(finding: Finding) -> str:
    """Name the group of a finding: its file, its account and region, or '(no location)'."""
    resource = finding["resource"]
    if resource.get("file"):
        return str(resource["file"])
    if resource.get("account"):
        region = resource.get("region")
        return f"account {resource['account']}" + (f" ({region})" if region else "")
    return "(no location)"


def shown_verdict(finding: Finding) -> str:
    """Return the verdict as the reports show it: 'waived' for a waived finding."""
    return "waived" if finding.get("waiver") else str(finding["verdict"])


def _resource_heading(resource: Mapping[str, Any], paint: _Styler) -> str:
    heading = f"  {paint(str(resource['id']), 'bold')} ({resource.get('type')})"
    if resource.get("line"):
        heading += f" line {resource['line']}"
    elif resource.get("region") and not resource.get("account"):
        heading += f" {resource['region']}"
    return heading


def _finding_lines(finding: Finding, paint: _Styler) -> list[str]:
    verdict = shown_verdict(finding)
    severity = str(finding["severity"])
    label = paint(f"{verdict.upper():<8}", VERDICT_STYLES.get(verdict, ""))
    severity_label = paint(f"{severity:<9}", SEVERITY_STYLES.get(severity, ""))
    lines = [f"    {label} {severity_label}{paint(finding['rule_id'], 'bold')}  {finding['title']}"]
    if finding.get("message"):
        lines.append(f"{_INDENT}{_one_line(finding['message'])}")
    if finding.get("property_path"):
        lines.append(f"{_INDENT}{paint('property:', 'dim')} {finding['property_path']}")
    waiver = finding.get("waiver")
    if waiver:
        who = f" by {waiver['owner']}" if waiver.get("owner") else ""
        until = f" until {waiver['expires']}" if waiver.get("expires") else ""
        reason = _one_line(waiver["reason"])
        lines.append(f"{_INDENT}{paint('waived', 'blue')}{who}{until}: {reason} ({waiver['origin']})")
    elif finding["verdict"] != "pass" and finding.get("remediation"):
        lines.append(f"{_INDENT}{paint('fix:', 'italic')} {_one_line(finding['remediation'])}")
    if finding.get("baseline") == "new":
        lines.append(f"{_INDENT}{paint('new since the baseline', 'bold')}")
    return lines


def _sort_key(finding: Finding, group: str) -> tuple[Any, ...]:
    resource = finding["resource"]
    return (
        group,
        resource.get("line") or 0,
        str(resource["id"]),
        _VERDICT_ORDER.get(shown_verdict(finding), 4),
        severity_rank(finding["severity"]),
        finding["rule_id"],
    )


def _summary_lines(report: Mapping[str, Any], paint: _Styler) -> list[str]:
    summary = report["summary"]
    failing = [f"{summary['by_severity'][name]} {name}" for name in SEVERITIES if summary["by_severity"].get(name)]
    failed = paint(f"{summary['fail']} failed", VERDICT_STYLES["fail"])
    if failing:
        failed += f" ({', '.join(failing)})"
    parts = [
        failed,
        paint(f"{summary['unknown']} unknown", VERDICT_STYLES["unknown"]),
        paint(f"{summary['pass']} passed", VERDICT_STYLES["pass"]),
        paint(f"{summary['waived']} waived", VERDICT_STYLES["waived"]),
    ]
    lines = [f"Summary: {', '.join(parts)}"]
    if report.get("errors"):
        lines[0] += paint(f", {counted(len(report['errors']), 'input')} could not be read", "bold red")

    waivers = report.get("waivers") or {}
    for waiver in waivers.get("expired", []):
        lines.append(paint("Expired waiver", "bold yellow") + f" for {waiver['rule']} at {waiver['origin']}: "
                     f"expired on {waiver['expires']}, so {counted(waiver['matches'], 'finding')} count again.")
    for waiver in waivers.get("stale", []):
        lines.append(paint("Stale waiver", "yellow") + f" for {waiver['rule']} at {waiver['origin']}: "
                     "it matches no failing or unknown finding; remove it.")
    baseline = report.get("baseline")
    if baseline:
        lines.append(f"Baseline {baseline['file']}: {baseline['new']} new, {baseline['unchanged']} unchanged, "
                     f"{baseline['absent']} fixed since it was written.")
    return lines


def render_text(report: Mapping[str, Any], paint: _Styler, show_passed: bool = False) -> str:
    """Return the report as text, with terminal style codes when paint produces them."""
    shown: Iterable[Finding] = (
        finding for finding in report["findings"]
        if show_passed or finding["verdict"] != "pass" or finding.get("waiver")
    )
    keyed = [(_sort_key(finding, group_name(finding)), finding) for finding in shown]
    keyed.sort(key=itemgetter(0))
    lines: list[str] = []
    for group, in_group in groupby(keyed, key=lambda item: item[0][0]):
        lines.append(paint(group, "bold underline"))
        for _, in_resource in groupby(in_group, key=lambda item: item[0][2]):
            members = [finding for _, finding in in_resource]
            lines.append(_resource_heading(members[0]["resource"], paint))
            for finding in members:
                lines.extend(_finding_lines(finding, paint))
        lines.append("")

    for error in report.get("errors", []):
        lines.append(paint("error:", "bold red") + f" {error.get('message', error)}")
    lines.extend(_summary_lines(report, paint))
    return "\n".join(lines) + "\n"


def render(console: Console, report: Mapping[str, Any], show_passed: bool = False) -> None:
    """Print the findings that need attention and the closing summary to the console."""
    console.file.write(render_text(report, styler_for(console), show_passed))
    console.file.flush()


def render_plain(report: Mapping[str, Any], show_passed: bool = False) -> str:
    """Return the report as plain text, for a file."""
    return render_text(report, _Styler(None), show_passed)
