"""`cloudseal rules` and `cloudseal explain`: the rule catalog, checking user rules, and one rule in full."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cloudseal.cli.app import EXIT_FINDINGS, app
from cloudseal.cli.control_options import ConfigOption
from cloudseal.cli.scan import policy_dirs_for
from cloudseal.engine.metadata import RuleMetadata, load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.errors import InputError
from cloudseal.paths import builtin_policy_dir
from cloudseal.policy_check import CheckResult, check_policy_dir
from cloudseal.report.formats import OutputFormat
from cloudseal.report.table import SEVERITY_STYLES
from cloudseal.settings import load_settings
from cloudseal.text import counted

PolicyDirOption = Annotated[
    list[Path] | None, typer.Option("--policy-dir", help="Extra directory of Rego rules; repeatable.")
]


def _catalog(policy_dir: list[Path] | None, config: Path | None) -> dict[str, RuleMetadata]:
    settings = load_settings(config)
    return load_rule_catalog(find_opa(), policy_dirs_for(policy_dir or list(settings.policy_dirs)))


def _print_check(console: Console, result: CheckResult) -> None:
    console.print(f"Checked {counted(len(result.rules), 'rule')} in {escape(str(result.directory))}")
    for rule in result.rules:
        if not rule.problems:
            console.print(f"  [green]ok[/]       {escape(rule.rule_id)}  {escape(rule.file)}")
            continue
        console.print(f"  [bold red]problem[/]  {escape(rule.rule_id)}  {escape(rule.file)}")
        for problem in rule.problems:
            console.print(f"           - {escape(problem)}")
    for problem in result.problems:
        console.print(f"  [bold red]problem[/]  {escape(problem)}")
    if result.ok:
        console.print(f"[green]All rules follow the contract; {result.tests_passed} tests passed.[/]")
    else:
        console.print("[bold red]The directory does not follow the rule contract; fix the problems above.[/]")


@app.command()
def rules(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Listing format: table or json.")] = (
        OutputFormat.TABLE
    ),
    policy_dir: PolicyDirOption = None,
    check: Annotated[
        Path | None,
        typer.Option("--check", metavar="DIR", help="Check a directory of your own rules against the rule contract."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """List every rule with its id, severity, category and title, or check a directory of your own rules."""
    if output_format not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise InputError(f"rules --format {output_format.value} is not supported; use table or json.")
    if check is not None:
        builtin = builtin_policy_dir()
        builtin_ids = set(load_rule_catalog(find_opa(), policy_dirs_for([])))
        result = check_policy_dir(find_opa(), check, builtin, builtin_ids)
        _print_check(Console(highlight=False, soft_wrap=True), result)
        raise typer.Exit(0 if result.ok else EXIT_FINDINGS)

    catalog = _catalog(policy_dir, config)
    ordered = sorted(catalog.values(), key=lambda rule: (rule.category, rule.id))
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps([rule.to_json() for rule in ordered], indent=2) + "\n")
        return
    console = Console()
    if not console.is_terminal:
        # One line per rule, so that grep, wc and other tools work on the listing.
        for rule in ordered:
            sys.stdout.write(f"{rule.id}\t{rule.severity}\t{rule.category}\t{rule.title}\n")
        return
    listing = Table(title=counted(len(ordered), "rule"), title_justify="left")
    listing.add_column("Id", no_wrap=True)
    listing.add_column("Severity", no_wrap=True)
    listing.add_column("Category", no_wrap=True)
    listing.add_column("Title", overflow="fold")
    for rule in ordered:
        severity = f"[{SEVERITY_STYLES.get(rule.severity, '')}]{rule.severity}[/]"
        listing.add_row(rule.id, severity, rule.category, escape(rule.title))
    console.print(listing)


def _section(console: Console, heading: str, body: str) -> None:
    if not body or not body.strip():
        return
    console.print(f"\n[bold]{heading}[/]")
    console.print(f"  {escape(' '.join(body.split()))}")


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="Rule id, as `cloudseal rules` lists it.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format: table or json.")] = (
        OutputFormat.TABLE
    ),
    policy_dir: PolicyDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Print what a rule checks, why, how to fix a finding, and the controls it maps to."""
    if output_format not in (OutputFormat.TABLE, OutputFormat.JSON):
        raise InputError(f"explain --format {output_format.value} is not supported; use table or json.")
    catalog = _catalog(policy_dir, config)
    rule = catalog.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, list(catalog), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " Run `cloudseal rules` to list the rule ids."
        raise InputError(f"unknown rule id {rule_id!r}.{hint}")
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(rule.to_json(), indent=2) + "\n")
        return

    console = Console(highlight=False, soft_wrap=True)
    severity_style = SEVERITY_STYLES.get(rule.severity, "")
    console.print(f"[bold]{escape(rule.id)}[/]: {escape(rule.title)}")
    console.print(
        f"Severity: [{severity_style}]{rule.severity}[/]   Category: {escape(rule.category)}   "
        f"Classification-sensitive: {'yes' if rule.classification_sensitive else 'no'}"
    )
    console.print(f"Applies to: {escape(', '.join(rule.resource_types))}")
    _section(console, "What it checks", rule.description)
    _section(console, "Why it matters", rule.rationale)
    _section(console, "Fix in a template", rule.remediation_template)
    _section(console, "Fix in a live account", rule.remediation_live)
    if rule.references:
        console.print("\n[bold]Controls[/]")
        for reference in rule.references:
            console.print(f"  {escape(reference.get('framework', ''))} {escape(reference.get('id', ''))}")
    if rule.related_resources:
        console.print("\n[bold]References[/]")
        for resource in rule.related_resources:
            description = resource.get("description") or resource["url"]
            console.print(f"  {escape(description)}: {escape(resource['url'])}")
    equivalents = {tool: check for tool, check in rule.equivalents.items() if check}
    if equivalents:
        console.print("\n[bold]Equivalent checks[/]")
        for tool, check in sorted(equivalents.items()):
            console.print(f"  {escape(tool)}: {escape(check)}")
    if rule.file:
        console.print(f"\nDefined in {escape(rule.file)}")
