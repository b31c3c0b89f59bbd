"""The `cloudseal` command: application object, logging set-up and error handling.

cloudseal.cli.entry is the executable's entry point and calls run().
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

import typer

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


def configure_logging(verbose: int) -> None:
    """Send diagnostics to stderr: warnings by default, info with -v, debug with -vv."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.callback()
def _group() -> None:
    # A callback keeps `cloudseal` a group of commands even when only one command is registered.
    pass


# The module that defines each command. Only the invoked command's module is imported, so that a
# scan does not wait for the imports of the others. Help and unknown names load them all.
COMMAND_MODULES = {
    "scan": "scan", "collect": "collect", "rules": "catalog", "explain": "catalog",
    "bundle": "tools", "version": "tools",
}


def _register_commands(arguments: Sequence[str]) -> None:
    first = arguments[0] if arguments else None
    modules = [COMMAND_MODULES[first]] if first in COMMAND_MODULES else sorted(set(COMMAND_MODULES.values()))
    for module in modules:
        importlib.import_module(f"cloudseal.cli.{module}")  # adds its commands to `app`


def run(arguments: Sequence[str]) -> int:
    """Run the CLI and return its exit code, turning cloudseal's own errors into one line and code 2."""
    _register_commands(arguments)
    try:
        app(args=list(arguments))
    except CloudsealError as error:
        from rich.console import Console  # noqa: PLC0415 - kept off the start-up path of every command

        Console(stderr=True).print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        return EXIT_USAGE
    except SystemExit as exit_request:
        # Typer turns KeyboardInterrupt (Ctrl-C, or SIGTERM during a scan) into exit code 130.
        if exit_request.code == EXIT_INTERRUPTED:
            print("interrupted", file=sys.stderr)
        if isinstance(exit_request.code, str):
            print(exit_request.code, file=sys.stderr)
            return 1
        return exit_request.code or EXIT_OK
    return EXIT_OK
