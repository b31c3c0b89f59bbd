"""Decide in memory whether a value looks like a secret, so the snapshot stores a boolean, never the value."""

from __future__ import annotations

import math
import re
from collections import Counter

# Names that say the value is a credential.
_SECRET_NAME = re.compile(
    r"(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|"
    r"auth|signing[_-]?key|client[_-]?secret|conn(ection)?[_-]?str)",
    re.IGNORECASE,
)
# An AWS secret access key: 40 base64 characters; mixed case tells it from a hex digest.
_AWS_SECRET_KEY = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])")
_SECRET_VALUE_PATTERNS = (
    re.compile(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b"),  # AWS access key id
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),  # JSON Web Token
    re.compile(r"\b(ghp|gho|ghu|ghs|github_pat|xox[abpr]|sk_live|rk_live)_?[A-Za-z0-9_]{16,}"),
    re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@"),  # URL with user:password
)
# Values that point at a secret held elsewhere rather than holding one.
_REFERENCE_VALUE = re.compile(r"^(arn:|\{\{resolve:|/|ssm:|secretsmanager:)", re.IGNORECASE)
_MIN_SECRET_LENGTH = 8
_MIN_ENTROPY_BITS_PER_CHAR = 3.0


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(count / len(value) * math.log2(count / len(value)) for count in counts.values())


def looks_secret(name: str, value: str) -> bool:
    """Tell whether an environment variable or tag contains something that looks like a credential.

    A value matching a known credential format counts whatever its name. A value
    under a secret-sounding name counts unless it is short, a reference such as an
    ARN or a parameter path, or a plain word with little entropy ("true", "disabled").
    """
    if not value:
        return False
    if any(pattern.search(value) for pattern in _SECRET_VALUE_PATTERNS):
        return True
    for match in _AWS_SECRET_KEY.finditer(value):
        candidate = match.group(0)
        if re.search(r"[a-z]", candidate) and re.search(r"[A-Z]", candidate) and re.search(r"\d", candidate):
            return True
    if not _SECRET_NAME.search(name) or _REFERENCE_VALUE.match(value):
        return False
    return len(value) >= _MIN_SECRET_LENGTH and _entropy(value) >= _MIN_ENTROPY_BITS_PER_CHAR
