"""List the accounts of an AWS Organization that a collection assumes a role in."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from cloudseal.collector.context import error_code_of
from cloudseal.collector.session import AccountAccess, SessionFactory
from cloudseal.errors import InputError


def active_accounts(factory: SessionFactory, caller: AccountAccess) -> list[str]:
    """Return the ids of the organization's ACTIVE accounts, through organizations:ListAccounts.

    The caller must be in the management account or a delegated administrator.
    """
    client = factory.client(caller, "organizations", caller.global_region)
    accounts: list[str] = []
    try:
        for page in client.get_paginator("list_accounts").paginate():
            for account in page.get("Accounts", []):
                # Newer responses carry State; Status is the older member with the same meaning.
                state = account.get("State") or account.get("Status")
                if state == "ACTIVE":
                    accounts.append(str(account["Id"]))
    except (ClientError, BotoCoreError) as error:
        raise InputError(
            f"the accounts of the organization could not be listed (organizations:ListAccounts "
            f"{error_code_of(error)}); run from the management account or a delegated administrator, "
            "or name the accounts with --account."
        ) from error
    return sorted(accounts)
