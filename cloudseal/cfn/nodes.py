"""Template mappings that remember where they were written."""

from __future__ import annotations

import copy
from typing import Any


class MappingNode(dict[str, Any]):
    """A template mapping with the file, line and column it starts at, and the line of each key.

    Lines and columns are 1-based. Mappings that the front end builds itself
    (for example from a short-form tag or a SAM transform) copy the position of
    the node they came from.
    """

    __slots__ = ("column", "file", "key_lines", "line")

    def __init__(self, items: Any = (), *, file: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(items)
        self.file = file
        self.line = line
        self.column = column
        self.key_lines: dict[str, int] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> MappingNode:
        # The SAM translator deep-copies the whole template. Without this method, copy.deepcopy
        # takes the generic __reduce_ex__ path for a dict subclass with slots, which was half of
        # the transform of a 1,000-resource template.
        copied = MappingNode(file=self.file, line=self.line, column=self.column)
        memo[id(self)] = copied
        copied.key_lines = dict(self.key_lines)
        for key, value in self.items():
            copied[key] = copy.deepcopy(value, memo)
        return copied


def position_of(value: Any) -> tuple[str, int, int]:
    """Return (file, line, column) of a mapping, or ("", 0, 0) for values without a position."""
    if isinstance(value, MappingNode):
        return value.file, value.line, value.column
    return "", 0, 0


def line_of(value: Any) -> int | None:
    """Return the line a mapping starts at, or None for values without a position."""
    if isinstance(value, MappingNode) and value.line:
        return value.line
    return None


def copy_position(target: MappingNode, source: Any) -> MappingNode:
    """Give a new mapping the position of the value it was built from."""
    if isinstance(source, MappingNode):
        target.file = source.file
        target.line = source.line
        target.column = source.column
    return target


def as_mapping(value: Any) -> dict[str, Any]:
    """Return the value when it is a mapping, else an empty one (for optional template sections)."""
    return value if isinstance(value, dict) else {}
