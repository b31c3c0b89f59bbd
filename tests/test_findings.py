"""Findings point at the line of the property to change."""

from __future__ import annotations

import pytest

from cloudseal.findings import property_line

LOCATION = {
    "line": 46,
    "properties": {"EnableKeyRotation": 49, "KeyPolicy": 50, "KeyPolicy.Statement[0]": 53, "KeyPolicy.Statement": 52},
}


@pytest.mark.parametrize(("path", "line"), [
    ("EnableKeyRotation", 49),
    ("KeyPolicy.Statement[0].Condition.Bool", 53),
    ("KeyPolicy.Statement[4]", 52),
    ("KeyPolicy", 50),
    ("RotationPeriodInDays", None),
    ("", None),
])
def test_property_line_lookup(path: str, line: int | None):
    assert property_line(LOCATION, path) == line


def test_property_line_without_positions():
    assert property_line({"line": 3}, "EnableKeyRotation") is None
