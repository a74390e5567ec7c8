"""GetMetricData and GetMetricStatistics over moto's stored datapoints, with percentiles and metric math.

Queries are plain dicts in the API's shape (``{"Id", "MetricStat": {"Metric", "Period", "Stat", "Unit"},
"Expression", "Label", "ReturnData", "Period"}``); metric-math alarms use the same evaluator.
"""

import math
import re

from lmi_local.cloudwatch import metric_math
from lmi_local.cloudwatch.datapoints import (
    MetricId,
    StatisticError,
    check_statistic,
    percentile_of,
    periods,
    series,
)

_QUERY_ID = re.compile(r"^[a-z][A-Za-z0-9_]*$")


class QueryError(ValueError):
    """A query the caller must fix; the message names the query and the field."""


def metric_id_of(metric: dict) -> MetricId:
    return MetricId.of(metric.get("Namespace"), metric.get("MetricName"), metric.get("Dimensions") or [])


def validate(queries, where: str = "MetricDataQueries") -> None:
    if not queries:
        raise QueryError(f"{where} is empty; give at least one query with a MetricStat or an Expression")
    seen = set()
    for position, query in enumerate(queries, start=1):
        query_id = query.get("Id")
        label = f"{where}.member.{position}"
        if not query_id or not _QUERY_ID.match(query_id):
            raise QueryError(f"{label}.Id {query_id!r} is invalid: an Id starts with a lowercase letter and holds "
                             "only letters, digits and underscores")
        if query_id in seen:
            raise QueryError(f"{label}.Id {query_id!r} is used twice; every query needs its own Id")
        seen.add(query_id)
        has_stat, has_expression = "MetricStat" in query, bool(query.get("Expression"))
        if has_stat == has_expression:
            raise QueryError(f"{label} must have exactly one of MetricStat and Expression")
        if has_stat:
            stat = query["MetricStat"]
            for required in ("Metric", "Period", "Stat"):
                if stat.get(required) in (None, "", {}):
                    raise QueryError(f"{label}.MetricStat.{required} is required")
            if not stat["Metric"].get("Namespace") or not stat["Metric"].get("MetricName"):
                raise QueryError(f"{label}.MetricStat.Metric needs a Namespace and a MetricName")
            if int(stat["Period"]) <= 0:
                raise QueryError(f"{label}.MetricStat.Period must be a positive number of seconds")
            try:
                check_statistic(stat["Stat"])
            except StatisticError as error:
                raise QueryError(f"{label}.MetricStat.Stat: {error}") from error
        else:
            try:
                node = metric_math.parse(query["Expression"])
            except metric_math.MetricMathError as error:
                raise QueryError(f"{label}.Expression: {error}") from error
            unknown = metric_math.referenced_ids(node) - {item.get("Id") for item in queries}
            if unknown:
                raise QueryError(f"{label}.Expression {query['Expression']!r} refers to {', '.join(sorted(unknown))}, "
                                 "which no query in the request has as its Id")


def grid_period(queries) -> int:
    for query in queries:
        if query.get("Period"):
            return int(query["Period"])
    for query in queries:
        if "MetricStat" in query:
            return int(query["MetricStat"]["Period"])
    return 60


def run(index, queries, start: float, end: float, origin: float):
    """``{query_id: Series or [Series]}`` for every query, over ``[start, end)`` with periods from ``origin``."""
    by_id = {query["Id"]: query for query in queries}
    metric_ids = [query["Id"] for query in queries if "MetricStat" in query]
    results = {}
    period = grid_period(queries)
    grid = []
    moment = origin + math.ceil((start - origin) / period) * period if start > origin else origin
    while moment < end:
        grid.append(moment)
        moment += period
    context = metric_math.Context(resolve=None, metric_ids=metric_ids, grid=grid, period=period)

    def resolve(query_id):
        if query_id in results:
            return results[query_id]
        query = by_id.get(query_id)
        if query is None:
            raise metric_math.MetricMathError(f"no query has the Id {query_id}")
        if query_id in context.evaluating:
            raise metric_math.MetricMathError(f"the expression of {query_id} refers back to itself")
        context.evaluating.add(query_id)
        try:
            if "MetricStat" in query:
                stat = query["MetricStat"]
                metric = stat["Metric"]
                points = series(index, metric_id_of(metric), int(stat["Period"]), stat["Stat"], start, end, origin,
                                stat.get("Unit"))
                value = metric_math.Series({moment: item for moment, item in points.items() if item is not None},
                                           query.get("Label") or metric.get("MetricName"), int(stat["Period"]),
                                           query_id)
            else:
                value = metric_math.evaluate(query["Expression"], context)
        finally:
            context.evaluating.discard(query_id)
        results[query_id] = value
        return value

    context.resolve = resolve
    for query in queries:
        resolve(query["Id"])
    return results


