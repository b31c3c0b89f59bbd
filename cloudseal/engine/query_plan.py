"""Decide how many OPA queries evaluate one input, and which rule groups each query gets.

OPA evaluates one query on one core. Splitting the rule groups (s3, iam, …)
across concurrent queries lets the server use the other cores. Every query
rebuilds the library's shared indexes, and on a server given with --opa-url also
parses its own copy of the input, so a split pays off only on large inputs, and
each query must get a similar share of the work.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Below this many resources one query takes a few tens of milliseconds, so a split would save less
# than its extra queries cost. NOTE: an estimate from the benchmark inputs on a 2-core machine.
MIN_RESOURCES_TO_SPLIT = 500
# Each query makes one more pass over the input to build the shared indexes and keeps its own
# working memory in the server, so more cores than this would add cost for little gain.
# This limit is an estimate, since only 2-core machines were measured.
MAX_QUERIES = 4

# Share of the evaluation time of each built-in rule group, in percent, for each kind of input
# (source.kind of the document). Each group was evaluated alone by OPA 1.22 and the type index, which
# every query builds, was subtracted. Templates: the shares averaged over the benchmark inputs
# cfn-5000 and nested-5000 and a corpus of 2,292 public template resources. Live snapshots: the
# benchmark's snapshot-10000, where the KMS rule that looks for every use of a live key weighs more.
# `python -m bench.evaluation --groups FILE...` prints these shares for each kind.
# NOTE: one generated snapshot stands for every live account, whose mix of types may differ.
TEMPLATE_GROUP_COST_PERCENT: dict[str, float] = {
    "lambda": 18.7, "iam": 18.3, "s3": 14.2, "sqs": 10.6, "sns": 8.4, "classification": 5.5,
    "dynamodb": 5.2, "apigateway": 4.2, "cloudformation": 3.6, "kms": 2.0, "logs": 1.9,
    "secretsmanager": 1.7, "events": 1.6, "kinesis": 1.6, "stepfunctions": 1.5, "apigateway_cache": 0.7,
    "dax": 0.2, "iam_keys": 0.1, "acm": 0.0, "acm_rotation": 0.0, "appsync": 0.0, "cloudfront": 0.0,
    "efs": 0.0, "elbv2": 0.0, "opensearch": 0.0, "rds": 0.0,
}
SNAPSHOT_GROUP_COST_PERCENT: dict[str, float] = {
    "lambda": 19.1, "s3": 18.8, "sqs": 13.9, "kms": 12.5, "iam": 11.6, "sns": 9.4, "classification": 7.1,
    "dynamodb": 4.6, "apigateway": 2.6, "apigateway_cache": 0.5, "acm": 0.0, "acm_rotation": 0.0,
    "appsync": 0.0, "cloudformation": 0.0, "cloudfront": 0.0, "dax": 0.0, "efs": 0.0, "elbv2": 0.0,
    "events": 0.0, "iam_keys": 0.0, "kinesis": 0.0, "logs": 0.0, "opensearch": 0.0, "rds": 0.0,
    "secretsmanager": 0.0, "stepfunctions": 0.0,
}
GROUP_COST_PERCENT_BY_KIND = {"template": TEMPLATE_GROUP_COST_PERCENT, "snapshot": SNAPSHOT_GROUP_COST_PERCENT}
# Percent of the resources of those same inputs whose type a rule of each group judges (100 for a rule
# that judges every type). A document with another mix gets each group's cost scaled by its own percent
# over this one, so that a group with most of an account's resources weighs most. Groups not listed had no
# resources there. `python -m bench.evaluation --groups FILE...` prints these percents too.
TEMPLATE_GROUP_RESOURCE_PERCENT: dict[str, float] = {
    "apigateway": 8.63, "apigateway_cache": 5.62, "classification": 100.0, "cloudformation": 11.51,
    "cloudfront": 0.04, "dynamodb": 4.75, "elbv2": 0.06, "events": 0.13, "iam": 12.11, "iam_keys": 0.03,
    "kinesis": 0.12, "kms": 5.83, "lambda": 23.67, "logs": 0.47, "rds": 0.1, "s3": 11.62,
    "secretsmanager": 0.15, "sns": 4.46, "sqs": 8.68, "stepfunctions": 0.2,
}
SNAPSHOT_GROUP_RESOURCE_PERCENT: dict[str, float] = {
    "apigateway": 11.1, "apigateway_cache": 3.7, "classification": 100.0, "dynamodb": 7.2, "iam": 14.3,
    "kms": 7.04, "lambda": 28.6, "s3": 18.32, "sns": 6.58, "sqs": 14.12,
}
GROUP_RESOURCE_PERCENT_BY_KIND = {
    "template": TEMPLATE_GROUP_RESOURCE_PERCENT, "snapshot": SNAPSHOT_GROUP_RESOURCE_PERCENT,
}
# A group that is not in the table, such as one from a user's policy directory.
# NOTE: a guess at the cost of a small group; a costly custom group can leave the queries unbalanced.
DEFAULT_GROUP_COST_PERCENT = 1.0

# Groups that read the same costly library index: the identity policy index (iam.identity_holders)
# and the resource policy index (iam.attached_policies). Every query with a group of a family builds
# that index again, so the plan keeps a family in one query unless it costs more than an even share.
GROUP_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"iam", "lambda"}),
    frozenset({"s3", "sqs", "sns", "secretsmanager"}),
)


def group_resource_types(rules: Iterable[tuple[str, Sequence[str]]]) -> dict[str, frozenset[str]]:
    """Collect (package, resource types) pairs of the rule catalog into the types that each rule group judges.

    A rule in package cloudseal.rules.GROUP.RULE, or deeper, belongs to GROUP. "*" stands for every type.
    """
    types: dict[str, set[str]] = {}
    for package, resource_types in rules:
        parts = package.split(".")
        if len(parts) >= 4 and parts[:2] == ["cloudseal", "rules"]:
            types.setdefault(parts[2], set()).update(resource_types)
    return {group: frozenset(group_types) for group, group_types in types.items()}


def resource_percent(document: dict[str, Any], group_types: Mapping[str, frozenset[str]]) -> dict[str, float]:
    """Return, for each group of group_types, the percent of the document's resources whose type it judges."""
    resources = document.get("resources") or {}
    counts = Counter(resource.get("type") for resource in resources.values() if isinstance(resource, dict))
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(group_types, 0.0)
    return {
        group: 100.0 if "*" in types else 100.0 * sum(counts[resource_type] for resource_type in types) / total
        for group, types in group_types.items()
    }


