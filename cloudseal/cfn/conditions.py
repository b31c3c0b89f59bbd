"""The Conditions section, evaluated to true, false or unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cloudseal.cfn.errors import template_error
from cloudseal.cfn.nodes import MappingNode
from cloudseal.cfn.values import BuiltString, Reference, Symbol, Unknown

# A condition's value: True, False, or an Unknown naming what it depends on.
Truth = bool | Unknown

CONDITION_FUNCTIONS = frozenset({"Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"})


class Conditions:
    """Evaluates named conditions once each, and condition expressions on request."""

    def __init__(self, definitions: Any, resolve: Callable[[Any], Any], source: str) -> None:
        self.definitions: dict[str, Any] = definitions if isinstance(definitions, dict) else {}
        self._resolve = resolve
        self._source = source
        self._values: dict[str, Truth] = {}
        self._evaluating: list[str] = []

    def __contains__(self, name: object) -> bool:
        return name in self.definitions

    def value(self, name: Any, node: Any = None) -> Truth:
        """Return the value of the named condition."""
        if not isinstance(name, str) or name not in self.definitions:
            known = ", ".join(sorted(self.definitions)) or "none"
            raise template_error(
                f"condition {name!r} is not defined in the Conditions section (defined: {known}).", node,
            )
        if name in self._values:
            return self._values[name]
        if name in self._evaluating:
            cycle = " -> ".join([*self._evaluating[self._evaluating.index(name):], name])
            raise template_error(f"circular condition: {cycle}; a condition cannot depend on itself.",
                                 self.definitions.get(name) or node)
        self._evaluating.append(name)
        try:
            result = self.evaluate(self.definitions[name])
        finally:
            self._evaluating.pop()
        if isinstance(result, Unknown):
            result = Unknown(
                f"condition {name} depends on {' and '.join(result.subjects)}", result.subjects,
            )
        self._values[name] = result
        return result

    def evaluate(self, expression: Any) -> Truth:
        """Evaluate a condition expression: Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition."""
        if isinstance(expression, bool):
            return expression
        if isinstance(expression, str) and expression.lower() in ("true", "false"):
            return expression.lower() == "true"
        if not isinstance(expression, dict) or len(expression) != 1:
            raise template_error(
                "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition.", expression,
            )
        (function, argument), = expression.items()
        if function == "Condition":
            return self.value(argument, expression)
        if function == "Fn::Equals":
            return self._equals(argument, expression)
        if function in ("Fn::And", "Fn::Or", "Fn::Not"):
            return self._logic(function, argument, expression)
        raise template_error(
            f"{function} cannot be used as a condition; use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition.",
            expression,
        )

    def _logic(self, function: str, argument: Any, node: Any) -> Truth:
        if not isinstance(argument, list) or not argument:
            raise template_error(f"{function} takes a list of conditions.", node)
        if function == "Fn::Not":
            if len(argument) != 1:
                raise template_error("Fn::Not takes a list of exactly one condition.", node)
            inner = self.evaluate(argument[0])
            return inner if isinstance(inner, Unknown) else not inner
        decisive = function == "Fn::Or"
        unknowns: list[Unknown] = []
        for item in argument:
            result = self.evaluate(item)
            if isinstance(result, Unknown):
                unknowns.append(result)
            elif result is decisive:
                return decisive
        if unknowns:
            return Unknown.combine(unknowns)
        return not decisive

    def _equals(self, argument: Any, node: Any) -> Truth:
        if not isinstance(argument, list) or len(argument) != 2:
            raise template_error("Fn::Equals takes a list of two values.", node)
        left = comparable(self._resolve(argument[0]))
        right = comparable(self._resolve(argument[1]))
        unknowns = [side for side in (left, right) if isinstance(side, Unknown)]
        if unknowns:
            return Unknown.combine(unknowns)
        return bool(left == right)


def comparable(value: Any) -> Any:
    """Return a value in the form Fn::Equals compares (text for scalars), or an Unknown."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, Symbol):
        return value.unknown()
    if isinstance(value, Reference):
        attribute = value["$ref"]["attribute"]
        what = f"the {attribute} of resource {value.logical_id}" if attribute else f"resource {value.logical_id}"
        return Unknown(f"{what}, known only after deployment", (what,))
    if isinstance(value, BuiltString):
        if value.unknowns:
            return Unknown.combine(value.unknowns)
        if value.has_placeholders:
            return Unknown(f"{value.display()}, known only after deployment")
        return value.display()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        items = [comparable(item) for item in value]
        unknowns = [item for item in items if isinstance(item, Unknown)]
        return Unknown.combine(unknowns) if unknowns else items
    if isinstance(value, MappingNode | dict):
        return dict(value)
    return value
