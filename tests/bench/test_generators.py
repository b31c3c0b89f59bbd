"""The benchmark's input generators write valid inputs of the requested size that cloudseal loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bench.generate_snapshot import build_snapshot, write_snapshot
from bench.generate_snapshot import main as generate_snapshot_main
from bench.generate_templates import MAX_STACK_RESOURCES, build_template, write_nested, write_single
from cloudseal.cfn.loader import SourceOptions, build_document
from tests.conftest import run_cli


class _TemplateLoader(yaml.SafeLoader):
    """Reads short-form intrinsic functions as plain values, enough to count resources."""


_TemplateLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


_TEMPLATE_SECTION_TYPES = {"AWS::CloudFormation::Parameter", "AWS::CloudFormation::Output"}


def _resources(path: Path) -> dict[str, dict[str, object]]:
    template = yaml.load(path.read_text(encoding="utf-8"), Loader=_TemplateLoader)  # noqa: S506 - safe loader
    resources: dict[str, dict[str, object]] = template["Resources"]
    return resources


@pytest.mark.parametrize(("count", "sam"), [(1, False), (7, False), (60, False), (60, True)])
def test_template_has_requested_size(tmp_path: Path, count: int, sam: bool) -> None:
    generated = write_single(tmp_path, count, sam=sam)

    resources = _resources(generated.path)

    assert len(resources) == count
    assert generated.resources == count
    assert generated.deployable


def test_template_is_deterministic() -> None:
    first, _ = build_template(40, seed=3, sam=True)
    second, _ = build_template(40, seed=3, sam=True)
    other, _ = build_template(40, seed=4, sam=True)

    assert first == second
    assert first != other


def test_template_mixes_resource_types(tmp_path: Path) -> None:
    generated = write_single(tmp_path, 200, sam=True)

    types = {resource["Type"] for resource in _resources(generated.path).values()}

    assert {"AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::KMS::Key", "AWS::KMS::Alias"} <= types
    assert {"AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::IAM::Role"} <= types
    assert {"AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SNS::Topic"} <= types


def test_large_template_is_marked_stress_input(tmp_path: Path) -> None:
    generated = write_single(tmp_path, MAX_STACK_RESOURCES + 1)

    assert not generated.deployable
    assert "stress input" in generated.note


def test_nested_set_splits_within_quota(tmp_path: Path) -> None:
    generated = write_nested(tmp_path, 1_200)

    root = _resources(generated.path)
    children = [_resources(path) for path in generated.files[1:]]

    assert len(root) + sum(len(child) for child in children) == 1_200
    assert all(len(child) <= MAX_STACK_RESOURCES for child in children)
    assert all(resource["Type"] == "AWS::CloudFormation::Stack" for resource in root.values())
    assert generated.deployable


def test_cloudseal_loads_generated_templates(tmp_path: Path) -> None:
    plain = write_single(tmp_path, 80)
    sam = write_single(tmp_path, 80, sam=True)

    document = build_document([plain.path, sam.path], SourceOptions())

    assert document["errors"] == []
    assert len(document["resources"]) >= 160


def test_cloudseal_loads_nested_set(tmp_path: Path) -> None:
    generated = write_nested(tmp_path, 30)

    document = build_document([generated.path], SourceOptions())

    # The front end also records parameters and outputs, as AWS::CloudFormation::Parameter and ::Output.
    written = [resource for resource in document["resources"].values()
               if resource["type"] not in _TEMPLATE_SECTION_TYPES]
    assert document["errors"] == []
    assert len(written) == 30


def test_snapshot_has_requested_size() -> None:
    snapshot = build_snapshot(250, seed=5)

    assert len(snapshot["resources"]) == 250
    assert snapshot["source"]["kind"] == "snapshot"
    for key, resource in snapshot["resources"].items():
        assert resource["location"]["arn"] == key
        assert {"account", "region"} <= resource["location"].keys()


def test_snapshot_is_deterministic() -> None:
    assert build_snapshot(120, seed=9) == build_snapshot(120, seed=9)


def test_cloudseal_scans_generated_snapshot(tmp_path: Path) -> None:
    path = write_snapshot(tmp_path, 150)

    result = run_cli("scan", "--snapshot", str(path), "--format", "json", "--fail-on", "none")

    assert result.returncode == 0, result.stderr
    report = result.json()
    assert report["summary"]["fail"] > 0
    assert report["summary"]["pass"] > 0
    assert json.loads(path.read_text(encoding="utf-8"))["resources"]


def test_weighted_snapshot_leans_to_buckets(tmp_path: Path) -> None:
    snapshot = build_snapshot(600, seed=5, weights={"buckets": 60})
    types = [resource["type"] for resource in snapshot["resources"].values()]
    path = write_snapshot(tmp_path, 40, weights={"buckets": 60, "keys": 2})

    assert len(types) == 600
    assert sum(resource_type.startswith("AWS::S3::") for resource_type in types) > 0.7 * len(types)
    # A weight equal to the default changes neither the name nor the document.
    assert path.name == "snapshot-40-buckets60.json"
    assert build_snapshot(120, seed=9, weights={"keys": 2}) == build_snapshot(120, seed=9)


def test_snapshot_weight_must_name_a_group(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as error:
        generate_snapshot_main(["--size", "10", "--weight", "bucket=3"])

    assert error.value.code == 2
    assert "invalid weight 'bucket=3'" in capsys.readouterr().err
