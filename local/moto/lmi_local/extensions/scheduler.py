"""EventBridge Scheduler as the API reference describes it, plus a control route that fires a schedule now.

moto 5.2.1 answers CreateSchedule in a missing group with 500 (AWS: ResourceNotFoundException), validates almost
nothing, drops ActionAfterCompletion on UpdateSchedule, overwrites a schedule group created twice, and answers 500
when a missing group is deleted. Nothing ever fires. This extension fixes those and adds
``POST /_lmi/scheduler/fire {"group": "...", "name": "...", "region": "us-east-1", "account": "123456789012"}``
(group, region and account optional), which performs the schedule's target once, now, and answers with the call
it made and the target's response (HTTP 502 with the error when the target call fails).
"""

import json

from moto.core.exceptions import JsonRESTError
from moto.scheduler import models as scheduler_models
from moto.scheduler import responses as scheduler_responses
from moto.scheduler.exceptions import ScheduleGroupNotFound, ValidationException

from lmi_local.scheduler import firing
from lmi_local.scheduler.validation import ScheduleInvalid, check_name, check_schedule
from lmi_local.wsgi import read_body, respond_json

FIRE_PATH = "/_lmi/scheduler/fire"
DEFAULT_ACCOUNT = "123456789012"  # moto's default account
DEFAULT_REGION = "us-east-1"
_ORIGINAL = {}


class GroupExists(JsonRESTError):
    def __init__(self, name: str) -> None:
        super().__init__("ConflictException", f"Schedule group {name} already exists.")


def _schedule_params(response) -> dict:
    names = ("Description", "EndDate", "FlexibleTimeWindow", "GroupName", "KmsKeyArn", "ScheduleExpression",
             "ScheduleExpressionTimezone", "StartDate", "State", "Target", "ActionAfterCompletion")
    params = {name: response._get_param(name) for name in names}
    params["Name"] = response.uri.split("?")[0].split("/")[-1]
    return params


def _validated(response) -> dict:
    params = _schedule_params(response)
    try:
        check_schedule(params)
    except ScheduleInvalid as error:
        raise ValidationException(str(error)) from error
    return params


def _create_schedule(self):
    params = _validated(self)
    self.scheduler_backend.get_schedule_group(params["GroupName"])  # ResourceNotFoundException when missing
    answer = _ORIGINAL["create_schedule"](self)
    schedule = self.scheduler_backend.get_schedule(params["GroupName"], params["Name"])
    schedule.action_after_completion = params["ActionAfterCompletion"] or "NONE"
    return answer


def _update_schedule(self):
    params = _validated(self)
    answer = _ORIGINAL["update_schedule"](self)
    schedule = self.scheduler_backend.get_schedule(params["GroupName"], params["Name"])
    # UpdateSchedule replaces the whole schedule: a member left out goes back to its default (API reference).
    schedule.action_after_completion = params["ActionAfterCompletion"] or "NONE"
    schedule.state = params["State"] or "ENABLED"
    return answer


def _create_schedule_group(self, name, tags):
    try:
        check_name(name)
    except ScheduleInvalid as error:
        raise ValidationException(str(error)) from error
    if name in self.schedule_groups:
        raise GroupExists(name)
    return _ORIGINAL["create_schedule_group"](self, name, tags or [])


def _delete_schedule_group(self, name):
    if (name or "default") == "default":
        raise ValidationException("The default schedule group cannot be deleted")
    if name not in self.schedule_groups:
        raise ScheduleGroupNotFound(name)
    return _ORIGINAL["delete_schedule_group"](self, name)


def _fire(environ, start_response):
    try:
        request = json.loads(read_body(environ) or b"{}")
    except ValueError as error:
        return respond_json(start_response, 400, {"message": f"the body must be JSON: {error}"})
    if not isinstance(request, dict) or not request.get("name"):
        return respond_json(start_response, 400, {"message": 'give the schedule: {"group": "...", "name": "..."} '
                                                             '(group defaults to "default")'})
    account = request.get("account") or DEFAULT_ACCOUNT
    region = request.get("region") or DEFAULT_REGION
    group_name = request.get("group") or "default"
    backend = scheduler_models.scheduler_backends[account][region]
    group = backend.schedule_groups.get(group_name)
    if group is None or request["name"] not in group.schedules:
        return respond_json(start_response, 404, {
            "message": f"no schedule {request['name']!r} in group {group_name!r} ({account}, {region})"})
    schedule = group.schedules[request["name"]]
    if schedule.state != "ENABLED":
        return respond_json(start_response, 409, {
            "message": f"schedule {group_name}/{schedule.name} is {schedule.state}; EventBridge Scheduler does not "
                       "fire a disabled schedule (enable it with UpdateSchedule first)"})
    endpoint = f"{environ.get('wsgi.url_scheme', 'http')}://{environ['HTTP_HOST']}"
    try:
        result = firing.fire(schedule, endpoint, region)
    except firing.FireError as error:
        return respond_json(start_response, error.status, {
            "schedule": schedule.arn, "call": error.call, "error": {"code": error.code, "message": str(error)}})
    # A one-time schedule has completed once it fired; ActionAfterCompletion DELETE removes it (API reference).
    if schedule.schedule_expression.startswith("at(") and schedule.action_after_completion == "DELETE":
        group.schedules.pop(schedule.name, None)
        result["deletedAfterCompletion"] = True
    return respond_json(start_response, 200, result)


def middleware(app, settings):
    def scheduler_app(environ, start_response):
        if environ.get("PATH_INFO") == FIRE_PATH:
            if environ["REQUEST_METHOD"] != "POST":
                return respond_json(start_response, 405, {"message": f"use POST {FIRE_PATH}"})
            return _fire(environ, start_response)
        return app(environ, start_response)

    return scheduler_app


def install(settings):
    if _ORIGINAL:
        return
    response_class = scheduler_responses.EventBridgeSchedulerResponse
    backend_class = scheduler_models.EventBridgeSchedulerBackend
    _ORIGINAL.update({
        "create_schedule": response_class.create_schedule,
        "update_schedule": response_class.update_schedule,
        "create_schedule_group": backend_class.create_schedule_group,
        "delete_schedule_group": backend_class.delete_schedule_group,
    })
    response_class.create_schedule = _create_schedule
    response_class.update_schedule = _update_schedule
    backend_class.create_schedule_group = _create_schedule_group
    backend_class.delete_schedule_group = _delete_schedule_group
