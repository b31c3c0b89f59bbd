"""Evaluate an input document against the rules, on a local or a user-run OPA server."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.engine.bundle import policy_revision
from cloudseal.engine.client import DEFAULT_TIMEOUT_SECONDS, OpaEndpoint, evaluate, served_revisions
from cloudseal.engine.metadata import RuleMetadata, load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.server import LocalOpaServer
from cloudseal.errors import EngineError

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineOptions:
    """How to reach OPA for one run."""

    policy_dirs: Sequence[Path]
    opa_url: str | None = None
    opa_token: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    check_revision: bool = True


@dataclass
class Evaluation:
    """Raw verdicts, the rule catalog, and how long each stage took in seconds."""

    verdicts: list[dict[str, Any]]
    catalog: dict[str, RuleMetadata]
    timings: dict[str, float] = field(default_factory=dict)


def _check_remote_revision(endpoint: OpaEndpoint, policy_dirs: Sequence[Path]) -> None:
    expected = policy_revision(policy_dirs)
    served = served_revisions(endpoint)
    if expected in served:
        return
    found = ", ".join(served) if served else "no bundle revision"
    raise EngineError(
        f"OPA at {endpoint.url} serves {found}, but the local policies are revision {expected}; "
        "load the bundle that `cloudseal bundle` builds into that server, "
        "or pass --no-revision-check to evaluate anyway."
    )


def run_evaluation(document: dict[str, Any], options: EngineOptions) -> Evaluation:
    """Evaluate the whole document in one query and read rule metadata beside it."""
    timings: dict[str, float] = {}
    opa = find_opa()
    with ThreadPoolExecutor(max_workers=1) as pool:
        catalog_future = pool.submit(load_rule_catalog, opa, options.policy_dirs)
        if options.opa_url:
            endpoint = OpaEndpoint(options.opa_url, options.opa_token, options.timeout)
            if options.check_revision:
                _check_remote_revision(endpoint, options.policy_dirs)
            started = time.perf_counter()
            verdicts = evaluate(endpoint, document)
            timings["evaluate"] = time.perf_counter() - started
        else:
            started = time.perf_counter()
            with LocalOpaServer(opa, options.policy_dirs) as server:
                timings["opa_start"] = time.perf_counter() - started
                started = time.perf_counter()
                verdicts = evaluate(OpaEndpoint(server.url, None, options.timeout), document)
                timings["evaluate"] = time.perf_counter() - started
        catalog = catalog_future.result()
    return Evaluation(verdicts=verdicts, catalog=catalog, timings=timings)
