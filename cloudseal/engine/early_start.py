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
import os
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

# Below this size, OPA collects garbage less often (GOGC=400) and trades memory for time:
# - 100 resources: OPA's compile of the rules took 0.17 s instead of 0.21 to 0.25, and the scan
#   10 to 15% less, for 11 MB more;
# - cfn-5000 (2.9 MB): the scan took 2.03 s instead of 2.17 s, and its process tree 427 MB
#   instead of 354 MB;
# - snapshot-10000 (6.9 MB): evaluation took 1.49 to 1.52 s instead of 1.62 s, and the tree
#   399 to 478 MB instead of 379 to 387 MB.
# On nested-20000 (11.7 MB) the same setting raised the tree from 1.07 to 1.45 GB, so larger
# inputs keep Go's default.
SMALL_INPUT_BYTES = 8 * 1024 * 1024
SMALL_INPUT_GC_PERCENT = 400


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
        server = LocalOpaServer(unchecked, [builtin_policy_dir()], gc_percent_for(arguments[1:]))
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


def gc_percent_for(arguments: Sequence[str]) -> int | None:
    """Return OPA's GOGC for a scan whose command line names these arguments, or None for Go's default."""
    return SMALL_INPUT_GC_PERCENT if _inputs_smaller_than(arguments, SMALL_INPUT_BYTES) else None


def _inputs_smaller_than(arguments: Sequence[str], limit: int) -> bool:
    """Tell whether the files that the command line names, directories walked, hold fewer than `limit` bytes.

    Any argument that names an existing path counts, an option's value too, so
    the estimate errs towards large. A command line without paths is not small.
    """
    total = 0
    found = False
    for argument in arguments:
        if argument.startswith("-"):
            continue
        try:
            if os.path.isfile(argument):
                total += os.path.getsize(argument)
            elif os.path.isdir(argument):
                for root, _, files in os.walk(argument):
                    total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
                    if total >= limit:
                        return False
            else:
                continue
        except OSError:
            return False
        found = True
        if total >= limit:
            return False
    return found
