"""Resource tags as one flat map, whatever form the resource type writes them in."""

from __future__ import annotations

from typing import Any

from cloudseal.cfn.values import Reference, Unknown

# Properties that hold a resource's own tags. Most types use Tags; a few use their own name.
TAG_PROPERTIES = ("Tags", "UserPoolTags", "BackupVaultTags", "BackupPlanTags")


def flat_tags(properties: dict[str, Any]) -> dict[str, Any]:
    """Return {key: value} from CloudFormation's [{Key, Value}] list form or SAM's {key: value} map form.

    Entries whose key is not a known string (for example an Fn::If that the
    front end could not decide) are left out; their value stays visible in
    the properties.
    """
    tags: dict[str, Any] = {}
    for name in TAG_PROPERTIES:
        value = properties.get(name)
        if isinstance(value, list):
            for entry in value:
                if not isinstance(entry, dict):
                    continue
                key = entry.get("Key", entry.get("key"))
                if isinstance(key, str):
                    tags[key] = entry.get("Value", entry.get("value"))
        elif isinstance(value, dict) and not isinstance(value, Unknown | Reference):
            tags.update((key, item) for key, item in value.items() if isinstance(key, str))
    return tags
