"""Evaluates the metric alarms of a CloudWatch backend against its stored datapoints, as CloudWatch does.

Periods of an alarm start on multiples of its Period (epoch-aligned, as the timestamps in CloudWatch's state
reasons are); the newest period of the evaluation range is the one in progress at the server's clock. A state
change updates StateValue, StateReason, StateReasonData, StateUpdatedTimestamp and StateTransitionedTimestamp and
is written to the alarm history.
"""

import math
import threading
import time

from moto.core.utils import utcnow

from lmi_local.cloudwatch import composite, history, metric_math, queries
from lmi_local.cloudwatch.datapoints import (
    MetricId,
    PeriodSamples,
    StatisticError,
    percentile_of,
    periods,
)
from lmi_local.cloudwatch.evaluation import (
    BAND_OPERATORS,
    INSUFFICIENT_DATA,
    Decision,
    Rule,
    decide,
    state_reason,
    state_reason_data,
)
from lmi_local.cloudwatch.store import metric_index

INITIAL_REASON = "Unchecked: Initial alarm creation"
BAND_REASON = ("Unchecked: the local AWS does not evaluate anomaly-detection band alarms "
               "(ComparisonOperator {operator}); set their state with SetAlarmState")


def backend_lock(backend) -> threading.RLock:
    """One lock per backend: request threads and the evaluation tick both change its alarms and datapoints."""
    lock = backend.__dict__.get("lmi_lock")
    if lock is None:
        lock = backend.__dict__.setdefault("lmi_lock", threading.RLock())
    return lock


def _dimensions_of(dimensions):
    return [{"Name": item.name, "Value": item.value} if not isinstance(item, dict) else item
            for item in dimensions or []]


def alarm_queries(alarm):
    """The alarm's Metrics as query dicts, or None for a single-metric alarm."""
    if not alarm.metric_data_queries:
        return None
    result = []
    for query in alarm.metric_data_queries:
        entry = {"Id": query.id}
        if query.label:
            entry["Label"] = query.label
        if query.return_data is not None:
            entry["ReturnData"] = query.return_data in (True, "true", "True")
        if query.period:
            entry["Period"] = int(query.period)
        if query.expression:
            entry["Expression"] = query.expression
        if query.metric_stat is not None:
            stat = query.metric_stat
            entry["MetricStat"] = {
                "Metric": {"Namespace": stat.metric.namespace, "MetricName": stat.metric.metric_name,
                           "Dimensions": _dimensions_of(stat.metric.dimensions)},
                "Period": int(stat.period),
                "Stat": stat.stat,
            }
            if stat.unit:
                entry["MetricStat"]["Unit"] = stat.unit
        result.append(entry)
    return result


def watched_metrics(alarm) -> set:
    """``{(namespace, metric name)}`` whose new datapoints may change the alarm."""
    found_queries = alarm_queries(alarm)
    if found_queries is None:
        return {(alarm.namespace, alarm.metric_name)}
    return {(query["MetricStat"]["Metric"]["Namespace"], query["MetricStat"]["Metric"]["MetricName"])
            for query in found_queries if "MetricStat" in query}


def _alarm_period(alarm, found_queries) -> int:
    if found_queries is None:
        return int(alarm.period)
    return min(int(query["MetricStat"]["Period"]) for query in found_queries if "MetricStat" in query)


def rule_of(alarm) -> Rule:
    return Rule(
        comparison_operator=alarm.comparison_operator,
        threshold=float(alarm.threshold),
        evaluation_periods=int(alarm.evaluation_periods),
        datapoints_to_alarm=int(alarm.datapoints_to_alarm) if alarm.datapoints_to_alarm else None,
        treat_missing_data=alarm.treat_missing_data,
    )


def evaluation_range(alarm, extra_periods: int) -> int:
    return int(alarm.evaluation_periods) + max(0, int(extra_periods))


def _low_sample_count(statistic: str, samples: PeriodSamples) -> bool:
    # "For percentiles between 0.5 and 1.00 ... fewer than 10/(1-percentile) data points; for percentiles
    # between 0 and 0.5 ... fewer than 10/percentile" (CloudWatch user guide, percentile-based alarms).
    fraction = percentile_of(statistic) / 100.0
    if fraction <= 0 or fraction >= 1:
        return False
    needed = 10 / (1 - fraction) if fraction >= 0.5 else 10 / fraction
    return samples.sample_count() < needed


