"""The configuration file: project defaults for `cloudseal scan`, `rules` and `explain`.

cloudseal reads `.cloudseal.yaml` (or `.cloudseal.yml`) from the working
directory or the nearest parent that has one, or the file given with --config.
Every key is optional, and a command-line option overrides the key it matches:

    fail-on: high                 # critical, high, medium, low, info or none
    fail-on-unknown: true
    rules: [s3-*, encryption-at-rest]     # rule ids or categories, glob patterns
    skip-rules: [lambda-environment-customer-key]
    classification:
      tag: DataClassification
      levels: [public, internal, confidential, restricted]
      customer-key-level: confidential
    settings:                     # built-in rule settings, by their Rego names
      kms_rotation_max_days: 365
    custom-settings:              # settings that your own rules read
      my_setting: 3
    policy-dirs: [policies/extra]
    parameter-files: [params/prod.json]
    waivers: .cloudseal-waivers.yaml
    baseline: .cloudseal-baseline.json

Relative paths are relative to the directory of the configuration file.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cloudseal.engine.metadata import SEVERITIES
from cloudseal.errors import InputError
from cloudseal.paths import builtin_policy_dir

LOG = logging.getLogger(__name__)

CONFIG_FILE_NAMES = (".cloudseal.yaml", ".cloudseal.yml")
FAIL_ON_VALUES = (*SEVERITIES, "none")
# The keys of `classification` and the rule settings they set.
CLASSIFICATION_KEYS = {
    "tag": "classification_tag",
    "levels": "classification_levels",
    "customer-key-level": "customer_key_level",
}
_DEFAULTS_PATTERN = re.compile(r"^defaults\s*:=\s*(\{.*?^\})", re.MULTILINE | re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


@dataclass(frozen=True)
class Settings:
    """Project defaults from a configuration file; empty when there is none."""

    path: Path | None = None
    fail_on: str | None = None
    fail_on_unknown: bool | None = None
    rules: tuple[str, ...] = ()
    skip_rules: tuple[str, ...] = ()
    rule_settings: dict[str, Any] = field(default_factory=dict)
    policy_dirs: tuple[Path, ...] = ()
    parameter_files: tuple[Path, ...] = ()
    waivers: Path | None = None
    baseline: Path | None = None


def find_config_file(start: Path | None = None) -> Path | None:
    """Return the nearest configuration file in start (default: the working directory) or a parent."""
    directory = (start or Path.cwd()).resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
    return None


def load_settings(explicit: Path | None = None, start: Path | None = None) -> Settings:
    """Read the configuration file given with --config, or else the nearest one; Settings() when none."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(f"--config {explicit}: file not found; give the path of a .cloudseal.yaml file.")
        path = explicit
    else:
        found = find_config_file(start)
        if found is None:
            return Settings()
        path = found
    LOG.info("reading configuration from %s", path)
    return parse_settings(path)


def parse_settings(path: Path) -> Settings:
    """Parse and check one configuration file, raising InputError that names the file and the key."""
    data = _read_yaml(path)
    if data is None:
        return Settings(path=path)
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of settings at the top level, found {_kind(data)}.")
    _reject_unknown_keys(path, "", data, _TOP_LEVEL_KEYS)
    base = path.parent

    fail_on = data.get("fail-on")
    if fail_on is not None and (not isinstance(fail_on, str) or fail_on not in FAIL_ON_VALUES):
        raise InputError(f"{path}: fail-on is {fail_on!r}; expected one of {', '.join(FAIL_ON_VALUES)}.")
    fail_on_unknown = data.get("fail-on-unknown")
    if fail_on_unknown is not None and not isinstance(fail_on_unknown, bool):
        raise InputError(f"{path}: fail-on-unknown is {fail_on_unknown!r}; expected true or false.")

    return Settings(
        path=path,
        fail_on=fail_on,
        fail_on_unknown=fail_on_unknown,
        rules=_string_list(path, "rules", data.get("rules")),
        skip_rules=_string_list(path, "skip-rules", data.get("skip-rules")),
        rule_settings=_rule_settings(path, data),
        policy_dirs=tuple(base / item for item in _string_list(path, "policy-dirs", data.get("policy-dirs"))),
        parameter_files=tuple(
            base / item for item in _string_list(path, "parameter-files", data.get("parameter-files"))
        ),
        waivers=_optional_path(path, "waivers", data.get("waivers")),
        baseline=_optional_path(path, "baseline", data.get("baseline")),
    )


_TOP_LEVEL_KEYS = (
    "fail-on", "fail-on-unknown", "rules", "skip-rules", "classification", "settings", "custom-settings",
    "policy-dirs", "parameter-files", "waivers", "baseline",
)


