"""Alarm history as DescribeAlarmHistory returns it: state changes and configuration changes of each alarm.

Items live on the CloudWatch backend of their account and region (so ``/moto-api/reset`` clears them) and outlive
the alarm they describe, as on AWS. CloudWatch keeps history for two weeks.
"""

import base64
import json
from datetime import timedelta

from moto.core.utils import utcnow

from lmi_local.cloudwatch.datapoints import to_epoch

RETENTION = timedelta(days=14)  # "CloudWatch preserves alarm history for two weeks" (CloudWatch user guide)
DEFAULT_MAX_RECORDS = 100  # DescribeAlarmHistory MaxRecords: 1-100, default 100 (API reference)
ITEM_TYPES = ("ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate",
              "AlarmContributorAction")


class HistoryQueryError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _items(backend) -> list:
    items = backend.__dict__.setdefault("lmi_alarm_history", [])
    cutoff = utcnow() - RETENTION
    if items and items[0]["Timestamp"] < cutoff:
        items[:] = [item for item in items if item["Timestamp"] >= cutoff]
    return items


def _alarm_type(alarm) -> str:
    return "CompositeAlarm" if getattr(alarm, "rule", None) else "MetricAlarm"


def _state(value, reason, reason_data):
    state = {"stateValue": value, "stateReason": reason}
    if reason_data:
        try:
            state["stateReasonData"] = json.loads(reason_data)
        except ValueError:
            state["stateReasonData"] = reason_data
    return state


def record_state_change(backend, alarm, old_value, old_reason, old_reason_data) -> None:
    data = {
        "version": "1.0",
        "oldState": _state(old_value, old_reason, old_reason_data),
        "newState": _state(alarm.state_value, alarm.state_reason, alarm.state_reason_data),
    }
    _items(backend).append({
        "AlarmName": alarm.name,
        "AlarmType": _alarm_type(alarm),
        "Timestamp": alarm.state_updated_timestamp,
        "HistoryItemType": "StateUpdate",
        "HistorySummary": f"Alarm updated from {old_value} to {alarm.state_value}",
        "HistoryData": json.dumps(data, separators=(",", ":")),
    })


def describe_configuration(alarm) -> dict:
    description = {"alarmName": alarm.name, "alarmArn": alarm.alarm_arn}
    for key, attribute in (("namespace", "namespace"), ("metricName", "metric_name"), ("statistic", "statistic"),
                           ("extendedStatistic", "extended_statistic"), ("period", "period"),
                           ("evaluationPeriods", "evaluation_periods"),
                           ("datapointsToAlarm", "datapoints_to_alarm"), ("threshold", "threshold"),
                           ("comparisonOperator", "comparison_operator"),
                           ("treatMissingData", "treat_missing_data"), ("alarmRule", "rule")):
        value = getattr(alarm, attribute, None)
        if value is not None:
            description[key] = value
    return description


def record_configuration(backend, alarm, change: str) -> None:
    """``change``: Create, Update or Delete."""
    verb = {"Create": "created", "Update": "updated", "Delete": "deleted"}[change]
    key = {"Create": "createdAlarm", "Update": "updatedAlarm", "Delete": "deletedAlarm"}[change]
    data = {"version": "1.0", "type": change, key: describe_configuration(alarm)}
    _items(backend).append({
        "AlarmName": alarm.name,
        "AlarmType": _alarm_type(alarm),
        "Timestamp": utcnow(),
        "HistoryItemType": "ConfigurationUpdate",
        "HistorySummary": f'Alarm "{alarm.name}" {verb}',
        "HistoryData": json.dumps(data, separators=(",", ":"), default=str),
    })


def encode_token(offset: int, fingerprint: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset, "f": fingerprint}).encode()).decode()


def decode_token(token: str, fingerprint: str) -> int:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
        offset = int(payload["o"])
    except (ValueError, KeyError, TypeError) as error:
        raise HistoryQueryError("InvalidNextToken", "The service returned an invalid NextToken; pass the "
                                "NextToken of the previous page unchanged") from error
    if payload.get("f") != fingerprint or offset < 0:
        raise HistoryQueryError("InvalidNextToken", "The NextToken belongs to a request with other filters; "
                                "repeat the request with the filters of the page that returned it")
    return offset


def describe_alarm_history(backend, alarm_name=None, alarm_types=None, item_type=None, start=None, end=None,
                           max_records=None, next_token=None, scan_by=None) -> dict:
    if item_type and item_type not in ITEM_TYPES:
        raise HistoryQueryError("ValidationError", f"HistoryItemType {item_type!r} is not one of "
                                f"{', '.join(ITEM_TYPES)}")
    if max_records is not None and not 1 <= int(max_records) <= 100:
        raise HistoryQueryError("ValidationError", f"MaxRecords {max_records} is out of range; use 1 to 100")
    types = set(alarm_types or ("MetricAlarm",))
    selected = [item for item in _items(backend)
                if (not alarm_name or item["AlarmName"] == alarm_name)
                and item["AlarmType"] in types
                and (not item_type or item["HistoryItemType"] == item_type)
                and (start is None or to_epoch(item["Timestamp"]) >= to_epoch(start))
                and (end is None or to_epoch(item["Timestamp"]) <= to_epoch(end))]
    ascending = scan_by == "TimestampAscending"
    selected.sort(key=lambda item: item["Timestamp"], reverse=not ascending)
    fingerprint = json.dumps([alarm_name, sorted(types), item_type, str(start), str(end), scan_by])
    offset = decode_token(next_token, fingerprint) if next_token else 0
    limit = int(max_records or DEFAULT_MAX_RECORDS)
    page = selected[offset:offset + limit]
    result = {"AlarmHistoryItems": [dict(item) for item in page]}
    if offset + limit < len(selected):
        result["NextToken"] = encode_token(offset + limit, fingerprint)
    return result
