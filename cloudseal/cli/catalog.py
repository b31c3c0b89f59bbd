"""`cloudseal rules`: list the rules with the metadata their annotations carry."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cloudseal.cli.app import app
from cloudseal.cli.scan import policy_dirs_for
from cloudseal.engine.metadata import load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.report.formats import OutputFormat
from cloudseal.report.table import SEVERITY_STYLES


@app.command()
def rules(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Listing format.")] = OutputFormat.TABLE,
    policy_dir: Annotated[
        list[Path] | None, typer.Option("--policy-dir", help="Extra directory of Rego rules; repeatable.")
    ] = None,
) -> None:
    """List every rule with its id, severity, category and resource types."""
    catalog = load_rule_catalog(find_opa(), policy_dirs_for(policy_dir or []))
    ordered = sorted(catalog.values(), key=lambda rule: (rule.category, rule.id))
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps([rule.to_json() for rule in ordered], indent=2) + "\n")
        return
    listing = Table(title=f"{len(ordered)} rules", title_justify="left")
    listing.add_column("Id", no_wrap=True)
    listing.add_column("Severity")
    listing.add_column("Category")
    listing.add_column("Title", overflow="fold")
    for rule in ordered:
        severity = f"[{SEVERITY_STYLES.get(rule.severity, '')}]{rule.severity}[/]"
        listing.add_row(rule.id, severity, rule.category, rule.title)
    Console().print(listing)
