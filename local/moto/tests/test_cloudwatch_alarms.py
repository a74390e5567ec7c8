"""Alarms evaluated from metric data, alarm history, percentiles and metric math, through boto3."""

import json
import time
from datetime import timedelta

import pytest
from botocore.exceptions import ClientError

from aws_helpers import lambda_dimensions, now_utc, unique


@pytest.fixture
def cw(client):
    return client("cloudwatch")


def error_rate_alarm(cw, name, function_name, **extra):
    dims = lambda_dimensions(function_name)
    cw.put_metric_alarm(
        AlarmName=name, ComparisonOperator="GreaterThanThreshold", Threshold=5.0, EvaluationPeriods=1, **extra,
        Metrics=[
            {"Id": "errors", "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Errors", "Dimensions": dims},
                "Period": 60, "Stat": "Sum"}},
            {"Id": "invocations", "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Invocations", "Dimensions": dims},
                "Period": 60, "Stat": "Sum"}},
            {"Id": "error_rate", "Expression": "100 * errors / invocations", "Label": "Error rate",
             "ReturnData": True},
        ])


def put_lambda(cw, function_name, when, invocations=None, errors=None):
    data = []
    for metric, value in (("Invocations", invocations), ("Errors", errors)):
        if value is not None:
            data.append({"MetricName": metric, "Dimensions": lambda_dimensions(function_name), "Value": value,
                         "Timestamp": when, "Unit": "Count"})
    cw.put_metric_data(Namespace="AWS/Lambda", MetricData=data)


def alarm(cw, name):
    return cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]


def test_error_rate_alarm_goes_insufficient_data_ok_alarm_and_history_shows_it(cw):
    name, function_name, when = unique("error-rate"), unique("fn"), now_utc()
    error_rate_alarm(cw, name, function_name)
    fresh = alarm(cw, name)
    assert (fresh["StateValue"], fresh["StateReason"]) == ("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation")

    put_lambda(cw, function_name, when, invocations=100, errors=1)
    ok = alarm(cw, name)
    assert ok["StateValue"] == "OK"
    assert ok["StateReason"].startswith("Threshold Crossed: 1 datapoint [1.0 (")
    assert ok["StateReason"].endswith(")] was not greater than the threshold (5.0).")
    assert json.loads(ok["StateReasonData"])["recentDatapoints"] == [1.0]

    put_lambda(cw, function_name, when, errors=10)
    alarmed = alarm(cw, name)
    assert alarmed["StateValue"] == "ALARM"
    assert "[11.0 (" in alarmed["StateReason"] and "was greater than the threshold (5.0)" in alarmed["StateReason"]
    assert alarmed["StateTransitionedTimestamp"] == alarmed["StateUpdatedTimestamp"]

    items = cw.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    assert [item["HistorySummary"] for item in items] == ["Alarm updated from OK to ALARM",
                                                          "Alarm updated from INSUFFICIENT_DATA to OK"]
    data = json.loads(items[0]["HistoryData"])
    assert data["oldState"]["stateValue"] == "OK" and data["newState"]["stateValue"] == "ALARM"
    assert data["newState"]["stateReasonData"]["recentDatapoints"] == [11.0]
    assert all(item["AlarmType"] == "MetricAlarm" and item["AlarmName"] == name for item in items)


