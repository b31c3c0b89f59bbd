"""Report formats, where each one goes, and writing them all at the end of a scan.

`--format NAME` sends one format to standard output (or to --output FILE);
`--format NAME=PATH` writes it to PATH, and may be repeated for several formats
in one run; when every format goes to a file, the table still goes to standard
output. Every path is checked before the scan starts. All reports are
rendered before the first one is written, so a format that cannot be produced
leaves no file behind, and each file is replaced atomically.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cloudseal.cli.output import check_writable, write_atomically
from cloudseal.errors import InputError
from cloudseal.report.context import ReportContext

if TYPE_CHECKING:
    from rich.console import Console


class OutputFormat(StrEnum):
    """Report formats that `scan` writes."""

    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    ASFF = "asff"


@dataclass(frozen=True)
class OutputTarget:
    """One report to produce: its format and its file, or None for standard output."""

    format: OutputFormat
    path: Path | None


def _parse_format(name: str, spec: str) -> OutputFormat:
    try:
        return OutputFormat(name.strip().lower())
    except ValueError:
        names = ", ".join(item.value for item in OutputFormat)
        raise InputError(f"invalid --format {spec!r}: unknown format {name!r}; choose one of {names}.") from None


def plan_outputs(specs: Sequence[str] | None, output: Path | None) -> list[OutputTarget]:
    """Turn --format and --output options into output targets and check that every file can be written."""
    targets: list[OutputTarget] = []
    to_stream: list[OutputFormat] = []
    for spec in specs or ["table"]:
        name, separator, path = spec.partition("=")
        output_format = _parse_format(name, spec)
        if separator:
            if not path:
                raise InputError(f"invalid --format {spec!r}: the file name after '=' is empty.")
            targets.append(OutputTarget(output_format, Path(path)))
        else:
            to_stream.append(output_format)

    if len(to_stream) > 1:
        raise InputError(
            f"--format {' and '.join(to_stream)} would both go to {output or 'standard output'}; "
            "give all formats but one as NAME=PATH, for example --format sarif=cloudseal.sarif."
        )
    if to_stream:
        targets.append(OutputTarget(to_stream[0], output))
    elif output is not None:
        raise InputError("--output needs a --format without a file name; write --format NAME=PATH instead.")
    else:
        # With every format in a file, the table still shows the result in the terminal or CI log.
        targets.append(OutputTarget(OutputFormat.TABLE, None))

    seen: dict[Path, OutputTarget] = {}
    for target in targets:
        if target.path is None:
            continue
        if target.path.exists() and not target.path.is_file() and not target.path.is_dir():
            raise InputError(f"cannot write {target.path}: it is not a regular file; give a file name.")
        check_writable(target.path)
        resolved = target.path.resolve()
        if resolved in seen:
            raise InputError(f"{target.path} is the output of two formats; give each format its own file.")
        seen[resolved] = target
    return targets


def output_paths(targets: Sequence[OutputTarget]) -> list[Path]:
    """Return the files that the targets write."""
    return [target.path for target in targets if target.path is not None]


def link_base_from_environment(environment: Mapping[str, str] | None = None) -> str | None:
    """Return the blob URL of the commit under test in GitHub Actions, for Markdown links; None elsewhere."""
    environment = os.environ if environment is None else environment
    server = environment.get("GITHUB_SERVER_URL")
    repository = environment.get("GITHUB_REPOSITORY")
    commit = environment.get("GITHUB_SHA")
    if server and repository and commit:
        return f"{server.rstrip('/')}/{repository}/blob/{commit}"
    return None


# Each format's module is imported when that format is written, so a scan loads only the
# renderers it uses and its start-up stays short.
def _render_json(report: Mapping[str, Any], _context: ReportContext) -> str:
    from cloudseal.report import json_report  # noqa: PLC0415

    return json_report.render(dict(report))


def _render_sarif(report: Mapping[str, Any], context: ReportContext) -> str:
    from cloudseal.report import sarif  # noqa: PLC0415

    return sarif.render(report, context)


def _render_junit(report: Mapping[str, Any], context: ReportContext) -> str:
    from cloudseal.report import junit  # noqa: PLC0415

    return junit.render(report, context)


def _render_markdown(report: Mapping[str, Any], context: ReportContext) -> str:
    from cloudseal.report import markdown  # noqa: PLC0415

    return markdown.render(report, context)


def _render_asff(report: Mapping[str, Any], context: ReportContext) -> str:
    from cloudseal.report import asff  # noqa: PLC0415

    return asff.render(report, context)


def _render_table(report: Mapping[str, Any], context: ReportContext) -> str:
    from cloudseal.report import table  # noqa: PLC0415

    return table.render_plain(report, context.show_passed)


_RENDERERS: dict[OutputFormat, Callable[[Mapping[str, Any], ReportContext], str]] = {
    OutputFormat.JSON: _render_json,
    OutputFormat.SARIF: _render_sarif,
    OutputFormat.JUNIT: _render_junit,
    OutputFormat.MARKDOWN: _render_markdown,
    OutputFormat.ASFF: _render_asff,
    OutputFormat.TABLE: _render_table,
}


def render_format(output_format: OutputFormat, report: Mapping[str, Any], context: ReportContext) -> str:
    """Render the report in one format as text."""
    return _RENDERERS[output_format](report, context)


def write_outputs(
    targets: Sequence[OutputTarget], report: Mapping[str, Any], context: ReportContext, console: Console | None = None
) -> None:
    """Render every target first, then write files atomically and print the standard output one."""
    rendered: list[tuple[OutputTarget, str | None]] = []
    for target in targets:
        if target.path is None and target.format is OutputFormat.TABLE:
            rendered.append((target, None))
            continue
        rendered.append((target, render_format(target.format, report, context)))

    for target, text in rendered:
        if target.path is not None:
            write_atomically(target.path, text or "")
        elif text is None:
            # rich takes about 0.03 s to import, so only the terminal table loads it.
            from rich.console import Console  # noqa: PLC0415

            from cloudseal.report import table  # noqa: PLC0415

            table.render(console or Console(), report, show_passed=context.show_passed)
        else:
            stream = console.file if console is not None else sys.stdout
            stream.write(text)
            stream.flush()
