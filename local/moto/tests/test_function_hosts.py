"""Invocations of registered functions go to the function host (local/README-host-protocol.md)."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from aws_fixtures import create_function, role_arn  # noqa: F401  (fixture)
from conftest import ACCOUNT, REGION, post_json
from fake_function_host import Answer, error_answer, function_host, register, unique  # noqa: F401  (fixture)
from private_server import private_endpoint  # noqa: F401  (fixture)


@pytest.fixture
def lam(client):
    return client("lambda")


def _get(url):
    with urllib.request.urlopen(url) as response:
        return json.loads(response.read())


def _post_expecting_error(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    return error.value.code, json.loads(error.value.read())["message"]


# --- registration routes ---------------------------------------------------------------------------------------

def test_register_list_and_remove_one_host(endpoint, function_host):
    name_a, name_b = unique("a"), unique("b")
    listed = register(endpoint, function_host, name_a, name_b)["functions"]
    assert listed[name_a] == function_host.url and listed[name_b] == function_host.url
    assert _get(endpoint + "/_lmi/function-hosts")["functions"][name_a] == function_host.url
    other = "http://127.0.0.1:1"
    post_json(endpoint + "/_lmi/function-hosts", {"hostUrl": other, "functions": [name_b]})
    assert _get(endpoint + "/_lmi/function-hosts")["functions"][name_b] == other
    request = urllib.request.Request(endpoint + "/_lmi/function-hosts?hostUrl=" + other, method="DELETE")
    remaining = json.loads(urllib.request.urlopen(request).read())["functions"]
    assert name_b not in remaining and remaining[name_a] == function_host.url


@pytest.mark.parametrize("body, field", [
    ({"functions": ["f"]}, "hostUrl"),
    ({"hostUrl": "http://10.0.0.5:9000", "functions": ["f"]}, "loopback"),
    ({"hostUrl": "https://127.0.0.1:9000", "functions": ["f"]}, "http://127.0.0.1:PORT"),
    ({"hostUrl": "http://127.0.0.1", "functions": ["f"]}, "http://127.0.0.1:PORT"),
    ({"hostUrl": "http://127.0.0.1:9000", "functions": []}, "functions must be a non-empty list"),
    ({"hostUrl": "http://127.0.0.1:9000", "functions": ["arn:aws:lambda:us-east-1:1:function:f"]}, "functions[0]"),
    ({"hostUrl": "http://127.0.0.1:9000", "functions": ["ok", "f:1"]}, "functions[1]"),
    (["not", "an", "object"], "JSON object"),
])
def test_bad_registrations_name_the_field(endpoint, body, field):
    status, message = _post_expecting_error(endpoint + "/_lmi/function-hosts", body)
    assert status == 400
    assert field in message


# --- RequestResponse --------------------------------------------------------------------------------------------

def test_request_response_invoke_reaches_the_host_with_the_protocol_headers(endpoint, lam, role_arn, function_host):
    config = create_function(lam, role_arn, MemorySize=1024, Timeout=45)
    name = config["FunctionName"]
    function_host.on(name, Answer({"assessed": True, "score": 7}))
    register(endpoint, function_host, name)
    payload = b'{"functionName":"orders","z":[1,2,3]}'

    response = lam.invoke(FunctionName=name, Payload=payload)

    assert response["StatusCode"] == 200
    assert "FunctionError" not in response
    assert json.loads(response["Payload"].read()) == {"assessed": True, "score": 7}
    assert response["ExecutedVersion"] == "$LATEST"
    (seen,) = function_host.requests_for(name)
    assert seen.path == f"/2015-03-31/functions/{name}/invocations"
    assert seen.body == payload
    request_id = seen.headers["x-lmi-request-id"]
    assert str(uuid.UUID(request_id)) == request_id
    assert response["ResponseMetadata"]["RequestId"] == request_id
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"] == request_id
    assert seen.headers["x-amz-invocation-type"] == "RequestResponse"
    assert seen.headers["x-lmi-function-arn"] == config["FunctionArn"]
    assert seen.headers["x-lmi-function-version"] == "$LATEST"
    assert seen.headers["x-lmi-handler"] == "io.lmi.controlplane.handlers.AssessHandler::handleRequest"
    assert seen.headers["x-lmi-memory-mb"] == "1024"
    assert seen.headers["x-lmi-timeout-seconds"] == "45"
    assert seen.headers["x-lmi-account-id"] == ACCOUNT
    assert seen.headers["x-lmi-region"] == REGION
    assert "x-lmi-internal-request-id" not in response["ResponseMetadata"]["HTTPHeaders"]


def test_a_host_url_with_a_path_prefix_keeps_it(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer({"prefixed": True}))
    prefixed = function_host.url + "/host/"
    post_json(endpoint + "/_lmi/function-hosts", {"hostUrl": prefixed, "functions": [name]})
    try:
        assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == {"prefixed": True}
        (seen,) = function_host.requests_for(name)
        assert seen.path == f"/host/2015-03-31/functions/{name}/invocations"
    finally:
        query = urllib.parse.urlencode({"hostUrl": prefixed})
        urllib.request.urlopen(urllib.request.Request(endpoint + "/_lmi/function-hosts?" + query, method="DELETE"))


def test_each_invocation_gets_its_own_request_id(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer({}))
    register(endpoint, function_host, name)
    ids = {lam.invoke(FunctionName=name)["ResponseMetadata"]["RequestId"] for _ in range(3)}
    assert ids == {r.headers["x-lmi-request-id"] for r in function_host.requests_for(name)}
    assert len(ids) == 3
    assert all(r.body == b"{}" for r in function_host.requests_for(name))


def test_a_published_version_and_an_alias_run_that_version(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    version = lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version["Version"])
    function_host.on(name, Answer("ok"))
    register(endpoint, function_host, name)

    by_version = lam.invoke(FunctionName=name, Qualifier=version["Version"], Payload=b"{}")
    by_alias = lam.invoke(FunctionName=f"{name}:live", Payload=b"{}")

    assert by_version["ExecutedVersion"] == by_alias["ExecutedVersion"] == version["Version"]
    for seen in function_host.requests_for(name):
        assert seen.headers["x-lmi-function-version"] == version["Version"]
        assert seen.headers["x-lmi-function-arn"] == version["FunctionArn"]


def test_a_qualifier_field_in_the_payload_is_not_the_invocations_qualifier(endpoint, lam, role_arn, function_host):
    # moto falls back to the body for "qualifier"; AWS reads only the Qualifier query parameter. The control
    # plane's own step inputs carry a "qualifier" field (the version a schedule should follow).
    name = create_function(lam, role_arn)["FunctionName"]
    version = lam.publish_version(FunctionName=name)["Version"]
    function_host.on(name, Answer("ok"))
    register(endpoint, function_host, name)
    payload = json.dumps({"functionName": "other", "qualifier": "42"}).encode()

    unqualified = lam.invoke(FunctionName=name, Payload=payload)
    by_version = lam.invoke(FunctionName=name, Qualifier=version, Payload=payload)

    assert unqualified["StatusCode"] == 200 and unqualified["ExecutedVersion"] == "$LATEST"
    assert by_version["ExecutedVersion"] == version
    assert [r.body for r in function_host.requests_for(name)] == [payload, payload]


def test_an_invocation_by_arn_in_another_region_carries_that_region(endpoint, role_arn, function_host):
    west = boto3.client("lambda", endpoint_url=endpoint, region_name="us-west-2", aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(retries={"max_attempts": 1}))
    config = create_function(west, role_arn)
    function_host.on(config["FunctionName"], Answer({"region": "west"}))
    register(endpoint, function_host, config["FunctionName"])
    assert json.loads(west.invoke(FunctionName=config["FunctionArn"])["Payload"].read()) == {"region": "west"}
    (seen,) = function_host.requests_for(config["FunctionName"])
    assert seen.headers["x-lmi-region"] == "us-west-2"
    assert seen.headers["x-lmi-function-arn"] == config["FunctionArn"]


def test_a_handler_exception_is_a_function_error(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    failure = error_answer("java.lang.IllegalArgumentException", "functionName must not be blank")
    function_host.on(name, failure)
    register(endpoint, function_host, name)

    response = lam.invoke(FunctionName=name, Payload=b'{"functionName":""}')

    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert response["Payload"].read() == failure.body()
    assert response["ExecutedVersion"] == "$LATEST"


def test_a_host_that_runs_past_the_timeout_gives_the_aws_timeout_error(endpoint, lam, role_arn, function_host,
                                                                      local_settings):
    local_settings(function_host_timeout_grace_seconds=0.5)
    name = create_function(lam, role_arn, Timeout=1)["FunctionName"]
    function_host.on(name, Answer({"late": True}, delay_seconds=3))
    register(endpoint, function_host, name)

    started = time.monotonic()
    response = lam.invoke(FunctionName=name)

    assert time.monotonic() - started < 2.8
    assert response["FunctionError"] == "Unhandled"
    error = json.loads(response["Payload"].read())
    assert error["errorType"] == "Sandbox.Timedout"
    assert error["errorMessage"].endswith("Task timed out after 1.00 seconds")
    assert response["ResponseMetadata"]["RequestId"] in error["errorMessage"]


# --- Event and DryRun -------------------------------------------------------------------------------------------

def test_event_invocations_answer_202_at_once_and_run_in_the_background(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer(None, delay_seconds=1.5))
    register(endpoint, function_host, name)

    started = time.monotonic()
    response = lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"async":1}')

    assert time.monotonic() - started < 1.0
    assert response["StatusCode"] == 202
    assert response["Payload"].read() == b""
    (seen,) = function_host.wait_for(name, 1)
    assert seen.headers["x-amz-invocation-type"] == "Event"
    assert seen.body == b'{"async":1}'
    assert seen.headers["x-lmi-request-id"] == response["ResponseMetadata"]["RequestId"]


def test_a_failing_event_invocation_is_retried_twice_with_the_same_request_id(endpoint, lam, role_arn, function_host,
                                                                             local_settings):
    local_settings(async_invoke_retry_delays_seconds=[0.2, 0.4])
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, error_answer("java.lang.IllegalStateException"))
    register(endpoint, function_host, name)

    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")

    attempts = function_host.wait_for(name, 3)
    assert len({a.headers["x-lmi-request-id"] for a in attempts}) == 1
    assert attempts[1].at - attempts[0].at >= 0.2
    assert attempts[2].at - attempts[1].at >= 0.4
    time.sleep(0.8)
    assert len(function_host.requests_for(name)) == 3


def test_maximum_retry_attempts_of_the_event_invoke_config_apply(endpoint, lam, role_arn, function_host,
                                                                 local_settings):
    local_settings(async_invoke_retry_delays_seconds=[0.1, 0.1])
    name = create_function(lam, role_arn)["FunctionName"]
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    function_host.on(name, error_answer("java.lang.IllegalStateException"))
    register(endpoint, function_host, name)

    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")

    function_host.wait_for(name, 1)
    time.sleep(0.6)
    assert len(function_host.requests_for(name)) == 1


def test_a_successful_event_invocation_is_not_retried(endpoint, lam, role_arn, function_host, local_settings):
    local_settings(async_invoke_retry_delays_seconds=[0.1, 0.1])
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer({"ok": True}))
    register(endpoint, function_host, name)
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")
    function_host.wait_for(name, 1)
    time.sleep(0.5)
    assert len(function_host.requests_for(name)) == 1


def test_dry_run_asks_the_host_and_answers_204(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer(None))
    register(endpoint, function_host, name)
    assert lam.invoke(FunctionName=name, InvocationType="DryRun")["StatusCode"] == 204
    (seen,) = function_host.requests_for(name)
    assert seen.headers["x-amz-invocation-type"] == "DryRun"


# --- failures of the host or the request -----------------------------------------------------------------------

def test_an_unreachable_host_is_a_lambda_service_exception(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    post_json(endpoint + "/_lmi/function-hosts", {"hostUrl": function_host.url, "functions": [name]})
    function_host.stop()
    with pytest.raises(ClientError) as error:
        lam.invoke(FunctionName=name)
    assert error.value.response["Error"]["Code"] == "ServiceException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert function_host.url in error.value.response["Error"]["Message"]
    assert "/_lmi/function-hosts" in error.value.response["Error"]["Message"]


def test_a_host_that_does_not_host_the_function_is_a_service_exception(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    register(endpoint, function_host, name)  # no behaviour: the fake host answers 404
    with pytest.raises(ClientError) as error:
        lam.invoke(FunctionName=name)
    assert error.value.response["Error"]["Code"] == "ServiceException"
    assert "does not host " + name in error.value.response["Error"]["Message"]


def test_a_payload_that_is_not_json_is_refused_before_the_host_sees_it(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer({}))
    register(endpoint, function_host, name)
    with pytest.raises(ClientError) as error:
        lam.invoke(FunctionName=name, Payload=b"not json")
    assert error.value.response["Error"]["Code"] == "InvalidRequestContentException"
    assert function_host.requests_for(name) == []


def test_a_registered_name_without_a_function_is_not_found(endpoint, lam, function_host):
    name = unique("missing")
    function_host.on(name, Answer({}))
    register(endpoint, function_host, name)
    with pytest.raises(ClientError) as error:
        lam.invoke(FunctionName=name)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert function_host.requests_for(name) == []


def test_unregistered_functions_keep_motos_behaviour(endpoint, lam, role_arn, function_host):
    name = create_function(lam, role_arn)["FunctionName"]
    function_host.on(name, Answer({"from": "host"}))
    register(endpoint, function_host, unique("someone-else"))
    response = lam.invoke(FunctionName=name, Payload=b'{"echo":true}')
    assert response["Payload"].read() == b'{"echo":true}'
    assert function_host.requests_for(name) == []


def test_a_moto_reset_removes_the_registrations(private_endpoint):
    post_json(private_endpoint + "/_lmi/function-hosts", {"hostUrl": "http://127.0.0.1:9", "functions": ["f"]})
    assert _get(private_endpoint + "/_lmi/function-hosts")["functions"] == {"f": "http://127.0.0.1:9"}
    urllib.request.urlopen(urllib.request.Request(private_endpoint + "/moto-api/reset", method="POST")).read()
    assert _get(private_endpoint + "/_lmi/function-hosts")["functions"] == {}