def test_history_filters_dates_paging_and_configuration_updates(cw):
    name, function_name, when = unique("history"), unique("fn"), now_utc()
    error_rate_alarm(cw, name, function_name)
    put_lambda(cw, function_name, when, invocations=10, errors=0)
    put_lambda(cw, function_name, when, errors=5)
    put_lambda(cw, function_name, when, invocations=1000)
    error_rate_alarm(cw, name, function_name)  # an update keeps the state
    assert alarm(cw, name)["StateValue"] == "OK"

    everything = cw.describe_alarm_history(AlarmName=name)["AlarmHistoryItems"]
    kinds = [item["HistoryItemType"] for item in everything]
    assert kinds.count("StateUpdate") == 3 and kinds.count("ConfigurationUpdate") == 2
    assert everything[-1]["HistorySummary"] == f'Alarm "{name}" created'
    assert everything[0]["HistorySummary"] == f'Alarm "{name}" updated'

    first = cw.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate", MaxRecords=2,
                                      ScanBy="TimestampAscending")
    assert [item["HistorySummary"] for item in first["AlarmHistoryItems"]] == [
        "Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM"]
    second = cw.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate", MaxRecords=2,
                                       ScanBy="TimestampAscending", NextToken=first["NextToken"])
    assert [item["HistorySummary"] for item in second["AlarmHistoryItems"]] == ["Alarm updated from ALARM to OK"]
    assert "NextToken" not in second

    later = when + timedelta(hours=1)
    assert cw.describe_alarm_history(AlarmName=name, StartDate=later, EndDate=later + timedelta(hours=1))[
        "AlarmHistoryItems"] == []
    window = cw.describe_alarm_history(AlarmName=name, StartDate=when - timedelta(minutes=1),
                                       EndDate=now_utc() + timedelta(minutes=1))["AlarmHistoryItems"]
    assert len(window) == 5
    with pytest.raises(ClientError) as bad_token:
        cw.describe_alarm_history(AlarmName=name, NextToken="garbage")
    assert bad_token.value.response["Error"]["Code"] == "InvalidNextToken"

    cw.delete_alarms(AlarmNames=[name])
    after = cw.describe_alarm_history(AlarmName=name, HistoryItemType="ConfigurationUpdate")["AlarmHistoryItems"]
    assert after[0]["HistorySummary"] == f'Alarm "{name}" deleted'


def test_set_alarm_state_holds_until_the_next_evaluation(cw, local_settings):
    local_settings(set_alarm_state_hold_seconds=0.5, alarm_evaluation_interval_seconds=0.2)
    name, function_name, when = unique("forced"), unique("fn"), now_utc()
    error_rate_alarm(cw, name, function_name)
    put_lambda(cw, function_name, when, invocations=100, errors=0)
    assert alarm(cw, name)["StateValue"] == "OK"
    cw.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="Testing the rollback")
    forced = alarm(cw, name)
    assert (forced["StateValue"], forced["StateReason"]) == ("ALARM", "Testing the rollback")
    deadline = time.time() + 10
    while alarm(cw, name)["StateValue"] == "ALARM" and time.time() < deadline:
        time.sleep(0.1)
    back = alarm(cw, name)
    assert back["StateValue"] == "OK" and back["StateReason"].startswith("Threshold Crossed")
    summaries = [item["HistorySummary"] for item in
                 cw.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate")["AlarmHistoryItems"]]
    assert summaries[:2] == ["Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM"]


def test_single_metric_alarms_with_statistic_percentile_and_m_out_of_n(cw):
    namespace, when = unique("Single"), now_utc()
    base = {"Namespace": namespace, "MetricName": "Latency", "Period": 60, "EvaluationPeriods": 1,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold"}
    cw.put_metric_alarm(AlarmName=f"{namespace}-p99", ExtendedStatistic="p99", Threshold=99, **base)
    cw.put_metric_alarm(AlarmName=f"{namespace}-avg", Statistic="Average", Threshold=60, **base)
    cw.put_metric_alarm(AlarmName=f"{namespace}-max", Statistic="Maximum", Threshold=100, DatapointsToAlarm=1,
                        **{**base, "EvaluationPeriods": 3})
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "Latency", "Values": [float(value) for value in range(1, 101)], "Timestamp": when}])
    states = {item["AlarmName"].rsplit("-", 1)[1]: item for item in
              cw.describe_alarms(AlarmNamePrefix=namespace)["MetricAlarms"]}
    assert states["p99"]["StateValue"] == "ALARM"
    assert json.loads(states["p99"]["StateReasonData"])["extendedStatistic"] == "p99"
    assert states["avg"]["StateValue"] == "OK"
    assert states["max"]["StateValue"] == "ALARM"
    assert "1 out of the last 3 datapoints [100.0 (" in states["max"]["StateReason"]
    assert states["max"]["StateReason"].endswith("(minimum 1 datapoint for OK -> ALARM transition).")


