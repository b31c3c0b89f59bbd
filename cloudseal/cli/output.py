"""Write reports to files atomically, and check output paths before any work starts."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cloudseal.errors import InputError


def check_writable(path: Path) -> None:
    """Fail early when a report could not be written to path."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {path}: directory {directory} does not exist; create it first.")
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a directory; give a file name.")
    if not os.access(directory, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"cannot write {path}: permission denied; choose another path.")


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside path, then rename it over path in one step."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
