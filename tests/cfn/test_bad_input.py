"""Inputs that cannot be used: each gives one clear error naming the file and line; other files still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudseal.cfn.loader import SourceOptions, build_document
from tests.cfn.conftest import write

GOOD = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"


@pytest.mark.parametrize(("text", "message", "line"), [
    ("- a\n- b\n", "not a CloudFormation template: the top level is a list, not a mapping.", 1),
    ("Description: nothing\n", "not a CloudFormation template: it has no Resources section.", 1),
    ("Resources:\n", "the Resources section is empty", 1),
    ("Resources:\n  A:\n    Properties: {}\n", "resource A has no Type.", 3),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: {Fn::Frobnicate: 1}\n",
     "unknown intrinsic function Fn::Frobnicate", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: !Ref Missing\n",
     "Ref to Missing, which is not a parameter or resource of this template.", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: !Sub '${Nope.Arn}'\n",
     "Fn::Sub refers to ${Nope.Arn}, which is not a parameter, resource, pseudo parameter or variable.", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: !Select [3, [a]]\n",
     "Fn::Select index 3 is out of range for a list of 1 values.", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: !FindInMap [M, a, b]\n",
     "Fn::FindInMap refers to mapping M, which is not defined.", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      V: !If [Nope, a, b]\n",
     "condition 'Nope' is not defined in the Conditions section (defined: none).", 5),
    ("Resources:\n  A:\n    Type: X::Y::Z\n    Properties: [1]\n",
     "the Properties of resource A must be a mapping.", 3),
])
def test_template_errors(load, text: str, message: str, line: int):
    document = load(text)
    assert len(document["errors"]) == 1
    error = document["errors"][0]
    assert message in error["message"]
    assert error["line"] == line
    assert error["message"].startswith(f"{error['source']}:{line}")


def test_circular_references(load):
    document = load("""\
Resources:
  A:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {deadLetterTargetArn: !GetAtt B.Arn}
  B:
    Type: AWS::SQS::Queue
    DependsOn: C
  C:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub "${A}"
""")
    message = document["errors"][0]["message"]
    assert "circular dependency between resources: A -> B -> C -> A" in message
    assert document["errors"][0]["line"] == 3


def test_depends_on_unknown_resource(load):
    document = load("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: Ghost\n")
    assert "DependsOn of A names 'Ghost', which is not a resource of this template." in \
        document["errors"][0]["message"]


def test_other_files_still_load(tmp_path: Path):
    good = write(tmp_path, "good.yaml", GOOD)
    broken = write(tmp_path, "broken.yaml", "Resources:\n  A: [\n")
    missing = tmp_path / "missing.yaml"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    document = build_document([broken, good, missing, binary], SourceOptions())
    assert sorted(document["resources"]) == ["Bucket"]
    sources = [error["source"] for error in document["errors"]]
    assert sources == [str(broken), str(missing), str(binary)]
    assert document["errors"][1]["message"] == f"{missing}: file not found; check the path."


def test_directory_given_as_file_errors(tmp_path: Path):
    document = build_document([tmp_path / "nothing-here"], SourceOptions())
    assert document["errors"][0]["message"].endswith("file not found; check the path.")


def test_hostile_inputs_rejected(tmp_path: Path):
    bomb_lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb_lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    bomb = write(tmp_path, "bomb.yaml", "\n".join(bomb_lines) + "\n" + GOOD)
    deep = write(tmp_path, "deep.json", '{"Resources": ' + "[" * 100 + "]" * 100 + "}")
    large = write(tmp_path, "large.yaml", GOOD + "# padding\n" * 1_700_000)
    document = build_document([bomb, deep, large], SourceOptions())
    messages = [error["message"] for error in document["errors"]]
    assert "alias bomb" in messages[0]
    assert "nested deeper than 64 levels" in messages[1]
    assert "larger than 16 MiB" in messages[2]
