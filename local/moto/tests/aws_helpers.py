"""Clients and helpers shared by the tests of the CloudWatch, API Gateway, Scheduler and traffic-shift extensions."""

import copy
import json
import uuid
from datetime import datetime, timezone

import boto3
import botocore.session
from botocore.config import Config

REGION = "us-east-1"

_CBOR_MODEL_DIRS = {}


def cbor_cloudwatch(endpoint, tmp_path_factory, **config):
    """A boto3 CloudWatch client that speaks Smithy RPC v2 CBOR, as the Java SDK does.

    botocore picks awsJson for CloudWatch when a model offers both; a copy of its own model that offers only
    CBOR, found first on the loader's search path, makes it use CBOR.
    """
    if "dir" not in _CBOR_MODEL_DIRS:
        model = copy.deepcopy(botocore.session.get_session().get_component("data_loader")
                              .load_service_model("cloudwatch", "service-2"))
        model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
        model["metadata"]["protocol"] = "smithy-rpc-v2-cbor"
        root = tmp_path_factory.mktemp("cbor-model")
        target = root / "cloudwatch" / model["metadata"]["apiVersion"]
        target.mkdir(parents=True)
        (target / "service-2.json").write_text(json.dumps(model))
        _CBOR_MODEL_DIRS["dir"] = str(root)
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, _CBOR_MODEL_DIRS["dir"])
    client = boto3.session.Session(botocore_session=session).client(
        "cloudwatch", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, **config))
    assert client.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
    return client


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def lambda_dimensions(function_name):
    return [{"Name": "FunctionName", "Value": function_name}]
