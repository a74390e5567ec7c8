"""Step Functions Task states that invoke Lambda functions run by the function host: errors, Retry, Catch,
.waitForTaskToken with SendTaskSuccess/Failure/Heartbeat, TimeoutSeconds and HeartbeatSeconds."""

import json
import threading
import time

import pytest
from botocore.exceptions import ClientError

from aws_fixtures import create_function, role_arn, wait_for_execution  # noqa: F401  (fixture)
from conftest import ACCOUNT, REGION
from fake_function_host import Answer, error_answer, function_host, register, unique  # noqa: F401  (fixture)

INVALID_REQUEST = "io.lmi.controlplane.core.InvalidRequestException"
ILLEGAL_STATE = "java.lang.IllegalStateException"


@pytest.fixture
def sfn(client):
    return client("stepfunctions")


@pytest.fixture
def hosted(endpoint, client, role_arn, function_host):
    """``hosted(behaviour)``: a function created in moto, run by the fake host; returns its name."""

    def make(behaviour, **extra):
        name = create_function(client("lambda"), role_arn, **extra)["FunctionName"]
        function_host.on(name, behaviour)
        register(endpoint, function_host, name)
        return name

    return make


def run(sfn, role_arn, definition, execution_input=None, wait=True):
    machine = sfn.create_state_machine(name=unique("machine"), roleArn=role_arn,
                                       definition=json.dumps(definition))["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps(execution_input or {}))["executionArn"]
    return wait_for_execution(sfn, arn) if wait else arn


def invoke_task(function_name, **fields):
    task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": function_name, "Payload.$": "$"}, "OutputPath": "$.Payload"}
    task.update(fields)
    return task


def test_retry_on_the_java_error_name_then_catch_routes_on_another(sfn, role_arn, hosted, function_host):
    rejected = error_answer(INVALID_REQUEST, "function orders is not eligible")
    name = hosted([error_answer(ILLEGAL_STATE), error_answer(ILLEGAL_STATE), rejected])
    definition = {"StartAt": "Assess", "States": {
        "Assess": invoke_task(name, Next="Done",
                              Retry=[{"ErrorEquals": [ILLEGAL_STATE], "IntervalSeconds": 1, "MaxAttempts": 2,
                                      "BackoffRate": 1.0}],
                              Catch=[{"ErrorEquals": [INVALID_REQUEST], "ResultPath": "$.error",
                                      "Next": "Rejected"}]),
        "Rejected": {"Type": "Pass", "End": True},
        "Done": {"Type": "Succeed"}}}

    described = run(sfn, role_arn, definition, {"functionName": "orders"})

    assert described["status"] == "SUCCEEDED"
    assert len(function_host.requests_for(name)) == 3
    output = json.loads(described["output"])
    assert output["functionName"] == "orders"
    assert output["error"]["Error"] == INVALID_REQUEST
    assert output["error"]["Cause"] == rejected.body().decode()
    assert json.loads(output["error"]["Cause"])["errorMessage"] == "function orders is not eligible"


def test_a_retry_that_succeeds_passes_the_payload_on(sfn, role_arn, hosted, function_host):
    name = hosted([error_answer(ILLEGAL_STATE), Answer({"capacityProvider": "cp-1"})])
    definition = {"StartAt": "Provision", "States": {"Provision": invoke_task(
        name, End=True, Retry=[{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 3}])}}
    described = run(sfn, role_arn, definition)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"capacityProvider": "cp-1"}
    assert len(function_host.requests_for(name)) == 2


def test_an_uncaught_function_error_fails_the_execution_with_the_error_type(sfn, role_arn, hosted):
    failure = error_answer("java.lang.IllegalArgumentException", "memory must be at least 2048 MB — got 128")
    name = hosted(failure)
    described = run(sfn, role_arn, {"StartAt": "T", "States": {"T": invoke_task(name, End=True)}})
    assert described["status"] == "FAILED"
    assert described["error"] == "java.lang.IllegalArgumentException"
    assert described["cause"] == failure.body().decode()


def test_the_legacy_function_arn_resource_fails_and_catches_the_same_way(sfn, role_arn, hosted, function_host):
    failure = error_answer(INVALID_REQUEST)
    name = hosted(failure)
    legacy = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    definition = {"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": legacy, "End": True,
              "Retry": [{"ErrorEquals": [INVALID_REQUEST], "IntervalSeconds": 1, "MaxAttempts": 1}],
              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.caught", "Next": "Caught"}]},
        "Caught": {"Type": "Pass", "End": True}}}
    described = run(sfn, role_arn, definition, {"k": 1})
    assert described["status"] == "SUCCEEDED"
    assert len(function_host.requests_for(name)) == 2
    output = json.loads(described["output"])
    assert output["k"] == 1
    assert output["caught"] == {"Error": INVALID_REQUEST, "Cause": failure.body().decode()}


