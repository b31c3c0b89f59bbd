"""Template parameters: the files users give them in, their values, and the pseudo parameters.

Accepted parameter files (`--parameter-file`):

* CloudFormation's list form: `[{"ParameterKey": "Stage", "ParameterValue": "prod"}]`;
* the template configuration form of `aws cloudformation deploy` and CodePipeline:
  `{"Parameters": {"Stage": "prod"}}`;
* `Key=Value` pairs, as a JSON list of strings or as text separated by spaces or
  new lines (the `--parameter-overrides` form; `ParameterKey=K,ParameterValue=V` too).

SAM CLI configuration files (samconfig.toml, samconfig.yaml) give
`parameter_overrides` per environment and command.
"""

from __future__ import annotations

import json
import logging
import shlex
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cloudseal.cfn.errors import TemplateError, template_error
from cloudseal.cfn.values import Symbol, Unknown
from cloudseal.cfn.yaml_loader import parse_text, read_text

LOG = logging.getLogger(__name__)

SAM_CONFIG_NAMES = ("samconfig.toml", "samconfig.yaml", "samconfig.yml")
# Commands whose parameter_overrides describe a deployment, in the order they are looked up.
SAM_CONFIG_COMMANDS = ("deploy", "sync", "global")
_PARAMETER_FILE_FORMS = (
    'a JSON list of {"ParameterKey": ..., "ParameterValue": ...}, a JSON object {"Parameters": {...}}, '
    "or Key=Value pairs"
)


class ResolvedValue(str):
    """A parameter value that CloudFormation already resolved (a change set's ResolvedValue for an SSM type)."""

    __slots__ = ()


def read_parameter_file(path: Path) -> dict[str, Any]:
    """Read a parameter file in any of the accepted forms."""
    source = str(path)
    text = read_text(path)
    stripped = text.strip()
    if not stripped:
        return {}
    if stripped[0] in "[{":
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise TemplateError(f"invalid JSON parameter file: {error.msg}.", source, error.lineno,
                                error.colno) from error
        return _parameters_from_json(data, source)
    return parse_overrides(stripped, source)


def _parameters_from_json(data: Any, source: str) -> dict[str, Any]:
    if isinstance(data, dict) and isinstance(data.get("Parameters"), dict):
        return {str(key): _as_text(value) for key, value in data["Parameters"].items()}
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return parse_overrides(data, source)
    if isinstance(data, list) and all(isinstance(item, dict) and "ParameterKey" in item for item in data):
        return parameter_list(data, source)
    raise TemplateError(f"unrecognised parameter file; expected {_PARAMETER_FILE_FORMS}.", source)


def parameter_list(items: list[dict[str, Any]], source: str) -> dict[str, Any]:
    """Read CloudFormation's [{"ParameterKey", "ParameterValue" | "ResolvedValue" | "UsePreviousValue"}] list."""
    values: dict[str, Any] = {}
    for item in items:
        key = str(item["ParameterKey"])
        if "ResolvedValue" in item:
            values[key] = ResolvedValue(_as_text(item["ResolvedValue"]))
        elif "ParameterValue" in item:
            values[key] = _as_text(item["ParameterValue"])
        elif item.get("UsePreviousValue"):
            values[key] = Unknown(
                f"parameter {key} keeps its value from the previous deployment", (f"parameter {key}",),
            )
        else:
            raise TemplateError(f"parameter {key} has neither ParameterValue nor UsePreviousValue.", source)
    return values


def parse_overrides(overrides: str | list[Any], source: str) -> dict[str, Any]:
    """Parse `Key=Value` pairs (or `ParameterKey=K,ParameterValue=V`) from text or a list of strings."""
    if isinstance(overrides, str):
        try:
            tokens = shlex.split(overrides)
        except ValueError as error:
            raise TemplateError(f"cannot split parameter overrides ({error}); check the quotes.", source) from error
    else:
        tokens = [str(token) for token in overrides]
    values: dict[str, Any] = {}
    for token in tokens:
        if token.startswith("ParameterKey="):
            key_part, _, value_part = token.partition(",")
            key = key_part.removeprefix("ParameterKey=")
            if not value_part.startswith("ParameterValue="):
                raise TemplateError(f"invalid parameter override {token!r}; expected "
                                    "ParameterKey=Name,ParameterValue=Value.", source)
            values[key] = value_part.removeprefix("ParameterValue=")
            continue
        key, separator, value = token.partition("=")
        if not separator or not key:
            raise TemplateError(f"invalid parameter override {token!r}; expected Key=Value, for example Stage=prod.",
                                source)
        values[key] = value
    return values


def read_sam_config(path: Path, environment: str, required: bool) -> dict[str, Any]:
    """Read parameter_overrides for one environment of a SAM CLI configuration file.

    The deploy command's parameters win over sync's, and both over the global
    ones. When `required` is false, a missing environment gives no parameters.
    """
    source = str(path)
    text = read_text(path)
    if path.suffix == ".toml":
        try:
            config: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise TemplateError(f"invalid TOML: {error}.", source) from error
    else:
        config = parse_text(text, source)
    if not isinstance(config, dict):
        raise TemplateError("a SAM configuration file must be a mapping of environments.", source)
    section = config.get(environment)
    if not isinstance(section, dict):
        if not required:
            return {}
        found = ", ".join(sorted(key for key, value in config.items() if isinstance(value, dict))) or "none"
        raise TemplateError(f"no environment {environment!r} (found: {found}); choose one with --config-env.", source)
    values: dict[str, Any] = {}
    for command in reversed(SAM_CONFIG_COMMANDS):
        parameters = (section.get(command) or {}).get("parameters") if isinstance(section.get(command), dict) else None
        if isinstance(parameters, dict) and "parameter_overrides" in parameters:
            values.update(parse_overrides(parameters["parameter_overrides"], source))
    return values


