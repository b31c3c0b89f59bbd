"""The `cloudseal` command: application object, logging set-up and error handling."""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console

from cloudseal.errors import CloudsealError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="cloudseal",
    help="Check that AWS serverless workloads protect their data, before and after deployment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)


def configure_logging(verbose: int) -> None:
    """Send diagnostics to stderr: warnings by default, info with -v, debug with -vv."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _register_commands() -> None:
    # Imported for their side effect of adding commands to `app`.
    from cloudseal.cli import catalog, collect, scan, tools  # noqa: F401, PLC0415


def main() -> None:
    """Run the CLI, turning cloudseal's own errors into one line and exit code 2."""
    _register_commands()
    try:
        app()
    except CloudsealError as error:
        stderr.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(EXIT_USAGE)
    except SystemExit as exit_request:
        # Typer turns KeyboardInterrupt (Ctrl-C, or SIGTERM during a scan) into exit code 130.
        if exit_request.code == EXIT_INTERRUPTED:
            stderr.print("interrupted")
        raise
