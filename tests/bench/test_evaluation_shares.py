"""The averaging behind the rule group weights of the query plan."""

from __future__ import annotations

from bench.evaluation import average_shares


def test_average_shares_weighs_each_input_equally_and_sorts_costliest_first() -> None:
    shares = [{"s3": 60.0, "iam": 40.0}, {"s3": 20.0, "iam": 70.0, "kms": 10.0}]

    averaged = average_shares(shares)

    assert averaged == {"iam": 55.0, "s3": 40.0, "kms": 5.0}
    assert list(averaged) == ["iam", "s3", "kms"]
