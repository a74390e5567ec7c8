"""Executions put "Step Functions Execution Status Change" events on the default bus, as AWS does: RUNNING, then how
they ended (SUCCEEDED, FAILED, TIMED_OUT, ABORTED by StopExecution), with AWS's detail. StopExecution ends an
execution that waits for a task token at once."""

import json
import time

import pytest

from aws_fixtures import create_function, role_arn, wait_for_execution  # noqa: F401  (fixture)
from conftest import REGION
from fake_function_host import Answer, function_host, register, unique  # noqa: F401  (fixture)
from status_events import DETAIL_TYPE, StatusTap


@pytest.fixture
def sfn(client):
    return client("stepfunctions")


def machine(sfn, role_arn, states, start, **fields):
    definition = dict({"StartAt": start, "States": states}, **fields)
    return sfn.create_state_machine(name=unique("watched"), roleArn=role_arn,
                                    definition=json.dumps(definition))["stateMachineArn"]


def start(sfn, machine_arn, execution_input):
    return sfn.start_execution(stateMachineArn=machine_arn, name=unique("run"),
                               input=json.dumps(execution_input))["executionArn"]


def test_a_succeeded_execution_announces_running_then_succeeded_with_aws_detail(sfn, role_arn, client):
    machine_arn = machine(sfn, role_arn, {"Echo": {"Type": "Pass", "Result": {"ok": True}, "ResultPath": "$.r",
                                                   "End": True}}, "Echo")
    tap = StatusTap(client, machine_arn)
    arn = start(sfn, machine_arn, {"requestId": "r-1"})
    described = wait_for_execution(sfn, arn)

    running, succeeded = tap.received(2)

    for event in (running, succeeded):
        assert event["source"] == "aws.states"
        assert event["detail-type"] == DETAIL_TYPE
        assert event["region"] == REGION  # (moto's SQS delivery leaves out "account" for every event)
        assert event["resources"] == [arn]
        assert event["detail"]["executionArn"] == arn
        assert event["detail"]["stateMachineArn"] == machine_arn
        assert event["detail"]["name"] == arn.rsplit(":", 1)[1]
        assert json.loads(event["detail"]["input"]) == {"requestId": "r-1"}
        assert event["detail"]["inputDetails"] == {"included": True}
        assert event["detail"]["startDate"] == int(described["startDate"].timestamp() * 1000)
    assert running["detail"]["status"] == "RUNNING"
    assert running["detail"]["stopDate"] is None
    assert running["detail"]["output"] is None
    assert succeeded["detail"]["status"] == "SUCCEEDED"
    assert succeeded["detail"]["stopDate"] == int(described["stopDate"].timestamp() * 1000)
    assert json.loads(succeeded["detail"]["output"]) == {"requestId": "r-1", "r": {"ok": True}}
    assert succeeded["detail"]["outputDetails"] == {"included": True}
    assert (succeeded["detail"]["error"], succeeded["detail"]["cause"]) == (None, None)
    tap.nothing_more()


def test_a_failed_execution_announces_its_error_and_cause(sfn, role_arn, client):
    machine_arn = machine(sfn, role_arn, {"Give up": {"Type": "Fail", "Error": "RolledBack",
                                                      "Cause": "a gate alarm fired"}}, "Give up")
    tap = StatusTap(client, machine_arn, statuses=["FAILED", "TIMED_OUT", "ABORTED"])
    arn = start(sfn, machine_arn, {})

    (failed,) = tap.received(1)

    assert failed["detail"]["status"] == "FAILED"
    assert failed["detail"]["executionArn"] == arn
    assert (failed["detail"]["error"], failed["detail"]["cause"]) == ("RolledBack", "a gate alarm fired")
    assert failed["detail"]["output"] is None
    assert wait_for_execution(sfn, arn)["status"] == "FAILED"
    tap.nothing_more()


