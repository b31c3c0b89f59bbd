"""Send the input document to OPA, in one query or in several concurrent ones, and read the verdicts back."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cloudseal.engine.metadata import RULES_PREFIX, rule_id_for_package
from cloudseal.engine.query_plan import balance_groups, resource_percent, source_kind
from cloudseal.engine.sync_client import load_opa_client
from cloudseal.errors import EngineError

if TYPE_CHECKING:
    import requests
    from opa_client.opa import OpaClient

LOG = logging.getLogger(__name__)

RESULTS_PACKAGE = "cloudseal/main"
RESULTS_RULE = "results"
GROUPS_RULE = "rule_groups"
GROUP_RULES_RULE = "group_rules"
GROUP_VERDICTS_RULE = "group_verdicts"
# Large snapshots (100,000 resources) take seconds to encode, send and evaluate;
# a server that stays silent for this long is treated as hung.
DEFAULT_TIMEOUT_SECONDS = 300.0
EVALUATION_QUERY = "the evaluation query"
# Data path of the large document that the engine writes to its own local server; see group_verdicts in main.rego.
STAGED_DOCUMENT_PATH = "cloudseal_staged/document"


@dataclass(frozen=True)
class OpaEndpoint:
    """Address of an OPA server, with its bearer token and request timeout."""

    url: str
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS


def _client(endpoint: OpaEndpoint) -> OpaClient:
    # Loaded on first use, and without opa-python-client's asyncio client; see cloudseal.engine.sync_client.
    opa_client_class = load_opa_client()

    parts = urlsplit(endpoint.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EngineError(
            f"invalid OPA URL {endpoint.url!r}: expected http://HOST:PORT or https://HOST:PORT"
        )
    if parts.path not in ("", "/"):
        raise EngineError(
            f"invalid OPA URL {endpoint.url!r}: a path is not supported; give only scheme, host and port"
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return opa_client_class(
        host=parts.hostname,
        port=port,
        ssl=parts.scheme == "https",
        token=endpoint.token,
        timeout=endpoint.timeout,
        retries=0,
    )


def _opa_message(response: requests.Response) -> str:
    """Summarise an OPA error response as its messages with file and line."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    messages = []
    for item in body.get("errors") or [body]:
        location = item.get("location") or {}
        where = f"{location['file']}:{location.get('row', 0)}: " if location.get("file") else ""
        messages.append(f"{where}{item.get('message', '')}")
    return "; ".join(messages)


def _request_error(endpoint: OpaEndpoint, action: str, error: requests.RequestException) -> EngineError:
    import requests  # noqa: PLC0415 - already loaded by opa_client, which raised the error

    if isinstance(error, requests.Timeout):
        return EngineError(
            f"OPA at {endpoint.url} did not respond to {action} within {endpoint.timeout:.0f} s; "
            "check the server, or raise --opa-timeout for very large inputs."
        )
    if isinstance(error, requests.ConnectionError):
        return EngineError(f"cannot connect to OPA at {endpoint.url} ({action}); is the server running?")
    if isinstance(error, requests.HTTPError) and error.response is not None:
        status = error.response.status_code
        if status in (401, 403):
            return EngineError(
                f"OPA at {endpoint.url} rejected the request with HTTP {status}; "
                "pass a valid bearer token with --opa-token."
            )
        return EngineError(f"OPA at {endpoint.url} failed {action} with HTTP {status}: {_opa_message(error.response)}")
    return EngineError(f"request to OPA at {endpoint.url} failed ({action}): {error}")


def rule_input(document: dict[str, Any]) -> dict[str, Any]:
    """Return the document as the rules get it: without the property lines that only the report reads.

    location.properties maps each property path of a template resource to its line, so
    that a finding can point at the line to change. No rule reads it, yet it was a
    quarter of the encoded corpus of public templates, which OPA would parse and hold.
    Resources without it are passed as they are; the others are shallow copies.
    """
    resources: dict[str, Any] = {}
    for resource_id, resource in document["resources"].items():
        location = resource.get("location") if isinstance(resource, dict) else None
        if isinstance(location, dict) and "properties" in location:
            without_lines = {key: value for key, value in location.items() if key != "properties"}
            resources[resource_id] = {**resource, "location": without_lines}
        else:
            resources[resource_id] = resource
    return {**document, "resources": resources}


def encode_document(document: dict[str, Any]) -> bytes:
    """Encode the input document as JSON once, for every query that sends it."""
    try:
        encoded = json.dumps(document, separators=(",", ":"), allow_nan=False)
    except ValueError as error:
        raise EngineError(
            f"the input document cannot be sent to OPA: {error}; JSON has no NaN or Infinity, "
            "so give that value as a string or a finite number."
        ) from error
    return encoded.encode("utf-8")


