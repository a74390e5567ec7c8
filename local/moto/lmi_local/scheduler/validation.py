"""The checks EventBridge Scheduler makes on CreateSchedule and UpdateSchedule that moto 5.2.1 skips.

Limits are those of the Scheduler API reference (service model): names of 1-64 characters, a flexible window of
1-1440 minutes, retry event age of 60-86400 seconds and 0-185 attempts, a time zone of the IANA database.
"""

import json
import re
import zoneinfo

_NAME = re.compile(r"^[0-9a-zA-Z\-_.]{1,64}$")
_AT = re.compile(r"^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$")
_RATE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
_CRON = re.compile(r"^cron\((.+)\)$")
UNIVERSAL_TARGET = re.compile(r"^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$")
_ROLE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")
STATES = ("ENABLED", "DISABLED")
AFTER_COMPLETION = ("NONE", "DELETE")
WINDOW_MODES = ("OFF", "FLEXIBLE")


class ScheduleInvalid(ValueError):
    """A schedule EventBridge Scheduler would refuse; the message names the field."""


def check_name(name: str, field: str = "Name") -> None:
    if not name or not _NAME.match(name):
        raise ScheduleInvalid(f"{field} {name!r} is invalid: use 1 to 64 letters, digits, '-', '_' or '.'")


def check_expression(expression: str) -> None:
    if not expression:
        raise ScheduleInvalid("ScheduleExpression is required: at(yyyy-mm-ddThh:mm:ss), rate(value unit) or "
                              "cron(minutes hours day-of-month month day-of-week year)")
    if _AT.match(expression):
        return
    rate = _RATE.match(expression)
    if rate:
        if int(rate.group(1)) < 1:
            raise ScheduleInvalid(f"ScheduleExpression {expression!r}: the rate value must be at least 1")
        return
    cron = _CRON.match(expression)
    if cron:
        fields = cron.group(1).split()
        if len(fields) != 6:
            raise ScheduleInvalid(f"ScheduleExpression {expression!r}: a cron expression has 6 fields (minutes hours "
                                  f"day-of-month month day-of-week year), found {len(fields)}")
        if (fields[2] == "?") == (fields[4] == "?"):
            raise ScheduleInvalid(f"ScheduleExpression {expression!r}: exactly one of day-of-month and day-of-week "
                                  "must be '?'")
        return
    raise ScheduleInvalid(f"ScheduleExpression {expression!r} is invalid: use at(yyyy-mm-ddThh:mm:ss), "
                          "rate(value minutes|hours|days) or cron(minutes hours day-of-month month day-of-week year)")


def check_schedule(params: dict) -> None:
    """``params``: CreateSchedule/UpdateSchedule members as the API names them."""
    check_name(params.get("Name"))
    if params.get("GroupName") is not None:
        check_name(params["GroupName"], "GroupName")
    check_expression(params.get("ScheduleExpression"))
    timezone = params.get("ScheduleExpressionTimezone")
    if timezone:
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ScheduleInvalid(f"ScheduleExpressionTimezone {timezone!r} is not a time zone of the IANA database "
                                  "(for example Europe/Paris or UTC)") from error
    window = params.get("FlexibleTimeWindow")
    if not isinstance(window, dict) or window.get("Mode") not in WINDOW_MODES:
        raise ScheduleInvalid("FlexibleTimeWindow is required with Mode OFF or FLEXIBLE")
    if window["Mode"] == "FLEXIBLE":
        minutes = window.get("MaximumWindowInMinutes")
        if minutes is None or not 1 <= int(minutes) <= 1440:
            raise ScheduleInvalid("FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 when Mode is FLEXIBLE")
    if params.get("State") is not None and params["State"] not in STATES:
        raise ScheduleInvalid(f"State {params['State']!r} is not one of {', '.join(STATES)}")
    after = params.get("ActionAfterCompletion")
    if after is not None and after not in AFTER_COMPLETION:
        raise ScheduleInvalid(f"ActionAfterCompletion {after!r} is not one of {', '.join(AFTER_COMPLETION)}")
    start, end = params.get("StartDate"), params.get("EndDate")
    if start is not None and end is not None and float(end) <= float(start):
        raise ScheduleInvalid("EndDate must be later than StartDate")
    check_target(params.get("Target"))


def check_target(target) -> None:
    if not isinstance(target, dict):
        raise ScheduleInvalid("Target is required with an Arn and a RoleArn")
    if not target.get("Arn"):
        raise ScheduleInvalid("Target.Arn is required: the ARN of the resource to invoke, or "
                              "arn:aws:scheduler:::aws-sdk:service:apiAction for a universal target")
    if not target.get("RoleArn") or not _ROLE.match(target["RoleArn"]):
        raise ScheduleInvalid(f"Target.RoleArn {target.get('RoleArn')!r} must be the ARN of an IAM role "
                              "(arn:aws:iam::123456789012:role/name) that EventBridge Scheduler assumes")
    if target["Arn"].startswith("arn:aws:scheduler:") or ":scheduler:::" in target["Arn"]:
        if not UNIVERSAL_TARGET.match(target["Arn"]):
            raise ScheduleInvalid(f"Target.Arn {target['Arn']!r} is not a universal target: use "
                                  "arn:aws:scheduler:::aws-sdk:service:apiAction, e.g. "
                                  "arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig")
        if target.get("Input") is not None:
            try:
                json.loads(target["Input"])
            except ValueError as error:
                raise ScheduleInvalid(f"Target.Input of a universal target must be JSON with the API's request "
                                      f"parameters ({error})") from error
    retry = target.get("RetryPolicy") or {}
    age = retry.get("MaximumEventAgeInSeconds")
    if age is not None and not 60 <= int(age) <= 86400:
        raise ScheduleInvalid("Target.RetryPolicy.MaximumEventAgeInSeconds must be 60 to 86400")
    attempts = retry.get("MaximumRetryAttempts")
    if attempts is not None and not 0 <= int(attempts) <= 185:
        raise ScheduleInvalid("Target.RetryPolicy.MaximumRetryAttempts must be 0 to 185")
