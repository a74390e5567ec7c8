"""Gzip-compressed request bodies (Content-Encoding: gzip), as SDKs send large PutMetricData calls."""

import gzip
import json
import urllib.request
from datetime import timedelta

import pytest

from aws_helpers import cbor_cloudwatch, now_utc, unique


def _large_metric_data(now, count=400):
    return [{"MetricName": "Seeded", "Dimensions": [{"Name": "Index", "Value": "padding-for-size"}],
             "Value": float(index), "Timestamp": now, "Unit": "Count"} for index in range(count)]


def _sum_of(cw, namespace, now):
    points = cw.get_metric_statistics(Namespace=namespace, MetricName="Seeded",
                                      Dimensions=[{"Name": "Index", "Value": "padding-for-size"}],
                                      StartTime=now - timedelta(minutes=5), EndTime=now + timedelta(minutes=1),
                                      Period=300, Statistics=["Sum", "SampleCount"])["Datapoints"]
    return points[0]["Sum"], points[0]["SampleCount"]


def _sent_encodings(client):
    seen = []
    client.meta.events.register("before-send", lambda request, **kwargs: seen.append(
        request.headers.get("Content-Encoding")))
    return seen


@pytest.mark.parametrize("protocol", ["json", "cbor"])
def test_boto3_compresses_a_large_put_metric_data_and_it_is_stored(client, endpoint, tmp_path_factory, protocol):
    cw = client("cloudwatch") if protocol == "json" else cbor_cloudwatch(endpoint, tmp_path_factory)
    assert cw.meta.config.disable_request_compression is False  # boto3's default: compress above 10 KiB
    namespace, now = unique("Gzip"), now_utc()
    encodings = _sent_encodings(cw)
    cw.put_metric_data(Namespace=namespace, MetricData=_large_metric_data(now))
    assert encodings[-1] in (b"gzip", "gzip")
    assert _sum_of(cw, namespace, now) == (sum(range(400)), 400.0)


def test_small_bodies_are_left_alone(client):
    cw = client("cloudwatch")
    encodings = _sent_encodings(cw)
    namespace, now = unique("Plain"), now_utc()
    cw.put_metric_data(Namespace=namespace, MetricData=_large_metric_data(now, count=2))
    assert encodings[-1] is None
    assert _sum_of(cw, namespace, now) == (1.0, 2.0)


def test_a_body_that_is_not_gzip_is_a_clear_400(endpoint):
    request = urllib.request.Request(endpoint + "/", data=b"not gzip at all", method="POST", headers={
        "Content-Encoding": "gzip", "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "GraniteServiceVersion20100801.ListMetrics"})
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request)
    assert failure.value.code == 400
    assert "not valid gzip" in json.loads(failure.value.read())["message"]


def test_s3_objects_stored_with_content_encoding_gzip_stay_compressed(client):
    s3 = client("s3")
    bucket = unique("gzip-bucket")
    s3.create_bucket(Bucket=bucket)
    payload = gzip.compress(b"hello " * 100)
    s3.put_object(Bucket=bucket, Key="k", Body=payload, ContentEncoding="gzip")
    stored = s3.get_object(Bucket=bucket, Key="k")
    assert stored["Body"].read() == payload and stored["ContentEncoding"] == "gzip"
