"""An HTTP proxy on 127.0.0.1 in front of the moto server that makes chosen AWS calls fail or slow.

Everything else is forwarded unchanged, so a collection through the proxy reads a
real account in which some actions are denied or broken, as they are in practice.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Fault:
    """A canned failure: which requests it matches and the response that replaces them."""

    matches: Callable[[str, str, dict[str, str], bytes], bool]
    status: int
    headers: dict[str, str]
    body: bytes


def json_fault(target: str, code: str, status: int = 400) -> Fault:
    """Fail a JSON-protocol call (KMS, DynamoDB) whose X-Amz-Target ends with target."""
    return Fault(
        matches=lambda _method, _path, headers, _body: headers.get("x-amz-target", "").endswith(target),
        status=status,
        headers={"Content-Type": "application/x-amz-json-1.1"},
        body=f'{{"__type": "{code}", "message": "denied by the test proxy"}}'.encode(),
    )


def rest_fault(path_part: str, code: str, status: int = 403) -> Fault:
    """Fail a REST-JSON call (Lambda) whose path contains path_part."""
    return Fault(
        matches=lambda _method, path, _headers, _body: path_part in path,
        status=status,
        headers={"Content-Type": "application/json", "x-amzn-ErrorType": code},
        body=b'{"Message": "denied by the test proxy"}',
    )


def query_fault(action: str, code: str, status: int = 403) -> Fault:
    """Fail a query-protocol call (SNS) whose form body names Action=action."""
    body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>denied by the test proxy"
            f"</Message></Error><RequestId>test</RequestId></ErrorResponse>").encode()
    return Fault(
        matches=lambda _method, _path, _headers, request: f"Action={action}".encode() in request,
        status=status,
        headers={"Content-Type": "text/xml"},
        body=body,
    )


def _handler(upstream: str, faults: list[Fault], delay_seconds: float) -> type[BaseHTTPRequestHandler]:
    target = urlsplit(upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {key.lower(): value for key, value in self.headers.items()}
            if delay_seconds:
                time.sleep(delay_seconds)
            for fault in faults:
                if fault.matches(self.command, self.path, headers, body):
                    self._answer(fault.status, fault.headers, fault.body)
                    return
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                connection.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
                response = connection.getresponse()
                payload = response.read()
                passed = {key: value for key, value in response.getheaders()
                          if key.lower() not in ("transfer-encoding", "content-length", "connection")}
                self._answer(response.status, passed, payload)
            finally:
                connection.close()

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay  # noqa: N815

    return Handler


@contextmanager
def fault_proxy(upstream: str, faults: list[Fault], delay_seconds: float = 0.0) -> Iterator[str]:
    """Run the proxy on a free port of 127.0.0.1 and yield its URL; delay_seconds is added to every request."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(upstream, faults, delay_seconds))
    thread = threading.Thread(target=server.serve_forever, name="fault-proxy", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
