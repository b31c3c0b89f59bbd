"""How the benchmark picks its inputs and reads the documents it evaluates."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from bench import run, tables
from bench.evaluation import read_document
from bench.generate_snapshot import build_snapshot
from bench.results import ToolResult
from cloudseal.collector.snapshot_file import write_snapshot
from cloudseal.errors import InputError


def test_snapshots_run_without_input() -> None:
    arguments = run._parse_arguments([])

    assert run._snapshot_sizes(arguments) == [10_000, 100_000]


def test_snapshots_run_only_when_named() -> None:
    named = run._parse_arguments(["--input", "snapshot-10000"])
    templates_only = run._parse_arguments(["--input", "cfn-1000"])

    assert run._snapshot_sizes(named) == [10_000]
    assert run._snapshot_sizes(templates_only) == []


def test_no_snapshots_wins_over_input() -> None:
    arguments = run._parse_arguments(["--input", "snapshot-10000", "--no-snapshots"])

    assert run._snapshot_sizes(arguments) == []


def test_unknown_input_lists_every_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        run._parse_arguments(["--input", "cfn-10"])

    assert raised.value.code == 2
    message = capsys.readouterr().err
    assert "cfn-10" in message
    for name in ("cfn-100", "nested-20000", "corpus", "snapshot-100000"):
        assert name in message


def test_inputs_keep_the_order_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "OUT_DIR", tmp_path)
    arguments = run._parse_arguments(["--input", "sam-100", "--input", "cfn-100", "--input", "snapshot-10000"])

    inputs = run._inputs(arguments, Console(quiet=True))

    assert [item.name for item in inputs] == ["sam-100", "cfn-100"]


def test_missing_corpus_named_is_an_error(tmp_path: Path) -> None:
    arguments = run._parse_arguments(["--input", "corpus", "--corpus", str(tmp_path / "absent")])

    with pytest.raises(SystemExit, match="--corpus DIR"):
        run._inputs(arguments, Console(quiet=True))


def test_read_document_reads_gzip_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json.gz"
    write_snapshot(path, build_snapshot(20, 1))

    document = read_document(path)

    assert len(document["resources"]) == 20
    assert document["source"]["kind"] == "snapshot"


def test_read_document_reads_template_document(tmp_path: Path) -> None:
    path = tmp_path / "document.json"
    path.write_text(json.dumps({"source": {"kind": "template"}, "resources": {"Bucket": {"type": "AWS::S3::Bucket"}}}))

    assert read_document(path)["resources"] == {"Bucket": {"type": "AWS::S3::Bucket"}}


def test_read_document_names_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"

    with pytest.raises(InputError, match=r"absent\.json: file not found"):
        read_document(path)


def test_read_document_rejects_other_json(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")

    with pytest.raises(InputError, match="top level is not a JSON object"):
        read_document(path)


def test_slowest_stage_is_a_column() -> None:
    result = ToolResult(tool="cloudseal", input_name="cfn-5000")
    result.stages = [{"load": 0.4, "opa_start": 0.9, "opa_wait_and_evaluate": 1.0, "evaluate": 0.8, "total": 2.0}]
    console = Console(record=True, width=200, file=io.StringIO())

    tables.print_stages(console, [("cfn-5000", result)])

    row = next(line for line in console.export_text().splitlines() if "cfn-5000" in line)
    assert row.rstrip(" │").endswith("evaluate")
