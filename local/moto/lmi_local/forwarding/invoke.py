"""Runs one invocation of a registered function on its host and shapes the answer the way Lambda's Invoke does."""

import json
import sys
import threading
import time
import uuid

from lmi_local.forwarding.host_client import (
    INVOCATION_TYPES,
    HostTimedOut,
    HostUnreachable,
    Invocation,
    post_invocation,
)
from lmi_local.forwarding.registry import REGISTRY

# moto's responses layer overwrites x-amzn-RequestId with a random id after the model has answered; the model
# passes its own id in this header and the WSGI layer puts it back (see function_hosts.middleware).
INTERNAL_REQUEST_ID_HEADER = "X-Lmi-Internal-Request-Id"

# AWS: an asynchronous invocation is retried twice by default (MaximumRetryAttempts of the event invoke config).
DEFAULT_ASYNC_MAX_RETRIES = 2


def _lambda_error(code, status, message):
    from moto.awslambda.exceptions import LambdaClientError

    error = LambdaClientError(code, message)
    error.code = status
    return error


def service_exception(message):
    # Lambda's modelled "internal error" of Invoke: the SDKs retry it and Step Functions names it
    # Lambda.ServiceException, which is how a broken execution environment shows on AWS too.
    return _lambda_error("ServiceException", 500, message)


def _header(headers, name):
    if headers is None:
        return None
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, candidate in headers.items():
        if key.lower() == lowered:
            return candidate
    return None


def _payload_bytes(body):
    if body is None or body == "" or body == b"":
        return b"{}"
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    try:
        json.loads(raw)
    except ValueError as error:
        raise _lambda_error("InvalidRequestContentException", 400,
                            f"Could not parse request body into json: {error}") from error
    return raw


def _max_async_retries(function):
    for config in getattr(function, "event_invoke_config", []) or []:
        if "MaximumRetryAttempts" in config.config:
            return int(config.config["MaximumRetryAttempts"])
    return DEFAULT_ASYNC_MAX_RETRIES


def describe_invocation(function, invocation_type, payload):
    return Invocation(
        function_name=function.function_name,
        function_arn=function.function_arn,
        version=str(function.version),
        handler=function.handler or "",
        memory_mb=int(function.memory_size),
        timeout_seconds=int(function.timeout),
        account_id=function.account_id,
        region=function.region,
        invocation_type=invocation_type,
        request_id=str(uuid.uuid4()),
        payload=payload,
    )


def _timed_out_payload(invocation):
    # The error a Java runtime on AWS reports when the function runs past its Timeout.
    return json.dumps({
        "errorType": "Sandbox.Timedout",
        "errorMessage": "RequestId: %s Error: Task timed out after %.2f seconds"
                        % (invocation.request_id, invocation.timeout_seconds),
    }).encode()


def _log(message):
    print("lmi_local function-hosts: " + message, file=sys.stderr, flush=True)


def forward(function, host_url, body, request_headers, response_headers, settings):
    invocation_type = _header(request_headers, "X-Amz-Invocation-Type") or "RequestResponse"
    if invocation_type not in INVOCATION_TYPES:
        raise _lambda_error("InvalidParameterValueException", 400,
                            f"X-Amz-Invocation-Type {invocation_type!r} is not one of {', '.join(INVOCATION_TYPES)}")
    invocation = describe_invocation(function, invocation_type, _payload_bytes(body))
    response_headers[INTERNAL_REQUEST_ID_HEADER] = invocation.request_id
    if invocation_type == "Event":
        retries = _max_async_retries(function)
        threading.Thread(target=_deliver_async, args=(host_url, invocation, retries, settings),
                         name="lmi-async-invoke-" + invocation.request_id, daemon=True).start()
        return b""
    wait_seconds = invocation.timeout_seconds + settings.function_host_timeout_grace_seconds
    try:
        answer = post_invocation(host_url, invocation, wait_seconds)
    except HostTimedOut:
        response_headers["X-Amz-Function-Error"] = "Unhandled"
        response_headers["X-Amz-Executed-Version"] = invocation.version
        return _timed_out_payload(invocation)
    except HostUnreachable as error:
        raise service_exception(
            f"function {invocation.function_name} is registered to the function host {host_url}, which cannot be "
            f"reached ({error}); start the host or DELETE /_lmi/function-hosts") from error
    if answer.status == 404:
        raise service_exception(
            f"the function host {host_url} answered 404: it does not host {invocation.function_name}; register the "
            "host that does (POST /_lmi/function-hosts) or remove this registration (DELETE /_lmi/function-hosts)")
    if answer.status != 200:
        raise service_exception(f"the function host {host_url} answered HTTP {answer.status} for "
                                f"{invocation.function_name}: {answer.body[:500]!r}")
    if invocation_type == "DryRun":
        return b""
    if answer.function_error:
        response_headers["X-Amz-Function-Error"] = answer.function_error
    response_headers["X-Amz-Executed-Version"] = invocation.version
    return answer.body


def _deliver_async(host_url, invocation, max_retries, settings):
    generation = REGISTRY.generation
    delays = [float(d) for d in settings.async_invoke_retry_delays_seconds] or [0.0]
    for attempt in range(max_retries + 1):
        if attempt:
            time.sleep(delays[min(attempt - 1, len(delays) - 1)])
            if REGISTRY.generation != generation and REGISTRY.host_for(invocation.function_name) != host_url:
                _log(f"async {invocation.request_id} of {invocation.function_name}: registration removed, "
                     "no further retry")
                return
        wait_seconds = invocation.timeout_seconds + settings.function_host_timeout_grace_seconds
        try:
            answer = post_invocation(host_url, invocation, wait_seconds)
        except (HostUnreachable, HostTimedOut) as error:
            outcome = f"host {host_url} failed: {type(error).__name__} {error}"
        else:
            if answer.status == 404:
                _log(f"async {invocation.request_id}: host {host_url} does not host {invocation.function_name} "
                     "(404); event dropped")
                return
            if answer.status == 200 and not answer.function_error:
                return
            outcome = (f"HTTP {answer.status}, function error {answer.function_error}: "
                       f"{answer.body[:500].decode('utf-8', 'replace')}")
        _log(f"async {invocation.request_id} of {invocation.function_name}, attempt {attempt + 1} of "
             f"{max_retries + 1}: {outcome}")
    _log(f"async {invocation.request_id} of {invocation.function_name}: dropped after {max_retries + 1} attempts")
