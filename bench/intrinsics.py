"""Short-form intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`) for generated YAML templates."""

from __future__ import annotations

from typing import Any

import yaml

_BASE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Ref(str):
    """`!Ref Name`: a parameter or the physical id of a resource."""

    __slots__ = ()


class GetAtt(str):
    """`!GetAtt Resource.Attribute`."""

    __slots__ = ()


class Sub(str):
    """`!Sub 'text with ${Name} and ${Resource.Attribute}'`."""

    __slots__ = ()


class Literal(str):
    """A multi-line string written as a YAML literal block (`|`), as people write inline code."""

    __slots__ = ()


class TemplateDumper(_BASE_DUMPER):  # type: ignore[misc, valid-type]
    """A YAML dumper that writes the intrinsic classes in short form and never uses anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _short_form(tag: str) -> Any:
    def represent(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        return dumper.represent_scalar(tag, str(value))

    return represent


TemplateDumper.add_representer(Ref, _short_form("!Ref"))
TemplateDumper.add_representer(GetAtt, _short_form("!GetAtt"))
TemplateDumper.add_representer(Sub, _short_form("!Sub"))
TemplateDumper.add_representer(
    Literal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")
)


def dump_template(template: dict[str, Any]) -> str:
    """Render a template as block-style YAML, keeping the key order it was built in."""
    text: str = yaml.dump(
        template, Dumper=TemplateDumper, sort_keys=False, default_flow_style=False, width=200, allow_unicode=True
    )
    return text
