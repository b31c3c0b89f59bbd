"""Evaluation split into concurrent rule-group queries, against a real OPA server."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cloudseal.cfn.loader import SourceOptions, build_document
from cloudseal.engine.client import OpaEndpoint, evaluate, evaluate_when_ready, rule_input
from cloudseal.engine.opa_binary import find_opa
from cloudseal.engine.query_plan import (
    GROUP_FAMILIES,
    MAX_QUERIES,
    SNAPSHOT_GROUP_COST_PERCENT,
    TEMPLATE_GROUP_COST_PERCENT,
    balance_groups,
    query_count,
    source_kind,
)
from cloudseal.engine.server import LocalOpaServer
from cloudseal.errors import EngineError
from cloudseal.paths import builtin_policy_dir
from tests.conftest import EXAMPLE_TEMPLATE, run_cli
from tests.engine.test_remote_opa import _start_opa

# A rule whose helper function returns two values for the same argument, which OPA
# reports as an evaluation error (HTTP 500) as soon as the rule meets a resource.
CONFLICTING_RULE = """# METADATA
# title: Conflicting rule
# description: Fails in OPA, for the error tests.
# custom:
#   id: broken-conflicting-value
#   severity: low
#   category: access-control
#   resource_types: ["AWS::S3::Bucket"]
#   remediation:
#     template: None.
#     live: None.
package cloudseal.rules.broken.conflicting_value

verdicts contains {"resource": resource_id, "verdict": "pass", "value": _value(resource_id)} if {
	some resource_id, _ in input.resources
}

_value(resource_id) := 1 if resource_id

