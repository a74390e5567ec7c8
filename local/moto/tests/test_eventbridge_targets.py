"""PutEvents on a custom bus delivers to Step Functions and Lambda targets as AWS does."""

import json
import re
import time
from datetime import datetime, timezone

import pytest

from aws_fixtures import create_function, role_arn, wait_for_execution  # noqa: F401  (fixture)
from conftest import ACCOUNT, REGION
from fake_function_host import Answer, function_host, register, unique  # noqa: F401  (fixture)

ISO_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
PATTERN = {"source": ["lmi.control-plane"], "detail-type": ["MigrationRequested"],
           "detail": {"mode": ["canary"]}}


@pytest.fixture
def events(client):
    return client("events")


@pytest.fixture
def sfn(client):
    return client("stepfunctions")


@pytest.fixture
def bus(events):
    name = unique("lmi-bus")
    events.create_event_bus(Name=name)
    return name


def machine(sfn, role_arn):
    definition = {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}}
    return sfn.create_state_machine(name=unique("on-event"), roleArn=role_arn,
                                    definition=json.dumps(definition))["stateMachineArn"]


def rule_to(events, bus, target, pattern=None, **rule_fields):
    name = unique("rule")
    events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps(pattern or PATTERN), **rule_fields)
    events.put_targets(Rule=name, EventBusName=bus, Targets=[dict({"Id": "t1"}, **target)])
    return name


def put(events, bus, detail, detail_type="MigrationRequested", source="lmi.control-plane", **extra):
    response = events.put_events(Entries=[dict(EventBusName=bus, Source=source, DetailType=detail_type,
                                               Detail=json.dumps(detail), **extra)])
    assert response["FailedEntryCount"] == 0, response
    return response["Entries"][0]["EventId"]


