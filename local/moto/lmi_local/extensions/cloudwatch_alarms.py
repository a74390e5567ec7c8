"""CloudWatch alarms that follow the metric data, and the metric queries they need.

moto 5.2.1 stores alarms and datapoints but never evaluates an alarm, starts alarms in OK, has no
DescribeAlarmHistory (500), and returns nothing for percentiles and metric math. This extension:

- starts new alarms in INSUFFICIENT_DATA ("Unchecked: Initial alarm creation") and keeps state across updates;
- evaluates metric alarms (single metric, Statistic or pNN ExtendedStatistic, or metric math) when a metric they
  watch gets data and on a background tick (``alarm_evaluation_interval_seconds``), recording every state change;
- lets SetAlarmState hold until the next evaluation (``set_alarm_state_hold_seconds``);
- serves DescribeAlarmHistory, DescribeAlarms with all filters combined and paging, GetMetricData with
  percentiles and metric math, and GetMetricStatistics with ExtendedStatistics;
- stores each ``Values``/``Counts`` pair of PutMetricData as one weighted datapoint (moto appends one object per
  count, so a day of per-minute durations with realistic counts took seconds per call and gigabytes of memory).
"""

import json
import logging
import threading

from moto.cloudwatch import models as cw_models
from moto.cloudwatch import responses as cw_responses
from moto.cloudwatch.exceptions import (
    CloudWatchException,
    InvalidFormat,
    InvalidParameterCombination,
    ResourceNotFound,
    ValidationError,
)
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow

from lmi_local.cloudwatch import alarms, composite, history, metric_math, queries
from lmi_local.cloudwatch.datapoints import StatisticError, check_statistic, percentile_of, to_datetime, to_epoch
from lmi_local.cloudwatch.evaluation import BAND_OPERATORS, TREATMENTS
from lmi_local.cloudwatch.store import metric_index

log = logging.getLogger(__name__)

_ORIGINAL = {}
_STATES = ("OK", "ALARM", "INSUFFICIENT_DATA")
_OPERATORS = ("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
              "LessThanOrEqualToThreshold") + BAND_OPERATORS
DESCRIBE_ALARMS_DEFAULT_MAX_RECORDS = 50  # DescribeAlarms MaxRecords: 1-100, default 50 (API reference)


class InvalidNextToken(CloudWatchException):
    code = "InvalidNextToken"


def _settings():
    from lmi_local.settings import SETTINGS
    return SETTINGS


def _extra_periods() -> int:
    return int(_settings().alarm_evaluation_extra_periods)


# ---------------------------------------------------------------- backend: alarms, state and data


def _put_composite_alarm(self):
    rule = self._get_param("AlarmRule")
    try:
        composite.parse(rule)
    except composite.RuleError as error:
        raise ValidationError(str(error)) from error
    self.cloudwatch_backend.put_metric_alarm(
        name=self._get_param("AlarmName"), namespace=None, metric_name=None, comparison_operator=None,
        evaluation_periods=None, period=None, threshold=None, statistic=None,
        description=self._get_param("AlarmDescription"), dimensions=[],
        alarm_actions=self._get_param("AlarmActions", []), ok_actions=self._get_param("OKActions", []),
        insufficient_data_actions=self._get_param("InsufficientDataActions", []),
        actions_enabled=self._get_param("ActionsEnabled"), rule=rule, tags=self._get_param("Tags", []))
    alarms.evaluate_composites(self.cloudwatch_backend)
    return EmptyResult()