def test_the_legacy_resource_returns_the_payload_itself(sfn, role_arn, hosted):
    name = hosted(Answer({"steps": [5, 25, 100]}))
    legacy = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    described = run(sfn, role_arn, {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": legacy,
                                                                     "End": True}}})
    assert json.loads(described["output"]) == {"steps": [5, 25, 100]}


def test_states_all_catches_a_function_error(sfn, role_arn, hosted):
    name = hosted(error_answer("java.lang.NullPointerException"))
    definition = {"StartAt": "T", "States": {
        "T": invoke_task(name, End=True, Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}]),
        "Fallback": {"Type": "Pass", "Result": "fallback", "End": True}}}
    described = run(sfn, role_arn, definition)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == "fallback"


def test_an_unreachable_host_is_lambda_service_exception_in_the_state_machine(sfn, role_arn, client, endpoint,
                                                                             function_host):
    name = create_function(client("lambda"), role_arn)["FunctionName"]
    register(endpoint, function_host, name)
    function_host.stop()
    definition = {"StartAt": "T", "States": {
        "T": invoke_task(name, End=True, Catch=[{"ErrorEquals": ["Lambda.ServiceException"], "Next": "Down"}]),
        "Down": {"Type": "Pass", "Result": "host down", "End": True}}}
    described = run(sfn, role_arn, definition)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == "host down"


def test_timeout_seconds_on_a_slow_invocation_is_states_timeout(sfn, role_arn, hosted):
    name = hosted(Answer({"late": True}, delay_seconds=3))
    definition = {"StartAt": "T", "States": {
        "T": invoke_task(name, End=True, TimeoutSeconds=1,
                         Catch=[{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.timeout", "Next": "TimedOut"}]),
        "TimedOut": {"Type": "Pass", "End": True}}}
    started = time.monotonic()
    described = run(sfn, role_arn, definition)
    assert time.monotonic() - started < 3
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"])["timeout"]["Error"] == "States.Timeout"


# --- .waitForTaskToken ------------------------------------------------------------------------------------------

def wait_for_token_task(function_name, **fields):
    task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": function_name,
                           "Payload": {"taskToken.$": "$$.Task.Token", "migration.$": "$.migration"}}}
    task.update(fields)
    return task


def _token(function_host, name):
    (request,) = function_host.wait_for(name, 1)
    return request.json()["taskToken"]


def test_wait_for_task_token_resumes_with_send_task_success(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({"asked": "approver"}))
    definition = {"StartAt": "Approve", "States": {"Approve": wait_for_token_task(name, ResultPath="$.approval",
                                                                                   End=True)}}
    arn = run(sfn, role_arn, definition, {"migration": "m-1"}, wait=False)
    token = _token(function_host, name)
    assert function_host.requests_for(name)[0].json()["migration"] == "m-1"
    time.sleep(0.3)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"

    sfn.send_task_success(taskToken=token, output=json.dumps({"approvedBy": "alice"}))

    described = wait_for_execution(sfn, arn)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"migration": "m-1", "approval": {"approvedBy": "alice"}}
    for send in (lambda: sfn.send_task_success(taskToken=token, output="{}"),
                 lambda: sfn.send_task_failure(taskToken=token, error="TooLate")):
        with pytest.raises(ClientError) as closed:
            send()
        assert closed.value.response["Error"]["Code"] == "TaskTimedOut"


def test_send_task_failure_fails_the_task_with_its_error_and_cause(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "Approve", "States": {
        "Approve": wait_for_token_task(name, End=True, Catch=[
            {"ErrorEquals": ["io.lmi.ApprovalRejected"], "ResultPath": "$.rejection", "Next": "Rejected"}]),
        "Rejected": {"Type": "Pass", "End": True}}}
    arn = run(sfn, role_arn, definition, {"migration": "m-2"}, wait=False)

    sfn.send_task_failure(taskToken=_token(function_host, name), error="io.lmi.ApprovalRejected",
                          cause="rejected by alice: error rate too high")

    described = wait_for_execution(sfn, arn)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"])["rejection"] == {
        "Error": "io.lmi.ApprovalRejected", "Cause": "rejected by alice: error rate too high"}


