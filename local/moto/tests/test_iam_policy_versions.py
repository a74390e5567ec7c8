import json

import pytest
from botocore.exceptions import ClientError

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                            "Action": "sts:AssumeRole"}]})
STATEMENT = [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]


@pytest.mark.parametrize("document", [{"Statement": STATEMENT}, {"Version": "2008-10-17", "Statement": STATEMENT},
                                      {"Version": "2012-10-17", "Statement": STATEMENT}])
def test_inline_policies_without_the_newest_version_are_accepted_as_iam_does(client, document):
    iam = client("iam")
    name = "policy-version-%d" % abs(hash(json.dumps(document)))
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(RoleName=name, PolicyName="p", PolicyDocument=json.dumps(document))
    assert iam.get_role_policy(RoleName=name, PolicyName="p")["PolicyDocument"]["Statement"][0]["Action"] == "dynamodb:GetItem"


def test_an_unknown_version_is_still_refused(client):
    iam = client("iam")
    iam.create_role(RoleName="policy-version-bad", AssumeRolePolicyDocument=TRUST)
    with pytest.raises(ClientError) as error:
        iam.put_role_policy(RoleName="policy-version-bad", PolicyName="p",
                            PolicyDocument=json.dumps({"Version": "2020-01-01", "Statement": STATEMENT}))
    assert error.value.response["Error"]["Code"] == "MalformedPolicyDocument"
