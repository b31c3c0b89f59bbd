"""Write a snapshot to a file atomically (gzip when the name ends in .gz), and read one back with checks."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Any

from cloudseal.cli.output import write_atomically
from cloudseal.errors import InputError
from cloudseal.model import SCHEMA_VERSION

# A fixed gzip header time keeps two snapshots of an unchanged account byte-identical.
_GZIP_MTIME = 0


def encode_snapshot(document: dict[str, Any], compressed: bool) -> bytes:
    """Serialize a snapshot as indented JSON, gzip-compressed when asked."""
    data = (json.dumps(document, indent=1, sort_keys=False, ensure_ascii=False) + "\n").encode("utf-8")
    if compressed:
        return gzip.compress(data, compresslevel=6, mtime=_GZIP_MTIME)
    return data


def write_snapshot(path: Path, document: dict[str, Any]) -> None:
    """Write the snapshot beside path first and rename it into place, so no truncated file is left."""
    write_atomically(path, encode_snapshot(document, path.name.endswith(".gz")))


def _fail(path: Path, problem: str) -> InputError:
    return InputError(f"{path}: {problem}; give a file written by `cloudseal collect --output FILE`.")


def read_snapshot(path: Path) -> dict[str, Any]:
    """Read and check a snapshot file; every problem becomes an InputError naming the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(f"{path}: file not found; check the --snapshot path.") from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: is a directory; --snapshot takes one snapshot file.") from error
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}).") from error

    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise _fail(path, f"the gzip data is damaged or truncated ({error})") from error
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _fail(path, "not UTF-8 text, so it cannot be a snapshot") from error
    except json.JSONDecodeError as error:
        raise _fail(path, f"invalid JSON at line {error.lineno} column {error.colno} ({error.msg})") from error

    if not isinstance(document, dict):
        raise _fail(path, "the top level is not a JSON object")
    if document.get("schema_version") != SCHEMA_VERSION:
        found = document.get("schema_version")
        described = "missing" if found is None else repr(found)
        raise _fail(path, f"schema_version is {described}, expected {SCHEMA_VERSION!r}")
    source = document.get("source")
    if not isinstance(source, dict) or source.get("kind") != "snapshot":
        kind = source.get("kind") if isinstance(source, dict) else None
        raise _fail(path, f"source.kind is {kind!r}, expected 'snapshot'")
    resources = document.get("resources")
    if not isinstance(resources, dict):
        raise _fail(path, "resources is missing or not an object")
    for key, resource in resources.items():
        if not isinstance(resource, dict) or not isinstance(resource.get("type"), str):
            raise _fail(path, f"resource {key!r} has no type")
        if not isinstance(resource.get("properties", {}), dict):
            raise _fail(path, f"resource {key!r} has properties that are not an object")
    errors = document.setdefault("errors", [])
    if not isinstance(errors, list):
        raise _fail(path, "errors is not a list")
    return document