def test_missing_data_treatments_decide_without_data(cw, local_settings):
    local_settings(alarm_evaluation_interval_seconds=0.2)
    namespace = unique("Missing")
    for treatment in ("breaching", "notBreaching", "missing", "ignore"):
        cw.put_metric_alarm(AlarmName=f"{namespace}-{treatment}", Namespace=namespace, MetricName="Heartbeat",
                            Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1,
                            ComparisonOperator="LessThanThreshold", TreatMissingData=treatment)
    expected = {"breaching": "ALARM", "notBreaching": "OK", "missing": "INSUFFICIENT_DATA",
                "ignore": "INSUFFICIENT_DATA"}
    deadline = time.time() + 10
    while time.time() < deadline:
        states = {item["AlarmName"].rsplit("-", 1)[1]: item for item in
                  cw.describe_alarms(AlarmNamePrefix=namespace)["MetricAlarms"]}
        if all(states[key]["StateValue"] == value for key, value in expected.items()) and \
                states["breaching"]["StateReason"] != "Unchecked: Initial alarm creation":
            break
        time.sleep(0.1)
    assert {key: item["StateValue"] for key, item in states.items()} == expected
    assert states["breaching"]["StateReason"] == ("Threshold Crossed: no datapoints were received for 1 period and "
                                                  "1 missing datapoint was treated as [Breaching].")
    assert states["ignore"]["StateReason"] == "Unchecked: Initial alarm creation"


def test_alarm_validation_names_the_field(cw):
    with pytest.raises(ClientError, match="DatapointsToAlarm"):
        cw.put_metric_alarm(AlarmName=unique("bad"), Namespace="N", MetricName="m", Statistic="Sum", Period=60,
                            EvaluationPeriods=1, DatapointsToAlarm=2, Threshold=1,
                            ComparisonOperator="GreaterThanThreshold")
    with pytest.raises(ClientError, match="ReturnData"):
        cw.put_metric_alarm(AlarmName=unique("bad"), EvaluationPeriods=1, Threshold=1,
                            ComparisonOperator="GreaterThanThreshold", Metrics=[
                                {"Id": "m1", "MetricStat": {"Metric": {"Namespace": "N", "MetricName": "m"},
                                                            "Period": 60, "Stat": "Sum"}},
                                {"Id": "e1", "Expression": "m1 * 2"}])
    with pytest.raises(ClientError, match="nope"):
        cw.put_metric_alarm(AlarmName=unique("bad"), EvaluationPeriods=1, Threshold=1,
                            ComparisonOperator="GreaterThanThreshold", Metrics=[
                                {"Id": "e1", "Expression": "nope * 2", "ReturnData": True}])


def test_describe_alarms_combines_filters_and_pages(cw):
    prefix = unique("page")
    for index in range(5):
        cw.put_metric_alarm(AlarmName=f"{prefix}-{index}", Namespace="N", MetricName="m", Statistic="Sum", Period=60,
                            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold",
                            AlarmActions=[f"arn:aws:sns:us-east-1:123456789012:{prefix}-{index % 2}"])
    cw.set_alarm_state(AlarmName=f"{prefix}-3", StateValue="ALARM", StateReason="test")
    first = cw.describe_alarms(AlarmNamePrefix=prefix, MaxRecords=2)
    second = cw.describe_alarms(AlarmNamePrefix=prefix, MaxRecords=2, NextToken=first["NextToken"])
    third = cw.describe_alarms(AlarmNamePrefix=prefix, MaxRecords=2, NextToken=second["NextToken"])
    names = [item["AlarmName"] for page in (first, second, third) for item in page["MetricAlarms"]]
    assert names == [f"{prefix}-{index}" for index in range(5)] and "NextToken" not in third
    both = cw.describe_alarms(AlarmNamePrefix=prefix, StateValue="ALARM",
                              ActionPrefix=f"arn:aws:sns:us-east-1:123456789012:{prefix}-1")
    assert [item["AlarmName"] for item in both["MetricAlarms"]] == [f"{prefix}-3"]