def test_stop_execution_ends_a_task_token_wait_at_once_and_announces_aborted(sfn, role_arn, client, endpoint,
                                                                            function_host):
    name = create_function(client("lambda"), role_arn)["FunctionName"]
    function_host.on(name, Answer({}))
    register(endpoint, function_host, name)
    wait = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": name, "Payload": {"taskToken.$": "$$.Task.Token"}},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": True}
    machine_arn = machine(sfn, role_arn, {"Await approval": wait, "Caught": {"Type": "Pass", "End": True}},
                          "Await approval")
    tap = StatusTap(client, machine_arn)
    arn = start(sfn, machine_arn, {"operationId": "mig-1"})
    function_host.wait_for(name, 1)
    time.sleep(0.3)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"

    stopped_at = time.monotonic()
    answer = sfn.stop_execution(executionArn=arn, error="Operator", cause="stopped in the console by alice")
    described = wait_for_execution(sfn, arn, timeout=5)

    assert time.monotonic() - stopped_at < 3, "the wait ended with the stop, not with its timeout"
    assert described["status"] == "ABORTED"
    assert described["stopDate"] == answer["stopDate"]
    assert (described["error"], described["cause"]) == ("Operator", "stopped in the console by alice")
    history = [e["type"] for e in sfn.get_execution_history(executionArn=arn)["events"]]
    assert history[-1] == "ExecutionAborted"
    assert "TaskTimedOut" not in history and "PassStateEntered" not in history, "the stop is no task failure"
    running, aborted = tap.received(2)
    assert running["detail"]["status"] == "RUNNING"
    assert aborted["detail"]["status"] == "ABORTED"
    assert aborted["detail"]["stopDate"] == int(answer["stopDate"].timestamp() * 1000)
    assert (aborted["detail"]["error"], aborted["detail"]["cause"]) == ("Operator", "stopped in the console by alice")
    assert json.loads(aborted["detail"]["input"]) == {"operationId": "mig-1"}
    assert sfn.stop_execution(executionArn=arn)["stopDate"] == answer["stopDate"], "stopping twice changes nothing"
    tap.nothing_more()


def test_an_execution_that_times_out_announces_timed_out(sfn, role_arn, client):
    machine_arn = machine(sfn, role_arn, {"Bake": {"Type": "Wait", "Seconds": 30, "End": True}}, "Bake",
                          TimeoutSeconds=1)
    tap = StatusTap(client, machine_arn, statuses=["TIMED_OUT"])
    arn = start(sfn, machine_arn, {})

    (timed_out,) = tap.received(1, timeout=8)

    assert timed_out["detail"]["executionArn"] == arn
    assert timed_out["detail"]["status"] == "TIMED_OUT"
    assert timed_out["detail"]["stopDate"] >= timed_out["detail"]["startDate"] + 1000


def test_a_start_that_returns_the_running_execution_announces_nothing_again(sfn, role_arn, client):
    machine_arn = machine(sfn, role_arn, {"Hold": {"Type": "Wait", "Seconds": 2, "End": True}}, "Hold")
    tap = StatusTap(client, machine_arn)
    first = sfn.start_execution(stateMachineArn=machine_arn, name="once", input="{}")["executionArn"]
    again = sfn.start_execution(stateMachineArn=machine_arn, name="once", input="{}")["executionArn"]
    assert again == first

    statuses = [e["detail"]["status"] for e in tap.received(2)]

    assert statuses == ["RUNNING", "SUCCEEDED"]
    tap.nothing_more()


def test_an_input_too_large_for_the_event_is_left_out_as_aws_does(sfn, role_arn, client):
    machine_arn = machine(sfn, role_arn, {"Drop": {"Type": "Pass", "Result": "small", "End": True}}, "Drop")
    tap = StatusTap(client, machine_arn, statuses=["SUCCEEDED"])
    start(sfn, machine_arn, {"blob": "x" * (250 * 1024)})

    (succeeded,) = tap.received(1)

    assert succeeded["detail"]["input"] is None
    assert succeeded["detail"]["inputDetails"] == {"included": False}
    assert json.loads(succeeded["detail"]["output"]) == "small"