def find_sam_config(template: Path) -> Path | None:
    """Return the SAM CLI configuration file beside a template, as `sam deploy` would use it."""
    for name in SAM_CONFIG_NAMES:
        candidate = template.parent / name
        if candidate.is_file():
            return candidate
    return None


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ",".join(str(_as_text(item)) for item in value)
    if value is None:
        return ""
    return str(value)


def template_parameters(definitions: Any, parameter_values: Mapping[str, Any]) -> dict[str, Any]:
    """Return each parameter's value: the one given, its default, its only allowed value, or an Unknown."""
    values: dict[str, Any] = {}
    if definitions is None:
        return values
    if not isinstance(definitions, dict):
        raise template_error("the Parameters section must be a mapping of parameter names to definitions.",
                             definitions)
    for name, definition in definitions.items():
        if not isinstance(definition, dict):
            raise template_error(f"parameter {name} must be a mapping with a Type.", definitions)
        kind = str(definition.get("Type", "String"))
        allowed = definition.get("AllowedValues")
        if name in parameter_values:
            value = parameter_values[name]
            _check_allowed(name, kind, value, allowed)
        elif "Default" in definition:
            value = definition["Default"]
        elif isinstance(allowed, list) and len(allowed) == 1:
            value = allowed[0]
        else:
            values[name] = Unknown(f"parameter {name} has no default", (f"parameter {name}",))
            continue
        values[name] = _typed(name, kind, value)
    return values


def _check_allowed(name: str, kind: str, value: Any, allowed: Any) -> None:
    """Reject a given value that CloudFormation would reject because AllowedValues does not list it."""
    if not isinstance(allowed, list) or not isinstance(value, str | int | float | bool):
        return
    if kind.startswith("List<") or kind == "CommaDelimitedList":
        return
    if _as_text(value) in {_as_text(option) for option in allowed}:
        return
    options = ", ".join(_as_text(option) for option in allowed)
    raise template_error(
        f"parameter {name} is {_as_text(value)!r}, which is not one of its AllowedValues ({options}); "
        "give one of those values.",
        allowed,
    )


def _typed(name: str, kind: str, value: Any) -> Any:
    if not isinstance(value, str | int | float | bool | list):
        return value
    if kind.startswith("AWS::SSM::Parameter::Value<") and not isinstance(value, ResolvedValue):
        return Unknown(f"SSM parameter {value} (parameter {name})", (f"parameter {name}",))
    if kind.startswith("List<") or kind == "CommaDelimitedList" or "<List<" in kind or "<CommaDelimitedList>" in kind:
        if isinstance(value, list):
            return value
        return [part.strip() for part in str(value).split(",")]
    if kind == "Number" and isinstance(value, str):
        return _number(value)
    return value


def _number(text: str) -> int | float | str:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


_PARTITIONS = (
    ("cn-", "aws-cn", "amazonaws.com.cn"),
    ("us-gov-", "aws-us-gov", "amazonaws.com"),
    ("us-isob-", "aws-iso-b", "sc2s.sgov.gov"),
    ("us-isof-", "aws-iso-f", "csp.hci.ic.gov"),
    ("us-iso-", "aws-iso", "c2s.ic.gov"),
    ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk"),
    ("eusc-", "aws-eusc", "amazonaws.eu"),
)


def partition_of(region: str) -> tuple[str, str]:
    """Return the partition and URL suffix of a region."""
    for prefix, partition, suffix in _PARTITIONS:
        if region.startswith(prefix):
            return partition, suffix
    return "aws", "amazonaws.com"


def pseudo_parameters(region: str | None, account: str | None, stack_name: str | None) -> dict[str, Any]:
    """Return the pseudo parameters: known values, or Symbols that stay `${AWS::Region}` inside strings."""
    values: dict[str, Any] = {
        "AWS::Region": region or Symbol("AWS::Region", "set it with --region"),
        "AWS::AccountId": account or Symbol("AWS::AccountId", "set it with --account"),
        "AWS::StackName": stack_name or Symbol("AWS::StackName", "the name the stack is deployed under"),
        "AWS::StackId": Symbol("AWS::StackId", "known once the stack exists"),
        "AWS::NotificationARNs": Unknown("pseudo parameter AWS::NotificationARNs",
                                         ("pseudo parameter AWS::NotificationARNs",)),
    }
    if region:
        values["AWS::Partition"], values["AWS::URLSuffix"] = partition_of(region)
    else:
        values["AWS::Partition"] = Symbol("AWS::Partition", "set the region with --region")
        values["AWS::URLSuffix"] = Symbol("AWS::URLSuffix", "set the region with --region")
    return values
