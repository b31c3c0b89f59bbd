"""The `cloudseal` executable: start OPA early for a scan, run the command, end the process."""

from __future__ import annotations

import logging
import os
import sys

# Only the modules that can start OPA load before the launch; typer and the commands load after it.
from cloudseal.engine import early_start
from cloudseal.engine.server import terminate_on_sigterm

# The same code as cloudseal.cli.app.EXIT_INTERRUPTED, which may not be loaded when Ctrl-C arrives.
_EXIT_INTERRUPTED = 130


def interrupted_by(error: BaseException) -> bool:
    """Tell whether Ctrl-C or SIGTERM caused an error, also when Python wrapped the interrupt in another error.

    An interrupt that arrives while a module defines a class can surface as a
    RuntimeError from __set_name__, with the KeyboardInterrupt as its cause.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def main() -> None:
    """Run the `cloudseal` command and end the process with its exit code."""
    arguments = sys.argv[1:]
    # From the first instruction on, SIGTERM acts as Ctrl-C, so an early OPA is stopped either way.
    with terminate_on_sigterm():
        try:
            early_start.start_for(arguments)
            from cloudseal.cli.app import run  # noqa: PLC0415 - imported while OPA compiles the rules

            code = run(arguments)
        except Exception as error:
            if not interrupted_by(error):
                raise
            print("interrupted", file=sys.stderr)
            code = _EXIT_INTERRUPTED
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            code = _EXIT_INTERRUPTED
        finally:
            early_start.stop()
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)  # a debugger, profiler or coverage tool writes its results at exit
    # Every file is closed by now. Ending the process here skips the interpreter's teardown of
    # each imported module, tens of milliseconds after a small scan has finished its work.
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