def test_get_metric_data_percentiles_and_math(cw):
    namespace, when = unique("Query"), now_utc()
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "Duration", "Values": [float(value) for value in range(1, 101)], "Timestamp": when},
        {"MetricName": "Requests", "Value": 200.0, "Timestamp": when},
        {"MetricName": "Failures", "Value": 3.0, "Timestamp": when}])
    queries = [
        {"Id": "p99", "MetricStat": {"Metric": {"Namespace": namespace, "MetricName": "Duration"}, "Period": 60,
                                     "Stat": "p99"}},
        {"Id": "p50", "MetricStat": {"Metric": {"Namespace": namespace, "MetricName": "Duration"}, "Period": 60,
                                     "Stat": "p50"}},
        {"Id": "requests", "ReturnData": False, "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": "Requests"}, "Period": 60, "Stat": "Sum"}},
        {"Id": "failures", "ReturnData": False, "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": "Failures"}, "Period": 60, "Stat": "Sum"}},
        {"Id": "rate", "Expression": "IF(requests > 0, 100 * failures / requests, 0)", "Label": "Failure rate"},
    ]
    results = {item["Id"]: item for item in cw.get_metric_data(
        MetricDataQueries=queries, StartTime=when - timedelta(minutes=3),
        EndTime=when + timedelta(minutes=1))["MetricDataResults"]}
    assert set(results) == {"p99", "p50", "rate"}
    assert results["p99"]["Values"] == [99.0] and results["p50"]["Values"] == [50.0]
    assert results["rate"]["Values"] == [1.5] and results["rate"]["Label"] == "Failure rate"
    stats = cw.get_metric_statistics(Namespace=namespace, MetricName="Duration", StartTime=when - timedelta(minutes=3),
                                     EndTime=when + timedelta(minutes=1), Period=60, ExtendedStatistics=["p99", "p90"])
    assert stats["Datapoints"][0]["ExtendedStatistics"] == {"p99": 99.0, "p90": 90.0}
    with pytest.raises(ClientError, match="not supported by the local AWS"):
        cw.get_metric_data(StartTime=when - timedelta(minutes=3), EndTime=when, MetricDataQueries=[
            {"Id": "s", "Expression": "SORT(METRICS(), AVG, DESC)"},
            {"Id": "m", "MetricStat": {"Metric": {"Namespace": namespace, "MetricName": "Duration"}, "Period": 60,
                                       "Stat": "Sum"}}])


def test_statistic_values_sets_give_an_approximate_percentile(cw):
    namespace, when = unique("Sets"), now_utc()
    cw.put_metric_data(Namespace=namespace, MetricData=[{"MetricName": "Latency", "Timestamp": when,
                       "StatisticValues": {"SampleCount": 100, "Sum": 5050, "Minimum": 1, "Maximum": 100}}])
    stats = cw.get_metric_statistics(Namespace=namespace, MetricName="Latency", StartTime=when - timedelta(minutes=3),
                                     EndTime=when + timedelta(minutes=1), Period=60, Statistics=["Average"],
                                     ExtendedStatistics=["p50", "p100"])
    point = stats["Datapoints"][0]
    assert point["Average"] == 50.5 and point["ExtendedStatistics"] == {"p50": 50.0, "p100": 100.0}


