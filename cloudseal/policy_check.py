"""`cloudseal rules --check DIR`: check a directory of user rules against the rule contract.

A rule directory passes when every rule package under cloudseal.rules
- has complete metadata (the problems that cloudseal.engine.metadata reports),
- has an id that no built-in rule uses,
- has a test file (*_test.rego) in its own directory,
and when `opa check --strict` and `opa test` pass over the directory together
with the built-in library (policies/cloudseal/lib and policies/cloudseal/main),
which user rules import.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cloudseal.engine.metadata import RuleMetadata, inspect_policy_dir
from cloudseal.engine.opa_binary import OpaBinary
from cloudseal.errors import InputError

OPA_TIMEOUT_SECONDS = 300


@dataclass
class RuleReport:
    """The problems of one rule; an empty list means the rule passed."""

    rule_id: str
    file: str
    problems: list[str] = field(default_factory=list)


@dataclass
class CheckResult:
    """Everything `rules --check` found in one directory."""

    directory: Path
    rules: list[RuleReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tests_passed: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and all(not rule.problems for rule in self.rules)


def _library_dirs(builtin: Path) -> list[Path]:
    return [path for path in (builtin / "cloudseal" / "lib", builtin / "cloudseal" / "main") if path.is_dir()]


def _run_opa(opa: OpaBinary, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(opa.path), *arguments], capture_output=True, text=True, timeout=OPA_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise InputError(f"`opa {arguments[0]}` timed out after {OPA_TIMEOUT_SECONDS} s.") from error


def _test_file_problem(rule: RuleMetadata) -> str | None:
    if not rule.file:
        return "OPA reported no file for this rule, so its tests cannot be found"
    rule_file = Path(rule.file)
    if any(rule_file.parent.glob("*_test.rego")):
        return None
    return f"no test file beside {rule_file.name}; add {rule_file.stem}_test.rego with pass, fail and unknown cases"


def _strict_check_problems(opa: OpaBinary, directories: list[Path]) -> list[str]:
    completed = _run_opa(opa, ["check", "--strict", "--format", "json", *map(str, directories)])
    if completed.returncode == 0:
        return []
    try:
        errors = json.loads(completed.stdout or completed.stderr).get("errors", [])
    except (json.JSONDecodeError, AttributeError):
        return [f"opa check --strict failed: {(completed.stderr or completed.stdout).strip()}"]
    problems = []
    for error in errors:
        location = error.get("location") or {}
        where = f"{location.get('file', '')}:{location.get('row', 0)}: " if location.get("file") else ""
        problems.append(f"opa check --strict: {where}{error.get('message', '')}")
    return problems or [f"opa check --strict failed: {completed.stderr.strip()}"]


def _test_outcomes(opa: OpaBinary, directories: list[Path], user_dir: Path) -> tuple[int, list[str]]:
    completed = _run_opa(opa, ["test", "--format", "json", *map(str, directories)])
    try:
        results: list[dict[str, Any]] = json.loads(completed.stdout or "[]")
    except json.JSONDecodeError:
        return 0, [f"opa test failed: {(completed.stderr or completed.stdout).strip()}"]
    passed = 0
    problems = []
    user_root = str(user_dir.resolve())
    for result in results:
        file = str((result.get("location") or {}).get("file", ""))
        if not str(Path(file).resolve()).startswith(user_root):
            continue
        name = f"{result.get('package', '')}.{result.get('name', '')}"
        if result.get("fail"):
            problems.append(f"opa test: {name} failed ({file}:{result['location'].get('row', 0)})")
        elif result.get("error"):
            problems.append(f"opa test: {name} raised an error: {result['error'].get('message', result['error'])}")
        elif not result.get("skip"):
            passed += 1
    if completed.returncode != 0 and not problems and not results:
        problems.append(f"opa test failed: {completed.stderr.strip()}")
    return passed, problems


_PACKAGE_LINE = re.compile(r"^package\s+(cloudseal\.rules\.[\w.]+)", re.MULTILINE)
_VERDICTS_RULE = re.compile(r"^verdicts\s+(contains|:=|\[)", re.MULTILINE)


def _hidden_rule_problems(directory: Path) -> list[str]:
    """Find rules in files whose names end in _test.rego, which OPA and cloudseal read only as tests."""
    problems = []
    for path in sorted(directory.rglob("*_test.rego")):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _PACKAGE_LINE.search(text)
        # A rule defines verdicts; a test package only reads them.
        if match and _VERDICTS_RULE.search(text):
            problems.append(
                f"{path} holds rule package {match.group(1)}, but a file named *_test.rego is read only as "
                "tests, so the rule never runs; rename the file (and the rule, if its name ends in _test)"
            )
    return problems


def check_policy_dir(opa: OpaBinary, directory: Path, builtin: Path, builtin_ids: set[str]) -> CheckResult:
    """Check one directory of user rules; raises InputError when it is not a directory."""
    if not directory.is_dir():
        raise InputError(f"rules --check {directory}: not a directory; give the folder of your Rego rules.")
    result = CheckResult(directory=directory)

    # An absolute path makes OPA report absolute file names, which the metadata reader expects.
    for rule in sorted(inspect_policy_dir(opa, directory.resolve()), key=lambda item: item.id):
        report = RuleReport(rule_id=rule.id, file=rule.file, problems=list(rule.problems))
        if rule.id in builtin_ids:
            report.problems.append(f"rule id {rule.id} is already a built-in rule; rename the package")
        test_problem = _test_file_problem(rule)
        if test_problem:
            report.problems.append(test_problem)
        result.rules.append(report)
    result.problems.extend(_hidden_rule_problems(directory))
    if not result.rules:
        result.problems.append(
            f"no rule found in {directory}: a rule is a package under cloudseal.rules with a # METADATA annotation"
        )

    directories = [*_library_dirs(builtin), directory]
    result.problems.extend(_strict_check_problems(opa, directories))
    result.tests_passed, test_problems = _test_outcomes(opa, directories, directory)
    result.problems.extend(test_problems)
    if result.rules and result.tests_passed == 0 and not test_problems:
        result.problems.append("opa test ran no test of these rules; write test_ rules in the *_test.rego files")
    return result
