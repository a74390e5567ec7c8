"""The CBOR codec and the shape walk, checked against botocore's own CBOR serializer and parser."""

import math
import struct
from datetime import datetime, timezone

import botocore.session
import pytest
from botocore.parsers import RpcV2CBORParser
from botocore.serialize import RpcV2CBORSerializer

from lmi_local.protocols import cbor
from lmi_local.protocols.shapes import ShapeError, cbor_to_json, json_to_cbor

MODEL = botocore.session.get_session().get_service_model("cloudwatch")


def test_reads_what_botocore_writes_for_a_request():
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    params = {"Namespace": "N", "MetricData": [
        {"MetricName": "m", "Timestamp": when, "Value": 1.5, "Values": [1.0, -2.25], "Counts": [3.0, 4.0],
         "Dimensions": [{"Name": "d", "Value": "v"}], "StorageResolution": 60,
         "StatisticValues": {"SampleCount": 2.0, "Sum": 3.0, "Minimum": 1.0, "Maximum": 2.0}}]}
    request = RpcV2CBORSerializer().serialize_to_request(params, MODEL.operation_model("PutMetricData"))
    decoded = cbor.loads(request["body"])
    as_json = cbor_to_json(decoded, MODEL.operation_model("PutMetricData").input_shape)
    datum = as_json["MetricData"][0]
    assert datum["Timestamp"] == when.timestamp()
    assert datum["Values"] == [1.0, -2.25] and datum["StorageResolution"] == 60
    assert datum["StatisticValues"]["Sum"] == 3.0 and as_json["Namespace"] == "N"


def test_botocore_parses_what_the_translation_writes():
    operation = MODEL.operation_model("DescribeAlarmHistory")
    moto_json = {"AlarmHistoryItems": [{"AlarmName": "a", "Timestamp": 1767323045.125, "HistoryItemType": "StateUpdate",
                                        "HistorySummary": "s", "HistoryData": "{}"}], "NextToken": "t"}
    body = cbor.dumps(json_to_cbor(moto_json, operation.output_shape))
    parsed = RpcV2CBORParser().parse({"body": body, "headers": {}, "status_code": 200}, operation.output_shape)
    item = parsed["AlarmHistoryItems"][0]
    assert item["Timestamp"] == datetime.fromtimestamp(1767323045.125, tz=timezone.utc)
    assert parsed["NextToken"] == "t" and item["HistoryItemType"] == "StateUpdate"


def test_doubles_stay_doubles_and_integers_stay_integers():
    operation = MODEL.operation_model("DescribeAlarms")
    moto_json = {"MetricAlarms": [{"AlarmName": "a", "Threshold": 5, "EvaluationPeriods": 3, "Period": 60}]}
    encoded = json_to_cbor(moto_json, operation.output_shape)["MetricAlarms"][0]
    assert isinstance(encoded["Threshold"], float) and encoded["Threshold"] == 5.0
    assert isinstance(encoded["EvaluationPeriods"], int)


def test_special_doubles_travel_as_json_strings_to_moto():
    shape = MODEL.operation_model("PutMetricAlarm").input_shape
    assert cbor_to_json({"Threshold": math.inf}, shape)["Threshold"] == "Infinity"
    assert cbor_to_json({"Threshold": -math.inf}, shape)["Threshold"] == "-Infinity"
    assert cbor_to_json({"Threshold": math.nan}, shape)["Threshold"] == "NaN"


def test_blobs_are_bytes_in_cbor_and_base64_in_json():
    shape = MODEL.operation_model("GetMetricWidgetImage").output_shape
    assert json_to_cbor({"MetricWidgetImage": "aGVsbG8="}, shape) == {"MetricWidgetImage": b"hello"}


def test_indefinite_lengths_half_floats_and_chunked_strings():
    # {_ "a": [_ 1, 1.5 (half)], "b": (_ "x", "y") } as a Jackson-style generator writes it
    data = bytes([0xBF, 0x61, 0x61, 0x9F, 0x01, 0xF9, 0x3E, 0x00, 0xFF, 0x61, 0x62, 0x7F, 0x61, 0x78, 0x61, 0x79,
                  0xFF, 0xFF])
    assert cbor.loads(data) == {"a": [1, 1.5], "b": "xy"}


def test_tag_one_reads_integer_and_float_seconds():
    assert cbor.loads(bytes([0xC1, 0x1A]) + struct.pack(">I", 1700000000)) == cbor.EpochSeconds(1700000000.0)
    assert cbor.loads(bytes([0xC1, 0xFB]) + struct.pack(">d", 1.5)) == cbor.EpochSeconds(1.5)


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -25, -(2 ** 40), 1.25, "",
                                   "é", b"\x00\xff", [], {"k": [None, True, False]}])
def test_round_trip(value):
    assert cbor.loads(cbor.dumps(value)) == value


def test_malformed_input_is_an_error_not_a_crash():
    with pytest.raises(cbor.CborError):
        cbor.loads(bytes([0x62, 0x61]))  # a 2-byte string with 1 byte
    with pytest.raises(cbor.CborError):
        cbor.loads(bytes([0x01, 0x02]))  # trailing bytes


def test_wrong_member_type_names_the_member():
    shape = MODEL.operation_model("PutMetricData").input_shape
    with pytest.raises(ShapeError, match=r"MetricData\[0\]\.Value"):
        cbor_to_json({"Namespace": "N", "MetricData": [{"MetricName": "m", "Value": "high"}]}, shape)