def _send(endpoint: OpaEndpoint, method: str, path: str, body: bytes, action: str) -> requests.Response:
    """Send a pre-encoded JSON body to the server's v1 API PATH and return the successful response.

    opa-python-client 3.0's query_rule() and update_or_create_data() take the input as a
    dict and encode it again on every call. A split evaluation sends the same document,
    tens of megabytes for a large snapshot, more than once. The document is therefore
    encoded once and sent as bytes through the session of an OpaClient, which carries the
    client's bearer token, TLS settings and timeout.
    """
    import requests  # noqa: PLC0415 - opa_client's HTTP library, loaded with it in _client

    with _client(endpoint) as client:
        try:
            # A protected attribute of OpaClient; see the docstring.
            response: requests.Response = client._session.request(
                method,
                f"{client.root_url}/{path}",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=client.timeout,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise _request_error(endpoint, action, error) from error
    return response


def _query(endpoint: OpaEndpoint, rule: str, body: bytes) -> Any:
    """POST a pre-encoded body to data.cloudseal.main.RULE and return the result, or None if the rule is undefined."""
    import requests  # noqa: PLC0415 - opa_client's HTTP library, loaded with it in _client

    response = _send(endpoint, "POST", f"data/{RESULTS_PACKAGE}/{rule}", body, EVALUATION_QUERY)
    try:
        answer = response.json()
    except requests.JSONDecodeError as error:
        raise _request_error(endpoint, EVALUATION_QUERY, error) from error
    if not isinstance(answer, dict):
        raise EngineError(f"OPA at {endpoint.url} returned {type(answer).__name__} instead of a JSON object.")
    return answer.get("result")


def _missing_rule(endpoint: OpaEndpoint, rule: str) -> EngineError:
    return EngineError(
        f"OPA at {endpoint.url} has no rule data.cloudseal.main.{rule}; "
        "load the cloudseal policies (cloudseal bundle) into that server."
    )


def evaluate(
    endpoint: OpaEndpoint, document: dict[str, Any], queries: int = 1, *, stage: bool = False,
) -> list[dict[str, Any]]:
    """Evaluate every rule against the whole document and return the raw verdicts, each with its rule_id.

    With queries above 1, the rule groups are split into that many concurrent queries,
    whose verdicts together are the same as those of the single query. With stage, the
    split queries read the document from data.cloudseal_staged.document, written once;
    only a server that this process runs alone may be given stage.
    """
    return evaluate_when_ready(lambda: endpoint, document, queries, stage=stage)


def evaluate_when_ready(
    ready: Callable[[], OpaEndpoint],
    document: dict[str, Any],
    queries: int = 1,
    *,
    stage: bool = False,
    group_types: Mapping[str, frozenset[str]] | None = None,
) -> list[dict[str, Any]]:
    """Encode the document, then call ready() for the server, then evaluate as evaluate() does.

    A local OPA may still be compiling the rules when the input is loaded, mostly for a
    snapshot, which loads fast. Encoding before the wait overlaps the two. group_types, the
    resource types that each rule group judges, let the plan weigh the groups by the
    document's resources and split a group that outweighs the others by its rules.
    """
    encoded = encode_document(rule_input(document))
    endpoint = ready()
    plan = _plan_queries(endpoint, queries, document, group_types) if queries > 1 else []
    if len(plan) <= 1:
        return _evaluate_whole(endpoint, encoded)
    if stage:
        _stage_document(endpoint, encoded)
        bodies = [_group_body(groups, None) for groups in plan]
    else:
        bodies = [_group_body(groups, encoded) for groups in plan]
    # The bodies, or the server, hold the document now; dropping this copy lowers the peak memory.
    del encoded
    return _evaluate_groups(endpoint, bodies)


def _stage_document(endpoint: OpaEndpoint, document: bytes) -> None:
    """Write the encoded document to data.cloudseal_staged.document, for the group_verdicts queries to share."""
    _send(endpoint, "PUT", f"data/{STAGED_DOCUMENT_PATH}", document, "the upload of the input document")


def _evaluate_whole(endpoint: OpaEndpoint, document: bytes) -> list[dict[str, Any]]:
    verdicts: list[dict[str, Any]] | None = _query(endpoint, RESULTS_RULE, b'{"input":' + document + b"}")
    if verdicts is None:
        raise _missing_rule(endpoint, RESULTS_RULE)
    LOG.debug("OPA returned %d verdicts", len(verdicts))
    return verdicts


def _plan_queries(
    endpoint: OpaEndpoint, queries: int, document: dict[str, Any], group_types: Mapping[str, frozenset[str]] | None,
) -> list[list[str]]:
    """Ask the server for its rule groups and balance them over at most `queries` queries for this document.

    Each query gets group names, and GROUP.RULE names for the rules of a group that the plan
    splits. The names of a group's rules come from the server, so a split cannot miss one.
    """
    kind = source_kind(document)
    # Without input, the rules have no resources to judge, so these cost a few milliseconds.
    rules = _query(endpoint, GROUP_RULES_RULE, b"{}") if group_types else None
    if isinstance(rules, dict):
        groups = list(rules)
        mix = resource_percent(document, group_types or {})
        plan = balance_groups(groups, queries, kind, mix, rules)
        split = sorted({unit.split(".", 1)[0] for units in plan for unit in units if "." in unit})
        for group in split:
            LOG.debug(
                "splitting rule group %s into single rules: it judges %.0f%% of the resources, so it would cost "
                "more than the total divided by the %d queries", group, mix.get(group, 0.0), queries,
            )
    else:
        groups = _query(endpoint, GROUPS_RULE, b"{}")
        if groups is None:
            # A server that runs an older bundle can still evaluate the input in one query.
            LOG.debug("OPA at %s has no data.cloudseal.main.%s; evaluating in one query", endpoint.url, GROUPS_RULE)
            return []
        LOG.debug("planning by rule groups only, without the rule catalog of OPA at %s", endpoint.url)
        plan = balance_groups(groups, queries, kind)
    LOG.debug("evaluating %d rule groups in %d queries: %s", len(groups), len(plan), plan)
    return plan


def _evaluate_groups(endpoint: OpaEndpoint, bodies: list[bytes]) -> list[dict[str, Any]]:
    """Run the group_verdicts queries with these bodies at the same time and merge their verdicts."""
    with ThreadPoolExecutor(max_workers=len(bodies), thread_name_prefix="opa-query") as pool:
        futures = [pool.submit(_query, endpoint, GROUP_VERDICTS_RULE, body) for body in bodies]
    # The pool has waited for every query. The first failure in plan order is reported,
    # so the same failure gives the same message on every run.
    verdicts: list[dict[str, Any]] = []
    for future in futures:
        by_group = future.result()
        if by_group is None:
            raise _missing_rule(endpoint, GROUP_VERDICTS_RULE)
        verdicts.extend(_tagged_verdicts(by_group))
    LOG.debug("OPA returned %d verdicts from %d queries", len(verdicts), len(bodies))
    return verdicts


def _group_body(units: list[str], document: bytes | None) -> bytes:
    """Encode the group_verdicts input around the already encoded document, or point it at the staged one.

    A unit is a group name, or GROUP.RULE for a single rule of a group that the plan split.
    """
    groups = [unit for unit in units if "." not in unit]
    single_rules = [unit.split(".", 1) for unit in units if "." in unit]
    selection = b'"groups":' + json.dumps(groups).encode("utf-8")
    if single_rules:
        selection += b',"rules":' + json.dumps(single_rules).encode("utf-8")
    if document is None:
        return b'{"input":{' + selection + b',"staged":true}}'
    return b'{"input":{' + selection + b',"document":' + document + b"}}"


def _tagged_verdicts(by_group: dict[str, dict[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """Flatten {group: {rule: verdicts}} and give each verdict the rule_id that results gives it."""
    tagged: list[dict[str, Any]] = []
    for group_name, rules in by_group.items():
        for rule_name, rule_verdicts in rules.items():
            rule_id = rule_id_for_package((*RULES_PREFIX, group_name, rule_name))
            for verdict in rule_verdicts:
                verdict["rule_id"] = rule_id
                tagged.append(verdict)
    return tagged


def served_revisions(endpoint: OpaEndpoint) -> list[str]:
    """Return the manifest revisions of the bundles that the server has activated."""
    import requests  # noqa: PLC0415 - opa_client's HTTP library, loaded with it in _client
    from opa_client.errors import PolicyNotFoundError  # noqa: PLC0415

    with _client(endpoint) as client:
        try:
            bundles = client.get_data("system/bundles")
        except PolicyNotFoundError as error:
            if error.expression == "unauthorized":
                raise EngineError(
                    f"OPA at {endpoint.url} rejected the request with HTTP 401; "
                    "pass a valid bearer token with --opa-token."
                ) from error
            return []
        except requests.RequestException as error:
            raise _request_error(endpoint, "the bundle revision request", error) from error
    revisions: list[str] = []
    for bundle in (bundles.get("result") or {}).values():
        revision = (bundle.get("manifest") or {}).get("revision")
        if isinstance(revision, str):
            revisions.append(revision)
    return revisions
