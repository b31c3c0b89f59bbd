"""The averaging behind the rule group weights of the query plan."""

from __future__ import annotations

import pytest

from bench.evaluation import average_shares, marginal_shares


def test_average_shares_weighs_inputs_equally() -> None:
    shares = [{"s3": 60.0, "iam": 40.0}, {"s3": 20.0, "iam": 70.0, "kms": 10.0}]

    averaged = average_shares(shares)

    assert averaged == {"iam": 55.0, "s3": 40.0, "kms": 5.0}
    assert list(averaged) == ["iam", "s3", "kms"]


def test_marginal_shares_omit_type_index() -> None:
    shares = marginal_shares({"s3": 0.35, "iam": 0.15, "dax": 0.04}, type_index=0.05)

    assert shares == pytest.approx({"s3": 75.0, "iam": 25.0, "dax": 0.0})
