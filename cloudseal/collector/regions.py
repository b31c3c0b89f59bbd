"""Find the regions enabled for an account, so a collection covers every one of them by default."""

from __future__ import annotations

import logging
import re

from botocore.exceptions import BotoCoreError, ClientError

from cloudseal.collector.context import error_code_of
from cloudseal.collector.session import AccountAccess, SessionFactory
from cloudseal.errors import InputError

LOG = logging.getLogger(__name__)

REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")


def check_region_names(regions: tuple[str, ...]) -> None:
    """Reject region names that cannot exist, such as us-east1 or US-EAST-1."""
    for region in regions:
        if not REGION_PATTERN.match(region):
            raise InputError(f"invalid --region {region!r}: expected a region code such as us-east-1 or eu-west-2.")


def enabled_regions(factory: SessionFactory, access: AccountAccess) -> list[str]:
    """List the account's enabled regions with ec2:DescribeRegions, else account:ListRegions.

    Raises InputError naming both failures when neither action may be called.
    """
    failures: list[str] = []
    ec2 = factory.client(access, "ec2", access.global_region)
    try:
        response = ec2.describe_regions(
            Filters=[{"Name": "opt-in-status", "Values": ["opt-in-not-required", "opted-in"]}],
        )
        # The filter already selects enabled regions; checking OptInStatus again guards
        # against endpoints that ignore filters.
        return sorted(
            region["RegionName"] for region in response.get("Regions", [])
            if region.get("OptInStatus", "opt-in-not-required") in ("opt-in-not-required", "opted-in")
        )
    except (ClientError, BotoCoreError) as error:
        failures.append(f"ec2:DescribeRegions {error_code_of(error)}")

    account = factory.client(access, "account", access.global_region)
    try:
        regions: list[str] = []
        paginator = account.get_paginator("list_regions")
        for page in paginator.paginate(RegionOptStatusContains=["ENABLED", "ENABLED_BY_DEFAULT"]):
            regions.extend(region["RegionName"] for region in page.get("Regions", []))
        return sorted(regions)
    except (ClientError, BotoCoreError) as error:
        failures.append(f"account:ListRegions {error_code_of(error)}")

    raise InputError(
        f"the enabled regions of account {access.account_id} could not be listed "
        f"({'; '.join(failures)}); allow one of these actions or name the regions with --region."
    )
