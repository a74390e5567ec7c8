import io
import json
import zipfile

import pytest
from botocore.exceptions import ClientError


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def test_an_alias_that_exists_is_a_resource_conflict_as_on_aws(client):
    iam, lam = client("iam"), client("lambda")
    role = iam.create_role(RoleName="conflict-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    lam.create_function(FunctionName="conflict-fn", Runtime="python3.13", Role=role, Handler="app.handler",
                        Code={"ZipFile": _zip()})
    version = lam.publish_version(FunctionName="conflict-fn")["Version"]
    lam.create_alias(FunctionName="conflict-fn", Name="live", FunctionVersion=version)

    with pytest.raises(ClientError) as error:
        lam.create_alias(FunctionName="conflict-fn", Name="live", FunctionVersion=version)

    assert error.value.response["Error"]["Code"] == "ResourceConflictException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert isinstance(error.value, lam.exceptions.ResourceConflictException)
