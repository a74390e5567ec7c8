"""Performs a schedule's target now, as EventBridge Scheduler does when the schedule comes due.

Universal targets (``arn:aws:scheduler:::aws-sdk:service:apiAction``) call that API with the target's Input JSON
as its request; templated targets send the Input to a Lambda function (asynchronous invoke), an SQS queue, an SNS
topic, a Step Functions state machine or an EventBridge bus. Calls go through boto3 to this same local AWS; the
target's RoleArn is not assumed (the local AWS does not check permissions).
"""

import base64
import json
import uuid
from datetime import datetime, timezone

import boto3
import botocore.session
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

from lmi_local.scheduler.validation import UNIVERSAL_TARGET

# EventBridge Scheduler names a universal target's service by its SDK service id (lowercase, no spaces); where that
# differs from the boto3 client name, this table maps it (AWS Scheduler user guide, universal targets).
_SERVICE_ALIASES = {"sfn": "stepfunctions", "eventbridge": "events", "cloudwatchlogs": "logs",
                    "cloudwatch": "cloudwatch", "applicationautoscaling": "application-autoscaling"}
_SERVICE_IDS = {}


class FireError(Exception):
    """The target could not be called; ``status`` is the HTTP status the fire route answers with."""

    def __init__(self, status: int, code: str, message: str, call=None):
        super().__init__(message)
        self.status, self.code, self.call = status, code, call


def boto3_service(service_id: str) -> str:
    available = boto3.session.Session().get_available_services()
    if service_id in available:
        return service_id
    if service_id in _SERVICE_ALIASES:
        return _SERVICE_ALIASES[service_id]
    if not _SERVICE_IDS:
        loader = botocore.session.get_session()
        for name in available:
            try:
                metadata = loader.get_service_model(name).metadata
            except Exception:  # a model that fails to load only hides that service from this lookup
                continue
            _SERVICE_IDS[metadata.get("serviceId", "").lower().replace(" ", "")] = name
    if service_id in _SERVICE_IDS:
        return _SERVICE_IDS[service_id]
    raise FireError(400, "UnknownService", f"the universal target names the service {service_id!r}, which no AWS "
                    "SDK service id matches")


def _context_input(text, schedule_arn: str, execution_id: str, scheduled_time: str):
    if text is None:
        return None
    # Context attributes EventBridge Scheduler substitutes in a target's Input (Scheduler user guide).
    for placeholder, value in (("<aws.scheduler.schedule-arn>", schedule_arn),
                               ("<aws.scheduler.scheduled-time>", scheduled_time),
                               ("<aws.scheduler.execution-id>", execution_id),
                               ("<aws.scheduler.attempt-number>", "1")):
        text = text.replace(placeholder, value)
    return text


def _plain(value):
    """A boto3 response as JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "read"):
        return _plain(value.read())
    return value


def _client(service: str, endpoint: str, region: str):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(retries={"max_attempts": 1}))


def _call(service, operation, parameters, endpoint, region):
    call = {"service": service, "operation": operation, "parameters": parameters}
    client = _client(service, endpoint, region)
    if operation not in client.meta.service_model.operation_names:
        raise FireError(400, "UnknownOperation", f"{service} has no operation {operation}", call)
    try:
        response = getattr(client, xform_name(operation))(**parameters)
    except ParamValidationError as error:
        raise FireError(400, "InvalidInput", f"the target's Input is not a valid {operation} request: {error}",
                        call) from error
    except ClientError as error:
        details = error.response.get("Error", {})
        raise FireError(502, details.get("Code") or "TargetError", details.get("Message") or str(error),
                        call) from error
    return {"call": call, "response": _plain(response)}


def _templated(target: dict, payload, endpoint, region, execution_id):
    arn = target["Arn"]
    parts = arn.split(":")
    if len(parts) < 6:
        raise FireError(400, "UnsupportedTarget", f"the target ARN {arn!r} is not an ARN")
    service, account, resource = parts[2], parts[4], ":".join(parts[5:])
    body = payload if payload is not None else "{}"
    if service == "lambda":
        return _call("lambda", "Invoke", {"FunctionName": arn, "InvocationType": "Event", "Payload": body},
                     endpoint, region)
    if service == "sqs":
        queue_url = _client("sqs", endpoint, region).get_queue_url(
            QueueName=resource, QueueOwnerAWSAccountId=account)["QueueUrl"]
        parameters = {"QueueUrl": queue_url, "MessageBody": body}
        group = (target.get("SqsParameters") or {}).get("MessageGroupId")
        if group:
            parameters["MessageGroupId"] = group
        return _call("sqs", "SendMessage", parameters, endpoint, region)
    if service == "sns":
        return _call("sns", "Publish", {"TopicArn": arn, "Message": body}, endpoint, region)
    if service == "states":
        return _call("stepfunctions", "StartExecution",
                     {"stateMachineArn": arn, "input": body, "name": execution_id}, endpoint, region)
    if service == "events":
        parameters = target.get("EventBridgeParameters") or {}
        return _call("events", "PutEvents", {"Entries": [{
            "EventBusName": arn, "Source": parameters.get("Source", "aws.scheduler"),
            "DetailType": parameters.get("DetailType", "Scheduled Event"), "Detail": body}]}, endpoint, region)
    raise FireError(400, "UnsupportedTarget", f"the local AWS cannot fire targets of service {service!r} "
                    "(supported: universal aws-sdk targets, lambda, sqs, sns, states, events)")


def fire(schedule, endpoint: str, region: str, now=None) -> dict:
    """Performs ``schedule``'s target; returns ``{"target", "call", "response"}`` or raises FireError."""
    target = schedule.target
    execution_id = str(uuid.uuid4())
    moment = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    payload = _context_input(target.get("Input"), schedule.arn, execution_id, moment)
    universal = UNIVERSAL_TARGET.match(target["Arn"])
    if universal:
        service = boto3_service(universal.group(1))
        action = universal.group(2)
        operation = action[0].upper() + action[1:]
        try:
            parameters = json.loads(payload) if payload else {}
        except ValueError as error:
            raise FireError(400, "InvalidInput", f"the target's Input is not JSON: {error}") from error
        if not isinstance(parameters, dict):
            raise FireError(400, "InvalidInput", "the target's Input must be a JSON object of request parameters")
        result = _call(service, operation, parameters, endpoint, region)
        kind = "universal"
    else:
        result = _templated(target, payload, endpoint, region, execution_id)
        kind = "templated"
    return {"schedule": schedule.arn, "target": {"arn": target["Arn"], "kind": kind},
            "executionId": execution_id, **result}
