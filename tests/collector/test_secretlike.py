"""The in-memory check that turns an environment value into a "looks like a secret" boolean."""

from __future__ import annotations

import pytest

from cloudseal.collector.secretlike import looks_secret


@pytest.mark.parametrize(("name", "value"), [
    ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"),
    ("ANYTHING", "AKIAIOSFODNN7EXAMPLE"),
    ("DB_PASSWORD", "hunter2-Correct-Horse"),
    ("STRIPE", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("DATABASE_URL", "postgres://app:s3cretPass@db.internal:5432/orders"),
    ("SIGNING", "-----BEGIN RSA PRIVATE KEY-----\nMIIE"),
    ("SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
])
def test_secret_values_detected(name: str, value: str):
    assert looks_secret(name, value)


@pytest.mark.parametrize(("name", "value"), [
    ("TABLE_NAME", "orders"),
    ("DB_PASSWORD", ""),
    ("DB_PASSWORD", "changeme"),
    ("DB_PASSWORD_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
    ("API_KEY_PARAMETER", "/orders/api-key"),
    ("AUTH_MODE", "disabled"),
    ("COMMIT", "0f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"),
    ("LOG_LEVEL", "INFO"),
])
def test_plain_values_not_flagged(name: str, value: str):
    assert not looks_secret(name, value)
