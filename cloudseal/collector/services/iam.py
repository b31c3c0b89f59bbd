"""IAM: roles (trust, inline and attached policies), customer managed policies, users and groups.

One paginated iam:GetAccountAuthorizationDetails reads all of it with the policy
documents inline; only access keys need per-user calls.
"""

from __future__ import annotations

from typing import Any

from cloudseal.collector.context import Outcome, ServiceContext, drop_none, iso, parse_policy, tag_map

_FILTER = ["Role", "User", "Group", "LocalManagedPolicy"]


def collect(context: ServiceContext) -> None:
    """Read the authorization details; add roles, policies and groups, then read users' keys in batches."""
    iam = context.client("iam")
    pages = context.pages(iam, "GetAccountAuthorizationDetails", Filter=_FILTER)
    if isinstance(pages, Outcome):
        return
    for page in pages:
        for role in page.get("RoleDetailList") or []:
            _add_role(context, role)
        for policy in page.get("Policies") or []:
            _add_policy(context, policy)
        for group in page.get("GroupDetailList") or []:
            _add_group(context, group)
    users = [user for page in pages for user in page.get("UserDetailList") or []]
    context.spawn_batches(users, _read_user)


def _inline(policies: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    if not policies:
        return None
    return [{"PolicyName": policy["PolicyName"], "PolicyDocument": parse_policy(policy.get("PolicyDocument"))}
            for policy in policies]


def _attached(context: ServiceContext, attached: list[dict[str, Any]] | None) -> list[Any] | None:
    if not attached:
        return None
    return [context.link(policy["PolicyArn"]) for policy in attached]


def _boundary(context: ServiceContext, detail: dict[str, Any]) -> Any:
    boundary = detail.get("PermissionsBoundary") or {}
    return context.link(boundary.get("PermissionsBoundaryArn"))


def _add_role(context: ServiceContext, role: dict[str, Any]) -> None:
    arn = str(role["Arn"])
    last_used = role.get("RoleLastUsed") or {}
    properties = drop_none({
        "RoleName": role["RoleName"],
        "Path": role.get("Path"),
        "AssumeRolePolicyDocument": parse_policy(role.get("AssumeRolePolicyDocument")),
        "Policies": _inline(role.get("RolePolicyList")),
        "ManagedPolicyArns": _attached(context, role.get("AttachedManagedPolicies")),
        "PermissionsBoundary": _boundary(context, role),
    })
    observed = drop_none({
        "CreateDate": iso(role.get("CreateDate")),
        "LastUsedDate": iso(last_used.get("LastUsedDate")),
        "LastUsedRegion": last_used.get("Region"),
        "DaysSinceLastUse": context.days_since(last_used.get("LastUsedDate")),
    })
    context.add(arn, "AWS::IAM::Role", properties, tags=tag_map(role.get("Tags")), observed=observed, arn=arn,
                name=role["RoleName"], names=[context.scoped(role["RoleName"], "account")])


def _add_policy(context: ServiceContext, policy: dict[str, Any]) -> None:
    arn = str(policy["Arn"])
    # The policy name is the ARN's last segment; moto 5.2 leaves PolicyName out of this response.
    name = str(policy.get("PolicyName") or arn.rsplit("/", 1)[-1])
    versions = policy.get("PolicyVersionList") or []
    default: dict[str, Any] = next((version for version in versions if version.get("IsDefaultVersion")), {})
    properties = drop_none({
        "ManagedPolicyName": name,
        "Path": policy.get("Path"),
        "Description": policy.get("Description") or None,
        "PolicyDocument": parse_policy(default.get("Document")),
    })
    observed = drop_none({
        "DefaultVersionId": policy.get("DefaultVersionId"),
        "AttachmentCount": policy.get("AttachmentCount"),
        "CreateDate": iso(policy.get("CreateDate")),
        "UpdateDate": iso(policy.get("UpdateDate")),
    })
    context.add(arn, "AWS::IAM::ManagedPolicy", properties, observed=observed, arn=arn, name=name,
                names=[context.scoped(name, "account")])


def _add_group(context: ServiceContext, group: dict[str, Any]) -> None:
    arn = str(group["Arn"])
    properties = drop_none({
        "GroupName": group["GroupName"],
        "Path": group.get("Path"),
        "Policies": _inline(group.get("GroupPolicyList")),
        "ManagedPolicyArns": _attached(context, group.get("AttachedManagedPolicies")),
    })
    context.add(arn, "AWS::IAM::Group", properties, observed=drop_none({"CreateDate": iso(group.get("CreateDate"))}),
                arn=arn, name=group["GroupName"], names=[context.scoped(group["GroupName"], "account")])


def _access_keys(context: ServiceContext, user_name: str, arn: str) -> Any:
    """Return each access key's status, age and last use; the key id is cut to its last four characters."""
    iam = context.client("iam")
    # A user has at most two access keys, so the first page contains them all.
    listed = context.call(iam, "ListAccessKeys", UserName=user_name, resource=arn)
    if not listed.ok:
        return listed.unknown
    described = []
    for key in (listed.data or {}).get("AccessKeyMetadata") or []:
        entry: dict[str, Any] = drop_none({
            "AccessKeyIdSuffix": str(key["AccessKeyId"])[-4:],
            "Status": key.get("Status"),
            "CreateDate": iso(key.get("CreateDate")),
            "AgeDays": context.days_since(key.get("CreateDate")),
        })
        last_used = context.call(iam, "GetAccessKeyLastUsed", AccessKeyId=key["AccessKeyId"], resource=arn)
        if not last_used.ok:
            entry["LastUsedDate"] = last_used.unknown
        else:
            used = (last_used.data or {}).get("AccessKeyLastUsed") or {}
            entry.update(drop_none({
                "LastUsedDate": iso(used.get("LastUsedDate")),
                "LastUsedService": used.get("ServiceName") if used.get("ServiceName") != "N/A" else None,
                "DaysSinceLastUse": context.days_since(used.get("LastUsedDate")),
            }))
        described.append(entry)
    return described


def _read_user(context: ServiceContext, user: dict[str, Any]) -> None:
    arn = str(user["Arn"])
    name = str(user["UserName"])
    properties = drop_none({
        "UserName": name,
        "Path": user.get("Path"),
        "Policies": _inline(user.get("UserPolicyList")),
        "ManagedPolicyArns": _attached(context, user.get("AttachedManagedPolicies")),
        "Groups": [context.link(group) for group in user.get("GroupList") or []] or None,
        "PermissionsBoundary": _boundary(context, user),
    })
    observed = {"CreateDate": iso(user.get("CreateDate")), "AccessKeys": _access_keys(context, name, arn)}
    context.add(arn, "AWS::IAM::User", properties, tags=tag_map(user.get("Tags")), observed=observed, arn=arn,
                name=name, names=[context.scoped(name, "account")])
