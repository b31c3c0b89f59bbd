"""Small helpers for text that a person reads."""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """Write a count with its noun in the right number: 1 rule, 2 rules, 1 input, 0 inputs."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {word}"