def alarm_slots(alarm, index, now: float, extra_periods: int):
    """The evaluation range of ``alarm`` at ``now``: ``[(period_start, value or None, sample_count)]``."""
    found_queries = alarm_queries(alarm)
    period = _alarm_period(alarm, found_queries)
    count = evaluation_range(alarm, extra_periods)
    newest = math.floor(now / period) * period
    starts = [newest - (count - 1 - position) * period for position in range(count)]
    start, end = starts[0], newest + period
    if found_queries is None:
        statistic = alarm.extended_statistic or alarm.statistic
        metric = MetricId.of(alarm.namespace, alarm.metric_name, _dimensions_of(alarm.dimensions))
        grouped = periods(index, metric, period, start, end, 0.0, alarm.unit)
        slots = []
        for moment in starts:
            samples = grouped.get(moment)
            if samples is None:
                slots.append((moment, None, None))
                continue
            if (alarm.extended_statistic and alarm.evaluate_low_sample_count_percentile == "ignore"
                    and _low_sample_count(statistic, samples)):
                slots.append((moment, None, None))
                continue
            slots.append((moment, samples.statistic(statistic), samples.sample_count()))
        return period, slots
    results = queries.run(index, found_queries, start, end, 0.0)
    returned = [query for query in found_queries if query.get("ReturnData", True) is not False
                and (alarm.threshold_metric_id is None or query["Id"] != alarm.threshold_metric_id)]
    value = results[returned[0]["Id"]]
    if isinstance(value, list):
        raise metric_math.MetricMathError(f"the alarm's expression {returned[0]['Id']} returns several time "
                                          "series; an alarm watches exactly one")
    return period, [(moment, value.points.get(moment), None) for moment in starts]


def _transition(backend, alarm, state, reason, reason_data) -> None:
    old = (alarm.state_value, alarm.state_reason, alarm.state_reason_data)
    alarm.state_value = state
    alarm.state_reason = reason
    alarm.state_reason_data = reason_data
    alarm.state_updated_timestamp = utcnow()
    alarm.state_transitioned_timestamp = alarm.state_updated_timestamp
    history.record_state_change(backend, alarm, *old)


def set_state(backend, alarm, state, reason, reason_data, hold_seconds: float) -> None:
    """SetAlarmState: the state holds until the next evaluation, which comes after ``hold_seconds``."""
    _transition(backend, alarm, state, reason, reason_data or alarm.state_reason_data)
    alarm.lmi_hold_until = time.time() + max(0.0, hold_seconds)


def evaluate_alarm(backend, alarm, index, now: float, extra_periods: int) -> bool:
    """Evaluates one metric alarm; returns whether its state changed."""
    if getattr(alarm, "rule", None):
        return False  # composite alarms are not evaluated by the local AWS
    if getattr(alarm, "lmi_hold_until", 0) > time.time():
        return False
    if alarm.comparison_operator in BAND_OPERATORS:
        if alarm.state_value != INSUFFICIENT_DATA or alarm.state_reason == INITIAL_REASON:
            reason = BAND_REASON.format(operator=alarm.comparison_operator)
            if alarm.state_reason != reason:
                _transition(backend, alarm, INSUFFICIENT_DATA, reason, "{}")
                return True
        return False
    rule = rule_of(alarm)
    try:
        period, slots = alarm_slots(alarm, index, now, extra_periods)
    except (metric_math.MetricMathError, StatisticError, queries.QueryError, KeyError, IndexError) as error:
        reason = f"Unchecked: the local AWS cannot evaluate this alarm: {error}"
        if alarm.state_reason != reason:
            _transition(backend, alarm, INSUFFICIENT_DATA, reason, "{}")
            return True
        return False
    decision: Decision = decide(slots, rule)
    state = decision.state or alarm.state_value
    if state == alarm.state_value:
        return False
    reason = state_reason(decision, rule, state)
    is_math = bool(alarm.metric_data_queries)
    reason_data = state_reason_data(
        decision, rule, period, now,
        statistic=None if is_math else (None if alarm.extended_statistic else alarm.statistic),
        extended_statistic=None if is_math else alarm.extended_statistic,
        new_state=state)
    _transition(backend, alarm, state, reason, reason_data)
    return True


def evaluate_composites(backend) -> int:
    """Re-evaluates composite alarms until none changes (a composite may name another composite)."""
    composites = [alarm for alarm in backend.alarms.values() if getattr(alarm, "rule", None)]
    changed_total = 0
    for _ in range(len(composites) + 1):
        by_key = {}
        for alarm in backend.alarms.values():
            by_key[alarm.name] = alarm
            by_key[alarm.alarm_arn] = alarm
        changed = 0
        for alarm in composites:
            if getattr(alarm, "lmi_hold_until", 0) > time.time():
                continue
            try:
                outcome = composite.evaluate(alarm, by_key)
            except composite.RuleError:
                continue
            if outcome is not None:
                _transition(backend, alarm, *outcome)
                changed += 1
        changed_total += changed
        if not changed:
            break
    return changed_total


def evaluate_backend(backend, extra_periods: int, touched=None, now=None) -> int:
    """Evaluates the backend's metric alarms (only those watching ``touched`` metrics if given), then its composite
    alarms; returns how many changed state."""
    with backend_lock(backend):
        alarms = [alarm for alarm in backend.alarms.values() if not getattr(alarm, "rule", None)]
        if touched is not None:
            alarms = [alarm for alarm in alarms if watched_metrics(alarm) & touched]
        changed = 0
        if alarms:
            now = time.time() if now is None else now
            longest = max(evaluation_range(alarm, extra_periods) * _alarm_period(alarm, alarm_queries(alarm))
                          for alarm in alarms)
            names = set().union(*(watched_metrics(alarm) for alarm in alarms))
            index = metric_index(backend, names, since=now - longest)
            changed = sum(1 for alarm in alarms if evaluate_alarm(backend, alarm, index, now, extra_periods))
        return changed + evaluate_composites(backend)
