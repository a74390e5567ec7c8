"""The functions of CloudWatch metric math (CloudWatch user guide, "Functions supported for metric math")."""

import math

from lmi_local.cloudwatch.metric_math import (
    FUNCTIONS,
    MetricMathError,
    Series,
    evaluate_node,
    finite,
    map_values,
)


def _arguments(name, arguments, context, minimum, maximum):
    if not minimum <= len(arguments) <= maximum:
        expected = str(minimum) if minimum == maximum else f"{minimum} to {maximum}"
        raise MetricMathError(f"{name} takes {expected} arguments, got {len(arguments)}")
    return [evaluate_node(argument, context) for argument in arguments]


def _series_argument(name, value):
    if not isinstance(value, Series):
        raise MetricMathError(f"{name} needs a single time series here")
    return value


def _elementwise(name, function):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if not isinstance(value, (Series, list)):
            raise MetricMathError(f"{name} needs a time series or an array of time series")
        return map_values(value, function)
    return call


def _aggregate(name, over_values, missing_as_zero):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if isinstance(value, Series):
            values = list(value.points.values())
            return over_values(values) if values else math.nan
        if isinstance(value, list):
            moments = set()
            for item in value:
                moments |= set(item.points)
            points = {}
            for moment in moments:
                if missing_as_zero:
                    values = [item.points.get(moment, 0.0) for item in value]
                else:
                    values = [item.points[moment] for item in value if moment in item.points]
                if values:
                    result = over_values(values)
                    if finite(result):
                        points[moment] = result
            period = value[0].period if value else context.period
            return Series(points, name, period)
        raise MetricMathError(f"{name} needs a time series or an array of time series")
    return call


def _stddev(values):
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / (len(values) - 1))


def _metrics(arguments, context):
    if len(arguments) > 1:
        raise MetricMathError("METRICS takes at most one string argument")
    needle = ""
    if arguments:
        value = evaluate_node(arguments[0], context)
        if not (isinstance(value, tuple) and value[0] == "string"):
            raise MetricMathError('METRICS takes a string, for example METRICS("errors")')
        needle = value[1]
    return [context.resolve(metric_id) for metric_id in context.metric_ids if needle in metric_id]


def _metric_count(arguments, context):
    (value,) = _arguments("METRIC_COUNT", arguments, context, 1, 1)
    if not isinstance(value, list):
        raise MetricMathError("METRIC_COUNT needs an array of time series")
    return float(len(value))


def _datapoint_count(arguments, context):
    (value,) = _arguments("DATAPOINT_COUNT", arguments, context, 1, 1)
    if isinstance(value, Series):
        return float(len(value.points))
    if isinstance(value, list):
        moments = {}
        for item in value:
            for moment in item.points:
                moments[moment] = moments.get(moment, 0.0) + 1.0
        return Series(moments, "DATAPOINT_COUNT", context.period)
    raise MetricMathError("DATAPOINT_COUNT needs a time series or an array of time series")


def _period(arguments, context):
    (value,) = _arguments("PERIOD", arguments, context, 1, 1)
    series = _series_argument("PERIOD", value)
    if not series.metric_id:
        raise MetricMathError("PERIOD takes a metric, not the result of another expression")
    return float(series.period)


def _consecutive(name, combine):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)

        def one(series):
            items = series.sorted_items()
            points = {}
            for (previous_moment, previous), (moment, current) in zip(items, items[1:]):
                result = combine(previous_moment, previous, moment, current)
                if finite(result):
                    points[moment] = result
            return Series(points, series.label, series.period)

        if isinstance(value, list):
            return [one(item) for item in value]
        return one(_series_argument(name, value))
    return call


def _running_sum(arguments, context):
    (value,) = _arguments("RUNNING_SUM", arguments, context, 1, 1)

    def one(series):
        total, points = 0.0, {}
        for moment, item in series.sorted_items():
            total += item
            points[moment] = total
        return Series(points, series.label, series.period)

    if isinstance(value, list):
        return [one(item) for item in value]
    return one(_series_argument("RUNNING_SUM", value))


def _time_series(arguments, context):
    (value,) = _arguments("TIME_SERIES", arguments, context, 1, 1)
    if not isinstance(value, float):
        raise MetricMathError("TIME_SERIES takes a number")
    if not finite(value):
        return Series({}, "TIME_SERIES", context.period)
    return Series({moment: value for moment in context.grid}, "TIME_SERIES", context.period)


