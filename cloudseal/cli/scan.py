"""`cloudseal scan`: judge templates against the rules and report."""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cloudseal.cfn.loader import SourceOptions, build_document
from cloudseal.cli.app import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, app, configure_logging
from cloudseal.cli.output import check_writable, write_atomically
from cloudseal.engine.client import DEFAULT_TIMEOUT_SECONDS
from cloudseal.engine.runner import Engine, EngineOptions
from cloudseal.engine.server import terminate_on_sigterm
from cloudseal.errors import InputError
from cloudseal.findings import build_findings, fails_threshold
from cloudseal.paths import builtin_policy_dir
from cloudseal.report import json_report, table

LOG = logging.getLogger(__name__)


class OutputFormat(StrEnum):
    """Report formats that `scan` writes."""

    TABLE = "table"
    JSON = "json"


class FailOn(StrEnum):
    """Lowest severity of a failing finding that makes the exit code 1."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"
    NONE = "none"


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """Parse repeated Key=Value options into a mapping."""
    parameters: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise InputError(f"invalid --parameter {pair!r}: expected Key=Value, for example Stage=prod.")
        parameters[key] = value
    return parameters


def policy_dirs_for(extra: list[Path]) -> list[Path]:
    """Return the built-in policy directory followed by the user's, checking each exists."""
    builtin = builtin_policy_dir()
    if not builtin.is_dir():
        raise InputError(
            f"the built-in policies were not found at {builtin}; reinstall cloudseal "
            "or set CLOUDSEAL_POLICIES to the policies directory."
        )
    for directory in extra:
        if not directory.is_dir():
            raise InputError(f"--policy-dir {directory} is not a directory; give the folder of your Rego rules.")
    return [builtin, *extra]


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Template files or directories to scan.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit with code 1 when a finding fails at or above this severity.")
    ] = FailOn.LOW,
    parameter: Annotated[
        list[str] | None, typer.Option("--parameter", "-p", help="Template parameter as Key=Value; repeatable.")
    ] = None,
    region: Annotated[str | None, typer.Option(help="Region that AWS::Region stands for.")] = None,
    account: Annotated[str | None, typer.Option(help="Account id that AWS::AccountId stands for.")] = None,
    policy_dir: Annotated[
        list[Path] | None, typer.Option("--policy-dir", help="Extra directory of Rego rules; repeatable.")
    ] = None,
    opa_url: Annotated[
        str | None, typer.Option(help="Use this OPA server (http://HOST:PORT) instead of starting one.")
    ] = None,
    opa_token: Annotated[
        str | None, typer.Option(envvar="CLOUDSEAL_OPA_TOKEN", help="Bearer token for --opa-url.")
    ] = None,
    opa_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for OPA's answer before giving up.")
    ] = DEFAULT_TIMEOUT_SECONDS,
    revision_check: Annotated[
        bool, typer.Option(help="Require the --opa-url server to run the same policy revision.")
    ] = True,
    show_passed: Annotated[bool, typer.Option(help="List passing findings in the table too.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More diagnostics on stderr.")] = 0,
) -> None:
    """Scan CloudFormation templates and report the verdict of every rule on every resource."""
    configure_logging(verbose)
    if output is not None:
        check_writable(output)
    options = SourceOptions(parameters=parse_parameters(parameter or []), region=region, account=account)
    engine = EngineOptions(
        policy_dirs=policy_dirs_for(policy_dir or []),
        opa_url=opa_url,
        opa_token=opa_token,
        timeout=opa_timeout,
        check_revision=revision_check,
    )

    # OPA starts first and compiles the rules while the templates load.
    with terminate_on_sigterm(), Engine(engine) as running_engine:
        document = build_document(paths, options)
        evaluation = running_engine.evaluate(document)
    findings = build_findings(evaluation.verdicts, evaluation.catalog, document)
    report = json_report.build_report(findings, document["source"], document["errors"])

    if output_format is OutputFormat.JSON:
        text = json_report.render(report)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomically(output, text)
    elif output is None:
        table.render(Console(), report, show_passed=show_passed)
    else:
        console = Console(record=True, width=120, force_terminal=False, file=open(  # noqa: SIM115
            "/dev/null", "w", encoding="utf-8"))
        table.render(console, report, show_passed=show_passed)
        write_atomically(output, console.export_text())

    if document["errors"]:
        raise typer.Exit(EXIT_USAGE)
    if fails_threshold(findings, fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)
