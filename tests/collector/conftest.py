"""A moto server on 127.0.0.1 holding a realistic account, and the snapshot and report made from it."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from moto.server import ThreadedMotoServer

from tests.collector.moto_account import REGIONS, MotoAccount, create_account
from tests.conftest import CliResult, run_cli


@pytest.fixture(scope="session")
def moto_endpoint(_safe_aws_environment: None) -> Iterator[str]:
    # One access-log line per request would bury the output of a failing test.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def moto_account(moto_endpoint: str) -> MotoAccount:
    return create_account(moto_endpoint)


def region_options() -> list[str]:
    """Return --region options for the account's two regions."""
    return [argument for region in REGIONS for argument in ("--region", region)]


@dataclass
class Collected:
    """A snapshot written by `cloudseal collect`, with the process's output."""

    path: Path
    result: CliResult

    def document(self) -> dict[str, Any]:
        raw = self.path.read_bytes()
        if self.path.name.endswith(".gz"):
            raw = gzip.decompress(raw)
        return json.loads(raw)


@pytest.fixture(scope="session")
def collected(moto_account: MotoAccount, tmp_path_factory: pytest.TempPathFactory) -> Collected:
    path = tmp_path_factory.mktemp("snapshot") / "account.json"
    result = run_cli("collect", "--output", str(path), "--endpoint-url", moto_account.endpoint, *region_options())
    assert result.returncode == 0, result.stderr
    return Collected(path, result)


@pytest.fixture(scope="session")
def snapshot(collected: Collected) -> dict[str, Any]:
    return collected.document()


@pytest.fixture(scope="session")
def report(collected: Collected) -> dict[str, Any]:
    result = run_cli("scan", "--snapshot", str(collected.path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.json()
