"""A capacity provider becomes Active only when its subnets can reach AWS, else it ends Failed (as on AWS, with no
reason in the API; the reason goes to the provider's system log group)."""

import pytest

from lmi_support import (  # noqa: F401  (fixtures)
    REGION, Vpc, client_logs, ec2, fast_lmi, lam, provider_request, role_arn, settled_state, state_of, unique, vpc,
)

pytestmark = pytest.mark.usefixtures("fast_lmi")


def _settle(lam, subnets, role):
    name = unique("net")
    lam.create_capacity_provider(**provider_request(name, subnets, role))
    return name, settled_state(lam, name)


def test_private_subnet_without_nat_ends_failed_and_logs_why(lam, vpc, role_arn, client_logs):
    subnet = vpc.isolated_subnet()
    name, state = _settle(lam, [subnet], role_arn)
    assert state == "Failed"
    assert "StateReason" not in lam.get_capacity_provider(CapacityProviderName=name)["CapacityProvider"]
    events = client_logs.get_log_events(logGroupName=f"/aws/lambda/capacity-provider/{name}",
                                        logStreamName=f"{name}/managed-instances")["events"]
    text = " ".join(event["message"] for event in events)
    assert subnet in text and "NAT gateway" in text and f"com.amazonaws.{REGION}.logs" in text


def test_route_to_a_nat_gateway_makes_it_active(lam, vpc, role_arn):
    assert _settle(lam, [vpc.private_subnet_via_nat(), vpc.private_subnet_via_nat()], role_arn)[1] == "Active"


def test_route_to_an_internet_gateway_needs_public_ips(lam, vpc, role_arn):
    with_public_ips = vpc.subnet(public_ips=True)
    vpc.route_to(with_public_ips, GatewayId=vpc.igw)
    assert _settle(lam, [with_public_ips], role_arn)[1] == "Active"
    without_public_ips = vpc.subnet(public_ips=False)
    vpc.route_to(without_public_ips, GatewayId=vpc.igw)
    assert _settle(lam, [without_public_ips], role_arn)[1] == "Failed"


def test_subnet_without_own_route_table_uses_the_main_route_table(lam, ec2, role_arn):
    network = Vpc(ec2, cidr="10.31.0.0/16")
    unassociated = network.subnet()
    assert _settle(lam, [unassociated], role_arn)[1] == "Failed"
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [network.id]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
    ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", NatGatewayId=network.nat)
    assert _settle(lam, [unassociated], role_arn)[1] == "Active"


def _endpoints(ec2, network, subnet, services, private_dns=True):
    for service in services:
        ec2.create_vpc_endpoint(VpcId=network.id, ServiceName=f"com.amazonaws.{REGION}.{service}",
                                VpcEndpointType="Interface", SubnetIds=[subnet], PrivateDnsEnabled=private_dns)


def test_vpc_endpoints_stand_in_for_a_nat(lam, ec2, role_arn):
    network = Vpc(ec2, cidr="10.32.0.0/16")
    subnet = network.isolated_subnet()
    _endpoints(ec2, network, subnet, ["logs", "monitoring"])
    assert _settle(lam, [subnet], role_arn)[1] == "Failed"
    _endpoints(ec2, network, subnet, ["lambda"])
    assert _settle(lam, [subnet], role_arn)[1] == "Active"


def test_endpoints_without_private_dns_do_not_count(lam, ec2, role_arn):
    network = Vpc(ec2, cidr="10.33.0.0/16")
    subnet = network.isolated_subnet()
    _endpoints(ec2, network, subnet, ["lambda", "logs", "monitoring"], private_dns=False)
    assert _settle(lam, [subnet], role_arn)[1] == "Failed"


def test_every_subnet_needs_a_way_out(lam, vpc, role_arn):
    assert _settle(lam, [vpc.private_subnet_via_nat(), vpc.isolated_subnet()], role_arn)[1] == "Failed"


def test_a_deleted_nat_gateway_is_no_way_out(lam, ec2, role_arn):
    network = Vpc(ec2, cidr="10.34.0.0/16")
    subnet = network.private_subnet_via_nat()
    ec2.delete_nat_gateway(NatGatewayId=network.nat)
    assert _settle(lam, [subnet], role_arn)[1] == "Failed"


def test_network_is_judged_when_the_provider_becomes_ready(lam, vpc, role_arn, local_settings):
    local_settings(capacity_provider_ready_seconds=1.0)
    subnet = vpc.subnet()
    name = unique("net")
    lam.create_capacity_provider(**provider_request(name, [subnet], role_arn))
    assert state_of(lam, name) == "Pending"
    vpc.route_to(subnet, NatGatewayId=vpc.nat)
    assert settled_state(lam, name) == "Active"


def test_a_subnet_deleted_before_ready_fails_the_provider(lam, vpc, ec2, role_arn, local_settings):
    local_settings(capacity_provider_ready_seconds=1.0)
    subnet = vpc.subnet()
    name = unique("net")
    lam.create_capacity_provider(**provider_request(name, [subnet], role_arn))
    ec2.delete_subnet(SubnetId=subnet)
    assert settled_state(lam, name) == "Failed"
