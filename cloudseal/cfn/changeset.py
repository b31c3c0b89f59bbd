"""Change sets: the JSON output of `aws cloudformation describe-change-set`, judged beside their template.

Every resource of the template stays in the document, so that rules joining
two resources (a bucket and its policy) still see both. Each resource carries
`change`: the action of the change set (`Add`, `Modify`, `Dynamic`) or
`Unchanged`; reports show only the resources whose action is not `Unchanged`
(see `reported`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.parameters import parameter_list
from cloudseal.cfn.yaml_loader import read_text
from cloudseal.model import UNCHANGED

LOG = logging.getLogger(__name__)

REPORTED_ACTIONS = frozenset({"Add", "Modify", "Dynamic"})


@dataclass
class ChangeSet:
    """The parts of a change set that the front end uses."""

    path: Path
    stack_name: str | None
    name: str | None
    parameters: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_change_set(path: Path) -> ChangeSet:
    """Read the JSON that `aws cloudformation describe-change-set` prints."""
    source = str(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateError(f"invalid JSON: {error.msg}; give the output of "
                            "`aws cloudformation describe-change-set --output json`.",
                            source, error.lineno, error.colno) from error
    if not isinstance(data, dict) or not isinstance(data.get("Changes"), list):
        raise TemplateError("not a change set: it has no Changes list; give the output of "
                            "`aws cloudformation describe-change-set --output json`.", source)
    parameters = data.get("Parameters")
    change_set = ChangeSet(
        path=path,
        stack_name=data.get("StackName") if isinstance(data.get("StackName"), str) else None,
        name=data.get("ChangeSetName") if isinstance(data.get("ChangeSetName"), str) else None,
        parameters=parameter_list(parameters, source) if isinstance(parameters, list) else {},
    )
    for item in data["Changes"]:
        change = item.get("ResourceChange") if isinstance(item, dict) else None
        if not isinstance(change, dict) or not isinstance(change.get("LogicalResourceId"), str):
            continue
        change_set.changes[change["LogicalResourceId"]] = _describe(change)
    return change_set


def _describe(change: dict[str, Any]) -> dict[str, Any]:
    described: dict[str, Any] = {"action": str(change.get("Action", ""))}
    if change.get("Replacement") is not None:
        described["replacement"] = change["Replacement"]
    if isinstance(change.get("Scope"), list):
        described["scope"] = change["Scope"]
    names = [
        detail["Target"].get("Name") for detail in change.get("Details") or []
        if isinstance(detail, dict) and isinstance(detail.get("Target"), dict) and detail["Target"].get("Name")
    ]
    if names:
        described["properties"] = sorted(set(names))
    return described


def apply_change_set(resources: dict[str, Any], change_set: ChangeSet, root_stack: str | None) -> None:
    """Mark every resource of the change set's template with the change set's action for it."""
    matched: set[str] = set()
    for resource in resources.values():
        location = resource.get("location") or {}
        stack = location.get("stack")
        if stack == root_stack:
            logical_id = location.get("logical_id")
            nested = None
        else:
            # A resource of a nested stack changes with the AWS::CloudFormation::Stack resource that holds it.
            relative = stack.removeprefix(f"{root_stack}/") if root_stack and stack else stack or ""
            logical_id = relative.split("/")[0]
            nested = logical_id
        change = change_set.changes.get(logical_id or "")
        if change is None:
            resource["change"] = {"action": UNCHANGED}
            continue
        matched.add(logical_id or "")
        resource["change"] = dict(change) if nested is None else {**change, "nested_stack": nested}
    missing = sorted(logical_id for logical_id, change in change_set.changes.items()
                     if logical_id not in matched and change["action"] in REPORTED_ACTIONS)
    if missing:
        LOG.warning("%s: the change set lists resources that the template does not have: %s; "
                    "check that the change set was created from this template",
                    change_set.path, ", ".join(missing))
