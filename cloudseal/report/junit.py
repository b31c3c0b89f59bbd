"""JUnit XML output for CI systems that show test reports.

Each rule is a <testsuite>, and each resource it judged is a <testcase>:

| finding | test case |
| --- | --- |
| pass | passes (no child element) |
| fail | <failure>, with the severity as its type |
| unknown | <skipped>, or <error> when --fail-on-unknown makes unknown findings fail the run |
| waived, or unchanged since the baseline | <skipped>, with the waiver or the baseline as its message |

A failing finding below the --fail-on threshold is still a <failure>: the
threshold decides the exit code, not whether the check failed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from cloudseal.findings import Finding
from cloudseal.fingerprint import relative_path
from cloudseal.report.context import ReportContext

# Characters that XML 1.0 does not allow, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _attr(value: Any) -> str:
    return quoteattr(_INVALID_XML.sub("?", str(value)))


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("?", value))


def _case_name(finding: Finding, file: str | None) -> str:
    resource = finding["resource"]
    name = str(resource["id"])
    if file:
        return f"{name} ({file}:{resource['line']})" if resource.get("line") else f"{name} ({file})"
    if resource.get("region"):
        return f"{name} ({resource['region']})"
    return name


def _details(finding: Finding) -> str:
    lines = [f"{finding['rule_id']}: {finding['title']}", finding.get("message") or ""]
    if finding.get("property_path"):
        lines.append(f"Property: {finding['property_path']}")
    if finding.get("remediation"):
        lines.append(f"Fix: {' '.join(finding['remediation'].split())}")
    return "\n".join(line for line in lines if line)


def _outcome(finding: Finding, context: ReportContext) -> tuple[str, str] | None:
    """Return (status, child element) for a test case, or None for a pass."""
    message = finding.get("message") or finding["title"]
    waiver = finding.get("waiver")
    if waiver:
        until = f" until {waiver['expires']}" if waiver.get("expires") else ""
        who = f" by {waiver['owner']}" if waiver.get("owner") else ""
        text = f"Waived{who}{until}: {waiver['reason']}"
        return "skipped", f"<skipped message={_attr(text)}/>"
    if finding.get("baseline") == "unchanged":
        return "skipped", f"<skipped message={_attr(f'Recorded in the baseline: {message}')}/>"
    if finding["verdict"] == "fail":
        return "failure", (
            f"<failure message={_attr(message)} type={_attr(finding['severity'])}>{_text(_details(finding))}</failure>"
        )
    if finding["verdict"] == "unknown":
        if context.fail_on_unknown:
            return "error", (
                f"<error message={_attr('Cannot be decided: ' + message)} type=\"unknown\">"
                f"{_text(_details(finding))}</error>"
            )
        return "skipped", f"<skipped message={_attr('Cannot be decided: ' + message)}/>"
    return None


def render(report: Mapping[str, Any], context: ReportContext) -> str:
    """Serialize the findings as a JUnit XML document."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in report["findings"]:
        by_rule[finding["rule_id"]].append(finding)

    totals = {"tests": 0, "failure": 0, "error": 0, "skipped": 0}
    suites: list[str] = []
    for rule_id in sorted(by_rule):
        counts = {"failure": 0, "error": 0, "skipped": 0}
        cases: list[str] = []
        for finding in by_rule[rule_id]:
            file = relative_path(finding["resource"].get("file"), context.root)
            attributes = f"classname={_attr('cloudseal.' + rule_id)} name={_attr(_case_name(finding, file))} time=\"0\""
            if file:
                attributes += f" file={_attr(file)}"
                if finding["resource"].get("line"):
                    attributes += f" line=\"{int(finding['resource']['line'])}\""
            outcome = _outcome(finding, context)
            if outcome is None:
                cases.append(f"    <testcase {attributes}/>")
                continue
            status, element = outcome
            counts[status] += 1
            cases.append(f"    <testcase {attributes}>{element}</testcase>")
        first = by_rule[rule_id][0]
        suites.append(
            f"  <testsuite name={_attr(rule_id)} tests=\"{len(cases)}\" failures=\"{counts['failure']}\" "
            f"errors=\"{counts['error']}\" skipped=\"{counts['skipped']}\" time=\"0\" "
            f"timestamp={_attr(context.timestamp)}>\n"
            f"    <properties><property name=\"severity\" value={_attr(first['severity'])}/>"
            f"<property name=\"category\" value={_attr(first['category'])}/>"
            f"<property name=\"title\" value={_attr(first['title'])}/></properties>\n"
            + "\n".join(cases)
            + "\n  </testsuite>"
        )
        totals["tests"] += len(cases)
        for status, count in counts.items():
            totals[status] += count

    for error in report.get("errors", []):
        # An input that could not be read is an error case of its own, so the CI run shows it.
        totals["tests"] += 1
        totals["error"] += 1
        suites.append(
            '  <testsuite name="cloudseal inputs" tests="1" failures="0" errors="1" skipped="0" time="0">\n'
            f"    <testcase classname=\"cloudseal.inputs\" name={_attr(error.get('source') or 'input')} time=\"0\">"
            f"<error message={_attr(error.get('message') or error)} type=\"input\"/></testcase>\n  </testsuite>"
        )

    header = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<testsuites name=\"cloudseal\" tests=\"{totals['tests']}\" failures=\"{totals['failure']}\" "
        f"errors=\"{totals['error']}\" skipped=\"{totals['skipped']}\" time=\"0\">\n"
    )
    return header + "\n".join(suites) + ("\n" if suites else "") + "</testsuites>\n"
