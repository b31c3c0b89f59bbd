"""Decide how many OPA queries evaluate one input, and which rule groups each query gets.

OPA evaluates one query on one core. Splitting the rule groups (s3, iam, …)
across concurrent queries lets the server use the other cores. Every query
rebuilds the library's shared indexes, and on a server given with --opa-url also
parses its own copy of the input, so a split pays off only on large inputs, and
each query must get a similar share of the work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

# Below this many resources one query takes a few tens of milliseconds, so a split would save less
# than its extra queries cost. NOTE: an estimate from the benchmark inputs on a 2-core machine.
MIN_RESOURCES_TO_SPLIT = 500
# Each query makes one more pass over the input to build the shared indexes and keeps its own
# working memory in the server, so more cores than this would add cost for little gain.
# This limit is an estimate, since only 2-core machines were measured.
MAX_QUERIES = 4

# Share of the evaluation time of each built-in rule group, in percent. Each group was evaluated alone
# by OPA 1.22 on the benchmark inputs snapshot-10000, cfn-5000, nested-5000 and a corpus of 2,292
# public template resources, and the shares were averaged over the inputs. bench/evaluation.py
# prints the group timings. Groups balanced with these weights came within 7 % of an even split on each input.
GROUP_COST_PERCENT: dict[str, float] = {
    "iam": 15.5, "s3": 11.7, "lambda": 11.5, "sqs": 9.5, "sns": 8.4, "classification": 6.1,
    "kms": 4.8, "dynamodb": 4.4, "apigateway": 2.7, "secretsmanager": 2.5, "stepfunctions": 2.5,
    "kinesis": 2.2, "events": 2.2, "cloudformation": 2.1, "logs": 2.1, "apigateway_cache": 1.9,
    "iam_keys": 1.2, "elbv2": 1.1, "opensearch": 1.0, "acm_rotation": 1.0, "cloudfront": 1.0,
    "rds": 1.0, "dax": 1.0, "efs": 1.0, "acm": 0.9, "appsync": 0.9,
}
# A group that is not in the table, such as one from a user's policy directory.
# NOTE: a guess at the cost of a small group; a costly custom group can leave the queries unbalanced.
DEFAULT_GROUP_COST_PERCENT = 1.0


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


def balance_groups(groups: Iterable[str], count: int) -> list[list[str]]:
    """Split the rule groups into at most count lists of similar total cost, the costliest list first.

    Each group, from the costliest down, goes to the list with the least cost so far.
    Lists that would stay empty are left out, and each list is sorted by name.
    """
    costs = {group: GROUP_COST_PERCENT.get(group, DEFAULT_GROUP_COST_PERCENT) for group in set(groups)}
    loads = [0.0] * max(1, count)
    members: list[list[str]] = [[] for _ in loads]

    for group in sorted(costs, key=lambda name: (-costs[name], name)):
        lightest = loads.index(min(loads))
        loads[lightest] += costs[group]
        members[lightest].append(group)

    order = sorted(range(len(loads)), key=lambda index: -loads[index])
    return [sorted(members[index]) for index in order if members[index]]
