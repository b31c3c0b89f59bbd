"""Helpers for the template front end's tests: write a template, build its input document."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cloudseal.cfn.loader import SourceOptions, build_document

Loader = Callable[..., dict[str, Any]]


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def load(tmp_path: Path) -> Loader:
    """Write a template into a fresh directory and return the document built from it."""

    def _load(text: str, name: str = "template.yaml", **options: Any) -> dict[str, Any]:
        path = write(tmp_path, name, text)
        return build_document([path], SourceOptions(**options))

    return _load


@pytest.fixture
def properties(load: Loader) -> Callable[..., dict[str, Any]]:
    """Return the resolved properties of one resource, failing on any input error."""

    def _properties(text: str, resource: str = "Thing", **options: Any) -> dict[str, Any]:
        document = load(text, **options)
        assert document["errors"] == []
        return document["resources"][resource]["properties"]  # type: ignore[no-any-return]

    return _properties
