"""A JSONPath that selects nothing is a States.Runtime error, as on AWS: the execution fails at once, no Retry or
Catch (not even on States.ALL) handles it, and its FAILED status event goes out like any other."""

import json
import time

import pytest

from aws_fixtures import create_function, role_arn, wait_for_execution  # noqa: F401  (fixture)
from fake_function_host import Answer, error_answer, function_host, register, unique  # noqa: F401  (fixture)
from status_events import StatusTap

EVERYTHING = [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 5, "BackoffRate": 2}]


@pytest.fixture
def sfn(client):
    return client("stepfunctions")


@pytest.fixture
def hosted(endpoint, client, role_arn, function_host):
    """A function run by the fake host: its ARN is the Task's Resource, its name what the host recorded."""
    function = create_function(client("lambda"), role_arn)
    function_host.on(function["FunctionName"], Answer({"verdict": "PASS"}))
    register(endpoint, function_host, function["FunctionName"])
    return function


def machine(sfn, role_arn, states, start):
    return sfn.create_state_machine(name=unique("runtime"), roleArn=role_arn, definition=json.dumps(
        {"StartAt": start, "States": states}))["stateMachineArn"]


def run(sfn, role_arn, states, start, execution_input):
    return sfn.start_execution(stateMachineArn=machine(sfn, role_arn, states, start),
                               input=json.dumps(execution_input))["executionArn"]


def rollback_task(function_arn, **fields):
    """A rollback step as the workflows have it: retried five times on anything, with a 5 s backoff."""
    task = {"Type": "Task", "Resource": function_arn,
            "Parameters": {"operationId.$": "$.operationId", "error.$": "$.error"}, "Retry": EVERYTHING}
    task.update(fields)
    return task


def test_a_task_parameter_on_a_missing_field_fails_the_execution_at_once_despite_retry_and_catch(
        sfn, role_arn, hosted, function_host, client):
    states = {"RollBack": rollback_task(hosted["FunctionArn"], Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                                        End=True),
              "Caught": {"Type": "Pass", "End": True}}
    machine_arn = machine(sfn, role_arn, states, "RollBack")
    tap = StatusTap(client, machine_arn, statuses=["FAILED"])
    started = time.monotonic()
    arn = sfn.start_execution(stateMachineArn=machine_arn, input=json.dumps({"operationId": "mig-1"}))["executionArn"]

    described = wait_for_execution(sfn, arn, timeout=5)

    assert time.monotonic() - started < 4, "not retried: a States.Runtime error is not retriable"
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Runtime"
    assert described["cause"] == (
        "An error occurred while executing the state 'RollBack' (entered at the event id #2). The JSONPath "
        "'$.error' specified for the field 'error.$' could not be found in the input '{\"operationId\": \"mig-1\"}'")
    assert function_host.requests_for(hosted["FunctionName"]) == [], "the function is never invoked with an incomplete input"
    (failed,) = tap.received(1)
    assert (failed["detail"]["executionArn"], failed["detail"]["error"]) == (arn, "States.Runtime")


def test_a_result_selector_on_a_missing_field_fails_the_execution_after_one_invocation(sfn, role_arn, hosted,
                                                                                     function_host):
    states = {"Gate": {"Type": "Task", "Resource": hosted["FunctionArn"], "ResultSelector": {"reason.$": "$.reason"},
                       "Retry": EVERYTHING, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                       "End": True},
              "Caught": {"Type": "Pass", "End": True}}
    arn = run(sfn, role_arn, states, "Gate", {})

    described = wait_for_execution(sfn, arn, timeout=5)

    assert (described["status"], described["error"]) == ("FAILED", "States.Runtime")
    assert "The JSONPath '$.reason' specified for the field 'reason.$' could not be found" in described["cause"]
    assert len(function_host.requests_for(hosted["FunctionName"])) == 1


def test_a_choice_on_a_missing_field_fails_the_execution(sfn, role_arn):
    states = {"Verdict?": {"Type": "Choice", "Choices": [
        {"Variable": "$.gate.verdict", "StringEquals": "PASS", "Next": "Done"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}
    arn = run(sfn, role_arn, states, "Verdict?", {"operationId": "mig-2"})

    described = wait_for_execution(sfn, arn)

    assert (described["status"], described["error"]) == ("FAILED", "States.Runtime")
    assert described["cause"].endswith("Invalid path '$.gate.verdict': The choice state's condition path "
                                       "references an invalid value.")


def test_is_present_still_tests_a_missing_field(sfn, role_arn):
    states = {"Error?": {"Type": "Choice", "Choices": [
        {"Variable": "$.error", "IsPresent": True, "Next": "Failed"}], "Default": "Fine"},
        "Failed": {"Type": "Fail", "Error": "Failed"}, "Fine": {"Type": "Succeed"}}
    arn = run(sfn, role_arn, states, "Error?", {"operationId": "mig-3"})
    assert wait_for_execution(sfn, arn)["status"] == "SUCCEEDED"


def test_a_function_error_is_still_retried(sfn, role_arn, client, endpoint, function_host):
    function = create_function(client("lambda"), role_arn)
    name = function["FunctionName"]
    function_host.on(name, [error_answer("java.lang.IllegalStateException"), Answer({"ok": True})])
    register(endpoint, function_host, name)
    states = {"Step": {"Type": "Task", "Resource": function["FunctionArn"], "End": True, "Retry": [
        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2}]}}
    arn = run(sfn, role_arn, states, "Step", {})
    described = wait_for_execution(sfn, arn)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"ok": True}
