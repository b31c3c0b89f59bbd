"""Fail when `opa test --coverage --format json` reports less than the floor, listing the weakest files."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    report_path, floor_text = sys.argv[1], sys.argv[2]
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    floor = float(floor_text)
    coverage = float(report.get("coverage", 0.0))
    files = report.get("files", {})
    weakest = sorted(
        (float(details.get("coverage", 0.0)), name)
        for name, details in files.items()
        if not name.endswith("_test.rego")
    )[:5]
    print(f"Rego coverage: {coverage:.1f}% of lines (floor {floor:.0f}%)")
    if coverage >= floor:
        return 0
    for file_coverage, name in weakest:
        print(f"  {file_coverage:5.1f}%  {name}")
    print(f"error: Rego coverage {coverage:.1f}% is below the floor of {floor:.0f}%; add tests for the files above.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
