"""EventBridge Scheduler per its API model, and firing a schedule's target on demand."""

import io
import json
import urllib.request
import zipfile

import pytest
from botocore.exceptions import ClientError

from aws_helpers import unique

ROLE = "arn:aws:iam::123456789012:role/scheduler-capacity"
SCALING_TARGET = "arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig"


def fire(endpoint, **body):
    request_body = json.dumps(body).encode()
    request = urllib.request.Request(endpoint + "/_lmi/scheduler/fire", data=request_body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def capacity_schedule(name, group, state="ENABLED", **extra):
    return dict(Name=name, GroupName=group, ScheduleExpression="cron(0 8 ? * MON-FRI *)",
                ScheduleExpressionTimezone="Europe/Paris", FlexibleTimeWindow={"Mode": "OFF"}, State=state,
                ActionAfterCompletion="NONE",
                Target={"Arn": SCALING_TARGET, "RoleArn": ROLE, "Input": json.dumps(
                    {"FunctionName": "orders", "Qualifier": "live",
                     "FunctionScalingConfig": {"MinExecutionEnvironments": 4, "MaxExecutionEnvironments": 20}})}) \
        | extra


@pytest.fixture
def scheduler(client):
    return client("scheduler")


@pytest.fixture
def group(scheduler):
    name = unique("capacity")
    scheduler.create_schedule_group(Name=name)
    return name


def test_a_schedule_in_a_missing_group_is_resource_not_found(scheduler):
    with pytest.raises(ClientError) as failure:
        scheduler.create_schedule(**capacity_schedule("morning", unique("missing")))
    assert failure.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert failure.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_capacity_schedule_round_trip(scheduler, group):
    arn = scheduler.create_schedule(**capacity_schedule("morning", group))["ScheduleArn"]
    assert arn == f"arn:aws:scheduler:us-east-1:123456789012:schedule/{group}/morning"
    got = scheduler.get_schedule(GroupName=group, Name="morning")
    assert got["ScheduleExpressionTimezone"] == "Europe/Paris" and got["FlexibleTimeWindow"] == {"Mode": "OFF"}
    assert got["State"] == "ENABLED" and got["ActionAfterCompletion"] == "NONE"
    assert got["Target"]["Arn"] == SCALING_TARGET and got["Target"]["RoleArn"] == ROLE
    assert json.loads(got["Target"]["Input"])["FunctionScalingConfig"]["MinExecutionEnvironments"] == 4

    scheduler.update_schedule(**capacity_schedule("morning", group, state="DISABLED",
                                                  ScheduleExpression="cron(0 9 ? * MON-FRI *)",
                                                  ActionAfterCompletion="DELETE"))
    updated = scheduler.get_schedule(GroupName=group, Name="morning")
    assert updated["State"] == "DISABLED" and updated["ActionAfterCompletion"] == "DELETE"
    assert updated["ScheduleExpression"] == "cron(0 9 ? * MON-FRI *)"
    assert updated["LastModificationDate"] >= updated["CreationDate"]

    scheduler.delete_schedule(GroupName=group, Name="morning")
    with pytest.raises(scheduler.exceptions.ResourceNotFoundException):
        scheduler.get_schedule(GroupName=group, Name="morning")


def test_list_by_group_name_prefix_and_state(scheduler, group):
    other = unique("other")
    scheduler.create_schedule_group(Name=other)
    scheduler.create_schedule(**capacity_schedule("scale-up-orders", group))
    scheduler.create_schedule(**capacity_schedule("scale-down-orders", group, state="DISABLED"))
    scheduler.create_schedule(**capacity_schedule("scale-up-payments", other))
    in_group = {item["Name"] for item in scheduler.list_schedules(GroupName=group)["Schedules"]}
    assert in_group == {"scale-up-orders", "scale-down-orders"}
    prefixed = {(item["GroupName"], item["Name"]) for item in
                scheduler.list_schedules(NamePrefix="scale-up")["Schedules"] if item["GroupName"] in (group, other)}
    assert prefixed == {(group, "scale-up-orders"), (other, "scale-up-payments")}
    disabled = [item["Name"] for item in scheduler.list_schedules(GroupName=group, State="DISABLED")["Schedules"]]
    assert disabled == ["scale-down-orders"]
    scheduler.delete_schedule_group(Name=other)
    with pytest.raises(scheduler.exceptions.ResourceNotFoundException):
        scheduler.get_schedule(GroupName=other, Name="scale-up-payments")
    with pytest.raises(scheduler.exceptions.ResourceNotFoundException):
        scheduler.delete_schedule_group(Name=other)
    with pytest.raises(scheduler.exceptions.ConflictException):
        scheduler.create_schedule_group(Name=group)


@pytest.mark.parametrize("change, message", [
    ({"ScheduleExpression": "every day"}, "ScheduleExpression"),
    ({"ScheduleExpression": "cron(0 8 * * MON-FRI *)"}, "exactly one of day-of-month and day-of-week"),
    ({"ScheduleExpressionTimezone": "Mars/Olympus"}, "IANA"),
    ({"FlexibleTimeWindow": {"Mode": "FLEXIBLE"}}, "MaximumWindowInMinutes"),
    ({"State": "PAUSED"}, "State"),
    ({"ActionAfterCompletion": "ARCHIVE"}, "ActionAfterCompletion"),
    ({"Target": {"Arn": SCALING_TARGET, "RoleArn": ROLE, "Input": "not json"}}, "must be JSON"),
    ({"Target": {"Arn": "arn:aws:scheduler:::lambda:putFunctionScalingConfig", "RoleArn": ROLE}}, "universal"),
    ({"Target": {"Arn": SCALING_TARGET, "RoleArn": "scheduler-role"}}, "RoleArn"),
])
def test_invalid_schedules_are_validation_errors(scheduler, group, change, message):
    with pytest.raises(ClientError) as failure:
        scheduler.create_schedule(**(capacity_schedule(unique("bad"), group) | change))
    assert failure.value.response["Error"]["Code"] == "ValidationException"
    assert message in failure.value.response["Error"]["Message"]


def test_firing_a_universal_target_calls_the_api(scheduler, group, client, endpoint):
    sqs = client("sqs")
    queue_url = sqs.create_queue(QueueName=unique("fired"))["QueueUrl"]
    scheduler.create_schedule(Name="notify", GroupName=group, ScheduleExpression="rate(5 minutes)",
                              FlexibleTimeWindow={"Mode": "OFF"},
                              Target={"Arn": "arn:aws:scheduler:::aws-sdk:sqs:sendMessage", "RoleArn": ROLE,
                                      "Input": json.dumps({"QueueUrl": queue_url,
                                                           "MessageBody": "scale <aws.scheduler.schedule-arn>"})})
    status, result = fire(endpoint, group=group, name="notify")
    assert status == 200, result
    assert result["call"]["service"] == "sqs" and result["call"]["operation"] == "SendMessage"
    assert "MessageId" in result["response"]
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert [message["Body"] for message in messages] == [
        f"scale arn:aws:scheduler:us-east-1:123456789012:schedule/{group}/notify"]


def test_firing_a_lambda_universal_target_changes_the_function(scheduler, group, client, endpoint):
    iam, lambda_client = client("iam"), client("lambda")
    role = iam.create_role(RoleName=unique("fn-role"), AssumeRolePolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    function_arn = lambda_client.create_function(
        FunctionName=unique("orders"), Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": _zip_with_handler()})["FunctionArn"]
    scheduler.create_schedule(Name="tag-it", GroupName=group, ScheduleExpression="at(2030-01-01T08:00:00)",
                              FlexibleTimeWindow={"Mode": "OFF"}, ActionAfterCompletion="DELETE",
                              Target={"Arn": "arn:aws:scheduler:::aws-sdk:lambda:tagResource", "RoleArn": ROLE,
                                      "Input": json.dumps({"Resource": function_arn,
                                                           "Tags": {"capacity": "peak"}})})
    status, result = fire(endpoint, group=group, name="tag-it")
    assert status == 200, result
    assert lambda_client.list_tags(Resource=function_arn)["Tags"] == {"capacity": "peak"}
    assert result["deletedAfterCompletion"] is True
    with pytest.raises(scheduler.exceptions.ResourceNotFoundException):
        scheduler.get_schedule(GroupName=group, Name="tag-it")


def test_firing_a_lambda_function_target_invokes_it_asynchronously(scheduler, group, client, endpoint):
    iam, lambda_client = client("iam"), client("lambda")
    role = iam.create_role(RoleName=unique("fn-role"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    function_arn = lambda_client.create_function(
        FunctionName=unique("worker"), Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": _zip_with_handler()})["FunctionArn"]
    scheduler.create_schedule(Name="wake", GroupName=group, ScheduleExpression="rate(1 hour)",
                              FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15},
                              Target={"Arn": function_arn, "RoleArn": ROLE, "Input": '{"action": "warm"}'})
    status, result = fire(endpoint, group=group, name="wake")
    assert status == 200, result
    assert result["call"]["operation"] == "Invoke" and result["call"]["parameters"]["InvocationType"] == "Event"
    assert result["response"]["StatusCode"] == 202


def test_fire_reports_target_errors_and_refuses_what_would_not_fire(scheduler, group, endpoint):
    scheduler.create_schedule(Name="broken", GroupName=group, ScheduleExpression="rate(1 day)",
                              FlexibleTimeWindow={"Mode": "OFF"},
                              Target={"Arn": "arn:aws:scheduler:::aws-sdk:sqs:sendMessage", "RoleArn": ROLE,
                                      "Input": json.dumps({"QueueUrl": "http://127.0.0.1/123456789012/nope",
                                                           "MessageBody": "x"})})
    status, result = fire(endpoint, group=group, name="broken")
    assert status == 502 and result["error"]["code"] and result["call"]["operation"] == "SendMessage"
    scheduler.create_schedule(**capacity_schedule("paused", group, state="DISABLED"))
    status, result = fire(endpoint, group=group, name="paused")
    assert status == 409 and "DISABLED" in result["message"]
    assert fire(endpoint, group=group, name="missing")[0] == 404
    assert fire(endpoint, group=group)[0] == 400


def _zip_with_handler():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def test_firing_the_capacity_target_calls_put_function_scaling_config(scheduler, group, endpoint):
    scheduler.create_schedule(**capacity_schedule("peak", group))
    status, result = fire(endpoint, group=group, name="peak")
    assert result["call"] == {"service": "lambda", "operation": "PutFunctionScalingConfig", "parameters": {
        "FunctionName": "orders", "Qualifier": "live",
        "FunctionScalingConfig": {"MinExecutionEnvironments": 4, "MaxExecutionEnvironments": 20}}}
    # moto 5.2.1 has no LMI API (404) until the local AWS's LMI extension serves it; either way the call was made.
    assert status in (200, 502), result
