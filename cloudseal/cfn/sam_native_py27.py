"""Dicts that iterate in the key order of CPython 2.7, as aws-sam-translator simulates it.

aws-sam-translator builds Swagger bodies from its Py27Dict, whose keys iterate
in the order a Python 2.7 dict would give them, and hashes the Python `str()`
of the body into the deployment's logical ID. The native transform replays the
translator's inserts, deletes and deep copies on `Py27Dict` to get the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["InsertionOrderDict", "Py27Dict", "Py27Table", "from_plain", "py27_order", "py27_string_hash"]

# Constants of the dict implementation of CPython 2.7 (Objects/dictobject.c), as the translator simulates it.
_MIN_SIZE = 8
_PERTURB_SHIFT = 5
_HASH_MASK = (1 << 64) - 1


def py27_order(keys: Iterable[str]) -> list[str]:
    table = Py27Table()
    for key in keys:
        table.add(key)
    return table.ordered_keys()


class Py27Dict:
    """A dict whose keys iterate in the order of CPython 2.7, for the Swagger edits the native transform replays."""

    def __init__(self) -> None:
        self.table: Py27Table | _InsertionTable = Py27Table()
        self.values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.table.add(key)

    def setdefault(self, key: str, default: Any) -> Any:
        if key not in self.values:
            self[key] = default
        return self.values[key]

    def remove(self, key: str) -> None:
        del self.values[key]
        self.table.remove(key)

    def deepcopy(self) -> Py27Dict:
        """Copy as the translator's Py27Dict does: the keys go into a new table in their current order."""
        copied = type(self)()
        for key in self.table.ordered_keys():
            copied[key] = _deepcopy(self.values[key])
        return copied

    def plain(self) -> dict[str, Any]:
        """Return plain dicts in this key order, so that `str()` gives the text the translator hashes."""
        return {key: _plain(self.values[key]) for key in self.table.ordered_keys()}


class InsertionOrderDict(Py27Dict):
    """A Py27Dict whose keys keep their insertion order: a mapping of a written body, a Python 3 dict to the translator.

    The translator's edits of a DefinitionBody mix such dicts with the Py27Dicts
    it creates, and deep copies keep each kind.
    """

    def __init__(self) -> None:
        super().__init__()
        self.table = _InsertionTable()


class _InsertionTable:
    """The key order of a Python 3 dict, with the interface of Py27Table."""

    def __init__(self) -> None:
        self.keys: dict[str, None] = {}

    def ordered_keys(self) -> list[str]:
        return list(self.keys)

    def add(self, key: str) -> None:
        self.keys.setdefault(key, None)

    def remove(self, key: str) -> None:
        self.keys.pop(key, None)


def from_plain(value: Any) -> Any:
    """Turn the dicts of a written value, in lists too, into InsertionOrderDicts. Other values stay shared."""
    if isinstance(value, dict):
        converted = InsertionOrderDict()
        for key, item in value.items():
            converted[key] = from_plain(item)
        return converted
    if isinstance(value, list):
        return [from_plain(item) for item in value]
    return value


def _deepcopy(value: Any) -> Any:
    """Copy the Py27Dicts inside a value, in lists and dicts too. Other values stay shared: nothing edits them."""
    if isinstance(value, Py27Dict):
        return value.deepcopy()
    if isinstance(value, list) and any(_holds_py27(item) for item in value):
        return [_deepcopy(item) for item in value]
    if isinstance(value, dict) and _holds_py27(value):
        return {key: _deepcopy(item) for key, item in value.items()}
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Py27Dict):
        return value.plain()
    if isinstance(value, list) and any(_holds_py27(item) for item in value):
        return [_plain(item) for item in value]
    if isinstance(value, dict) and _holds_py27(value):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _holds_py27(value: Any) -> bool:
    if isinstance(value, Py27Dict):
        return True
    if isinstance(value, list):
        return any(_holds_py27(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_py27(item) for item in value.values())
    return False


class Py27Table:
    """The slots of a CPython 2.7 dict table, as aws-sam-translator's Py27Keys simulates them.

    Iterating a dict in Python 2.7 walks its slots in index order. Where a key
    lands depends on its hash, the table size and the keys inserted and deleted
    before it. A deleted key leaves a dummy in its slot, which later inserts may
    reuse and which counts toward the fill that triggers a resize.
    """

    def __init__(self) -> None:
        self.slots: dict[int, str | None] = {}  # None marks the dummy of a deleted key
        self.mask = _MIN_SIZE - 1
        self.size = 0

    def ordered_keys(self) -> list[str]:
        return [key for _, key in sorted(self.slots.items()) if key is not None]

    def add(self, key: str) -> None:
        index = self._slot(key)
        if self.slots.get(index, "") == key:
            return
        self.slots[index] = key
        self.size += 1
        # The table grows when it is two thirds full, dummies included: to four times the number of keys, rounded
        # up to a power of 2.
        if len(self.slots) * 3 >= (self.mask + 1) * 2:
            keys = self.ordered_keys()
            size = _MIN_SIZE
            while size <= len(keys) * 4:
                size <<= 1
            self.slots = {}
            self.mask = size - 1
            self.size = 0
            for old_key in keys:
                self.add(old_key)

    def remove(self, key: str) -> None:
        index = self._slot(key)
        if self.slots.get(index) == key:
            self.slots[index] = None
            self.size -= 1

    def _slot(self, key: str) -> int:
        """Find the key's slot, or the slot where it goes, by the open addressing of CPython 2.7.

        A new key goes to the first dummy on its probe sequence, or else to the
        empty slot that ends the sequence.
        """
        hashed = py27_string_hash(key)
        index = hashed & self.mask
        walker = index
        perturb = hashed
        free_slot: int | None = None
        while index in self.slots and self.slots[index] != key:
            if free_slot is None and self.slots[index] is None:
                free_slot = index
            walker = (walker << 2) + walker + perturb + 1
            index = walker & self.mask
            perturb >>= _PERTURB_SHIFT
        if index not in self.slots and free_slot is not None:
            return free_slot
        return index


def py27_string_hash(text: str) -> int:
    """Hash a string as CPython 2.7 does, as an unsigned 64-bit value (the translator's py27hash port)."""
    if not text:
        return 0
    value = ord(text[0]) << 7
    for character in text:
        value = ((1000003 * value) ^ ord(character)) & _HASH_MASK
    return (value ^ len(text)) & _HASH_MASK
