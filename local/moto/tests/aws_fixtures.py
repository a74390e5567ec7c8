"""Resources most tests of the orchestration extensions need: an IAM role, zip packages, functions."""

import io
import json
import time
import zipfile

import pytest

from fake_function_host import unique

ASSUME_LAMBDA = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
     "Action": "sts:AssumeRole"}]})


def zip_package(files=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (files or {"io/lmi/Handler.class": "class bytes " + unique("x")}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def role_arn(client):
    return client("iam").create_role(RoleName=unique("lmi-test-role"), AssumeRolePolicyDocument=ASSUME_LAMBDA)[
        "Role"]["Arn"]


def create_function(lambda_client, role_arn, name=None, **extra):
    spec = dict(FunctionName=name or unique("fn"), Runtime="java21", Role=role_arn,
                Handler="io.lmi.controlplane.handlers.AssessHandler::handleRequest",
                Code={"ZipFile": zip_package()}, MemorySize=512, Timeout=30)
    spec.update(extra)
    return lambda_client.create_function(**spec)


def wait_for_execution(sfn, execution_arn, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        if time.monotonic() > deadline:
            raise AssertionError(f"{execution_arn} still RUNNING after {timeout} s")
        time.sleep(0.1)