def test_values_with_counts_are_weighted_exactly_and_large_counts_are_cheap(cw):
    # A day of per-minute durations as a CloudWatch agent would send them: 1,440 puts with counts in the millions.
    # moto alone stores one object per count (gigabytes here); the local AWS stores one weighted datum per pair.
    namespace, when = unique("Counts"), now_utc()
    started = time.monotonic()
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "Duration", "Timestamp": when, "Unit": "Milliseconds",
         "Values": [10.0, 20.0, 500.0], "Counts": [5_000_000.0, 4_000_000.0, 1_000_000.0]}])
    assert time.monotonic() - started < 5, "a put with large counts must not expand every count"
    stats = cw.get_metric_statistics(Namespace=namespace, MetricName="Duration", StartTime=when - timedelta(minutes=3),
                                     EndTime=when + timedelta(minutes=1), Period=60,
                                     Statistics=["SampleCount", "Sum", "Minimum", "Maximum", "Average"],
                                     ExtendedStatistics=["p50", "p90", "p95", "p99"])
    point = stats["Datapoints"][0]
    assert (point["SampleCount"], point["Sum"], point["Minimum"], point["Maximum"]) == \
        (10_000_000.0, 630_000_000.0, 10.0, 500.0)
    assert point["Average"] == 63.0
    assert point["ExtendedStatistics"] == {"p50": 10.0, "p90": 20.0, "p95": 500.0, "p99": 500.0}
    with pytest.raises(ClientError, match="Values and MetricData.member.1.Counts must be of the same size"):
        cw.put_metric_data(Namespace=namespace, MetricData=[
            {"MetricName": "Duration", "Timestamp": when, "Values": [1.0, 2.0], "Counts": [1.0]}])


def test_metrics_are_matched_on_their_full_dimension_set(cw):
    namespace, when = unique("Dims"), now_utc()
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "Invocations", "Value": 1.0, "Timestamp": when,
         "Dimensions": [{"Name": "FunctionName", "Value": "f"}, {"Name": "Resource", "Value": "f:live"}]},
        {"MetricName": "Invocations", "Value": 10.0, "Timestamp": when,
         "Dimensions": [{"Name": "FunctionName", "Value": "f"}]}])
    stats = cw.get_metric_statistics(Namespace=namespace, MetricName="Invocations", Statistics=["Sum"],
                                     Dimensions=[{"Name": "FunctionName", "Value": "f"}], Period=60,
                                     StartTime=when - timedelta(minutes=3), EndTime=when + timedelta(minutes=1))
    assert [point["Sum"] for point in stats["Datapoints"]] == [10.0]


def test_composite_alarm_follows_its_children(cw, local_settings):
    local_settings(set_alarm_state_hold_seconds=120)  # keep the children where SetAlarmState puts them
    errors, latency, composite = unique("errors"), unique("latency"), unique("rollback")
    for child in (errors, latency):
        cw.put_metric_alarm(AlarmName=child, Namespace=unique("N"), MetricName="m", Statistic="Sum", Period=60,
                            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold")
    cw.put_composite_alarm(AlarmName=composite, AlarmRule=f'ALARM("{errors}") OR ALARM({latency})')
    by_default = cw.describe_alarms(AlarmNames=[errors, composite])
    assert [item["AlarmName"] for item in by_default["MetricAlarms"]] == [errors]
    assert by_default["CompositeAlarms"] == []

    def composite_alarm():
        return cw.describe_alarms(AlarmNames=[composite], AlarmTypes=["CompositeAlarm"])["CompositeAlarms"][0]

    assert composite_alarm()["StateValue"] == "INSUFFICIENT_DATA"
    assert composite_alarm()["AlarmRule"] == f'ALARM("{errors}") OR ALARM({latency})'
    cw.set_alarm_state(AlarmName=errors, StateValue="OK", StateReason="quiet")
    cw.set_alarm_state(AlarmName=latency, StateValue="OK", StateReason="quiet")
    assert composite_alarm()["StateValue"] == "OK"
    cw.set_alarm_state(AlarmName=latency, StateValue="ALARM", StateReason="slow")
    alarmed = composite_alarm()
    assert alarmed["StateValue"] == "ALARM"
    assert alarmed["StateReason"].startswith(f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{latency} "
                                             "transitioned to ALARM at ")
    assert json.loads(alarmed["StateReasonData"])["triggeringAlarms"][0]["state"]["value"] == "ALARM"
    history = cw.describe_alarm_history(AlarmName=composite, AlarmTypes=["CompositeAlarm"],
                                        HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    assert [item["HistorySummary"] for item in history] == ["Alarm updated from OK to ALARM",
                                                            "Alarm updated from INSUFFICIENT_DATA to OK"]
    with pytest.raises(ClientError, match="AlarmRule"):
        cw.put_composite_alarm(AlarmName=unique("bad"), AlarmRule="ALARM(a) OR")