def _validate_alarm(name, metric_name, namespace, metric_data_queries, comparison_operator, evaluation_periods,
                    datapoints_to_alarm, period, threshold, statistic, extended_statistic, treat_missing_data,
                    threshold_metric_id, rule):
    if rule:
        return
    if comparison_operator not in _OPERATORS:
        raise ValidationError(f"ComparisonOperator {comparison_operator!r} is not one of {', '.join(_OPERATORS)}")
    if treat_missing_data and treat_missing_data not in TREATMENTS:
        raise ValidationError(f"TreatMissingData {treat_missing_data!r} is not one of {', '.join(TREATMENTS)}")
    if evaluation_periods is None or int(evaluation_periods) < 1:
        raise ValidationError("EvaluationPeriods is required and must be at least 1")
    if datapoints_to_alarm is not None and not 1 <= int(datapoints_to_alarm) <= int(evaluation_periods):
        raise ValidationError(f"DatapointsToAlarm ({datapoints_to_alarm}) must be between 1 and EvaluationPeriods "
                              f"({evaluation_periods})")
    if comparison_operator in BAND_OPERATORS:
        if not threshold_metric_id:
            raise ValidationError(f"ComparisonOperator {comparison_operator} needs ThresholdMetricId")
    elif threshold is None:
        raise ValidationError(f"Threshold is required for ComparisonOperator {comparison_operator}")
    if metric_data_queries:
        if metric_name or namespace or statistic or extended_statistic:
            raise ValidationError("an alarm on Metrics must not also set MetricName, Namespace, Statistic or "
                                  "ExtendedStatistic")
        as_dicts = alarms.alarm_queries(type("Alarm", (), {"metric_data_queries": metric_data_queries})())
        try:
            queries.validate(as_dicts, "Metrics")
        except queries.QueryError as error:
            raise ValidationError(str(error)) from error
        returned = [query for query in as_dicts if query.get("ReturnData", True) is not False
                    and query["Id"] != threshold_metric_id]
        if len(returned) != 1:
            raise ValidationError("exactly one of the alarm's Metrics must have ReturnData true (the others false); "
                                  f"found {len(returned)}")
        periods = {query["MetricStat"]["Period"] for query in as_dicts if "MetricStat" in query}
        if len(periods) > 1:
            raise ValidationError(f"all MetricStat entries of an alarm must use the same Period; found {sorted(periods)}")
        return
    if not metric_name or not namespace:
        raise ValidationError("a single-metric alarm needs MetricName and Namespace (or give Metrics)")
    if bool(statistic) == bool(extended_statistic):
        raise ValidationError("give exactly one of Statistic and ExtendedStatistic")
    try:
        check_statistic(statistic or extended_statistic)
        if extended_statistic and percentile_of(extended_statistic) is None:
            raise StatisticError(f"ExtendedStatistic {extended_statistic!r} is not a percentile such as p99")
    except StatisticError as error:
        raise ValidationError(str(error)) from error
    if period is None or int(period) <= 0 or (int(period) >= 60 and int(period) % 60) \
            or (int(period) < 60 and int(period) not in (10, 20, 30)):
        raise ValidationError(f"Period {period} is invalid: use 10, 20 or 30 seconds or a multiple of 60")


def _put_metric_alarm(self, name, *args, **kwargs):
    arguments = dict(zip(("namespace", "metric_name", "comparison_operator", "evaluation_periods", "period",
                          "threshold", "statistic", "description", "dimensions", "alarm_actions"), args))
    arguments.update(kwargs)
    _validate_alarm(name, arguments.get("metric_name"), arguments.get("namespace"),
                    arguments.get("metric_data_queries"), arguments.get("comparison_operator"),
                    arguments.get("evaluation_periods"), arguments.get("datapoints_to_alarm"), arguments.get("period"),
                    arguments.get("threshold"), arguments.get("statistic"), arguments.get("extended_statistic"),
                    arguments.get("treat_missing_data"), arguments.get("threshold_metric_id"), arguments.get("rule"))
    with alarms.backend_lock(self):
        previous = self.alarms.get(name)
        alarm = _ORIGINAL["put_metric_alarm"](self, name, *args, **kwargs)
        if previous is not None:
            # "When you update an existing alarm, its state is left unchanged" (PutMetricAlarm API reference).
            for attribute in ("state_value", "state_reason", "state_reason_data", "state_updated_timestamp",
                              "state_transitioned_timestamp", "lmi_hold_until"):
                if hasattr(previous, attribute):
                    setattr(alarm, attribute, getattr(previous, attribute))
            history.record_configuration(self, alarm, "Update")
        else:
            alarm.state_value = "INSUFFICIENT_DATA"
            alarm.state_reason = alarms.INITIAL_REASON
            alarm.state_reason_data = None
            alarm.state_updated_timestamp = utcnow()
            alarm.state_transitioned_timestamp = alarm.state_updated_timestamp
            history.record_configuration(self, alarm, "Create")
        return alarm


def _delete_alarms(self, alarm_names):
    with alarms.backend_lock(self):
        for alarm_name in alarm_names:
            alarm = self.alarms.get(alarm_name)
            if alarm is not None:
                history.record_configuration(self, alarm, "Delete")
        return _ORIGINAL["delete_alarms"](self, alarm_names)


