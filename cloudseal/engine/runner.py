"""Evaluate an input document against the rules, on a local or a user-run OPA server."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from cloudseal.engine import early_start
from cloudseal.engine.bundle import policy_revision
from cloudseal.engine.client import DEFAULT_TIMEOUT_SECONDS, OpaEndpoint, evaluate_when_ready, served_revisions
from cloudseal.engine.metadata import RuleMetadata, load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.query_plan import group_resource_types, query_count, usable_cores
from cloudseal.engine.server import LocalOpaServer
from cloudseal.engine.sync_client import load_opa_client
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
    # Rule metadata that the caller already read; the engine reads it with `opa inspect` otherwise.
    catalog: Mapping[str, RuleMetadata] | None = None


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


class Engine:
    """OPA for one command: started on entry so that it compiles the rules while sources load.

    Use it as a context manager around loading the input and calling evaluate();
    a local OPA process is stopped on every exit path.
    """

    def __init__(self, options: EngineOptions) -> None:
        self._options = options
        self._server: LocalOpaServer | None = None
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._catalog: Future[dict[str, RuleMetadata]] | None = None
        self.timings: dict[str, float] = {}
        self._started = 0.0

    def __enter__(self) -> Engine:
        try:
            opa = find_opa()
            # Launch before starting the threads below, which compete with this one for the interpreter
            # while OPA compiles on another core.
            if not self._options.opa_url:
                self._server = early_start.adopt(opa, self._options.policy_dirs)
                if self._server is None:
                    self._server = LocalOpaServer(opa, self._options.policy_dirs)
                    self._server.launch()
                self._started = self._server.launched_at
            if self._options.catalog is not None:
                self._catalog = Future()
                self._catalog.set_result(dict(self._options.catalog))
            else:
                self._catalog = self._pool.submit(load_rule_catalog, opa, self._options.policy_dirs)
            # The OPA client library takes a noticeable time to import; do it while OPA starts.
            self._pool.submit(load_opa_client)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the local OPA process, if any, and the metadata thread."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _endpoint(self) -> OpaEndpoint:
        options = self._options
        if options.opa_url:
            endpoint = OpaEndpoint(options.opa_url, options.opa_token, options.timeout)
            if options.check_revision:
                _check_remote_revision(endpoint, options.policy_dirs)
            return endpoint
        if self._server is None:
            raise EngineError("the engine is not running; use it as a context manager.")
        waiting = time.perf_counter()
        self._server.wait_ready()
        # opa_wait is how long the command waited for OPA after loading and encoding its input.
        # opa_start counts from the launch.
        self.timings["opa_wait"] = time.perf_counter() - waiting
        self.timings["opa_start"] = time.perf_counter() - self._started
        return OpaEndpoint(self._server.url, None, options.timeout)

    def rule_catalog(self) -> dict[str, RuleMetadata]:
        """Return the rule metadata, waiting for `opa inspect` if it still runs."""
        if self._catalog is None:
            raise EngineError("the engine is not running; use it as a context manager.")
        return self._catalog.result()

    def evaluate(self, document: dict[str, Any]) -> Evaluation:
        """Evaluate the whole document and return verdicts with rule metadata.

        A large document is evaluated in one query per usable core, each over a share of the rule groups.
        """
        # NOTE: for a server given with --opa-url, the cores of this machine stand in for the server's,
        # and every query uploads the whole document again.
        queries = query_count(len(document.get("resources") or {}), usable_cores())
        waited = 0.0

        def ready() -> OpaEndpoint:
            nonlocal waited
            waiting = time.perf_counter()
            endpoint = self._endpoint()
            waited = time.perf_counter() - waiting
            return endpoint

        # Only the server that this engine launched is written to, because a server given with
        # --opa-url is shared. The catalog describes that server's rules, and their resource types
        # weigh the groups of the plan.
        own_server = self._server is not None
        group_types = group_resource_types(
            (rule.package, rule.resource_types) for rule in self.rule_catalog().values()
        ) if own_server and queries > 1 else None
        started = time.perf_counter()
        # The document is encoded while a local OPA may still compile the rules, and the evaluate
        # stage leaves out the wait.
        verdicts = evaluate_when_ready(ready, document, queries, stage=own_server, group_types=group_types)
        self.timings["evaluate"] = time.perf_counter() - started - waited
        return Evaluation(verdicts=verdicts, catalog=self.rule_catalog(), timings=dict(self.timings))


def run_evaluation(document: dict[str, Any], options: EngineOptions) -> Evaluation:
    """Evaluate an already loaded document: start OPA, query it, stop OPA."""
    with Engine(options) as engine:
        return engine.evaluate(document)
