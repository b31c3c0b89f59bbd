"""The controls of a scan around the engine: outputs, rule selection, waivers, baseline and exit code.

`cloudseal scan` calls these steps in order:

1. prepare_controls() merges the command line with the configuration file and
   checks every file it will read or write, before OPA starts.
2. ScanControls.check_document() reads the inline waivers of the loaded templates.
3. ScanControls.findings() turns OPA's verdicts into findings and applies the
   selection, the waivers and the baseline.
4. ScanControls.finish() writes the reports and the baseline and returns the exit code.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cloudseal.baseline import Baseline, BaselineOutcome, apply_baseline, load_baseline, render_baseline
from cloudseal.cli.app import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from cloudseal.cli.output import check_writable, write_atomically
from cloudseal.engine.metadata import RuleMetadata, load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.errors import InputError
from cloudseal.findings import Finding, build_findings, fails_threshold
from cloudseal.fingerprint import find_source_root, fingerprint
from cloudseal.report import json_report
from cloudseal.report.context import ReportContext
from cloudseal.report.formats import (
    OutputFormat,
    OutputTarget,
    link_base_from_environment,
    output_paths,
    plan_outputs,
    write_outputs,
)
from cloudseal.selection import RuleSelection
from cloudseal.settings import Settings
from cloudseal.waivers import Waiver, WaiverOutcome, apply_waivers, has_inline_waivers, inline_waivers, load_waiver_file

if TYPE_CHECKING:
    from rich.console import Console

LOG = logging.getLogger(__name__)

DEFAULT_FAIL_ON = "low"


@dataclass(frozen=True)
class ControlOptions:
    """The command-line options of the controls; None where the user gave none."""

    formats: Sequence[str] | None = None
    output: Path | None = None
    fail_on: str | None = None
    fail_on_unknown: bool | None = None
    rules: Sequence[str] | None = None
    skip_rules: Sequence[str] | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    show_passed: bool = False


@dataclass
class ScanControls:
    """Everything the scan decided before it started, and what the controls found while it ran."""

    settings: Settings
    policy_dirs: Sequence[Path]
    targets: list[OutputTarget]
    fail_on: str
    fail_on_unknown: bool
    selection: RuleSelection
    root: Path
    show_passed: bool = False
    file_waivers: list[Waiver] = field(default_factory=list)
    baseline: Baseline | None = None
    write_baseline: Path | None = None
    inline: dict[str, list[Waiver]] = field(default_factory=dict)
    waiver_outcome: WaiverOutcome = field(default_factory=WaiverOutcome)
    baseline_outcome: BaselineOutcome | None = None
    catalog: Mapping[str, RuleMetadata] = field(default_factory=dict)
    _preloaded: dict[str, RuleMetadata] | None = None

    def _rule_catalog(self) -> dict[str, RuleMetadata]:
        """Read the rule ids with `opa inspect`, once, for checks that must run before the evaluation."""
        if self._preloaded is None:
            self._preloaded = load_rule_catalog(find_opa(), self.policy_dirs)
        return self._preloaded

    @property
    def preloaded_catalog(self) -> dict[str, RuleMetadata] | None:
        """Rule metadata already read for the checks before the evaluation, if any."""
        return self._preloaded

    def adopt_catalog(self, catalog: dict[str, RuleMetadata]) -> None:
        """Use rule metadata that the engine read, so `opa inspect` runs once per scan."""
        if self._preloaded is None:
            self._preloaded = catalog

    def check_document(self, document: dict[str, Any]) -> None:
        """Read the inline waivers and pass the rule settings to the input document."""
        if self.settings.rule_settings:
            document["config"] = {**document.get("config", {}), **self.settings.rule_settings}
        if has_inline_waivers(document):
            self.inline = inline_waivers(document, self._rule_catalog())
        if OutputFormat.ASFF in {target.format for target in self.targets}:
            kind = (document.get("source") or {}).get("kind")
            if kind != "snapshot":
                raise InputError(
                    f"--format asff needs a live snapshot, but this scan reads a {kind or 'template'} source; "
                    "ASFF findings need an account, a region and an ARN, so use json or sarif for templates."
                )

    def findings(
        self,
        verdicts: Sequence[Mapping[str, Any]],
        catalog: Mapping[str, RuleMetadata],
        document: Mapping[str, Any],
    ) -> list[Finding]:
        """Build findings of the selected rules, with fingerprints, waivers and baseline states."""
        active = self.selection.selected_ids(catalog) if self.selection.narrows else set(catalog)
        self.catalog = {rule_id: rule for rule_id, rule in catalog.items() if rule_id in active}
        findings = build_findings(self.selection.filter_verdicts(verdicts, catalog), catalog, document)
        for finding in findings:
            finding["fingerprint"] = fingerprint(finding, self.root)
        self.waiver_outcome = apply_waivers(findings, self.inline, self.file_waivers, self.root, active)
        if self.baseline is not None:
            self.baseline_outcome = apply_baseline(findings, self.baseline)
        return findings

    def report(self, findings: list[Finding], document: Mapping[str, Any]) -> dict[str, Any]:
        """Assemble the JSON report of the run."""
        return json_report.build_report(
            findings,
            document["source"],
            document["errors"],
            waivers=self.waiver_outcome.to_json(),
            baseline=self.baseline_outcome.to_json() if self.baseline_outcome else None,
        )

    def context(self) -> ReportContext:
        """Describe the run for the report formats."""
        return ReportContext(
            root=self.root,
            catalog=self.catalog,
            fail_on=self.fail_on,
            fail_on_unknown=self.fail_on_unknown,
            show_passed=self.show_passed,
            link_base=link_base_from_environment(),
        )

    def finish(self, findings: list[Finding], report: dict[str, Any], console: Console | None = None) -> int:
        """Write the reports and the baseline, then return the exit code."""
        write_outputs(self.targets, report, self.context(), console)
        if self.write_baseline is not None:
            write_atomically(self.write_baseline, render_baseline(findings, self.root))
            from rich.console import Console  # noqa: PLC0415 - loaded only when there is something to print

            Console(stderr=True, highlight=False).print(f"Baseline written to {self.write_baseline}")
        live = (report.get("source") or {}).get("kind") == "snapshot"
        code = self._exit_code(findings, report["errors"], live)
        if code == EXIT_USAGE and all(target.path is not None for target in self.targets):
            # Every report went to a file, so nothing on the terminal would explain the exit code 2.
            self._note_errors(len(report["errors"]), live)
        return code

    def _exit_code(self, findings: list[Finding], errors: list[dict[str, Any]], live: bool) -> int:
        """Return the exit code for these findings and input errors, after the reports are written."""
        if errors and not live:
            # A template that could not be read may hide any number of findings.
            return EXIT_USAGE
        if self.write_baseline is not None:
            # The findings were just accepted into the baseline, so they do not fail this run.
            return EXIT_OK
        if fails_threshold(findings, self.fail_on, self.fail_on_unknown):
            return EXIT_FINDINGS
        # Calls a collection could not make left unknown verdicts; they still fail the run,
        # after the findings that did fail.
        return EXIT_USAGE if errors else EXIT_OK

    def _note_errors(self, count: int, live: bool) -> None:
        """Tell on stderr why the scan exits with 2 when its reports went only to files."""
        from rich.console import Console  # noqa: PLC0415 - loaded only when there is something to print

        if live:
            cause = f"{count} collection error{'s' if count != 1 else ''} (AWS calls that failed) left verdicts unknown"
        else:
            cause = f"{count} input{'s' if count != 1 else ''} could not be read"
        reports = ", ".join(str(path) for path in output_paths(self.targets))
        Console(stderr=True, highlight=False).print(
            f"Exit code 2: {cause}; the errors section of {reports} lists them.", soft_wrap=True,
        )


def prepare_controls(options: ControlOptions, settings: Settings, policy_dirs: Sequence[Path]) -> ScanControls:
    """Merge options with the configuration and check every input and output, before OPA starts."""
    targets = plan_outputs(options.formats, options.output)
    if options.write_baseline is not None:
        check_writable(options.write_baseline)
        if options.write_baseline.resolve() in {path.resolve() for path in output_paths(targets)}:
            raise InputError(f"--write-baseline {options.write_baseline} is also a report file; choose another name.")

    controls = ScanControls(
        settings=settings,
        policy_dirs=policy_dirs,
        targets=targets,
        fail_on=options.fail_on or settings.fail_on or DEFAULT_FAIL_ON,
        fail_on_unknown=options.fail_on_unknown if options.fail_on_unknown is not None
        else bool(settings.fail_on_unknown),
        selection=RuleSelection(
            include=tuple(options.rules) if options.rules else settings.rules,
            exclude=tuple(options.skip_rules) if options.skip_rules else settings.skip_rules,
        ),
        root=find_source_root(),
        show_passed=options.show_passed,
        write_baseline=options.write_baseline,
    )

    baseline_path = options.baseline or settings.baseline
    # A configured baseline that does not exist yet is normal before the first --write-baseline.
    if baseline_path is not None and (options.baseline is not None or baseline_path.exists()):
        controls.baseline = load_baseline(baseline_path)
    elif baseline_path is not None:
        LOG.warning("the baseline %s named in %s does not exist yet, so every finding counts as new",
                    baseline_path, settings.path)

    if controls.selection.narrows:
        controls.selection.check(controls._rule_catalog())
    waiver_path = options.waivers or settings.waivers
    if waiver_path is not None:
        controls.file_waivers = load_waiver_file(waiver_path, controls._rule_catalog())
    return controls
