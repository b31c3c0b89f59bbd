"""Time building every report format, and applying waivers and a baseline, for many findings.

    python -m bench.report_formats --findings 100000

Findings are synthetic but shaped like a scan's: live resources spread over
regions, a mix of verdicts and severities, 1,000 file waivers (exact and glob
resource patterns) and a baseline of half the failing findings. Each figure is
the best of --repeat runs, in seconds: total is one format's renderer, encode
the compact JSON encoding of what it builds, and build the difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cloudseal.baseline import apply_baseline, load_baseline, render_baseline
from cloudseal.engine.metadata import SEVERITIES, RuleMetadata
from cloudseal.fingerprint import fingerprint
from cloudseal.report import asff, formats, sarif
from cloudseal.report.context import ReportContext
from cloudseal.report.formats import OutputFormat
from cloudseal.report.json_report import build_report
from cloudseal.waivers import Waiver, apply_waivers

RULE_COUNT = 40
REGIONS = ("eu-west-1", "us-east-1", "ap-southeast-2")


def _catalog() -> dict[str, RuleMetadata]:
    return {
        f"bench-rule-{index}": RuleMetadata(
            id=f"bench-rule-{index}", package="", title=f"Benchmark rule {index}", description="What it checks.",
            severity=SEVERITIES[index % len(SEVERITIES)], category="encryption-at-rest",
            resource_types=("AWS::S3::Bucket",), remediation_template="Change the template.",
            remediation_live="Change the account.", references=({"framework": "NIST 800-53 r5", "id": "SC-28"},),
        )
        for index in range(RULE_COUNT)
    }


def _findings(count: int, catalog: dict[str, RuleMetadata], root: Path) -> list[dict[str, Any]]:
    generator = random.Random(7)
    rules = list(catalog.values())
    findings = []
    for index in range(count):
        rule = rules[index % len(rules)]
        region = REGIONS[index % len(REGIONS)]
        arn = f"arn:aws:s3:::bucket-{index // len(rules)}"
        finding = {
            "rule_id": rule.id, "title": rule.title, "severity": rule.severity, "category": rule.category,
            "verdict": generator.choice(("pass", "pass", "fail", "unknown")),
            "resource": {"id": arn, "key": arn, "type": "AWS::S3::Bucket", "file": None, "line": None,
                         "column": None, "region": region, "account": "111122223333", "origin": None, "change": None},
            "message": "The bucket does not do what the rule asks | with a pipe <and markup>.",
            "property_path": "BucketEncryption", "remediation": rule.remediation_live, "waiver": None,
        }
        finding["fingerprint"] = fingerprint(finding, root)
        findings.append(finding)
    return findings


def _waivers(catalog: dict[str, RuleMetadata]) -> list[Waiver]:
    waivers = []
    for index in range(1000):
        rule_id = f"bench-rule-{index % RULE_COUNT}"
        resource = f"arn:aws:s3:::bucket-{index}" if index % 10 else f"arn:aws:s3:::bucket-{index}*"
        waivers.append(Waiver(rule=rule_id, reason="Accepted.", origin=f"waivers.yaml:{index}", source="file",
                              owner="team", expires=dt.date(2999, 1, 1), resource=resource, rule_ids=(rule_id,)))
    return waivers


def _best(function: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    root = Path.cwd()
    catalog = _catalog()
    findings = _findings(arguments.findings, catalog, root)
    context = ReportContext(root=root, catalog=catalog)
    print(f"{arguments.findings} findings, {RULE_COUNT} rules, best of {arguments.repeat} runs, seconds")

    waivers = _waivers(catalog)
    started = time.perf_counter()
    outcome = apply_waivers(findings, {}, waivers, root, set(catalog))
    print(f"  apply 1,000 waivers       {time.perf_counter() - started:7.3f}  ({outcome.applied} waived)")

    baseline_file = Path("bench/out/baseline.json")
    baseline_file.parent.mkdir(parents=True, exist_ok=True)
    baseline_file.write_text(render_baseline(findings[: arguments.findings // 2], root), encoding="utf-8")
    started = time.perf_counter()
    baseline = load_baseline(baseline_file)
    matched = apply_baseline(findings, baseline)
    print(f"  load and apply baseline   {time.perf_counter() - started:7.3f}  ({matched.unchanged} unchanged)")

    report = build_report(findings, {"kind": "snapshot"}, [])
    print(f"  {'format':<25} {'total':>7}  {'encode':>7}  {'build':>7}")
    builders: dict[OutputFormat, Callable[[], object]] = {
        OutputFormat.JSON: lambda: report,
        OutputFormat.SARIF: lambda: sarif.build_sarif(report, context),
        OutputFormat.ASFF: lambda: asff.build_asff(report, context),
    }
    for output_format in OutputFormat:
        total = _best(lambda fmt=output_format: formats.render_format(fmt, report, context), arguments.repeat)
        builder = builders.get(output_format)
        if builder is None:
            # Table, JUnit and Markdown build their text directly; there is no separate encoding step.
            print(f"  {output_format.value:<25} {total:7.3f}  {'-':>7}  {total:7.3f}")
            continue
        built = builder()
        encode = _best(lambda built=built: json.dumps(built, separators=(",", ":")), arguments.repeat)
        print(f"  {output_format.value:<25} {total:7.3f}  {encode:7.3f}  {total - encode:7.3f}")

if __name__ == "__main__":
    main()
