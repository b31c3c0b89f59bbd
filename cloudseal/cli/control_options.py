"""Command-line options of `scan` for reports, rule selection, waivers, baseline and configuration."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cloudseal.report.formats import OutputFormat

FORMAT_NAMES = ", ".join(item.value for item in OutputFormat)


class FailOn(StrEnum):
    """Lowest severity of a failing finding that makes the exit code 1."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"
    NONE = "none"


FormatOption = Annotated[
    list[str] | None,
    typer.Option(
        "--format", "-f", metavar="FORMAT[=PATH]",
        help=f"Report format ({FORMAT_NAMES}); FORMAT=PATH writes that format to PATH. Repeatable. "
        "Default: table.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report of the --format without a path to this file."),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(help="Exit with code 1 when a finding fails at or above this severity. Default: low."),
]
FailOnUnknownOption = Annotated[
    bool | None,
    typer.Option(
        "--fail-on-unknown/--no-fail-on-unknown",
        help="Also exit with code 1 for unknown findings at or above the --fail-on severity.",
        show_default=False,
    ),
]
RuleOption = Annotated[
    list[str] | None,
    typer.Option("--rule", metavar="PATTERN", help="Run only rules whose id or category matches; glob, repeatable."),
]
SkipRuleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--skip-rule", metavar="PATTERN", help="Leave out rules whose id or category matches; glob, repeatable."
    ),
]
WaiversOption = Annotated[
    Path | None,
    typer.Option("--waivers", metavar="FILE", help="YAML file of waivers: accepted findings with owner and expiry."),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option("--baseline", metavar="FILE", help="Fail only on findings that are not in this baseline file."),
]
WriteBaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--write-baseline", metavar="FILE", help="Record the failing and unknown findings of this scan in FILE."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE",
        help="Configuration file. Default: .cloudseal.yaml in the working directory or the nearest parent.",
    ),
]
