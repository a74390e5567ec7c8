"""Can managed instances in a capacity provider's subnets reach AWS? Checked against moto's EC2 state.

An LMI instance sends its logs and metrics to CloudWatch and talks to Lambda from inside the provider's subnets
(lmi-api-and-pricing.md 5.6: "You need an IGW with public IPs, a NAT gateway, or VPC endpoints"). Private subnets
without such a path are the most common reason a provider never becomes ready (ibid. 7.6), so a provider here ends
``Failed`` when any of its subnets has none of them:

- the subnet's route table (its explicit association, else the VPC's main route table) has a ``0.0.0.0/0`` route to
  an available NAT gateway, or to an internet gateway attached to the VPC while the subnet gives instances public
  IPs (``MapPublicIpOnLaunch``);
- or the VPC has an available interface endpoint with private DNS for every service in
  ``settings.required_vpc_endpoint_services``.

Default routes to a transit gateway, peering connection, network interface or firewall endpoint are not followed
(what lies behind them is not knowable here), so such subnets count as having no path.
"""

from moto.ec2.exceptions import InvalidSubnetIdError
from moto.ec2.models import ec2_backends

DEFAULT_ROUTE = "0.0.0.0/0"


def ec2_backend(account_id: str, region: str):
    return ec2_backends[account_id][region]


def find_subnet(ec2, subnet_id: str):
    try:
        return ec2.get_subnet(subnet_id)
    except InvalidSubnetIdError:
        return None


def route_table_of(ec2, subnet):
    for table in ec2.route_tables.values():
        if subnet.id in table._associations.values():
            return table
    for table in ec2.route_tables.values():
        if table.vpc_id == subnet.vpc_id and table.main_association_id is not None:
            return table
    return None


def _internet_path(ec2, subnet, table) -> str | None:
    """The route that gives the subnet's instances a way out, or None."""
    for route in table.routes:
        if route.destination_cidr_block != DEFAULT_ROUTE:
            continue
        nat = route.nat_gateway
        if nat is not None and ec2.nat_gateways.get(nat.id) is nat and nat.state == "available":
            return f"NAT gateway {nat.id}"
        gateway = route.gateway
        if gateway is not None and gateway.id.startswith("igw-"):
            attached = getattr(gateway, "vpc", None) is not None and gateway.vpc.id == subnet.vpc_id
            if attached and subnet.map_public_ip_on_launch:
                return f"internet gateway {gateway.id}"
    return None


def missing_endpoints(ec2, vpc_id: str, region: str, services) -> list:
    present = set()
    for endpoint in ec2.vpc_end_points.values():
        interface = (endpoint.vpc_endpoint_type or "").lower() == "interface"
        if endpoint.vpc_id == vpc_id and endpoint.state == "available" and interface and endpoint.private_dns_enabled:
            present.add(endpoint.service_name)
    return [name for name in services if f"com.amazonaws.{region}.{name}" not in present]


def egress_problems(account_id: str, region: str, subnet_ids, endpoint_services) -> list:
    """One sentence per subnet that has no way out; empty when every subnet has one."""
    ec2 = ec2_backend(account_id, region)
    problems = []
    for subnet_id in subnet_ids:
        subnet = find_subnet(ec2, subnet_id)
        if subnet is None:
            problems.append(f"Subnet {subnet_id} does not exist.")
            continue
        table = route_table_of(ec2, subnet)
        if table is not None and _internet_path(ec2, subnet, table):
            continue
        missing = missing_endpoints(ec2, subnet.vpc_id, region, endpoint_services)
        if not missing:
            continue
        where = f"route table {table.id}" if table is not None else "no route table"
        problems.append(
            f"Subnet {subnet_id} ({where}) has no 0.0.0.0/0 route to a NAT gateway or to an internet gateway with "
            f"public IPs, and VPC {subnet.vpc_id} lacks interface endpoints with private DNS for: "
            + ", ".join(f"com.amazonaws.{region}.{name}" for name in missing) + "."
        )
    return problems
