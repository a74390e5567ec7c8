"""Alarm evaluation rules against the tables of the CloudWatch user guide, and CloudWatch's wording."""

import json

import pytest

from lmi_local.cloudwatch.datapoints import PeriodSamples
from lmi_local.cloudwatch.evaluation import Rule, decide, java_double, state_reason, state_reason_data

TREATMENTS = ("missing", "ignore", "breaching", "notBreaching")
# "How alarm state is evaluated when data is missing": 0 non-breaching, X breaching, - missing, oldest first;
# expected states for MISSING, IGNORE, BREACHING, NOT BREACHING (None: retain the current state).
THREE_OF_THREE = [
    ("0 - X - X", ("OK", "OK", "OK", "OK")),
    ("0 - - - -", ("OK", "OK", "OK", "OK")),
    ("- - - - -", ("INSUFFICIENT_DATA", None, "ALARM", "OK")),
    ("0 X X - X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("- - - - X", ("INSUFFICIENT_DATA", None, "ALARM", "OK")),
    ("X - - - -", ("ALARM", None, "ALARM", "OK")),
]
TWO_OF_THREE = [
    ("0 - X - X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("0 0 X 0 X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("0 - X - -", ("OK", "OK", "ALARM", "OK")),
    ("- - - - 0", ("OK", "OK", "ALARM", "OK")),
    ("- - - - X", ("INSUFFICIENT_DATA", None, "ALARM", "OK")),
]


def slots(pattern):
    return [(index * 300.0, None if mark == "-" else (10.0 if mark == "X" else 0.0))
            for index, mark in enumerate(pattern.split())]


@pytest.mark.parametrize("pattern, expected", THREE_OF_THREE)
@pytest.mark.parametrize("position", range(4))
def test_three_out_of_three_table(pattern, expected, position):
    rule = Rule("GreaterThanThreshold", 5.0, 3, 3, TREATMENTS[position])
    assert decide(slots(pattern), rule).state == expected[position]


@pytest.mark.parametrize("pattern, expected", TWO_OF_THREE)
@pytest.mark.parametrize("position", range(4))
def test_two_out_of_three_table(pattern, expected, position):
    rule = Rule("GreaterThanThreshold", 5.0, 3, 2, TREATMENTS[position])
    assert decide(slots(pattern), rule).state == expected[position]


def test_comparison_operators():
    for operator, value, breaching in (("GreaterThanThreshold", 5.0, False), ("GreaterThanOrEqualToThreshold", 5.0, True),
                                       ("LessThanThreshold", 5.0, False), ("LessThanOrEqualToThreshold", 5.0, True),
                                       ("LessThanThreshold", 4.0, True)):
        decision = decide([(0.0, value)], Rule(operator, 5.0, 1))
        assert decision.state == ("ALARM" if breaching else "OK"), operator


def test_reason_for_a_single_period_alarm_matches_cloudwatch():
    rule = Rule("GreaterThanThreshold", 5.0, 1)
    decision = decide([(1758826140.0, 6.0)], rule)
    assert state_reason(decision, rule, "ALARM") == \
        "Threshold Crossed: 1 datapoint [6.0 (25/09/25 18:49:00)] was greater than the threshold (5.0)."
    ok = decide([(1758826140.0, 0.0484)], rule)
    assert state_reason(ok, rule, "OK") == \
        "Threshold Crossed: 1 datapoint [0.0484 (25/09/25 18:49:00)] was not greater than the threshold (5.0)."


def test_reason_for_an_m_out_of_n_alarm_lists_newest_first():
    rule = Rule("GreaterThanOrEqualToThreshold", 1.0, 3, 3)
    decision = decide([(1638799800.0, 1.0), (1638800100.0, 1.0), (1638800400.0, 1.0)], rule)
    assert state_reason(decision, rule, "ALARM") == (
        "Threshold Crossed: 3 out of the last 3 datapoints [1.0 (06/12/21 14:20:00), 1.0 (06/12/21 14:15:00), "
        "1.0 (06/12/21 14:10:00)] were greater than or equal to the threshold (1.0) "
        "(minimum 3 datapoints for OK -> ALARM transition).")
    back = decide([(1638799800.0, 0.0), (1638800100.0, 1.0), (1638800400.0, 1.0)], rule)
    assert state_reason(back, rule, "OK").endswith("(minimum 1 datapoint for ALARM -> OK transition).")


def test_reason_for_missing_data_treated_as_breaching_and_unknown():
    rule = Rule("GreaterThanThreshold", 0.1, 1, None, "breaching")
    decision = decide([(0.0, None), (60.0, None)], rule)
    assert state_reason(decision, rule, "ALARM") == ("Threshold Crossed: no datapoints were received for 1 period "
                                                    "and 1 missing datapoint was treated as [Breaching].")
    unknown = decide([(0.0, None)], Rule("GreaterThanThreshold", 1.0, 1))
    assert state_reason(unknown, Rule("GreaterThanThreshold", 1.0, 1), "INSUFFICIENT_DATA") == \
        "Insufficient Data: 1 datapoint was unknown."


def test_reason_data_has_cloudwatch_fields():
    rule = Rule("GreaterThanThreshold", 1.0, 1)
    decision = decide([(1729969140.0, 3.0, 3.0)], rule)
    data = json.loads(state_reason_data(decision, rule, 60, 1729969238.856, statistic="Sum"))
    assert data == {"version": "1.0", "queryDate": "2024-10-26T19:00:38.856+0000",
                    "startDate": "2024-10-26T18:59:00.000+0000", "statistic": "Sum", "period": 60,
                    "recentDatapoints": [3.0], "threshold": 1.0,
                    "evaluatedDatapoints": [{"timestamp": "2024-10-26T18:59:00.000+0000", "sampleCount": 3.0,
                                             "value": 3.0}]}


@pytest.mark.parametrize("value, text", [(6.0, "6.0"), (0.19726775956284198, "0.19726775956284198"),
                                         (1e7, "1.0E7"), (0.0001, "1.0E-4"), (12345678.9, "1.23456789E7"),
                                         (-2.5e-7, "-2.5E-7"), (5, "5.0")])
def test_numbers_are_written_as_java_writes_them(value, text):
    assert java_double(value) == text


def test_percentile_is_nearest_rank_and_statistic_sets_are_spread():
    samples = PeriodSamples(values=[float(value) for value in range(1, 101)])
    assert samples.statistic("p99") == 99.0 and samples.statistic("p50") == 50.0
    assert samples.statistic("p100") == 100.0 and samples.statistic("p0") == 1.0
    spread = PeriodSamples(sets=[(5050.0, 1.0, 100.0, 100.0)])
    assert spread.statistic("p50") == 50.0 and spread.statistic("p99") == 99.0
    assert spread.statistic("Average") == 50.5 and spread.statistic("SampleCount") == 100.0
