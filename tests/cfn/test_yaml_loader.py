"""Reading YAML and JSON: short forms, YAML 1.1 quirks, positions and the limits on hostile files."""

from __future__ import annotations

import codecs
import contextlib
import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.loader import SourceOptions, build_document
from cloudseal.cfn.nodes import MappingNode
from cloudseal.cfn.yaml_loader import MAX_DEPTH, load_file, parse_text


def test_short_forms_become_long_forms():
    value = parse_text(
        "a: !Ref X\nb: !GetAtt A.B.C\nc: !GetAtt [A, B]\nd: !Sub x\ne: !If [C, 1, 2]\nf: !Condition C\n", "t.yaml",
    )
    assert value == {
        "a": {"Ref": "X"}, "b": {"Fn::GetAtt": ["A", "B.C"]}, "c": {"Fn::GetAtt": ["A", "B"]},
        "d": {"Fn::Sub": "x"}, "e": {"Fn::If": ["C", 1, 2]}, "f": {"Condition": "C"},
    }


def test_yaml_11_scalars_keep_cloudformation_meaning():
    value = parse_text(
        "Version: 2012-10-17\nAccount: 012345678901\nOctal: 0755\nTime: 12:30\nOn: yes\nOff: 'false'\n"
        "Int: 1_000\nFloat: 0.5\nInf: .inf\nNull: ~\n", "t.yaml",
    )
    assert value == {
        "Version": "2012-10-17", "Account": "012345678901", "Octal": "0755", "Time": "12:30", "On": True,
        "Off": "false", "Int": 1000, "Float": 0.5, "Inf": ".inf", "Null": None,
    }


def test_keys_are_strings():
    assert parse_text("200: ok\ntrue: x\n", "t.yaml") == {"200": "ok", "true": "x"}


def test_positions_recorded():
    value = parse_text("A:\n  B:\n    C: 1\n", "t.yaml")
    assert isinstance(value["A"]["B"], MappingNode)
    assert (value["A"].line, value["A"].column) == (2, 3)
    assert value["A"].key_lines == {"B": 2}
    assert value["A"]["B"].key_lines == {"C": 3}


def test_deep_copy_keeps_positions():
    value = parse_text("A:\n  B: &shared\n    C: [1, 2]\n  D: *shared\n", "t.yaml")
    copied = copy.deepcopy(value)
    assert copied == value
    node, original = copied["A"]["B"], value["A"]["B"]
    assert isinstance(node, MappingNode)
    assert (node.file, node.line, node.column) == (original.file, original.line, original.column)
    assert node.key_lines == original.key_lines == {"C": 3}
    assert copied["A"]["D"] is node, "a mapping reached twice is copied once"
    node["C"].append(3)
    copied["A"].key_lines["B"] = 99
    assert value["A"]["B"]["C"] == [1, 2]
    assert value["A"].key_lines["B"] == 2


def test_merge_keys():
    value = parse_text("base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\n", "t.yaml")
    assert value["derived"] == {"a": 1, "b": 3}


def test_json_with_tabs_and_exponent():
    value = parse_text('{\n\t"a": 1e3,\n\t"b": {"c": [true, null]}\n}', "t.json")
    assert value == {"a": 1000.0, "b": {"c": [True, None]}}
    assert value["b"].line == 3


@pytest.mark.parametrize(("text", "message", "line"), [
    ("a: [\n", "invalid YAML", 2),
    ("a: 1\na: 2\n", "duplicate key 'a' (first written on line 1)", 2),
    ("a: !Foo x\n", "unknown tag !Foo", 1),
    ("a: &x [*x]\n", "a YAML alias refers to a value that contains it", 1),
    ("a: !!set {x}\n", "unsupported YAML tag tag:yaml.org,2002:set", 1),
    ("{\"a\": 1,}", "invalid JSON: Expecting property name enclosed in double quotes", 1),
    ("{\"a\": 1, \"a\": 2}", "duplicate key 'a'", 1),
    ("a: 1\n---\nb: 2\n", "invalid YAML", 2),
    ("? [a]\n: b\n", "a mapping key must be a plain string", 1),
])
def test_invalid_text_rejected(text, message, line):
    with pytest.raises(TemplateError) as raised:
        parse_text(text, "bad.yaml")
    assert message in raised.value.message
    assert raised.value.line == line
    assert str(raised.value).startswith(f"bad.yaml:{line}")


def test_alias_bomb_rejected():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(TemplateError, match="alias bomb"):
        parse_text("\n".join(lines), "bomb.yaml")


def test_shared_aliases_allowed():
    value = parse_text("a: &a {k: v}\nb: *a\nc: *a\n", "t.yaml")
    assert value["b"] == value["c"] == {"k": "v"}


def test_deep_nesting_rejected():
    deep = "a: " + "[" * 100 + "]" * 100
    with pytest.raises(TemplateError, match=f"nested deeper than {MAX_DEPTH} levels"):
        parse_text(deep, "deep.yaml")
    block = "".join("  " * level + f"k{level}:\n" for level in range(100)) + "  " * 100 + "v: 1\n"
    with pytest.raises(TemplateError, match="nested deeper"):
        parse_text(block, "deep.yaml")


def test_byte_order_mark_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"Resources: {}\n")
    assert load_file(path) == {"Resources": {}}
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("Resources: {A: 1}\n".encode("utf-16"))
    assert load_file(utf16) == {"Resources": {"A": 1}}


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (b"Resources:\n  A: \xff\n", "not valid UTF-8 (byte 0xff)"),
])
def test_unreadable_bytes_rejected(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(TemplateError, match=re.escape(message)):
        load_file(path)


def test_large_file_rejected(tmp_path: Path):
    path = tmp_path / "large.yaml"
    path.write_text("Resources:\n" + "  # padding\n" * 1_500_000, encoding="utf-8")
    with pytest.raises(TemplateError, match="larger than 16 MiB"):
        load_file(path)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
# Deep enough to be interesting, shallow enough to stay within MAX_DEPTH.
_JSON_VALUES = _JSON_VALUES.filter(lambda value: len(json.dumps(value)) < 2000
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_raises_only_template_error(text: str):
    with contextlib.suppress(TemplateError):
        parse_text(text, "fuzz.yaml")


@settings(max_examples=150, deadline=None)
@given(value=_JSON_VALUES)
def test_arbitrary_json_round_trips(value):
    text = json.dumps({"Value": value})
    parsed = parse_text(text, "fuzz.json")
    assert json.loads(json.dumps(parsed)) == json.loads(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("Resources:Type!Ref[]{}-, \n\"'&*AWS::S3")), max_size=200))
def test_arbitrary_template_text_loads_or_reports(tmp_path_factory, text: str):
    path = tmp_path_factory.mktemp("fuzz") / "template.yaml"
    path.write_text(text, encoding="utf-8")
    document = build_document([path], SourceOptions())
    json.dumps(document)
    for error in document["errors"]:
        assert error["source"] == str(path)


def test_over_quota_template_scanned_with_warning(tmp_path: Path, caplog):
    path = tmp_path / "big.yaml"
    path.write_text("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n" + "# padding\n" * 120_000, encoding="utf-8")

    body = load_file(path)

    assert body["Resources"]["Queue"]["Type"] == "AWS::SQS::Queue"
    assert "over CloudFormation's 1 MB template quota" in caplog.text
