"""Build the input document from templates, SAM templates, cdk.out assemblies and change sets.

`build_document` is the front end's entry point: every input that cannot be
read becomes an entry of `document["errors"]` naming the file and line, and
the other inputs still load. docs/templates.md describes the inputs for users.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.cfn.cdk import AssemblyStack, assembly_stacks
from cloudseal.cfn.changeset import ChangeSet, apply_change_set, read_change_set
from cloudseal.cfn.discovery import Discovery, discover, nested_template_paths
from cloudseal.cfn.errors import TemplateError
from cloudseal.cfn.parameters import find_sam_config, read_parameter_file, read_sam_config
from cloudseal.cfn.stack import PARAMETER_TYPE, ParsedTemplate, StackLoader, StackSpec, parse_template
from cloudseal.cfn.yaml_loader import MAX_TEMPLATE_BYTES
from cloudseal.errors import InputError
from cloudseal.model import new_document

LOG = logging.getLogger(__name__)

DEFAULT_CONFIG_ENV = "default"


@dataclass
class SourceOptions:
    """Options for the front end: parameters, the target account and region, and the inputs."""

    parameters: dict[str, str] = field(default_factory=dict)
    parameter_files: list[Path] = field(default_factory=list)
    region: str | None = None
    account: str | None = None
    # SAM CLI configuration file; without one, a samconfig file beside each template is used.
    sam_config: Path | None = None
    # Environment of the SAM CLI configuration; None means "default", and no error when it is missing.
    config_env: str | None = None
    change_set: Path | None = None
    max_template_bytes: int = MAX_TEMPLATE_BYTES


@dataclass
class _Root:
    """A top-level stack to load: a template file or a stack of a cloud assembly."""

    name: str
    spec: StackSpec
    parsed: ParsedTemplate | None = None


def build_document(paths: Sequence[Path], options: SourceOptions) -> dict[str, Any]:
    """Load every input into one input document; unreadable inputs become entries of its errors."""
    document = new_document({"kind": "template", "paths": [str(path) for path in paths]})
    errors: list[dict[str, Any]] = document["errors"]

    user_values = _read_parameter_files(options, errors)
    change_set = _read_change_set(options, paths, errors)
    found = discover(list(paths), options.max_template_bytes)
    errors.extend(error.as_entry() for error in found.errors)
    roots = _file_roots(found) + _assembly_roots(found, errors)
    if change_set is not None and len(roots) > 1:
        errors.append(TemplateError(
            "a change set belongs to one template, but the paths name several; scan the template the change "
            "set was created from on its own.", str(change_set.path)).as_entry())
        change_set = None

    merged = len(roots) > 1 or any(
        root.parsed is not None and nested_template_paths(root.parsed, root.spec.assembly_dir) for root in roots
    )
    loaded = 0
    for root in roots:
        spec = root.spec
        spec.stack = root.name if merged else None
        spec.region = spec.region or options.region
        spec.account = spec.account or options.account
        spec.parameter_values = {**_sam_config_values(options, spec.path, errors), **spec.parameter_values}
        if change_set is not None:
            spec.parameter_values.update(change_set.parameters)
            spec.stack_name = spec.stack_name or change_set.stack_name
        spec.parameter_values.update(user_values)
        spec.max_bytes = options.max_template_bytes
        try:
            StackLoader(spec, document["resources"], errors).load()
            loaded += 1
        except TemplateError as error:
            errors.append(error.as_entry())

    if change_set is not None and roots:
        apply_change_set(document["resources"], change_set, roots[0].spec.stack)
        document["source"]["change_set"] = str(change_set.path)
    document["source"]["templates"] = loaded
    _check_declared(options, document)
    document["source"]["skipped"] = len(found.skipped)
    if found.skipped:
        LOG.info("skipped %d files that are not templates", len(found.skipped))
    return document


def _read_parameter_files(options: SourceOptions, errors: list[dict[str, Any]]) -> dict[str, Any]:
    parameter_values: dict[str, Any] = {}
    for path in options.parameter_files:
        try:
            parameter_values.update(read_parameter_file(path))
        except TemplateError as error:
            # Without its parameters every template would be judged with the wrong values.
            raise InputError(f"invalid --parameter-file: {error}") from error
    parameter_values.update(options.parameters)
    return parameter_values


def _check_declared(options: SourceOptions, document: dict[str, Any]) -> None:
    """Report a --parameter that no loaded template declares, usually a misspelt name."""
    declared = {
        key.rsplit("/", 1)[-1]
        for key, resource in document["resources"].items()
        if resource.get("type") == PARAMETER_TYPE
    }
    for name, value in options.parameters.items():
        if name in declared or document["source"]["templates"] == 0:
            continue
        close = difflib.get_close_matches(name, sorted(declared), n=1)
        listed = ", ".join(sorted(declared)) or "none"
        hint = f"did you mean {close[0]}?" if close else f"declared parameters: {listed}."
        document["errors"].append({
            "source": f"--parameter {name}={value}",
            "message": f"--parameter {name}: no scanned template declares a parameter {name}; {hint}",
        })


def _read_change_set(options: SourceOptions, paths: Sequence[Path], errors: list[dict[str, Any]]) -> ChangeSet | None:
    if options.change_set is None:
        return None
    try:
        return read_change_set(options.change_set)
    except TemplateError as error:
        errors.append(error.as_entry())
        return None


def _sam_config_values(options: SourceOptions, template: Path, errors: list[dict[str, Any]]) -> dict[str, Any]:
    config = options.sam_config or find_sam_config(template)
    if config is None:
        return {}
    required = options.sam_config is not None or options.config_env is not None
    try:
        values = read_sam_config(config, options.config_env or DEFAULT_CONFIG_ENV, required)
    except TemplateError as error:
        entry = error.as_entry()
        if entry not in errors:
            errors.append(entry)
        return {}
    if values:
        LOG.info("%s: parameters from %s (environment %s)", template, config, options.config_env or DEFAULT_CONFIG_ENV)
    return values


def _stack_names(paths: list[Path]) -> list[str]:
    """Name each template by its path relative to the folder the templates share, without the suffix."""
    if not paths:
        return []
    resolved = [path.resolve() for path in paths]
    common = Path(os.path.commonpath([str(path.parent) for path in resolved]))
    return [path.relative_to(common).with_suffix("").as_posix() for path in resolved]


def _file_roots(found: Discovery) -> list[_Root]:
    names = _stack_names([template.path for template in found.templates])
    return [
        _Root(name, StackSpec(path=template.path, stack=name, parsed=template, preparsed=found.nested), template)
        for name, template in zip(names, found.templates, strict=True)
    ]


def _assembly_roots(found: Discovery, errors: list[dict[str, Any]]) -> list[_Root]:
    roots: list[_Root] = []
    used: set[str] = set()
    for directory in found.assemblies:
        try:
            stacks = assembly_stacks(directory)
        except TemplateError as error:
            errors.append(error.as_entry())
            continue
        for stack in stacks:
            try:
                roots.append(_assembly_root(stack, used))
            except TemplateError as error:
                errors.append(error.as_entry())
    return roots


def _assembly_root(stack: AssemblyStack, used: set[str]) -> _Root:
    name = stack.name
    if name in used:
        name = f"{name}-{len(used)}"
    used.add(name)
    spec = StackSpec(
        path=stack.template, stack=name, parameter_values=dict(stack.parameters), region=stack.region,
        account=stack.account,
        stack_name=stack.stack_name, assembly_dir=stack.assembly_dir,
    )
    spec.parsed = parse_template(stack.template)
    return _Root(name, spec, spec.parsed)


__all__ = ["SourceOptions", "build_document", "parse_template"]
