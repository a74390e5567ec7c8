"""Fixtures and helpers of the Lambda Managed Instances contract tests (boto3 against the local AWS).

Test modules import the fixtures they use from here (``from lmi_support import ...``). Names carry a random suffix
because one local AWS serves the whole session.
"""

import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import REGION, post_json

HERE = Path(__file__).resolve().parent.parent
# Delays short enough for quick tests and writes/reads not throttled: tests that observe an in-between state or the
# throttle set their own values on top.
FAST = {
    "capacity_provider_ready_seconds": 0.05,
    "capacity_provider_delete_seconds": 0.05,
    "publish_ready_seconds": 0.05,
    "scaling_apply_seconds": 0.05,
    "capacity_provider_writes_per_second": 100000,
    "capacity_provider_reads_per_second": 100000,
}
TRUST_LAMBDA = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def code_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def error_of(call, *args, **kwargs) -> dict:
    """The parsed error of a call that must fail: {'Code', 'Message', 'status', 'response'}."""
    with pytest.raises(ClientError) as raised:
        call(*args, **kwargs)
    response = raised.value.response
    return {"Code": response["Error"]["Code"], "Message": response["Error"]["Message"],
            "status": response["ResponseMetadata"]["HTTPStatusCode"], "response": response}


def wait_until(probe, timeout=10.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(interval)


def raw_request(endpoint: str, method: str, path: str, body=None, region: str = REGION):
    """A request no SDK would send (members outside the model); routed to Lambda by the signing scope."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(endpoint + path, data=data, method=method, headers={
        "Content-Type": "application/json",
        "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/lambda/aws4_request, "
                         "SignedHeaders=host, Signature=0",
    })
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


@pytest.fixture
def fast_lmi(local_settings):
    local_settings(**FAST)
    return local_settings


@pytest.fixture(scope="session")
def lam(client):
    return client("lambda")


@pytest.fixture(scope="session")
def lam_unvalidated(client):
    """Sends what botocore's client-side checks would stop (the Java SDK checks nothing), to test the server."""
    return client("lambda", parameter_validation=False)


@pytest.fixture(scope="session")
def lam_once(endpoint):
    """No retries at all: the shared clients retry a throttled call once (botocore's max_attempts counts retries)."""
    return boto3.client("lambda", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(retries={"total_max_attempts": 1}))


@pytest.fixture(scope="session")
def ec2(client):
    return client("ec2")


@pytest.fixture(scope="session")
def client_logs(client):
    return client("logs")


@pytest.fixture(scope="session")
def role_arn(client):
    role = client("iam").create_role(RoleName=unique("lmi-operator"), AssumeRolePolicyDocument=TRUST_LAMBDA)
    return role["Role"]["Arn"]


class Vpc:
    """A VPC with a public subnet (internet gateway, NAT gateway) for building private subnets of every kind."""

    def __init__(self, ec2, cidr="10.20.0.0/16"):
        self.ec2 = ec2
        self.id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        self._octets = cidr.split(".")[:2]
        self._next = 0
        self.igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=self.igw, VpcId=self.id)
        self.public = self.subnet(public_ips=True)
        self.route_to(self.public, GatewayId=self.igw)
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        self.nat = ec2.create_nat_gateway(SubnetId=self.public, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
        self.security_group = ec2.create_security_group(GroupName=unique("lmi"), Description="lmi",
                                                        VpcId=self.id)["GroupId"]

    def subnet(self, public_ips=False) -> str:
        self._next += 1
        cidr = f"{self._octets[0]}.{self._octets[1]}.{self._next}.0/24"
        subnet_id = self.ec2.create_subnet(VpcId=self.id, CidrBlock=cidr)["Subnet"]["SubnetId"]
        self.ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": public_ips})
        return subnet_id

    def route_to(self, subnet_id, **target) -> str:
        table = self.ec2.create_route_table(VpcId=self.id)["RouteTable"]["RouteTableId"]
        if target:
            self.ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", **target)
        self.ec2.associate_route_table(RouteTableId=table, SubnetId=subnet_id)
        return table

    def private_subnet_via_nat(self) -> str:
        subnet_id = self.subnet()
        self.route_to(subnet_id, NatGatewayId=self.nat)
        return subnet_id

    def isolated_subnet(self) -> str:
        subnet_id = self.subnet()
        self.route_to(subnet_id)
        return subnet_id


@pytest.fixture(scope="session")
def vpc(ec2):
    return Vpc(ec2)


@pytest.fixture(scope="session")
def nat_subnets(vpc):
    return [vpc.private_subnet_via_nat(), vpc.private_subnet_via_nat()]


def provider_request(name, subnets, role, **extra) -> dict:
    request = {"CapacityProviderName": name, "VpcConfig": {"SubnetIds": subnets, "SecurityGroupIds": []},
               "PermissionsConfig": {"CapacityProviderOperatorRoleArn": role}}
    request.update(extra)
    return request


def state_of(lam, name) -> str:
    return lam.get_capacity_provider(CapacityProviderName=name)["CapacityProvider"]["State"]


def settled_state(lam, name, timeout=10.0) -> str:
    return wait_until(lambda: (lambda s: s if s != "Pending" else None)(state_of(lam, name)), timeout)


def active_provider(lam, subnets, role, **extra) -> dict:
    name = unique("cp")
    provider = lam.create_capacity_provider(**provider_request(name, subnets, role, **extra))["CapacityProvider"]
    assert settled_state(lam, name) == "Active"
    return provider


@pytest.fixture
def provider(fast_lmi, lam, nat_subnets, role_arn):
    return active_provider(lam, nat_subnets, role_arn)


def lmi_function(lam, provider_arn, role, name=None, lmi=None, **extra) -> dict:
    config = {"CapacityProviderArn": provider_arn}
    config.update(lmi or {})
    request = {"FunctionName": name or unique("fn"), "Runtime": "python3.13", "Role": role, "Handler": "app.handler",
               "Code": {"ZipFile": code_zip()},
               "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": config}}
    request.update(extra)
    return lam.create_function(**request)


