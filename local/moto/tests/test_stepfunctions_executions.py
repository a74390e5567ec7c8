"""Many executions of one state machine (moto issue 10077), unnamed executions, names, concurrency."""

import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from botocore.exceptions import ClientError

from aws_fixtures import role_arn, wait_for_execution  # noqa: F401  (fixture)
from fake_function_host import unique

UUID_NAME = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def pass_machine(sfn, role_arn, result="done", wait_seconds=0):
    states = {"Echo": {"Type": "Pass", "Parameters": {"result": result, "input.$": "$"}, "End": True}}
    start = "Echo"
    if wait_seconds:
        states["Hold"] = {"Type": "Wait", "Seconds": wait_seconds, "Next": "Echo"}
        start = "Hold"
    definition = json.dumps({"StartAt": start, "States": states})
    return sfn.create_state_machine(name=unique("machine"), roleArn=role_arn, definition=definition)["stateMachineArn"]


@pytest.fixture
def sfn(client):
    return client("stepfunctions")


def test_one_machine_runs_many_named_executions(sfn, role_arn):
    machine = pass_machine(sfn, role_arn)
    arns = [sfn.start_execution(stateMachineArn=machine, name=f"run-{i}", input=json.dumps({"i": i}))["executionArn"]
            for i in range(6)]
    for i, arn in enumerate(arns):
        assert arn.endswith(f":run-{i}")
        described = wait_for_execution(sfn, arn)
        assert described["status"] == "SUCCEEDED"
        assert json.loads(described["output"]) == {"result": "done", "input": {"i": i}}


def test_unnamed_executions_get_uuid_names_as_on_aws(sfn, role_arn):
    machine = pass_machine(sfn, role_arn)
    arns = [sfn.start_execution(stateMachineArn=machine)["executionArn"] for _ in range(4)]
    names = [arn.rsplit(":", 1)[1] for arn in arns]
    assert all(UUID_NAME.match(name) for name in names), names
    assert len(set(names)) == 4
    for arn, name in zip(arns, names):
        described = wait_for_execution(sfn, arn)
        assert described["name"] == name
        assert described["status"] == "SUCCEEDED"
        assert json.loads(described["output"]) == {"result": "done", "input": {}}


def test_concurrent_named_and_unnamed_starts_of_one_machine(sfn, role_arn):
    machine = pass_machine(sfn, role_arn)

    def start(i):
        if i % 2:
            return sfn.start_execution(stateMachineArn=machine, input=json.dumps({"i": i}))["executionArn"]
        return sfn.start_execution(stateMachineArn=machine, name=f"named-{i}", input=json.dumps({"i": i}))[
            "executionArn"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        arns = list(pool.map(start, range(24)))
    assert len(set(arns)) == 24
    outputs = {json.loads(wait_for_execution(sfn, arn)["output"])["input"]["i"] for arn in arns}
    assert outputs == set(range(24))
    listed = sfn.list_executions(stateMachineArn=machine, maxResults=100)["executions"]
    assert {e["executionArn"] for e in listed} == set(arns)
    assert {e["status"] for e in listed} == {"SUCCEEDED"}


def test_same_name_while_running_is_idempotent_and_otherwise_conflicts(sfn, role_arn):
    machine = pass_machine(sfn, role_arn, wait_seconds=2)
    first = sfn.start_execution(stateMachineArn=machine, name="only-once", input='{"a":1}')["executionArn"]
    again = sfn.start_execution(stateMachineArn=machine, name="only-once", input='{"a":1}')["executionArn"]
    assert again == first
    with pytest.raises(ClientError) as conflict:
        sfn.start_execution(stateMachineArn=machine, name="only-once", input='{"a":2}')
    assert conflict.value.response["Error"]["Code"] == "ExecutionAlreadyExists"
    assert wait_for_execution(sfn, first)["status"] == "SUCCEEDED"


def test_an_invalid_execution_name_is_refused(sfn, role_arn):
    machine = pass_machine(sfn, role_arn)
    with pytest.raises(ClientError) as error:
        sfn.start_execution(stateMachineArn=machine, name="has space")
    assert error.value.response["Error"]["Code"] == "InvalidName"
    with pytest.raises(ClientError) as too_long:
        sfn.start_execution(stateMachineArn=machine, name="n" * 81)
    assert too_long.value.response["Error"]["Code"] == "ValidationException"


def test_a_running_execution_keeps_the_definition_it_started_with(sfn, role_arn):
    machine = pass_machine(sfn, role_arn, result="v1", wait_seconds=1)
    before = sfn.start_execution(stateMachineArn=machine, name="before-" + uuid.uuid4().hex[:6])["executionArn"]
    sfn.update_state_machine(stateMachineArn=machine, definition=json.dumps(
        {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "Parameters": {"result": "v2"}, "End": True}}}))
    after = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    assert json.loads(wait_for_execution(sfn, before)["output"])["result"] == "v1"
    assert json.loads(wait_for_execution(sfn, after)["output"]) == {"result": "v2"}
    # The state machine itself still lists both executions (they were not copied away with the definition).
    listed = {e["executionArn"] for e in sfn.list_executions(stateMachineArn=machine)["executions"]}
    assert listed == {before, after}
