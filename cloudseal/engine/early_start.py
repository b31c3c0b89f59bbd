"""Start OPA for a scan before the command's own modules are imported.

Importing typer and the scan command takes about 0.07 s, during which the second
core is idle, and OPA then needs about 0.2 s to compile the rules. For the usual
invocation, `cloudseal scan` with the built-in rules on a local OPA,
cloudseal.cli.entry.main() launches OPA first. The engine adopts that server when
it needs the same executable and policy directories, and stops it otherwise.
main() stops a server that was never adopted, and PR_SET_PDEATHSIG stops it if
the process dies first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from cloudseal.engine.opa_binary import OpaBinary, locate_opa
from cloudseal.engine.server import LocalOpaServer
from cloudseal.errors import CloudsealError
from cloudseal.paths import builtin_policy_dir

LOG = logging.getLogger(__name__)

# Options after which the scan needs another server, or none at all.
_OTHER_SERVER_OPTIONS = ("--opa-url", "--policy-dir", "--config", "--help", "-h")

_early: LocalOpaServer | None = None


def start_for(arguments: Sequence[str]) -> None:
    """Launch OPA with the built-in rules if the command line is a scan that will need it."""
    global _early  # noqa: PLW0603 - one server per process, owned by this module until adopted
    if not arguments or arguments[0] != "scan" or _early is not None:
        return
    if any(argument.split("=", 1)[0] in _OTHER_SERVER_OPTIONS for argument in arguments[1:]):
        return
    path = locate_opa()
    if path is None:
        return
    # Not run before the launch: `opa version` would delay it by 20 ms. The engine checks the version
    # with find_opa() while OPA compiles, and stops this server if the check fails.
    unchecked = OpaBinary(path=path, version=(0, 0, 0))
    try:
        server = LocalOpaServer(unchecked, [builtin_policy_dir()])
        server.launch()
    except (CloudsealError, OSError) as error:
        # The scan finds the same problem again and reports it in its own words.
        LOG.debug("OPA was not started early: %s", error)
        return
    _early = server


def adopt(opa: OpaBinary, policy_dirs: Sequence[Path]) -> LocalOpaServer | None:
    """Hand over the early server if it runs OPA with these policy directories; stop it otherwise."""
    global _early
    server, _early = _early, None
    if server is None:
        return None
    if server.serves(opa, policy_dirs):
        return server
    LOG.debug("the early OPA server has other policy directories; starting another")
    server.stop()
    return None


def stop() -> None:
    """Stop the early server if no engine adopted it."""
    global _early
    server, _early = _early, None
    if server is not None:
        server.stop()