_value(resource_id) := 2 if resource_id
"""


def _canonical(verdicts: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(verdict, sort_keys=True) for verdict in verdicts)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return build_document([EXAMPLE_TEMPLATE], SourceOptions())


@pytest.fixture(scope="module")
def local_opa() -> Iterator[OpaEndpoint]:
    with LocalOpaServer(find_opa(), [builtin_policy_dir()]) as server:
        yield OpaEndpoint(server.url)


@pytest.fixture(scope="module")
def broken_policy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("broken")
    (directory / "conflicting_value.rego").write_text(CONFLICTING_RULE, encoding="utf-8")
    return directory


def test_split_equals_single_query(
    local_opa: OpaEndpoint, document: dict[str, Any], caplog: pytest.LogCaptureFixture,
) -> None:
    single = evaluate(local_opa, document, 1)
    with caplog.at_level(logging.DEBUG, logger="cloudseal.engine.client"):
        split_in_two = evaluate(local_opa, document, 2)
        split_in_three = evaluate(local_opa, document, 3)
    failing_groups = {verdict["rule_id"].split("-")[0] for verdict in single if verdict["verdict"] == "fail"}

    assert len(failing_groups) >= 3, failing_groups
    assert "in 2 queries" in caplog.text
    assert "in 3 queries" in caplog.text
    assert _canonical(split_in_two) == _canonical(single)
    assert _canonical(split_in_three) == _canonical(single)


def test_staged_split_equals_single_query(local_opa: OpaEndpoint, document: dict[str, Any]) -> None:
    single = evaluate(local_opa, document, 1)
    staged = evaluate(local_opa, document, 2, stage=True)
    with urllib.request.urlopen(f"{local_opa.url}/v1/data/cloudseal_staged/document", timeout=30) as response:
        written = json.load(response)["result"]

    assert _canonical(staged) == _canonical(single)
    assert written == json.loads(json.dumps(rule_input(document)))


def test_rules_get_the_document_without_property_lines(document: dict[str, Any]) -> None:
    before = json.dumps(document)
    judged = rule_input(document)

    bucket = judged["resources"]["ReceiptsBucket"]
    assert "properties" not in bucket["location"]
    assert bucket["location"]["line"] == document["resources"]["ReceiptsBucket"]["location"]["line"]
    assert bucket["properties"] is document["resources"]["ReceiptsBucket"]["properties"]
    assert json.dumps(document) == before  # the report still reads the lines from the scan's own copy


def test_encoding_precedes_opa_wait(local_opa: OpaEndpoint, document: dict[str, Any]) -> None:
    waits: list[str] = []

    def ready() -> OpaEndpoint:
        waits.append("ready")
        return local_opa

    verdicts = evaluate_when_ready(ready, document, 2, stage=True)
    unencodable = {**document, "resources": {"Bad": {"type": "AWS::S3::Bucket", "properties": {"Size": float("nan")}}}}
    with pytest.raises(EngineError, match="JSON has no NaN or Infinity"):
        evaluate_when_ready(ready, unencodable, 2, stage=True)

    assert _canonical(verdicts) == _canonical(evaluate(local_opa, document, 1))
    # The document that cannot be encoded fails before the wait, so ready ran once.
    assert waits == ["ready"]


def test_split_of_empty_document(local_opa: OpaEndpoint) -> None:
    assert evaluate(local_opa, {"resources": {}}, 2) == []


@pytest.fixture(scope="module")
def broken_opa(broken_policy_dir: Path) -> Iterator[OpaEndpoint]:
    with LocalOpaServer(find_opa(), [builtin_policy_dir(), broken_policy_dir]) as server:
        yield OpaEndpoint(server.url)


def test_split_error_names_rule_and_file(broken_opa: OpaEndpoint, document: dict[str, Any]) -> None:
    with pytest.raises(EngineError) as single:
        evaluate(broken_opa, document, 1)
    with pytest.raises(EngineError) as split:
        evaluate(broken_opa, document, 2)

    message = str(split.value)
    assert message == str(single.value)
    assert f"OPA at {broken_opa.url} failed the evaluation query with HTTP 500" in message
    assert "conflicting_value.rego" in message
    assert "conflicting_value._value produced conflicting values for the same inputs" in message


def test_split_unreachable_server_message(document: dict[str, Any]) -> None:
    with LocalOpaServer(find_opa(), [builtin_policy_dir()]) as server:
        endpoint = OpaEndpoint(server.url)
    # The server has stopped, so its port no longer accepts connections.

    with pytest.raises(EngineError) as error:
        evaluate(endpoint, document, 2)

    assert str(error.value) == f"cannot connect to OPA at {endpoint.url} (the evaluation query); is the server running?"


def test_split_on_bundle_server(opa_path: Path, tmp_path: Path, document: dict[str, Any]) -> None:
    bundle = tmp_path / "cloudseal.tar.gz"
    built = run_cli("bundle", "--output", str(bundle))
    assert built.returncode == 0, built.stderr
    process, url = _start_opa(opa_path, bundle)
    try:
        endpoint = OpaEndpoint(url)
        single = evaluate(endpoint, document, 1)
        split = evaluate(endpoint, document, 2)
    finally:
        process.kill()
        process.wait(timeout=10)

    assert single
    assert _canonical(split) == _canonical(single)


def test_balance_covers_every_group_once() -> None:
    groups = [*TEMPLATE_GROUP_COST_PERCENT, "custom_group"]

    for kind in ("template", "snapshot", "other"):
        for count in range(1, 6):
            plan = balance_groups(groups, count, kind)
            assigned = [group for query_groups in plan for group in query_groups]
            assert sorted(assigned) == sorted(groups), (kind, count)
            assert len(plan) == count


def test_balance_leaves_out_empty_queries() -> None:
    assert balance_groups(["s3", "iam"], 4) == [["iam"], ["s3"]]
    assert balance_groups([], 2) == []


@pytest.mark.parametrize(("kind", "costs"), [
    ("template", TEMPLATE_GROUP_COST_PERCENT), ("snapshot", SNAPSHOT_GROUP_COST_PERCENT),
])
def test_balance_evens_out_costs(kind: str, costs: dict[str, float]) -> None:
    plan = balance_groups(costs, 2, kind)
    loads = [sum(costs[group] for group in query_groups) for query_groups in plan]

    assert loads[0] >= loads[1]
    assert loads[0] - loads[1] <= max(costs.values())


def test_balance_keeps_families_in_one_query() -> None:
    for kind in ("template", "snapshot"):
        plan = balance_groups(TEMPLATE_GROUP_COST_PERCENT, 2, kind)
        for family in GROUP_FAMILIES:
            holders = [index for index, query_groups in enumerate(plan) if family & set(query_groups)]
            assert len(holders) == 1, (kind, sorted(family))


def test_balance_splits_oversized_family() -> None:
    plan = balance_groups(["iam", "lambda"], 2)

    assert plan == [["lambda"], ["iam"]]


def test_source_kind_defaults_to_template() -> None:
    assert source_kind({"source": {"kind": "snapshot"}, "resources": {}}) == "snapshot"
    assert source_kind({"source": {"kind": "template"}, "resources": {}}) == "template"
    assert source_kind({"resources": {}}) == "template"
    assert source_kind({"source": "snapshot.json", "resources": {}}) == "template"


def test_query_count_by_size_and_cores() -> None:
    assert query_count(100, 8) == 1
    assert query_count(10_000, 1) == 1
    assert query_count(10_000, 2) == 2
    assert query_count(10_000, 64) == MAX_QUERIES


def test_sync_client_leaves_aiohttp_unloaded() -> None:
    script = """
import sys
from cloudseal.engine.sync_client import load_opa_client
client_class = load_opa_client()
print("aiohttp" in sys.modules)
import opa_client
from opa_client import AsyncOpaClient, create_opa_client
print(opa_client.OpaClient is client_class, "aiohttp" in sys.modules, opa_client.__version__)
print("__getattr__" in vars(opa_client), callable(create_opa_client), AsyncOpaClient.__name__)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)

    assert result.returncode == 0, result.stderr
    before, after, complete = result.stdout.splitlines()
    assert before == "False"
    assert after.startswith("True True ")
    assert complete == "False True AsyncOpaClient"
