"""Write cloudseal/rule_catalog.json: the metadata of the built-in rules, read with `opa inspect`.

Run it (`make catalog`) after changing a rule's metadata or code. While the file is out of
date, a test fails and scans fall back to `opa inspect`.
"""

from __future__ import annotations

from cloudseal.engine.catalog_cache import PACKAGED_CATALOG, write_packaged
from cloudseal.engine.metadata import inspect_policy_dir
from cloudseal.engine.opa_binary import find_opa
from cloudseal.paths import builtin_policy_dir


def main() -> None:
    policy_dir = builtin_policy_dir()
    rules = inspect_policy_dir(find_opa(), policy_dir)
    write_packaged(rules, policy_dir)
    print(f"wrote the metadata of {len(rules)} rules to {PACKAGED_CATALOG}")


if __name__ == "__main__":
    main()
