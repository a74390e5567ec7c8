"""State per account and Region, cleared by a reset, and the account limit of capacity providers.

Both run against a private local AWS: a reset would wipe the session's shared fixtures, and 1,000 providers would
crowd the shared server's listings.
"""

import json
import urllib.request

import pytest

from lmi_support import (  # noqa: F401  (fixtures)
    TRUST_LAMBDA, Vpc, active_provider, error_of, lmi_function, private_server, provider_request, unique, wait_until,
)


def _world(server, region="us-east-1"):
    lam, ec2 = server.client("lambda", region), server.client("ec2", region)
    iam = server.client("iam")
    try:
        role = iam.get_role(RoleName="lmi-isolation")["Role"]["Arn"]
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(RoleName="lmi-isolation", AssumeRolePolicyDocument=TRUST_LAMBDA)["Role"]["Arn"]
    network = Vpc(ec2, cidr="10.40.0.0/16")
    return lam, role, [network.private_subnet_via_nat()]


def test_state_is_per_region(private_server):
    east, role, east_subnets = _world(private_server, "us-east-1")
    west, _, west_subnets = _world(private_server, "us-west-2")
    name = unique("cp")
    east.create_capacity_provider(**provider_request(name, east_subnets, role))
    assert error_of(west.get_capacity_provider, CapacityProviderName=name)["status"] == 404
    west.create_capacity_provider(**provider_request(name, west_subnets, role))
    arns = {client.get_capacity_provider(CapacityProviderName=name)["CapacityProvider"]["CapacityProviderArn"]
            for client in (east, west)}
    assert arns == {f"arn:aws:lambda:us-east-1:123456789012:capacity-provider:{name}",
                    f"arn:aws:lambda:us-west-2:123456789012:capacity-provider:{name}"}


def test_reset_clears_capacity_providers_and_lmi_functions(private_server):
    lam, role, subnets = _world(private_server)
    provider = active_provider(lam, subnets, role)
    function = lmi_function(lam, provider["CapacityProviderArn"], role, Publish=True)["FunctionName"]
    request = urllib.request.Request(private_server.endpoint + "/moto-api/reset", data=b"", method="POST")
    urllib.request.urlopen(request).read()
    assert lam.list_capacity_providers()["CapacityProviders"] == []
    assert error_of(lam.get_capacity_provider, CapacityProviderName=provider["CapacityProviderArn"])["status"] == 404
    assert error_of(lam.get_function, FunctionName=function)["status"] == 404
    # What was created after the reset starts afresh (same name, new provider).
    lam2, role2, subnets2 = _world(private_server)
    name = provider["CapacityProviderArn"].rsplit(":", 1)[1]
    again = lam2.create_capacity_provider(**provider_request(name, subnets2, role2))
    assert again["CapacityProvider"]["State"] == "Pending"


def test_an_account_holds_at_most_1000_capacity_providers(private_server):
    lam, role, subnets = _world(private_server, "eu-west-1")
    settings = json.loads(urllib.request.urlopen(private_server.endpoint + "/_lmi/settings").read())
    assert settings["capacity_provider_limit"] == 1000
    existing = sum(len(page["CapacityProviders"]) for page in lam.get_paginator("list_capacity_providers").paginate())
    for _ in range(1000 - existing):
        lam.create_capacity_provider(**provider_request(unique("cp"), subnets, role))
    error = error_of(lam.create_capacity_provider, **provider_request(unique("cp"), subnets, role))
    assert (error["Code"], error["status"]) == ("CapacityProviderLimitExceededException", 400)
    assert "The maximum number of capacity providers for your account has been exceeded" in error["Message"]
    with pytest.raises(lam.exceptions.CapacityProviderLimitExceededException):
        lam.create_capacity_provider(**provider_request(unique("cp"), subnets, role))
    victim = lam.list_capacity_providers(MaxItems=1)["CapacityProviders"][0]["CapacityProviderArn"]
    lam.delete_capacity_provider(CapacityProviderName=victim)
    # No waiter exists for capacity providers: poll until the deleted one is gone.
    def gone():
        try:
            lam.get_capacity_provider(CapacityProviderName=victim)
            return False
        except lam.exceptions.ResourceNotFoundException:
            return True

    wait_until(gone)
    assert lam.create_capacity_provider(**provider_request(unique("cp"), subnets, role))["CapacityProvider"]
