"""Scanning through an OPA server that the user runs: bundle revision, token, timeouts."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import EXAMPLE_TEMPLATE, run_cli

TOKEN = "correct-horse-battery-staple"
AUTHZ_POLICY = f"""package system.authz

default allow := false

allow if input.identity == "{TOKEN}"
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_opa(opa_path: Path, bundle: Path, *flags: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen(
        [str(opa_path), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check",
         *flags, "--bundle", str(bundle)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/health", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("OPA did not start")


@pytest.fixture(scope="module")
def authz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("authz")
    (directory / "authz.rego").write_text(AUTHZ_POLICY, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, authz_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "cloudseal.tar.gz"
    result = run_cli("bundle", "--output", str(path), "--policy-dir", str(authz_dir))
    assert result.returncode == 0, result.stderr
    assert "revision cloudseal-" in result.stdout
    return path


@pytest.fixture(scope="module")
def remote_opa(opa_path: Path, bundle: Path) -> Iterator[str]:
    process, url = _start_opa(opa_path, bundle, "--authentication=token", "--authorization=basic")
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_remote_server_gives_local_verdicts(remote_opa: str, authz_dir: Path):
    local = run_cli("scan", str(EXAMPLE_TEMPLATE), "-f", "json")
    remote = run_cli("scan", str(EXAMPLE_TEMPLATE), "-f", "json", "--policy-dir", str(authz_dir),
                     "--opa-url", remote_opa, "--opa-token", TOKEN)

    assert remote.returncode == 1, remote.stderr
    assert remote.json()["findings"] == local.json()["findings"]


def test_revision_mismatch_rejected(remote_opa: str):
    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "--opa-url", remote_opa, "--opa-token", TOKEN)

    assert result.returncode == 2
    assert "but the local policies are revision cloudseal-" in result.stderr
    assert "--no-revision-check" in result.stderr


def test_revision_check_can_be_skipped(remote_opa: str):
    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "-f", "json", "--opa-url", remote_opa,
                     "--opa-token", TOKEN, "--no-revision-check")

    assert result.returncode == 1, result.stderr
    assert result.json()["summary"]["fail"] > 0


def test_wrong_token_rejected(remote_opa: str, authz_dir: Path):
    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "--policy-dir", str(authz_dir),
                     "--opa-url", remote_opa, "--opa-token", "wrong")

    assert result.returncode == 2
    assert "rejected the request with HTTP 401" in result.stderr
    assert "--opa-token" in result.stderr


def test_silent_server_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        result = run_cli("scan", str(EXAMPLE_TEMPLATE), "--opa-url", url, "--opa-timeout", "2",
                         "--no-revision-check", timeout=60)
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()

    assert result.returncode == 2
    assert f"OPA at {url} did not respond to the evaluation query within 2 s" in result.stderr


def test_unreachable_server_reported():
    url = f"http://127.0.0.1:{_free_port()}"

    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "--opa-url", url, "--no-revision-check")

    assert result.returncode == 2
    assert f"cannot connect to OPA at {url}" in result.stderr


def test_invalid_opa_url_rejected():
    result = run_cli("scan", str(EXAMPLE_TEMPLATE), "--opa-url", "127.0.0.1:8181")

    assert result.returncode == 2
    assert "invalid OPA URL '127.0.0.1:8181'" in result.stderr
