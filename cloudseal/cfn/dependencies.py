"""The check that resources do not depend on each other in a loop, which CloudFormation rejects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloudseal.cfn.errors import template_error

_WHITE, _GREY, _BLACK = 0, 1, 2


def check_cycles(dependencies: Mapping[str, set[str]], definitions: Mapping[str, Any]) -> None:
    """Raise TemplateError naming the loop when Ref, Fn::GetAtt, Fn::Sub or DependsOn form a cycle."""
    colour = dict.fromkeys(dependencies, _WHITE)
    for start in dependencies:
        if colour[start] != _WHITE:
            continue
        path = [start]
        stack = [iter(sorted(dependencies[start]))]
        colour[start] = _GREY
        while stack:
            target = next(stack[-1], None)
            if target is None:
                colour[path.pop()] = _BLACK
                stack.pop()
                continue
            state = colour.get(target, _BLACK)
            if state == _GREY:
                cycle = " -> ".join([*path[path.index(target):], target])
                raise template_error(
                    f"circular dependency between resources: {cycle}; CloudFormation rejects a template whose "
                    "resources depend on each other in a loop, so remove one of these references.",
                    definitions.get(target),
                )
            if state == _WHITE:
                colour[target] = _GREY
                path.append(target)
                stack.append(iter(sorted(dependencies.get(target, ()))))