def executions_of(sfn, machine_arn, count, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        listed = sfn.list_executions(stateMachineArn=machine_arn)["executions"]
        if len(listed) >= count or time.monotonic() > deadline:
            return listed
        time.sleep(0.1)


def test_a_matching_event_starts_the_state_machine_with_the_event_envelope(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": target, "RoleArn": role_arn})
    when = datetime(2026, 3, 1, 12, 30, 5, tzinfo=timezone.utc)

    event_id = put(events, bus, {"mode": "canary", "functionName": "orders"}, Time=when,
                   Resources=["arn:aws:lambda:us-east-1:123456789012:function:orders"])

    (execution,) = executions_of(sfn, target, 1)
    assert re.match(r"^[0-9a-f-]{36}$", execution["name"])
    described = wait_for_execution(sfn, execution["executionArn"])
    delivered = json.loads(described["input"])
    assert delivered == {
        "version": "0", "id": event_id, "detail-type": "MigrationRequested", "source": "lmi.control-plane",
        "account": ACCOUNT, "time": "2026-03-01T12:30:05Z", "region": REGION,
        "resources": ["arn:aws:lambda:us-east-1:123456789012:function:orders"],
        "detail": {"mode": "canary", "functionName": "orders"}}
    assert json.loads(described["output"]) == delivered


def test_events_that_do_not_match_the_pattern_start_nothing(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": target})
    put(events, bus, {"mode": "all-at-once"})
    put(events, bus, {"mode": "canary"}, detail_type="RolloutRequested")
    put(events, bus, {"mode": "canary"}, source="someone.else")
    put(events, "default", {"mode": "canary"})
    time.sleep(0.5)
    assert sfn.list_executions(stateMachineArn=target)["executions"] == []


def test_each_matching_event_starts_its_own_execution(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": target})
    ids = {put(events, bus, {"mode": "canary", "n": n}) for n in range(3)}
    listed = executions_of(sfn, target, 3)
    assert len(listed) == 3
    inputs = [json.loads(sfn.describe_execution(executionArn=e["executionArn"])["input"]) for e in listed]
    assert {i["id"] for i in inputs} == ids


def test_input_path_hands_over_part_of_the_event(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": target, "InputPath": "$.detail"})
    put(events, bus, {"mode": "canary", "functionName": "orders"})
    (execution,) = executions_of(sfn, target, 1)
    assert json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"]) == {
        "mode": "canary", "functionName": "orders"}


def test_constant_input_replaces_the_event(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": target, "Input": '{"fixed": true}'})
    put(events, bus, {"mode": "canary"})
    (execution,) = executions_of(sfn, target, 1)
    assert json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"]) == {"fixed": True}


def test_input_transformer_builds_the_input_from_the_template(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule = rule_to(events, bus, {"Arn": target, "InputTransformer": {
        "InputPathsMap": {"fn": "$.detail.functionName", "steps": "$.detail.steps", "src": "$.source",
                          "absent": "$.detail.nothing"},
        "InputTemplate": '{"function": <fn>, "steps": <steps>, "note": "<fn> from <src>", "rule": '
                         '"<aws.events.rule-name>", "missing": <absent>}'}})
    put(events, bus, {"mode": "canary", "functionName": "orders", "steps": [5, 50, 100]})
    (execution,) = executions_of(sfn, target, 1)
    assert json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"]) == {
        "function": "orders", "steps": [5, 50, 100], "note": "orders from lmi.control-plane", "rule": rule,
        "missing": None}


def test_a_disabled_rule_delivers_nothing(events, sfn, bus, role_arn):
    target = machine(sfn, role_arn)
    rule = rule_to(events, bus, {"Arn": target})
    events.disable_rule(Name=rule, EventBusName=bus)
    put(events, bus, {"mode": "canary"})
    time.sleep(0.5)
    assert sfn.list_executions(stateMachineArn=target)["executions"] == []
    events.enable_rule(Name=rule, EventBusName=bus)
    put(events, bus, {"mode": "canary"})
    assert len(executions_of(sfn, target, 1)) == 1


def test_a_failed_delivery_does_not_fail_put_events(events, sfn, bus, role_arn):
    missing = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{unique('gone')}"
    target = machine(sfn, role_arn)
    rule_to(events, bus, {"Arn": missing})
    rule_to(events, bus, {"Arn": target})
    put(events, bus, {"mode": "canary"})  # asserts FailedEntryCount == 0
    assert len(executions_of(sfn, target, 1)) == 1


def test_a_lambda_target_is_invoked_asynchronously_on_the_function_host(endpoint, events, bus, client, role_arn,
                                                                         function_host):
    config = create_function(client("lambda"), role_arn)
    name = config["FunctionName"]
    function_host.on(name, Answer(None, delay_seconds=1.0))
    register(endpoint, function_host, name)
    rule_to(events, bus, {"Arn": config["FunctionArn"]})

    started = time.monotonic()
    event_id = put(events, bus, {"mode": "canary", "functionName": "orders"})
    assert time.monotonic() - started < 0.9

    (seen,) = function_host.wait_for(name, 1)
    assert seen.headers["x-amz-invocation-type"] == "Event"
    assert seen.headers["x-lmi-function-arn"] == config["FunctionArn"]
    event = seen.json()
    assert event["id"] == event_id
    assert event["detail"] == {"mode": "canary", "functionName": "orders"}
    assert ISO_SECONDS.match(event["time"])
    assert set(event) == {"version", "id", "detail-type", "source", "account", "time", "region", "resources",
                          "detail"}


def test_a_lambda_target_with_input_path_gets_that_part(endpoint, events, bus, client, role_arn, function_host):
    config = create_function(client("lambda"), role_arn)
    function_host.on(config["FunctionName"], Answer({}))
    register(endpoint, function_host, config["FunctionName"])
    rule_to(events, bus, {"Arn": config["FunctionArn"], "InputPath": "$.detail.functionName"})
    put(events, bus, {"mode": "canary", "functionName": "orders"})
    (seen,) = function_host.wait_for(config["FunctionName"], 1)
    assert seen.body == b'"orders"'


def test_sqs_targets_still_receive_events_beside_the_new_ones(events, sfn, bus, client, role_arn):
    sqs = client("sqs")
    queue_url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    target = machine(sfn, role_arn)
    name = unique("rule")
    events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps(PATTERN))
    events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "q", "Arn": queue_arn},
                                                             {"Id": "m", "Arn": target}])
    put(events, bus, {"mode": "canary"})
    messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1)["Messages"]
    assert json.loads(messages[0]["Body"])["detail"] == {"mode": "canary"}
    assert len(executions_of(sfn, target, 1)) == 1
