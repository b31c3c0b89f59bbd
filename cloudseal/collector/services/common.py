"""Mappings that several service collectors share: policies, tags and statements."""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, parse_policy, tag_map
from cloudseal.model import JSON, make_unknown

# Stands where a value exists but the collector never reads it (environment values, parameter values).
NOT_COLLECTED = make_unknown("value not collected: cloudseal stores configuration, never data")


def policy_or_unknown(outcome: Outcome, member: str) -> JSON:
    """Return the parsed policy document under member, or the unknown marker of the failed call."""
    if not outcome.ok:
        return outcome.unknown
    if outcome.data is None:
        return None
    return parse_policy(outcome.data.get(member))


def tags_from(context: ServiceContext, outcome: Outcome, member: str, key_name: str = "Key",
              value_name: str = "Value") -> dict[str, JSON]:
    """Flatten the tags of a tag-listing response, or mark the classification unknown when it failed."""
    if not outcome.ok:
        return context.unknown_tags(outcome)
    if outcome.data is None:
        return {}
    return tag_map(outcome.data.get(member), key_name, value_name)


def statements(document: Any) -> list[dict[str, Any]]:
    """Return a policy document's statements as a list of objects."""
    if not isinstance(document, dict):
        return []
    listed = document.get("Statement")
    if isinstance(listed, dict):
        return [listed]
    if isinstance(listed, list):
        return [statement for statement in listed if isinstance(statement, dict)]
    return []


def condition_value(statement: dict[str, Any], key: str) -> Any:
    """Return the value of a condition key in any operator, comparing key names without case."""
    for block in (statement.get("Condition") or {}).values():
        if not isinstance(block, dict):
            continue
        for name, value in block.items():
            if name.lower() == key.lower():
                return value
    return None


def single_principal(principal: Any) -> Any:
    """Reduce a statement principal to the single string that CloudFormation permissions take."""
    if isinstance(principal, str):
        return principal
    if isinstance(principal, dict) and len(principal) == 1:
        (value,) = principal.values()
        if isinstance(value, str):
            return value
        if isinstance(value, list) and len(value) == 1:
            return value[0]
    return principal
