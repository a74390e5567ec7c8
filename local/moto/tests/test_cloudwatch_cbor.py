"""CloudWatch over Smithy RPC v2 CBOR (what the Java SDK v2 speaks), driven by boto3 switched to that protocol."""

import urllib.request
from datetime import timedelta

import pytest
from botocore.exceptions import ClientError

from aws_helpers import cbor_cloudwatch, lambda_dimensions, now_utc, unique
from lmi_local.protocols import cbor


@pytest.fixture(scope="module")
def cw(endpoint, tmp_path_factory):
    return cbor_cloudwatch(endpoint, tmp_path_factory)


def test_metrics_round_trip_with_timestamps_and_doubles(cw):
    namespace, now = unique("Cbor"), now_utc()
    dims = lambda_dimensions("fn")
    cw.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "Latency", "Dimensions": dims, "Values": [1.25, 2.5], "Counts": [1, 3], "Timestamp": now,
         "Unit": "Milliseconds"}])
    result = cw.get_metric_data(StartTime=now - timedelta(minutes=5), EndTime=now + timedelta(minutes=1),
                                MetricDataQueries=[{"Id": "m", "MetricStat": {
                                    "Metric": {"Namespace": namespace, "MetricName": "Latency", "Dimensions": dims},
                                    "Period": 60, "Stat": "Sum"}}])["MetricDataResults"][0]
    assert result["Values"] == [8.75]
    assert result["Timestamps"][0].timestamp() == (int(now.timestamp()) // 60) * 60
    stats = cw.get_metric_statistics(Namespace=namespace, MetricName="Latency", Dimensions=dims,
                                     StartTime=now - timedelta(minutes=5), EndTime=now + timedelta(minutes=1),
                                     Period=60, Statistics=["Maximum", "SampleCount"])
    assert stats["Datapoints"][0]["Maximum"] == 2.5 and stats["Datapoints"][0]["SampleCount"] == 4.0
    assert stats["Datapoints"][0]["Unit"] == "Milliseconds"
    listed = cw.list_metrics(Namespace=namespace)["Metrics"]
    assert [(item["MetricName"], item["Dimensions"]) for item in listed] == [("Latency", dims)]


def test_alarm_lifecycle(cw):
    name = unique("cbor-alarm")
    cw.put_metric_alarm(AlarmName=name, Namespace=unique("Cbor"), MetricName="Errors", Statistic="Sum", Period=60,
                        EvaluationPeriods=1, Threshold=1.5, ComparisonOperator="GreaterThanThreshold",
                        Tags=[{"Key": "team", "Value": "lmi"}])
    alarm = cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert alarm["StateValue"] == "INSUFFICIENT_DATA" and alarm["Threshold"] == 1.5
    assert alarm["AlarmConfigurationUpdatedTimestamp"].tzinfo is not None
    cw.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="test", StateReasonData='{"a": 1}')
    alarm = cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert (alarm["StateValue"], alarm["StateReason"]) == ("ALARM", "test")
    assert cw.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"] == [{"Key": "team", "Value": "lmi"}]
    cw.delete_alarms(AlarmNames=[name])
    assert cw.describe_alarms(AlarmNames=[name])["MetricAlarms"] == []


def test_other_operations_moto_implements_pass_through(cw):
    name = unique("dash")
    cw.put_dashboard(DashboardName=name, DashboardBody='{"widgets": []}')
    assert cw.get_dashboard(DashboardName=name)["DashboardBody"] == '{"widgets": []}'
    assert name in [entry["DashboardName"] for entry in cw.list_dashboards()["DashboardEntries"]]
    cw.delete_dashboards(DashboardNames=[name])
    rule = unique("rule")
    cw.put_insight_rule(RuleName=rule, RuleState="ENABLED", RuleDefinition="{}")
    assert rule in [item["Name"] for item in cw.describe_insight_rules()["InsightRules"]]


def test_errors_carry_the_modelled_code_status_and_headers(cw):
    with pytest.raises(ClientError) as missing:
        cw.set_alarm_state(AlarmName=unique("missing"), StateValue="OK", StateReason="x")
    response = missing.value.response
    assert response["Error"]["Code"] == "ResourceNotFound"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert headers["content-type"] == "application/cbor" and headers["smithy-protocol"] == "rpc-v2-cbor"
    assert headers["x-amzn-errortype"] == "ResourceNotFound"
    with pytest.raises(cw.exceptions.InvalidParameterValueException):
        cw.list_metrics(NextToken="not-a-token")
    with pytest.raises(cw.exceptions.InvalidNextToken):
        cw.describe_alarms(NextToken="not-a-token")


def test_successful_responses_are_cbor(endpoint):
    request = urllib.request.Request(
        endpoint + "/service/GraniteServiceVersion20100801/operation/ListDashboards", data=cbor.dumps({}),
        method="POST", headers={"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor",
                                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/monitoring/"
                                                 "aws4_request, SignedHeaders=host, Signature=0"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"] == "application/cbor"
        assert response.headers["smithy-protocol"] == "rpc-v2-cbor"
        assert "DashboardEntries" in cbor.loads(response.read())


@pytest.mark.parametrize("operation, body, status, code", [
    ("NoSuchOperation", cbor.dumps({}), 404, "UnknownOperationException"),
    ("PutMetricData", b"\x62\x61", 400, "SerializationException"),
    ("PutMetricData", cbor.dumps({"Namespace": 5}), 400, "SerializationException"),
])
def test_bad_requests_get_cbor_errors(endpoint, operation, body, status, code):
    request = urllib.request.Request(
        endpoint + f"/service/GraniteServiceVersion20100801/operation/{operation}", data=body, method="POST",
        headers={"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"})
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request)
    assert failure.value.code == status
    assert failure.value.headers["X-Amzn-Errortype"] == code
    assert cbor.loads(failure.value.read())["__type"].endswith("#" + code)