def standard_function(lam, role, name=None, **extra) -> dict:
    request = {"FunctionName": name or unique("std"), "Runtime": "python3.13", "Role": role, "Handler": "app.handler",
               "Code": {"ZipFile": code_zip()}}
    request.update(extra)
    return lam.create_function(**request)


def change_and_publish(lam, function_name, marker, **publish) -> dict:
    """Publishes a new version: Lambda publishes nothing when the code and configuration did not change."""
    lam.update_function_configuration(FunctionName=function_name, Environment={"Variables": {"REVISION": str(marker)}})
    return lam.publish_version(FunctionName=function_name, **publish)


def active_version(lam, function_name, **publish) -> dict:
    version = lam.publish_version(FunctionName=function_name, **publish)
    lam.get_waiter("published_version_active").wait(
        FunctionName=function_name, Qualifier=version["Version"], WaiterConfig={"Delay": 0.05, "MaxAttempts": 100})
    return version


class PrivateServer:
    """A second local AWS of its own, for tests that reset everything or fill an account up."""

    def __init__(self):
        env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen([sys.executable, "-m", "lmi_local", "--port", "0", "--exit-with-parent"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        env=env, text=True)
        for line in self.process.stdout:
            if line.startswith("LMI_LOCAL_READY "):
                self.endpoint = line.split()[1]
                break
        else:
            raise AssertionError("the private local AWS did not start")
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        post_json(self.endpoint + "/_lmi/settings", FAST)

    def client(self, service, region=REGION):
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region, aws_access_key_id="testing",
                            aws_secret_access_key="testing",
                            config=Config(retries={"max_attempts": 1, "mode": "standard"}))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def private_server():
    server = PrivateServer()
    yield server
    server.stop()