def _read_yaml(path: Path) -> Any:
    import yaml  # noqa: PLC0415 - most runs have no configuration file; keep yaml off their start-up

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not a UTF-8 text file.") from error
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: invalid YAML: {error.problem}.") from error
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML: {error}.") from error


def _kind(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)


def _reject_unknown_keys(path: Path, section: str, data: Mapping[str, Any], known: tuple[str, ...]) -> None:
    for key in data:
        if key in known:
            continue
        name = f"{section}.{key}" if section else str(key)
        hint = difflib.get_close_matches(str(key), known, n=1)
        suggestion = f" Did you mean {hint[0]!r}?" if hint else ""
        raise InputError(
            f"{path}: unknown key {name!r}; expected one of {', '.join(known)}.{suggestion}"
        )


def _string_list(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise InputError(f"{path}: {key} must be a list of non-empty strings, found {value!r}.")
    return tuple(value)


def _optional_path(path: Path, key: str, value: Any) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InputError(f"{path}: {key} must be a file path, found {value!r}.")
    return path.parent / value


def _rule_settings(path: Path, data: Mapping[str, Any]) -> dict[str, Any]:
    """Merge classification, settings and custom-settings into the input document's `config` member."""
    defaults = builtin_setting_defaults()
    merged: dict[str, Any] = {}

    classification = data.get("classification") or {}
    if not isinstance(classification, dict):
        raise InputError(f"{path}: classification must be a mapping with tag, levels or customer-key-level.")
    _reject_unknown_keys(path, "classification", classification, tuple(CLASSIFICATION_KEYS))
    for key, value in classification.items():
        merged[CLASSIFICATION_KEYS[key]] = value

    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise InputError(f"{path}: settings must be a mapping of setting name to value.")
    if defaults:
        _reject_unknown_keys(path, "settings", settings, tuple(sorted(defaults)))
    for key, value in settings.items():
        if key in merged:
            raise InputError(
                f"{path}: settings.{key} repeats a classification key; set it only under classification."
            )
        merged[str(key)] = value

    for name, value in merged.items():
        if name in defaults:
            _check_setting_type(path, name, value, defaults[name])

    custom = data.get("custom-settings") or {}
    if not isinstance(custom, dict):
        raise InputError(f"{path}: custom-settings must be a mapping of setting name to value.")
    for key, value in custom.items():
        if key in defaults:
            raise InputError(f"{path}: custom-settings.{key} is a built-in setting; move it under settings.")
        merged[str(key)] = value
    return merged


_TYPE_CHECKS: dict[type, tuple[str, Callable[[Any], bool]]] = {
    bool: ("true or false", lambda value: isinstance(value, bool)),
    int: ("a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool)),
    float: ("a number", lambda value: isinstance(value, int | float) and not isinstance(value, bool)),
    str: ("a non-empty string", lambda value: isinstance(value, str) and bool(value)),
    list: ("a list of strings", lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value)),
}


def _check_setting_type(path: Path, name: str, value: Any, default: Any) -> None:
    check = _TYPE_CHECKS.get(type(default))
    if check is None:
        return
    expected, accepts = check
    if not accepts(value):
        raise InputError(f"{path}: setting {name} is {value!r}; expected {expected}, like the default {default!r}.")
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise InputError(f"{path}: setting {name} is {value}; expected zero or more.")


def _without_comments(rego: str) -> str:
    """Remove Rego comments (from # outside a string to the end of the line)."""
    kept: list[str] = []
    in_string = escaped = in_comment = False
    for character in rego:
        if in_comment:
            in_comment = character != "\n"
            if in_comment:
                continue
        elif escaped:
            escaped = False
        elif in_string:
            escaped = character == "\\"
            in_string = character != '"'
        elif character == '"':
            in_string = True
        elif character == "#":
            in_comment = True
            continue
        kept.append(character)
    return "".join(kept)


@lru_cache(maxsize=1)
def builtin_setting_defaults() -> dict[str, Any]:
    """Read the default of every built-in rule setting from the `defaults` object of the Rego library.

    Returns an empty mapping, which turns off the check of setting names, when
    the library file is missing or its `defaults` object is not plain JSON.
    """
    config_rego = builtin_policy_dir() / "cloudseal" / "lib" / "config" / "config.rego"
    try:
        text = config_rego.read_text(encoding="utf-8")
    except OSError:
        LOG.warning("cannot read %s, so setting names are not checked", config_rego)
        return {}
    match = _DEFAULTS_PATTERN.search(text)
    if match is None:
        LOG.warning("no defaults object in %s, so setting names are not checked", config_rego)
        return {}
    try:
        parsed = json.loads(_TRAILING_COMMA.sub(r"\1", _without_comments(match.group(1))))
    except json.JSONDecodeError:
        LOG.warning("the defaults object in %s is not plain JSON, so setting names are not checked", config_rego)
        return {}
    return parsed if isinstance(parsed, dict) else {}