def _fill(arguments, context):
    target, filler = _arguments("FILL", arguments, context, 2, 2)

    def one(series):
        points = dict(series.points)
        if isinstance(filler, tuple) and filler[0] == "keyword" and filler[1] == "REPEAT":
            last = None
            for moment in context.grid:
                if moment in series.points:
                    last = series.points[moment]
                elif last is not None:
                    points[moment] = last
        elif isinstance(filler, tuple) and filler[0] == "keyword" and filler[1] == "LINEAR":
            known = series.sorted_items()
            for moment in context.grid:
                if moment in points:
                    continue
                before = [item for item in known if item[0] < moment]
                after = [item for item in known if item[0] > moment]
                if before and after:
                    (t0, v0), (t1, v1) = before[-1], after[0]
                    points[moment] = v0 + (v1 - v0) * (moment - t0) / (t1 - t0)
        elif isinstance(filler, Series):
            for moment in context.grid:
                if moment not in points and moment in filler.points:
                    points[moment] = filler.points[moment]
        elif isinstance(filler, float):
            if finite(filler):
                for moment in context.grid:
                    points.setdefault(moment, filler)
        else:
            raise MetricMathError("FILL takes a number, a time series, REPEAT or LINEAR as its second argument")
        return Series(points, series.label, series.period, series.metric_id)

    if isinstance(target, list):
        return [one(item) for item in target]
    return one(_series_argument("FILL", target))


def _if(arguments, context):
    values = _arguments("IF", arguments, context, 2, 3)
    condition, when_true = values[0], values[1]
    when_false = values[2] if len(values) == 3 else None
    for value in values:
        if isinstance(value, (list, tuple)):
            raise MetricMathError("IF takes numbers or single time series")
    if not isinstance(condition, Series):
        if condition != 0 and not math.isnan(condition):
            chosen = when_true
        else:
            chosen = when_false
        if isinstance(chosen, Series):
            return chosen
        if chosen is None:
            return Series({}, "IF", context.period)
        return Series({moment: chosen for moment in context.grid}, "IF", context.period)
    points = {}
    for moment, flag in condition.points.items():
        if flag != 0:
            if isinstance(when_true, Series):
                points[moment] = when_true.points.get(moment, 0.0)
            else:
                points[moment] = when_true
        elif isinstance(when_false, Series):
            if moment in when_false.points:
                points[moment] = when_false.points[moment]
        elif when_false is not None:
            points[moment] = when_false
    return Series({moment: value for moment, value in points.items() if finite(value)}, condition.label,
                  condition.period)


def _first_last(name, pick):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if not isinstance(value, list):
            raise MetricMathError(f"{name} needs an array of time series")
        if not value:
            return Series({}, name, context.period)
        return pick(value)
    return call


def _remove_empty(arguments, context):
    (value,) = _arguments("REMOVE_EMPTY", arguments, context, 1, 1)
    if not isinstance(value, list):
        raise MetricMathError("REMOVE_EMPTY needs an array of time series")
    return [item for item in value if item.points]


def _log(base):
    def function(value):
        if value <= 0:
            raise ValueError("log of a non-positive number")
        return math.log(value) if base is None else math.log10(value)
    return function


FUNCTIONS.update({
    "ABS": _elementwise("ABS", abs),
    "CEIL": _elementwise("CEIL", lambda value: float(math.ceil(value))),
    "FLOOR": _elementwise("FLOOR", lambda value: float(math.floor(value))),
    "LOG": _elementwise("LOG", _log(None)),
    "LOG10": _elementwise("LOG10", _log(10)),
    "SUM": _aggregate("SUM", sum, True),
    "AVG": _aggregate("AVG", lambda values: sum(values) / len(values), True),
    "MIN": _aggregate("MIN", min, False),
    "MAX": _aggregate("MAX", max, False),
    "STDDEV": _aggregate("STDDEV", _stddev, False),
    "DATAPOINT_COUNT": _datapoint_count,
    "METRICS": _metrics,
    "METRIC_COUNT": _metric_count,
    "PERIOD": _period,
    "RATE": _consecutive("RATE", lambda t0, v0, t1, v1: (v1 - v0) / (t1 - t0)),
    "DIFF": _consecutive("DIFF", lambda t0, v0, t1, v1: v1 - v0),
    "RUNNING_SUM": _running_sum,
    "TIME_SERIES": _time_series,
    "FILL": _fill,
    "IF": _if,
    "FIRST": _first_last("FIRST", lambda items: items[0]),
    "LAST": _first_last("LAST", lambda items: items[-1]),
    "REMOVE_EMPTY": _remove_empty,
})
