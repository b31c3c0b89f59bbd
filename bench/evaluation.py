"""Time OPA evaluation alone on a whole snapshot, with the real rule library.

This is cloudseal's `evaluate` stage as `scan` runs it (cloudseal.engine.client.evaluate:
encode the input, write it once to a local OPA server and run one query per usable
core over it, evaluate, decode and merge the verdicts), repeated on one running server. One
more single query reads OPA's own metrics, which split the time into
parsing the input, evaluating the query and the rest of the HTTP handling.

`python -m bench.evaluation FILE...` prints these figures, and with --groups
the evaluation time of each rule group alone and each group's share, averaged
over the files of each source kind (template or snapshot): the measurement
behind the cost tables of cloudseal.engine.query_plan.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from cloudseal.collector.snapshot_file import read_snapshot
from cloudseal.engine.client import (
    GROUP_VERDICTS_RULE,
    GROUPS_RULE,
    RESULTS_PACKAGE,
    RESULTS_RULE,
    OpaEndpoint,
    evaluate,
)
from cloudseal.engine.early_start import gc_percent_for
from cloudseal.engine.metadata import load_rule_catalog
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.query_plan import group_resource_types, query_count, resource_percent, source_kind, usable_cores
from cloudseal.engine.server import LocalOpaServer
from cloudseal.errors import InputError
from cloudseal.paths import builtin_policy_dir

# A query that builds the library's index of resources by type, which every query builds once.
TYPE_INDEX_QUERY = "count(data.cloudseal.lib.resources.by_type)"
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
    queries: int = 1

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "resources": self.resources, "verdicts": self.verdicts, "seconds": self.seconds,
            "median_seconds": self.median, "first_seconds": self.first_seconds, "opa_metrics": self.opa_metrics,
            "queries": self.queries,
        }


def _post_with_metrics(url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST the body to the server's v1 API path with OPA's metrics on, and return the decoded response."""
    response = requests.post(
        f"{url}/v1/{path}",
        params={"metrics": "true"},
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
        timeout=600,
    )
    response.raise_for_status()
    decoded: dict[str, Any] = response.json()
    return decoded


def _fastest_eval_seconds(url: str, path: str, body: dict[str, Any]) -> float:
    """Send the request three times and return OPA's fastest query evaluation time, in seconds."""
    runs = [_post_with_metrics(url, path, body) for _ in range(3)]
    fastest: float = min(run["metrics"]["timer_rego_query_eval_ns"] for run in runs) / 1e9
    return fastest


def _opa_metrics(url: str, document: dict[str, Any]) -> dict[str, float]:
    response = _post_with_metrics(url, f"data/{RESULTS_PACKAGE}/{RESULTS_RULE}", {"input": document})
    metrics = response.get("metrics") or {}
    return {label: metrics[name] / 1e9 for name, label in OPA_TIMERS.items() if name in metrics}


def time_groups(document: dict[str, Any]) -> tuple[dict[str, float], float]:
    """Time each rule group alone on the document, and the type index alone.

    Returns OPA's evaluation time in seconds of each group, costliest first, and
    of the index of resources by type. Each query runs three times and the
    fastest run counts. A group's time includes the library indexes that it
    builds. Every query builds the type index, so the plan's weights leave it out.
    """
    seconds: dict[str, float] = {}
    with LocalOpaServer(find_opa(), [builtin_policy_dir()]) as server:
        groups = requests.post(f"{server.url}/v1/data/{RESULTS_PACKAGE}/{GROUPS_RULE}", timeout=60).json()["result"]
        for group in groups:
            seconds[group] = _fastest_eval_seconds(
                server.url, f"data/{RESULTS_PACKAGE}/{GROUP_VERDICTS_RULE}",
                {"input": {"groups": [group], "document": document}},
            )
        # An ad hoc query that returns a count, so that no large value is serialized.
        type_index = _fastest_eval_seconds(server.url, "query", {"query": TYPE_INDEX_QUERY, "input": document})
    return dict(sorted(seconds.items(), key=lambda item: -item[1])), type_index


def marginal_shares(seconds: dict[str, float], type_index: float) -> dict[str, float]:
    """Return each group's share, in percent, of the summed group times without the type index."""
    marginal = {group: max(0.0, value - type_index) for group, value in seconds.items()}
    total = sum(marginal.values()) or 1.0
    return {group: 100 * value / total for group, value in marginal.items()}


