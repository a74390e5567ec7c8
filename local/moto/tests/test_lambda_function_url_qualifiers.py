"""Function URLs per alias (extension lambda_function_url_qualifiers)."""

import pytest
from botocore.exceptions import ClientError

from lambda_helpers import function_with_alias


def test_the_function_and_each_alias_have_their_own_url(client):
    lambda_client = client("lambda")
    name, arn = function_with_alias(client, "orders")

    own = lambda_client.create_function_url_config(FunctionName=name, AuthType="AWS_IAM",
                                                   Cors={"AllowOrigins": ["https://example.com"]})
    alias = lambda_client.create_function_url_config(FunctionName=name, Qualifier="live", AuthType="NONE")

    assert own["FunctionArn"] == arn and alias["FunctionArn"] == arn + ":live"
    assert own["FunctionUrl"] != alias["FunctionUrl"]
    assert lambda_client.get_function_url_config(FunctionName=name)["AuthType"] == "AWS_IAM"
    fetched = lambda_client.get_function_url_config(FunctionName=arn + ":live")
    assert fetched["AuthType"] == "NONE" and fetched["FunctionUrl"] == alias["FunctionUrl"]


def test_a_second_url_for_one_qualifier_is_a_conflict(client):
    lambda_client = client("lambda")
    name, _ = function_with_alias(client, "orders")
    lambda_client.create_function_url_config(FunctionName=name, Qualifier="live", AuthType="NONE")

    with pytest.raises(ClientError, match="ResourceConflictException"):
        lambda_client.create_function_url_config(FunctionName=name, Qualifier="live", AuthType="NONE")


def test_a_qualifier_without_a_url_is_not_found_and_delete_removes_only_that_url(client):
    lambda_client = client("lambda")
    name, _ = function_with_alias(client, "orders")
    lambda_client.create_function_url_config(FunctionName=name, AuthType="AWS_IAM")
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        lambda_client.get_function_url_config(FunctionName=name, Qualifier="live")

    lambda_client.create_function_url_config(FunctionName=name, Qualifier="live", AuthType="NONE")
    lambda_client.delete_function_url_config(FunctionName=name, Qualifier="live")

    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        lambda_client.get_function_url_config(FunctionName=name, Qualifier="live")
    assert lambda_client.get_function_url_config(FunctionName=name)["AuthType"] == "AWS_IAM"


def test_versions_and_unknown_aliases_have_no_url(client):
    lambda_client = client("lambda")
    name, _ = function_with_alias(client, "orders")
    with pytest.raises(ClientError, match="InvalidParameterValueException"):
        lambda_client.create_function_url_config(FunctionName=name, Qualifier="1", AuthType="NONE")
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        lambda_client.create_function_url_config(FunctionName=name, Qualifier="nope", AuthType="NONE")
