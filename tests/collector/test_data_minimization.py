"""The snapshot contains configuration, never data: no secret, environment, parameter or object values."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.collector.conftest import Collected, region_options
from tests.collector.moto_account import SECRET_VALUES, MotoAccount

# Data written into the account besides SECRET_VALUES.
OTHER_DATA = ("object-content-never-stored", "message-body-never-stored", "item-value-never-stored")


@pytest.mark.parametrize("value", [*SECRET_VALUES, *OTHER_DATA])
def test_snapshot_has_no_data_value(collected: Collected, value: str):
    text = collected.path.read_text(encoding="utf-8")

    assert value not in text


def test_snapshot_has_no_credentials(collected: Collected, moto_account: MotoAccount):
    text = collected.path.read_text(encoding="utf-8")

    assert moto_account.resources["access_key_secret"] not in text
    assert moto_account.resources["access_key_id"] not in text


def test_output_never_shows_values(collected: Collected):
    output = collected.result.stdout + collected.result.stderr

    for value in SECRET_VALUES:
        assert value not in output


def test_compressed_snapshot_has_no_values(cli, moto_account: MotoAccount, tmp_path: Path):
    path = tmp_path / "account.json.gz"

    result = cli("collect", "--output", str(path), "--endpoint-url", moto_account.endpoint, *region_options(),
                 "--service", "lambda", "--service", "ssm", "--service", "secretsmanager", "-vv")

    assert result.returncode == 0, result.stderr
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    document = json.loads(text)
    assert any(resource["type"] == "AWS::SSM::Parameter" for resource in document["resources"].values())
    for value in SECRET_VALUES:
        assert value not in text
        assert value not in result.stderr