def _set_alarm_state(self, alarm_name, reason, reason_data, state_value):
    if reason_data is not None:
        try:
            json.loads(reason_data)
        except ValueError as error:
            raise InvalidFormat(f"StateReasonData is not valid JSON ({error}); pass a JSON document or omit it") \
                from error
    if state_value not in _STATES:
        raise ValidationError(
            "1 validation error detected: "
            f"Value '{state_value}' at 'stateValue' failed to satisfy constraint: "
            "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]")
    with alarms.backend_lock(self):
        alarm = self.alarms.get(alarm_name)
        if alarm is None:
            raise ResourceNotFound(f"Alarm {alarm_name} does not exist")
        alarms.set_state(self, alarm, state_value, reason, reason_data, _settings().set_alarm_state_hold_seconds)
        alarms.evaluate_composites(self)


def _weighted_values(namespace, member):
    """One datum per (value, count): a statistic set whose minimum and maximum are the value is exactly ``count``
    copies of it for every statistic, percentiles included (``PeriodSamples`` weighs sets by their count)."""
    values = member["Values"]
    counts = member.get("Counts") or [1] * len(values)  # same length: moto's validation checked it
    datums = []
    for value, count in zip(values, counts):
        value, count = float(value), float(count)
        if count <= 0:
            continue
        datums.append(cw_models.MetricAggregatedDatum(
            namespace=namespace, name=member["MetricName"], min_stat=value, max_stat=value, sample_count=count,
            sum_stat=value * count, dimensions=member.get("Dimensions", []), timestamp=member.get("Timestamp"),
            unit=member.get("Unit")))
    return datums


def _put_metric_data(self, namespace, metric_data):
    for position, member in enumerate(metric_data):
        self._validate_parameters_put_metric_data(member, position + 1)
    with alarms.backend_lock(self):
        weighted = [datum for member in metric_data if member.get("Values")
                    for datum in _weighted_values(namespace, member)]
        rest = [member for member in metric_data if not member.get("Values")]
        if rest:
            _ORIGINAL["put_metric_data"](self, namespace, rest)
        self.metric_data.extend(weighted)
    touched = {(namespace, member["MetricName"]) for member in metric_data}
    alarms.evaluate_backend(self, _extra_periods(), touched=touched)


# ---------------------------------------------------------------- responses


def _raise_query_error(error):
    message = str(error)
    if message.startswith("give Statistics or ExtendedStatistics"):
        raise InvalidParameterCombination(message) from error
    raise ValidationError(message) from error


def _get_metric_data(self):
    params = self._get_params()
    metric_queries = params.get("MetricDataQueries", [])
    if any(str(query.get("Expression", "")).strip().upper().startswith("SELECT") for query in metric_queries):
        return _ORIGINAL["response_get_metric_data"](self)
    start, end = to_epoch(params["StartTime"]), to_epoch(params["EndTime"])
    names = {(query["MetricStat"]["Metric"].get("Namespace"), query["MetricStat"]["Metric"].get("MetricName"))
             for query in metric_queries if isinstance(query.get("MetricStat"), dict)
             and isinstance(query["MetricStat"].get("Metric"), dict)}
    backend = self.cloudwatch_backend
    try:
        with alarms.backend_lock(backend):
            index = metric_index(backend, names, since=start - 86400, until=end)
        results = queries.get_metric_data(index, metric_queries, start, end, params.get("ScanBy"))
    except (queries.QueryError, StatisticError, metric_math.MetricMathError) as error:
        _raise_query_error(error)
    for result in results:
        result["Timestamps"] = [to_datetime(moment) for moment in result["Timestamps"]]
    return ActionResult({"MetricDataResults": results, "Messages": []})


def _get_metric_statistics(self):
    namespace = self._get_param("Namespace")
    metric_name = self._get_param("MetricName")
    start, end = to_epoch(self._get_param("StartTime")), to_epoch(self._get_param("EndTime"))
    backend = self.cloudwatch_backend
    try:
        with alarms.backend_lock(backend):
            index = metric_index(backend, {(namespace, metric_name)}, since=start - 86400, until=end)
        result = queries.get_metric_statistics(
            index, namespace, metric_name, self._get_param("Dimensions", []), start, end,
            int(self._get_param("Period")), self._get_param("Statistics", []),
            self._get_param("ExtendedStatistics", []), self._get_param("Unit"))
    except (queries.QueryError, StatisticError) as error:
        _raise_query_error(error)
    for datapoint in result["Datapoints"]:
        datapoint["Timestamp"] = to_datetime(datapoint["Timestamp"])
    return ActionResult(result)