def get_metric_data(index, queries, start: float, end: float, scan_by: str | None):
    validate(queries)
    if start >= end:
        raise QueryError("StartTime must be earlier than EndTime")
    period = grid_period(queries)
    # CloudWatch rounds StartTime down to the minute for periods of a minute or more (recent data), and periods
    # start there; high-resolution periods start on a multiple of the period.
    unit = 60 if period >= 60 else period
    origin = math.floor(start / unit) * unit
    try:
        results = run(index, queries, origin, end, origin)
    except metric_math.MetricMathError as error:
        raise QueryError(str(error)) from error
    descending = (scan_by or "TimestampDescending") == "TimestampDescending"
    answer = []
    for query in queries:
        if query.get("ReturnData") is False:
            continue
        value = results[query["Id"]]
        items = value if isinstance(value, list) else [value]
        for item in items:
            label = query.get("Label") or (
                query["MetricStat"]["Metric"]["MetricName"] if "MetricStat" in query else query["Id"])
            if isinstance(value, list) and item.label:
                label = f"{label} {item.label}".strip()
            points = sorted(item.points.items(), reverse=descending)
            answer.append({
                "Id": query["Id"],
                "Label": label,
                "Timestamps": [moment for moment, _ in points],
                "Values": [number for _, number in points],
                "StatusCode": "Complete",
            })
    return answer


def get_metric_statistics(index, namespace, metric_name, dimensions, start: float, end: float, period: int,
                          statistics, extended_statistics, unit=None):
    if not statistics and not extended_statistics:
        raise QueryError("give Statistics or ExtendedStatistics (for example Statistics=[Sum] or "
                         "ExtendedStatistics=[p99])")
    if statistics and len(statistics) + len(extended_statistics or ()) > 10:
        raise QueryError("at most 10 statistics and extended statistics together may be asked for")
    for statistic in statistics or ():
        if statistic not in ("SampleCount", "Average", "Sum", "Minimum", "Maximum"):
            raise QueryError(f"Statistics has {statistic!r}; use SampleCount, Average, Sum, Minimum or Maximum")
    for statistic in extended_statistics or ():
        try:
            if percentile_of(statistic) is None:
                raise StatisticError(f"ExtendedStatistics has {statistic!r}; the local AWS supports percentiles "
                                     "such as p99 or p99.9")
        except StatisticError as error:
            raise QueryError(str(error)) from error
    if start >= end:
        raise QueryError("StartTime must be earlier than EndTime")
    if period <= 0:
        raise QueryError("Period must be a positive number of seconds")
    unit_of_rounding = 60 if period >= 60 else period
    origin = math.floor(start / unit_of_rounding) * unit_of_rounding
    metric = MetricId.of(namespace, metric_name, dimensions or [])
    grouped = periods(index, metric, period, origin, end, origin, unit)
    datapoints = []
    for moment, samples in sorted(grouped.items()):
        datapoint = {"Timestamp": moment}
        for statistic in statistics or ():
            datapoint[statistic] = samples.statistic(statistic)
        if extended_statistics:
            datapoint["ExtendedStatistics"] = {name: samples.statistic(name) for name in extended_statistics}
        datapoint["Unit"] = unit or _unit_of(index, metric) or "None"
        datapoints.append(datapoint)
    return {"Label": metric_name, "Datapoints": datapoints}


def _unit_of(index, metric: MetricId):
    for _, datum in index.get(metric, ()):
        if getattr(datum, "unit", None):
            return datum.unit
    return None

