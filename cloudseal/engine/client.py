"""Send the input document to OPA in one query and read the verdicts back."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cloudseal.errors import EngineError

if TYPE_CHECKING:
    import requests
    from opa_client import OpaClient

LOG = logging.getLogger(__name__)

RESULTS_PACKAGE = "cloudseal/main"
RESULTS_RULE = "results"
# Large snapshots (100,000 resources) take seconds to encode, send and evaluate;
# a server that stays silent for this long is treated as hung.
DEFAULT_TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class OpaEndpoint:
    """Address of an OPA server, with its bearer token and request timeout."""

    url: str
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS


def _client(endpoint: OpaEndpoint) -> OpaClient:
    # opa_client imports aiohttp for its async client; loading it on first use keeps it off
    # the start-up path of commands that never query OPA.
    from opa_client import OpaClient  # noqa: PLC0415

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
    return OpaClient(
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


def evaluate(endpoint: OpaEndpoint, document: dict[str, Any]) -> list[dict[str, Any]]:
    """Evaluate every rule against the whole document in one query and return the raw verdicts."""
    import requests  # noqa: PLC0415 - opa_client's HTTP library, loaded with it in _client

    with _client(endpoint) as client:
        try:
            response = client.query_rule(document, RESULTS_PACKAGE, RESULTS_RULE)
        except requests.RequestException as error:
            raise _request_error(endpoint, "the evaluation query", error) from error
    if "result" not in response:
        raise EngineError(
            f"OPA at {endpoint.url} has no rule data.cloudseal.main.results; "
            "load the cloudseal policies (cloudseal bundle) into that server."
        )
    results: list[dict[str, Any]] = response["result"]
    LOG.debug("OPA returned %d verdicts", len(results))
    return results


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