def _describe_alarm_history(self):
    backend = self.cloudwatch_backend
    try:
        with alarms.backend_lock(backend):
            result = history.describe_alarm_history(
                backend,
                alarm_name=self._get_param("AlarmName"),
                alarm_types=self._get_param("AlarmTypes"),
                item_type=self._get_param("HistoryItemType"),
                start=self._get_param("StartDate"),
                end=self._get_param("EndDate"),
                max_records=self._get_param("MaxRecords"),
                next_token=self._get_param("NextToken"),
                scan_by=self._get_param("ScanBy"),
            )
    except history.HistoryQueryError as error:
        if error.code == "InvalidNextToken":
            raise InvalidNextToken(str(error)) from error
        raise ValidationError(str(error)) from error
    return ActionResult(result)


def _describe_alarms(self):
    backend = self.cloudwatch_backend
    names = self._get_param("AlarmNames") or []
    prefix = self._get_param("AlarmNamePrefix")
    if names and prefix:
        raise ValidationError("AlarmNames and AlarmNamePrefix cannot be used together; give one of them")
    types = set(self._get_param("AlarmTypes") or ["MetricAlarm"])
    state_value = self._get_param("StateValue")
    action_prefix = self._get_param("ActionPrefix")
    max_records = self._get_param("MaxRecords")
    if max_records is not None and not 1 <= int(max_records) <= 100:
        raise ValidationError(f"MaxRecords {max_records} is out of range; use 1 to 100")
    with alarms.backend_lock(backend):
        selected = []
        for alarm in sorted(backend.alarms.values(), key=lambda item: item.name):
            kind = "CompositeAlarm" if alarm.rule is not None else "MetricAlarm"
            actions = list(alarm.alarm_actions or []) + list(alarm.ok_actions or []) + \
                list(alarm.insufficient_data_actions or [])
            if kind not in types or (names and alarm.name not in names) \
                    or (prefix and not alarm.name.startswith(prefix)) \
                    or (state_value and alarm.state_value != state_value) \
                    or (action_prefix and not any(action.startswith(action_prefix) for action in actions)):
                continue
            selected.append(alarm)
    fingerprint = json.dumps([sorted(names), prefix, sorted(types), state_value, action_prefix])
    token = self._get_param("NextToken")
    try:
        offset = history.decode_token(token, fingerprint) if token else 0
    except history.HistoryQueryError as error:
        raise InvalidNextToken(str(error)) from error
    limit = int(max_records or DESCRIBE_ALARMS_DEFAULT_MAX_RECORDS)
    page = selected[offset:offset + limit]
    result = {"MetricAlarms": [alarm for alarm in page if alarm.rule is None],
              "CompositeAlarms": [alarm for alarm in page if alarm.rule is not None]}
    if offset + limit < len(selected):
        result["NextToken"] = history.encode_token(offset + limit, fingerprint)
    return ActionResult(result)


# ---------------------------------------------------------------- evaluation tick


def _all_backends():
    for regions in list(cw_models.cloudwatch_backends.values()):
        for backend in list(regions.values()):
            yield backend


def _tick_forever(stop: threading.Event):
    while not stop.wait(max(0.05, float(_settings().alarm_evaluation_interval_seconds))):
        for backend in _all_backends():
            try:
                alarms.evaluate_backend(backend, _extra_periods())
            except Exception:  # one broken alarm must not stop the evaluation of all others
                log.exception("alarm evaluation failed")


_TICKER = {}


def install(settings):
    if _ORIGINAL:
        return
    backend_class = cw_models.CloudWatchBackend
    response_class = cw_responses.CloudWatchResponse
    _ORIGINAL.update({
        "put_metric_alarm": backend_class.put_metric_alarm,
        "delete_alarms": backend_class.delete_alarms,
        "put_metric_data": backend_class.put_metric_data,
        "response_get_metric_data": response_class.get_metric_data,
    })
    backend_class.put_metric_alarm = _put_metric_alarm
    backend_class.delete_alarms = _delete_alarms
    backend_class.set_alarm_state = _set_alarm_state
    backend_class.put_metric_data = _put_metric_data
    response_class.get_metric_data = _get_metric_data
    response_class.get_metric_statistics = _get_metric_statistics
    response_class.describe_alarm_history = _describe_alarm_history
    response_class.describe_alarms = _describe_alarms
    response_class.put_composite_alarm = _put_composite_alarm
    stop = threading.Event()
    thread = threading.Thread(target=_tick_forever, args=(stop,), name="cloudwatch-alarm-evaluation", daemon=True)
    thread.start()
    _TICKER.update(stop=stop, thread=thread)


