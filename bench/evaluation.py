"""Time OPA evaluation alone: one query over a whole snapshot, with the real rule library.

This is cloudseal's `evaluate` stage as `scan` runs it (cloudseal.engine.client.evaluate:
encode the input, send it to a local OPA server, evaluate, decode the verdicts),
repeated on one running server. One more query asks OPA for its own metrics,
which split the time into parsing the input, evaluating the query and the
rest of the HTTP handling.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from cloudseal.engine.client import RESULTS_PACKAGE, RESULTS_RULE, OpaEndpoint, evaluate
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.server import LocalOpaServer
from cloudseal.paths import builtin_policy_dir

# OPA metrics reported in nanoseconds, with the names printed for them.
OPA_TIMERS = {
    "timer_rego_input_parse_ns": "input parse",
    "timer_rego_query_eval_ns": "query eval",
    "timer_server_handler_ns": "server handler",
}


@dataclass
class EvaluationFigures:
    """Timings of the evaluate stage on one snapshot."""

    name: str
    resources: int
    verdicts: int
    seconds: list[float]
    opa_metrics: dict[str, float] = field(default_factory=dict)
    first_seconds: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "resources": self.resources, "verdicts": self.verdicts, "seconds": self.seconds,
            "median_seconds": self.median, "first_seconds": self.first_seconds, "opa_metrics": self.opa_metrics,
        }


def _opa_metrics(url: str, document: dict[str, Any]) -> dict[str, float]:
    response = requests.post(
        f"{url}/v1/data/{RESULTS_PACKAGE}/{RESULTS_RULE}",
        params={"metrics": "true"},
        data=json.dumps({"input": document}),
        headers={"Content-Type": "application/json"},
        timeout=600,
    )
    response.raise_for_status()
    metrics = response.json().get("metrics") or {}
    return {label: metrics[name] / 1e9 for name, label in OPA_TIMERS.items() if name in metrics}


def time_evaluation(path: Path, runs: int = 3) -> EvaluationFigures:
    """Evaluate the snapshot at PATH `runs` times after a first query, and return the timings."""
    document = json.loads(path.read_text(encoding="utf-8"))
    policy_dirs = [builtin_policy_dir()]
    with LocalOpaServer(find_opa(), policy_dirs) as server:
        endpoint = OpaEndpoint(server.url)
        started = time.perf_counter()
        verdicts = evaluate(endpoint, document)
        first = time.perf_counter() - started

        seconds: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            evaluate(endpoint, document)
            seconds.append(time.perf_counter() - started)
        metrics = _opa_metrics(server.url, document)
    return EvaluationFigures(
        name=path.stem, resources=len(document["resources"]), verdicts=len(verdicts), seconds=seconds,
        opa_metrics=metrics, first_seconds=first,
    )