def read_document(path: Path) -> dict[str, Any]:
    """Read a snapshot file, compressed or not, or an input document of source kind template.

    Problems raise InputError with the file's name, as `scan --snapshot` reports them.
    A template document is the JSON that a scan of templates sends to OPA. The cost
    tables of the query plan are measured on such documents.
    """
    try:
        return read_snapshot(path)
    except InputError:
        template = _template_document(path)
        if template is None:
            raise
        return template


def _template_document(path: Path) -> dict[str, Any] | None:
    """Return the document in PATH if it is plain JSON of source kind template with resources, else None."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("resources"), dict):
        return None
    source = document.get("source")
    if not isinstance(source, dict) or source.get("kind") != "template":
        return None
    return document


def time_evaluation(
    path: Path, runs: int = 3, queries: int | None = None, document: dict[str, Any] | None = None,
) -> EvaluationFigures:
    """Evaluate the snapshot at PATH `runs` times after a first query, and return the timings.

    The number of queries is the one that `scan` would choose; `queries` overrides it.
    document is the content of PATH when the caller has read it already.
    """
    if document is None:
        document = read_document(path)
    if queries is None:
        queries = query_count(len(document["resources"]), usable_cores())
    policy_dirs = [builtin_policy_dir()]
    # The garbage collector setting that `scan --snapshot PATH` would give OPA.
    with LocalOpaServer(find_opa(), policy_dirs, gc_percent_for([str(path)])) as server:
        endpoint = OpaEndpoint(server.url)
        started = time.perf_counter()
        verdicts = evaluate(endpoint, document, queries, stage=True)
        first = time.perf_counter() - started

        seconds: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            evaluate(endpoint, document, queries, stage=True)
            seconds.append(time.perf_counter() - started)
        metrics = _opa_metrics(server.url, document)
    return EvaluationFigures(
        name=path.name.removesuffix(".gz").removesuffix(".json"), resources=len(document["resources"]),
        verdicts=len(verdicts), seconds=seconds,
        opa_metrics=metrics, first_seconds=first, queries=queries,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshots", nargs="+", type=Path, help="Snapshot files to evaluate.")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs after the first query (default: 3).")
    parser.add_argument("--queries", type=int, help="Number of concurrent queries (default: as scan chooses).")
    parser.add_argument("--groups", action="store_true", help="Also time each rule group alone.")
    arguments = parser.parse_args()
    shares: dict[str, list[dict[str, float]]] = {}
    mixes: dict[str, list[dict[str, float]]] = {}
    group_types = group_resource_types(
        (rule.package, rule.resource_types) for rule in load_rule_catalog(find_opa(), [builtin_policy_dir()]).values()
    ) if arguments.groups else {}
    for path in arguments.snapshots:
        try:
            document = read_document(path)
        except InputError as error:
            parser.exit(2, f"bench.evaluation: {error}\n")
        figures = time_evaluation(path, arguments.runs, arguments.queries, document)
        print(json.dumps(figures.to_json()))
        if arguments.groups:
            seconds, type_index = time_groups(document)
            print(json.dumps({"name": figures.name, "group_seconds": seconds, "type_index_seconds": type_index}))
            shares.setdefault(source_kind(document), []).append(marginal_shares(seconds, type_index))
            mixes.setdefault(source_kind(document), []).append(resource_percent(document, group_types))
    if shares:
        print(json.dumps({"group_cost_percent": {kind: average_shares(each) for kind, each in shares.items()}}))
        print(json.dumps({"group_resource_percent": {
            kind: {group: value for group, value in average_shares(percents, 2).items() if value > 0}
            for kind, percents in mixes.items()
        }}))


def average_shares(shares: list[dict[str, float]], digits: int = 1) -> dict[str, float]:
    """Average each group's share over the inputs, largest first, rounded to `digits` decimals."""
    groups = {group for share in shares for group in share}
    averages = {group: round(sum(share.get(group, 0.0) for share in shares) / len(shares), digits) for group in groups}
    return dict(sorted(averages.items(), key=lambda item: (-item[1], item[0])))


if __name__ == "__main__":
    main()