def test_send_task_failure_uncaught_fails_the_execution(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    arn = run(sfn, role_arn, {"StartAt": "A", "States": {"A": wait_for_token_task(name, End=True)}},
              {"migration": "m-3"}, wait=False)
    sfn.send_task_failure(taskToken=_token(function_host, name), error="Aborted", cause="operator abort")
    described = wait_for_execution(sfn, arn)
    assert described["status"] == "FAILED"
    assert (described["error"], described["cause"]) == ("Aborted", "operator abort")


def test_heartbeats_keep_a_waiting_task_alive_past_heartbeat_seconds(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {"A": wait_for_token_task(name, End=True, HeartbeatSeconds=1,
                                                                      TimeoutSeconds=20)}}
    arn = run(sfn, role_arn, definition, {"migration": "m-4"}, wait=False)
    token = _token(function_host, name)
    for _ in range(6):
        time.sleep(0.4)
        sfn.send_task_heartbeat(taskToken=token)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    sfn.send_task_success(taskToken=token, output='"done"')
    assert wait_for_execution(sfn, arn)["status"] == "SUCCEEDED"


def test_a_missed_heartbeat_fails_the_task_with_states_timeout(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {"A": wait_for_token_task(name, End=True, HeartbeatSeconds=1,
                                                                      TimeoutSeconds=20)}}
    arn = run(sfn, role_arn, definition, {"migration": "m-5"}, wait=False)
    token = _token(function_host, name)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Timeout"
    with pytest.raises(ClientError) as late:
        sfn.send_task_success(taskToken=token, output="{}")
    assert late.value.response["Error"]["Code"] == "TaskTimedOut"


@pytest.mark.parametrize("caught_by", ["States.HeartbeatTimeout", "States.Timeout"])
def test_a_missed_heartbeat_can_be_caught_by_either_name(sfn, role_arn, hosted, function_host, caught_by):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {
        "A": wait_for_token_task(name, End=True, HeartbeatSeconds=1, TimeoutSeconds=20, Catch=[
            {"ErrorEquals": ["States.TaskFailed"], "Next": "Wrong"},
            {"ErrorEquals": [caught_by], "ResultPath": "$.late", "Next": "Late"}]),
        "Wrong": {"Type": "Fail", "Error": "WrongCatcher"},
        "Late": {"Type": "Pass", "End": True}}}
    arn = run(sfn, role_arn, definition, {"migration": "m-7"}, wait=False)
    _token(function_host, name)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"])["late"]["Error"] == "States.Timeout"


def test_a_plain_timeout_is_not_a_heartbeat_timeout(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {
        "A": wait_for_token_task(name, End=True, TimeoutSeconds=1, Catch=[
            {"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "Wrong"},
            {"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}]),
        "Wrong": {"Type": "Fail", "Error": "WrongCatcher"},
        "TimedOut": {"Type": "Pass", "Result": "timed out", "End": True}}}
    arn = run(sfn, role_arn, definition, {"migration": "m-8"}, wait=False)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == "timed out"


def test_timeout_seconds_on_a_waiting_task_is_states_timeout(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {"A": wait_for_token_task(name, End=True, TimeoutSeconds=1)}}
    arn = run(sfn, role_arn, definition, {"migration": "m-6"}, wait=False)
    _token(function_host, name)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Timeout"


def test_a_token_that_was_never_issued_is_invalid(sfn):
    with pytest.raises(ClientError) as error:
        sfn.send_task_success(taskToken="never-issued", output="{}")
    assert error.value.response["Error"]["Code"] == "InvalidToken"


def test_many_executions_invoke_the_host_concurrently(sfn, role_arn, hosted, function_host):
    name = hosted(lambda request: Answer({"echo": request.json()}, delay_seconds=0.2))
    machine = sfn.create_state_machine(name=unique("machine"), roleArn=role_arn, definition=json.dumps(
        {"StartAt": "T", "States": {"T": invoke_task(name, End=True)}}))["stateMachineArn"]
    arns = []
    lock = threading.Lock()

    def start(i):
        arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"i": i}))["executionArn"]
        with lock:
            arns.append((i, arn))

    threads = [threading.Thread(target=start, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, arn in arns:
        described = wait_for_execution(sfn, arn)
        assert described["status"] == "SUCCEEDED"
        assert json.loads(described["output"]) == {"echo": {"i": i}}
    assert len(function_host.requests_for(name)) == 8


def test_a_token_of_a_timed_out_task_in_a_running_execution_is_task_timed_out(sfn, role_arn, hosted, function_host):
    name = hosted(Answer({}))
    definition = {"StartAt": "A", "States": {
        "A": wait_for_token_task(name, Next="Linger", TimeoutSeconds=1,
                                 Catch=[{"ErrorEquals": ["States.Timeout"], "Next": "Linger"}]),
        "Linger": {"Type": "Wait", "Seconds": 3, "End": True}}}
    arn = run(sfn, role_arn, definition, {"migration": "m-9"}, wait=False)
    token = _token(function_host, name)
    time.sleep(1.8)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    for send in (lambda: sfn.send_task_success(taskToken=token, output="{}"),
                 lambda: sfn.send_task_heartbeat(taskToken=token),
                 lambda: sfn.send_task_failure(taskToken=token, error="TooLate")):
        with pytest.raises(ClientError) as late:
            send()
        assert late.value.response["Error"]["Code"] == "TaskTimedOut"
    assert wait_for_execution(sfn, arn)["status"] == "SUCCEEDED"