def source_kind(document: dict[str, Any]) -> str:
    """Return the document's source.kind, which selects the cost table, or "template" when it has none."""
    source = document.get("source")
    kind = source.get("kind") if isinstance(source, dict) else None
    return kind if isinstance(kind, str) else "template"


def usable_cores() -> int:
    """Return how many cores this process may run on (its CPU affinity where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def query_count(resource_count: int, cores: int) -> int:
    """Return how many concurrent queries should evaluate an input of resource_count resources."""
    if resource_count < MIN_RESOURCES_TO_SPLIT:
        return 1
    return max(1, min(cores, MAX_QUERIES))


def balance_groups(
    groups: Iterable[str],
    count: int,
    kind: str = "template",
    mix: Mapping[str, float] | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
) -> list[list[str]]:
    """Split the rule groups into at most count lists of similar total cost, the costliest list first.

    kind is the source.kind of the input document, which selects the table of costs;
    an unknown kind gets the template costs. mix, from resource_percent(), scales each
    group's cost to the document's own mix of resource types. The scaled costs plan only
    when a single group, or a family that the table's costs keep together, then costs
    more than an even share of the total.
    A family of GROUP_FAMILIES whose groups are all present is placed as one unit, unless
    it costs more than an even share. A group that costs more than an even share by itself
    is split into its rules, named GROUP.RULE, when rules lists two or more for it. Every
    other group is a unit of its own. Each unit, from the costliest down, goes to the list
    with the least cost so far. Lists that would stay empty are left out, and each list is
    sorted by name.
    """
    present = set(groups)
    lists = max(1, count)
    costs = _group_costs(present, kind, None)
    fair_share = sum(costs.values()) / lists
    if mix is not None:
        # The scaled costs leave out the indexes that groups share. They plan only when a group, or
        # a family that the table's costs keep in one query, outweighs an even share of them.
        scaled = _group_costs(present, kind, mix)
        scaled_share = sum(scaled.values()) / lists
        if _outweighs(scaled, scaled_share, _kept_families(costs, fair_share)):
            costs, fair_share = scaled, scaled_share
    units = _split_dominant(_units(costs, fair_share), fair_share, rules or {})
    loads = [0.0] * lists
    members: list[list[str]] = [[] for _ in loads]

    for unit_cost, unit in sorted(units, key=lambda item: (-item[0], item[1])):
        lightest = loads.index(min(loads))
        loads[lightest] += unit_cost
        members[lightest].extend(unit)

    order = sorted(range(len(loads)), key=lambda index: -loads[index])
    return [sorted(members[index]) for index in order if members[index]]


def _group_costs(groups: set[str], kind: str, mix: Mapping[str, float] | None) -> dict[str, float]:
    """Return the estimated cost of each group: the table's, scaled to the document's mix when it is known.

    A group that had no resources in the reference inputs, such as a user's group, gets the
    reference inputs' average cost per percent of resources times its own percent.
    """
    table = GROUP_COST_PERCENT_BY_KIND.get(kind, TEMPLATE_GROUP_COST_PERCENT)
    costs = {group: table.get(group, DEFAULT_GROUP_COST_PERCENT) for group in groups}
    if mix is None:
        return costs
    reference = GROUP_RESOURCE_PERCENT_BY_KIND.get(kind, TEMPLATE_GROUP_RESOURCE_PERCENT)
    cost_per_percent = sum(table.get(group, 0.0) for group in reference) / sum(reference.values())
    for group in groups:
        if group not in mix:
            continue
        if reference.get(group, 0.0) > 0:
            costs[group] *= mix[group] / reference[group]
        else:
            costs[group] = cost_per_percent * mix[group]
    return costs


def _kept_families(costs: Mapping[str, float], fair_share: float) -> list[frozenset[str]]:
    """Return the families of GROUP_FAMILIES whose groups are all present and that cost at most fair_share."""
    return [family for family in GROUP_FAMILIES if family <= costs.keys() and _family_cost(costs, family) <= fair_share]


def _outweighs(costs: Mapping[str, float], fair_share: float, families: Iterable[frozenset[str]]) -> bool:
    """Tell whether a single group, or one of the families, costs more than fair_share."""
    return any(cost > fair_share for cost in costs.values()) or any(
        _family_cost(costs, family) > fair_share for family in families
    )


def _family_cost(costs: Mapping[str, float], family: frozenset[str]) -> float:
    """Return the summed cost of the groups of a family, all of which must be in costs."""
    return sum(costs[group] for group in family)


def _split_dominant(
    units: list[tuple[float, list[str]]], fair_share: float, rules: Mapping[str, Sequence[str]],
) -> list[tuple[float, list[str]]]:
    """Replace each single-group unit that costs more than fair_share by its rules, at an equal share each.

    NOTE: the rules of a group are assumed to cost alike. On an S3-heavy document they took
    0.36 to 0.90 s each, so the two queries end near each other but not together.
    """
    split: list[tuple[float, list[str]]] = []
    for unit_cost, unit in units:
        names = rules.get(unit[0], ()) if len(unit) == 1 else ()
        if unit_cost > fair_share and len(names) > 1:
            split.extend((unit_cost / len(names), [f"{unit[0]}.{name}"]) for name in names)
        else:
            split.append((unit_cost, unit))
    return split


def _units(costs: dict[str, float], fair_share: float) -> list[tuple[float, list[str]]]:
    """Return the units that balance_groups places, each as its cost and its sorted groups."""
    units: list[tuple[float, list[str]]] = []
    placed: set[str] = set()
    for family in GROUP_FAMILIES:
        if not family <= costs.keys():
            continue
        family_cost = _family_cost(costs, family)
        if family_cost <= fair_share:
            units.append((family_cost, sorted(family)))
            placed |= family
    units.extend((cost, [group]) for group, cost in costs.items() if group not in placed)
    return units
