"""Where a resource and its properties are written, for findings that point at the line to change."""

from __future__ import annotations

from collections import deque
from typing import Any

from cloudseal.cfn.nodes import MappingNode

# Property paths recorded per resource, shallowest first; a large inline definition
# (an OpenAPI body, a state machine) would otherwise dominate the document.
MAX_PROPERTY_LINES = 200


def _is_function(node: dict[str, Any]) -> bool:
    if len(node) != 1:
        return False
    name = next(iter(node))
    return name == "Ref" or name.startswith("Fn::")


def property_lines(properties: Any, limit: int = MAX_PROPERTY_LINES) -> dict[str, int]:
    """Map property paths (`BucketEncryption.ServerSideEncryptionConfiguration[0]`) to the line they start on.

    Paths follow plain mappings and lists only; a value written with an
    intrinsic function is recorded at its key, not inside the function.
    """
    lines: dict[str, int] = {}
    queue: deque[tuple[str, Any]] = deque([("", properties)])
    while queue and len(lines) < limit:
        prefix, node = queue.popleft()
        if isinstance(node, MappingNode):
            if _is_function(node):
                continue
            for key, value in node.items():
                path = f"{prefix}.{key}" if prefix else key
                line = node.key_lines.get(key)
                if line:
                    lines[path] = line
                if isinstance(value, dict | list):
                    queue.append((path, value))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                path = f"{prefix}[{index}]"
                if isinstance(item, MappingNode) and item.line:
                    lines[path] = item.line
                if isinstance(item, dict | list):
                    queue.append((path, item))
    if len(lines) > limit:
        return dict(list(lines.items())[:limit])
    return lines


def resource_location(node: Any, logical_id: str, default_file: str) -> dict[str, Any]:
    """Return the file, line and column of a resource definition and its logical ID."""
    if isinstance(node, MappingNode) and node.line:
        return {"file": node.file or default_file, "line": node.line, "column": node.column, "logical_id": logical_id}
    return {"file": default_file, "line": None, "column": None, "logical_id": logical_id}
