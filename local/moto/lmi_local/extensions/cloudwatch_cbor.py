"""CloudWatch over Smithy RPC v2 CBOR, the only protocol the AWS SDK for Java v2 (2.57.x) speaks to CloudWatch.

A request ``POST /service/GraniteServiceVersion20100801/operation/<Op>`` with a CBOR body is rewritten into the
awsJson 1.0 request moto serves (``X-Amz-Target: GraniteServiceVersion20100801.<Op>``), and moto's JSON answer is
written back as CBOR. Both directions walk botocore's CloudWatch service model, so timestamps, blobs and doubles
keep their wire types. Errors carry the modelled error shape name in the body's ``__type`` and in
``X-Amzn-Errortype`` (the Java SDK picks the exception class from it), with moto's modelled HTTP status and its
``x-amzn-query-error`` header (what the SDKs report as the error code of this query-compatible service).
"""

import json
import re

import botocore.session

from lmi_local.protocols import cbor
from lmi_local.protocols.shapes import ShapeError, cbor_to_json, json_to_cbor
from lmi_local.wsgi import call, read_body, respond, with_body

TARGET_PREFIX = "GraniteServiceVersion20100801"
_PATH = re.compile(r"^/service/" + TARGET_PREFIX + r"/operation/([A-Za-z0-9]+)/?$")
# Smithy shape ids of errors name the service namespace; clients keep only what follows '#'.
_ERROR_NAMESPACE = "com.amazonaws.cloudwatch"
_PASSED_THROUGH_HEADERS = ("x-amzn-requestid", "x-amzn-query-error", "date")


def _service_model():
    return botocore.session.get_session().get_service_model("cloudwatch")


def middleware(app, settings):
    model = _service_model()

    def cbor_app(environ, start_response):
        match = _PATH.match(environ.get("PATH_INFO", ""))
        if not match:
            return app(environ, start_response)
        operation_name = match.group(1)
        if environ["REQUEST_METHOD"] != "POST":
            return _error(start_response, 405, "UnknownOperationException",
                          f"Smithy RPC v2 CBOR operations are called with POST, not {environ['REQUEST_METHOD']}")
        if operation_name not in model.operation_names:
            return _error(start_response, 404, "UnknownOperationException",
                          f"CloudWatch has no operation {operation_name} in botocore's model of it")
        operation = model.operation_model(operation_name)
        try:
            json_body = _request_json(read_body(environ), operation)
        except (cbor.CborError, ShapeError, UnicodeDecodeError) as error:
            return _error(start_response, 400, "SerializationException", f"{operation_name}: {error}")
        status, headers, body = call(app, with_body(
            environ, json_body,
            PATH_INFO="/",
            CONTENT_TYPE="application/x-amz-json-1.0",
            HTTP_X_AMZ_TARGET=f"{TARGET_PREFIX}.{operation_name}",
        ))
        passed = [(name, value) for name, value in headers if name.lower() in _PASSED_THROUGH_HEADERS]
        if status >= 300:
            code, message = _moto_error(body, status)
            return _error(start_response, status, code, message, passed)
        try:
            payload = json.loads(body) if body.strip() else {}
            output = json_to_cbor(payload, operation.output_shape) if operation.output_shape is not None else {}
        except (ValueError, ShapeError) as error:
            return _error(start_response, 500, "InternalServiceFault",
                          f"the local AWS could not translate moto's {operation_name} answer to CBOR: {error}", passed)
        return respond(start_response, 200, _cbor_headers(passed), cbor.dumps(output))

    return cbor_app


def _request_json(body: bytes, operation) -> bytes:
    value = cbor.loads(body) if body else {}
    if operation.input_shape is None:
        return b"{}"
    return json.dumps(cbor_to_json(value, operation.input_shape)).encode()


def _moto_error(body: bytes, status: int):
    try:
        payload = json.loads(body)
    except ValueError:
        text = body.decode("utf-8", "replace")
        summary = re.sub(r"<[^>]+>", " ", text)
        summary = " ".join(summary.split())[:500] or f"HTTP {status}"
        return ("InternalServiceFault" if status >= 500 else "ValidationError"), f"moto answered: {summary}"
    code = str(payload.get("__type") or payload.get("code") or "InternalServiceFault")
    code = code.rsplit("#", 1)[-1].split(":", 1)[0]
    message = payload.get("message") or payload.get("Message") or ""
    return code, message


def _cbor_headers(extra=()):
    return [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"), *extra]


def _error(start_response, status: int, code: str, message: str, extra=()):
    body = cbor.dumps({"__type": f"{_ERROR_NAMESPACE}#{code}", "message": message})
    headers = _cbor_headers(extra) + [("X-Amzn-Errortype", code)]
    return respond(start_response, status, headers, body)
