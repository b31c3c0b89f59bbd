"""Roles the native SAM transform generates: the Policies property, policy templates and managed policies.

A function or a state machine without a Role gets one from the translator,
built the same way for both from their Policies. Managed policy names become
ARNs from the map bundled with aws-sam-translator, and policy documents become
inline policies. Policy templates are expanded from the templates bundled with
it. Both data files are read as JSON, without importing the translator.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cloudseal.cfn.sam_native_base import Unsupported, is_intrinsic

_POLICY_PARAMETER_PREFIX = "___SAM_POLICY_PARAMETER_"


def managed_arn(name: str, partition: str) -> str:
    """Return the ARN of an AWS managed policy in a partition."""
    return f"arn:{partition}:iam::aws:policy/{name}"


def service_trust_policy(service: str) -> dict[str, Any]:
    """Return the trust policy the translator gives a role that one AWS service assumes."""
    return {"Version": "2012-10-17", "Statement": [
        {"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": [service]}},
    ]}


def role_resource(owner_id: str, passed: dict[str, Any], partition: str, *, trust: Any, managed: Sequence[Any],
                  policies: Any, path: Any, boundary: Any, tags: list[dict[str, Any]] | None,
                  documents: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Build the role `<owner_id>Role` from the owner's Policies, after the policies it always gets.

    `managed` are the managed policy ARNs and `documents` the inline policies
    that come before those of the Policies property.
    """
    role_id = f"{owner_id}Role"
    arns = list(managed)
    inline = list(documents)
    for index, entry in enumerate(_policy_entries(owner_id, policies)):
        if isinstance(entry, str):
            arn = _managed_policy_arn(entry, partition)
            if arn not in arns:
                arns.append(arn)
        elif is_intrinsic(entry):
            if "Fn::If" in entry:
                raise Unsupported(f"{owner_id} has a conditional policy")
            if entry not in arns:
                arns.append(entry)
        elif "Statement" in entry:
            inline.append({"PolicyName": f"{role_id}Policy{index}", "PolicyDocument": entry})
        else:
            inline.append({"PolicyName": f"{role_id}Policy{index}",
                           "PolicyDocument": _policy_template(owner_id, entry)})
    if boundary is not None and not isinstance(boundary, str) and not is_intrinsic(boundary):
        raise Unsupported(f"{owner_id} has a PermissionsBoundary that is not text")

    role: dict[str, Any] = {"AssumeRolePolicyDocument": trust, "ManagedPolicyArns": arns}
    if inline:
        role["Policies"] = inline
    if path is not None:
        role["Path"] = path
    if boundary is not None:
        role["PermissionsBoundary"] = boundary
    if tags is not None:
        role["Tags"] = tags
    return {"Type": "AWS::IAM::Role", **passed, "Properties": role}


def _policy_entries(owner_id: str, policies: Any) -> list[Any]:
    if not policies:
        return []
    entries = policies if isinstance(policies, list) else [policies]
    if not all(isinstance(entry, str | dict) for entry in entries):
        raise Unsupported(f"{owner_id} has a policy that is neither a name nor a mapping")
    return entries


def _managed_policy_arn(name: str, partition: str) -> str:
    return _managed_policies().get(partition, {}).get(name, name)


def _policy_template(owner_id: str, entry: Mapping[str, Any]) -> Any:
    """Expand a SAM policy template ({"S3ReadPolicy": {"BucketName": ...}}) into its policy document."""
    name = next(iter(entry)) if len(entry) == 1 else None
    template = _policy_templates().get(name) if isinstance(name, str) else None
    values = entry[name] if isinstance(name, str) and template is not None else None
    if template is None or not isinstance(values, dict):
        raise Unsupported(f"{owner_id} has a policy that is not a known policy template")
    expected = template.get("Parameters", {})
    if set(expected) - set(values) or any(values[key] is None for key in expected):
        raise Unsupported(f"{owner_id} gives policy template {name} too few parameters")
    arguments = {_POLICY_PARAMETER_PREFIX + key: values[key] for key in expected}
    return _substitute(template.get("Definition", {}), arguments.get)


def _substitute(node: Any, lookup: Callable[[str], Any]) -> Any:
    """Copy a template definition, replacing each {"Ref": parameter} with the value given for it."""
    if isinstance(node, dict):
        if len(node) == 1 and isinstance(node.get("Ref"), str):
            value = lookup(_POLICY_PARAMETER_PREFIX + node["Ref"])
            return value if value is not None else {"Ref": _POLICY_PARAMETER_PREFIX + node["Ref"]}
        copied = {key: _substitute(value, lookup) for key, value in node.items()}
        if isinstance(copied.get("Ref"), str):
            copied["Ref"] = _POLICY_PARAMETER_PREFIX + copied["Ref"]
        return copied
    if isinstance(node, list):
        return [_substitute(item, lookup) for item in node]
    return node


def _translator_data(*parts: str) -> Path:
    spec = importlib.util.find_spec("samtranslator")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise Unsupported("aws-sam-translator is not installed")
    return Path(next(iter(locations)), *parts)


@functools.cache
def _policy_templates() -> dict[str, Any]:
    """Read the policy templates bundled with aws-sam-translator as data, without importing the package."""
    data = json.loads(_translator_data("policy_templates_data", "policy_templates.json").read_text("utf-8"))
    templates: dict[str, Any] = data["Templates"]
    return templates


@functools.cache
def _managed_policies() -> dict[str, dict[str, str]]:
    """Read the AWS managed policy ARNs, by partition and name, bundled with aws-sam-translator."""
    policies: dict[str, dict[str, str]] = json.loads(
        _translator_data("internal", "data", "aws_managed_policies.json").read_text("utf-8"))
    return policies
