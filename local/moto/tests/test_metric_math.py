"""Metric math against the examples of the CloudWatch user guide ("Metric math syntax and functions")."""

import pytest

from lmi_local.cloudwatch.metric_math import Context, MetricMathError, Series, evaluate

GRID = [0.0, 60.0, 120.0, 180.0, 240.0]


def context(**series):
    def resolve(name):
        if name not in series:
            raise MetricMathError(f"no query has the Id {name}")
        return series[name]
    return Context(resolve=resolve, metric_ids=list(series), grid=GRID, period=60)


def ts(*values, metric_id="m"):
    """Values on the grid; None is a missing datapoint."""
    return Series({moment: value for moment, value in zip(GRID, values) if value is not None}, metric_id, 60, metric_id)


def values(series):
    return [series.points.get(moment) for moment in GRID]


def test_comparison_table_of_the_user_guide():
    metric1, metric2 = ts(30, 20, 0, 0), ts(20, None, 20, None)
    ctx = context(metric1=metric1, metric2=metric2)
    assert values(evaluate("(metric1 < metric2)", ctx))[:4] == [0, 0, 1, 0]
    assert values(evaluate("(metric1 >= 30)", ctx))[:4] == [1, 0, 0, 0]
    assert values(evaluate("(metric1 > 15 AND metric2 > 15)", ctx))[:4] == [1, 0, 0, 0]


def test_if_tables_of_the_user_guide():
    ctx = context(metric1=ts(1, 1, 0, 0, None), metric2=ts(30, None, 0, 0, 30), metric3=ts(0, 0, 20, None, 20))
    assert values(evaluate("IF(metric1, metric2, metric3)", ctx)) == [30, 0, 20, None, None]
    assert values(evaluate("IF(metric1, 5, metric3)", ctx)) == [5, 5, 20, None, None]
    assert values(evaluate("IF(metric1, metric2, 5)", ctx)) == [30, 0, 5, 5, None]


def test_lambda_error_rate_expressions():
    ctx = context(errors=ts(1, None, 3, 0), invocations=ts(100, 50, 0, None))
    # Missing errors count as 0; a zero or missing denominator drops the datapoint.
    assert values(evaluate("100*errors/invocations", ctx)) == [1.0, 0.0, None, None, None]
    # The condition has a datapoint only where invocations has one.
    assert values(evaluate("IF(invocations > 0, 100 * errors / invocations, 0)", ctx)) == [1.0, 0.0, 0, None, None]
    assert values(evaluate("100 * FILL(errors, 0) / FILL(invocations, 1)", ctx)) == [1.0, 0.0, None, 0.0, 0.0]


def test_precedence_power_unary_minus_and_parentheses():
    ctx = context(m1=ts(2, 3))
    assert values(evaluate("-m1 ^ 2 + 10 * (1 + 1) - 4 / 2", ctx))[:2] == [14.0, 9.0]


def test_fill_repeat_linear_and_time_series():
    ctx = context(m1=ts(None, 10, None, None, 40))
    assert values(evaluate("FILL(m1, REPEAT)", ctx)) == [None, 10, 10, 10, 40]
    assert values(evaluate("FILL(m1, LINEAR)", ctx)) == [None, 10, 20, 30, 40]
    assert values(evaluate("TIME_SERIES(7)", ctx)) == [7] * 5


def test_aggregates_over_arrays_and_series():
    ctx = context(m1=ts(1, 2, 3), m2=ts(3, None, 5))
    assert values(evaluate("SUM([m1, m2])", ctx))[:3] == [4, 2, 8]
    assert values(evaluate("AVG(METRICS())", ctx))[:3] == [2, 1, 4]
    assert values(evaluate("MAX([m1, m2])", ctx))[:3] == [3, 2, 5]
    assert values(evaluate("m1 - AVG(m1)", ctx))[:3] == [-1, 0, 1]
    assert values(evaluate("m1 / PERIOD(m1)", ctx))[:1] == [1 / 60]
    assert values(evaluate("SUM(METRICS(\"m2\"))", ctx))[:3] == [3, None, 5]


def test_rate_diff_running_sum():
    ctx = context(m1=ts(60, 120, 240))
    assert values(evaluate("DIFF(m1)", ctx))[:3] == [None, 60, 120]
    assert values(evaluate("RATE(m1)", ctx))[:3] == [None, 1, 2]
    assert values(evaluate("RUNNING_SUM(m1)", ctx))[:3] == [60, 180, 420]


@pytest.mark.parametrize("expression, message", [
    ("SEARCH('{AWS/Lambda} Errors', 'Sum', 60)", "unexpected character"),
    ("ANOMALY_DETECTION_BAND(m1)", "ANOMALY_DETECTION_BAND is not supported"),
    ("m1 +", "unexpected"),
    ("AVG(m1)", "single number"),
    ("nope * 2", "no query has the Id nope"),
    ("SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\")", "Metrics Insights"),
])
def test_errors_say_what_is_wrong(expression, message):
    with pytest.raises(MetricMathError, match=message):
        evaluate(expression, context(m1=ts(1)))
