"""Values that intrinsic functions produce: markers for the input document and the front end's own kinds.

`Reference` and `Unknown` are the document's markers (see docs/input-model.md).
They are dicts, so they serialise as the markers themselves, and they are
their own classes, so that the resolver never mistakes a mapping the user
wrote for a marker.

`Symbol`, `BuiltString`, `JsonText` and `NO_VALUE` live only while a template
is resolved; `finish` in intrinsics.py turns them into plain values or markers
before they are stored in a resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from cloudseal.model import REF_KEY, UNKNOWN_KEY

_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}")


class Reference(dict[str, Any]):
    """A reference marker: {"$ref": {"id": resource key, "attribute": attribute or None}}."""

    __slots__ = ("logical_id",)

    def __init__(self, key: str, attribute: str | None, logical_id: str) -> None:
        super().__init__({REF_KEY: {"id": key, "attribute": attribute}})
        self.logical_id = logical_id

    @property
    def text(self) -> str:
        """The reference in Fn::Sub syntax, as it appears inside built strings."""
        target: dict[str, str | None] = self[REF_KEY]
        if target["attribute"]:
            return "${" + f"{target['id']}.{target['attribute']}" + "}"
        return "${" + str(target["id"]) + "}"


class Unknown(dict[str, Any]):
    """An unknown-value marker: {"$unknown": {"origin": "...", ...}}.

    `subjects` names what the value depends on in a few words ("parameter
    Stage"). A condition built on the value uses them in its own origin:
    "condition IsProd depends on parameter Stage".
    """

    __slots__ = ("subjects",)

    def __init__(self, origin: str, subjects: Iterable[str] = (), **details: Any) -> None:
        super().__init__({UNKNOWN_KEY: {"origin": origin, **details}})
        self.subjects: tuple[str, ...] = tuple(subjects) or (origin,)

    @property
    def origin(self) -> str:
        """Where the value would have come from."""
        return str(self[UNKNOWN_KEY]["origin"])

    @classmethod
    def combine(cls, parts: Iterable[Unknown]) -> Unknown:
        """Merge several unknown parts of one value into a single marker naming all their origins."""
        origins: list[str] = []
        subjects: list[str] = []
        for part in parts:
            if part.origin not in origins:
                origins.append(part.origin)
            subjects.extend(subject for subject in part.subjects if subject not in subjects)
        if len(origins) == 1 and len(subjects) == 1:
            return cls(origins[0], subjects)
        return cls("; ".join(origins), subjects)

    @classmethod
    def from_marker(cls, marker: dict[str, Any]) -> Unknown:
        """Rebuild an Unknown from a plain marker dict (a transform may have copied it into a plain dict)."""
        details = dict(marker[UNKNOWN_KEY])
        origin = str(details.pop("origin", "unknown value"))
        return cls(origin, **details)


class Symbol:
    """A pseudo parameter without a value: `${AWS::Region}` inside strings, unknown as a whole value."""

    __slots__ = ("hint", "name")

    def __init__(self, name: str, hint: str) -> None:
        self.name = name
        self.hint = hint

    @property
    def text(self) -> str:
        return "${" + self.name + "}"

    def unknown(self) -> Unknown:
        return Unknown(f"pseudo parameter {self.name} ({self.hint})", (f"pseudo parameter {self.name}",))


class _NoValue:
    """AWS::NoValue: the property or list item that contains it is removed."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()


class JsonText:
    """The result of Fn::ToJsonString: JSON text, or the structure itself under a policy property."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class BuiltString:
    """A string that Fn::Sub, Fn::Join or the like built, which may contain parts known only after deployment.

    Text parts hold resource references and pseudo parameters in Fn::Sub
    syntax (`${DataBucket.Arn}`); unknown parts are kept as Unknown markers, and
    any one of them makes the whole string unknown when it is stored.
    """

    __slots__ = ("has_placeholders", "parts", "references")

    def __init__(self) -> None:
        self.parts: list[str | Unknown] = []
        self.references: dict[str, Reference] = {}
        self.has_placeholders = False

    def add_text(self, text: str) -> None:
        if self.parts and isinstance(self.parts[-1], str):
            self.parts[-1] += text
        else:
            self.parts.append(text)

    def add_reference(self, reference: Reference) -> None:
        self.references[reference.text] = reference
        self.has_placeholders = True
        self.add_text(reference.text)

    def add_symbol(self, symbol: Symbol) -> None:
        self.has_placeholders = True
        self.add_text(symbol.text)

    def add_unknown(self, unknown: Unknown) -> None:
        self.parts.append(unknown)

    def extend(self, other: BuiltString) -> None:
        for part in other.parts:
            if isinstance(part, str):
                self.add_text(part)
            else:
                self.add_unknown(part)
        self.references.update(other.references)
        self.has_placeholders = self.has_placeholders or other.has_placeholders

    @property
    def unknowns(self) -> list[Unknown]:
        return [part for part in self.parts if isinstance(part, Unknown)]

    @property
    def is_literal(self) -> bool:
        """True when every part is known text without placeholders."""
        return not self.has_placeholders and all(isinstance(part, str) for part in self.parts)

    def display(self) -> str:
        """Return the string for messages, with unknown parts shown as `${?}`."""
        return "".join(part if isinstance(part, str) else "${?}" for part in self.parts)

    def finish(self) -> str | Unknown:
        """Return the final string, or one Unknown marker when any part is unknown."""
        unknowns = self.unknowns
        if unknowns:
            return Unknown.combine(unknowns)
        text = "".join(part for part in self.parts if isinstance(part, str))
        return dynamic_reference(text) or text


def dynamic_reference(text: str) -> Unknown | None:
    """Return an Unknown for a string that contains a {{resolve:...}} dynamic reference, else None."""
    if "{{resolve:" not in text:
        return None
    match = _DYNAMIC_REFERENCE.search(text)
    if match is None:
        return None
    service, argument = match.groups()
    if service == "secretsmanager":
        secret = argument.split(":SecretString:")[0]
        origin = f"Secrets Manager secret {secret}"
    elif service == "ssm-secure":
        origin = f"SSM SecureString parameter {argument}"
    else:
        origin = f"SSM parameter {argument}"
    return Unknown(origin, dynamic_reference=match.group(0))
