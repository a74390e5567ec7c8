"""PutFunctionScalingConfig / GetFunctionScalingConfig
(``/2025-11-30/functions/{FunctionName}/function-scaling-config``).

Rules (lmi-api-and-pricing.md 2.5, DG lambda-managed-instances-scaling): the qualifier is a version number or
``$LATEST.PUBLISHED`` (the model's pattern refuses aliases and ``$LATEST`` with ValidationException); an unspecified
Min or Max reverts to its default (Min 3, no Max); Min 0 only together with Max 0, which deactivates the version
(State ``Deactivating``, then ``Deactivated`` once applied); Max at least Min. Put answers 202 at once; the applied
config catches up with the requested one after ``settings.scaling_apply_seconds``.

For a function without a capacity provider AWS says "The function provided by the arn does not contain a capacity
provider configuration"; the exception type is unconfirmed (one live probe saw AccessDeniedException, which the model
does not list), so this emulator answers the modelled InvalidParameterValueException with that text.
"""

import re
from urllib.parse import unquote

from lmi_local.extensions import lmi_model
from lmi_local.extensions.lmi_attachments import lmi_config, published_state
from lmi_local.extensions.lmi_capacity_providers import json_body, query, reply
from lmi_local.extensions.lmi_errors import InvalidParameterValue, ResourceNotFound
from lmi_local.extensions.lmi_store import DEFAULT_MIN_EXECUTION_ENVIRONMENTS, lmi_backend, now
from lmi_local.settings import SETTINGS


def _request(response, operation: str) -> dict:
    match = re.match(r"^/[^/]+/functions/([^/]+)/function-scaling-config/?$", unquote(response.path))
    request = {"FunctionName": match.group(1) if match else "", "Qualifier": query(response).get("Qualifier")}
    if operation == "PutFunctionScalingConfig":
        body = json_body(response)
        unknown = lmi_model.unknown_members(operation, body)
        if unknown:
            raise InvalidParameterValue(f"{operation} has no member " + ", ".join(unknown) + "; remove it.")
        request["FunctionScalingConfig"] = body.get("FunctionScalingConfig")
    request = {name: value for name, value in request.items() if value is not None}
    lmi_model.validate_operation(operation, request)
    return request


def _version(response, request: dict):
    storage = response.backend._lambdas
    latest = storage.get_function_by_name_or_arn_forbid_qualifier(request["FunctionName"])
    if lmi_config(latest) is None:
        raise InvalidParameterValue(
            "The function provided by the arn does not contain a capacity provider configuration. Function scaling "
            "configs apply only to Lambda Managed Instances functions.")
    qualifier = request["Qualifier"]
    version = next((fn for fn in storage._functions[latest.function_name]["versions"]
                    if str(fn.version) == qualifier), None)
    if version is None:
        raise ResourceNotFound(f"Function not found: {latest.function_arn}:{qualifier}")
    return version


def _checked(config: dict) -> dict:
    minimum = config.get("MinExecutionEnvironments")
    maximum = config.get("MaxExecutionEnvironments")
    minimum = DEFAULT_MIN_EXECUTION_ENVIRONMENTS if minimum is None else minimum
    if minimum == 0 and maximum != 0:
        raise InvalidParameterValue(
            "MinExecutionEnvironments can be 0 only together with MaxExecutionEnvironments 0 (which deactivates the "
            "version). Set both to 0, or MinExecutionEnvironments to at least 1.")
    if maximum is not None and maximum < minimum:
        raise InvalidParameterValue(
            f"MaxExecutionEnvironments ({maximum}) must be greater than or equal to MinExecutionEnvironments "
            f"({minimum}); an unspecified MinExecutionEnvironments reverts to its default "
            f"{DEFAULT_MIN_EXECUTION_ENVIRONMENTS}, so send both.")
    checked = {"MinExecutionEnvironments": minimum}
    if maximum is not None:
        checked["MaxExecutionEnvironments"] = maximum
    return checked


def handle_put_function_scaling_config(self):
    request = _request(self, "PutFunctionScalingConfig")
    backend = lmi_backend(self.current_account, self.region)
    with backend.lock:
        version = _version(self, request)
        config = _checked(request.get("FunctionScalingConfig") or {})
        record = published_state(version)
        at = now()
        record.scaling.request(config, at, SETTINGS.scaling_apply_seconds)
        return reply(202, {"FunctionState": record.state(at)})


def handle_get_function_scaling_config(self):
    request = _request(self, "GetFunctionScalingConfig")
    backend = lmi_backend(self.current_account, self.region)
    with backend.lock:
        version = _version(self, request)
        scaling = published_state(version).scaling
        return reply(200, {
            "FunctionArn": version.function_arn,
            "AppliedFunctionScalingConfig": scaling.applied(now()),
            "RequestedFunctionScalingConfig": dict(scaling.requested),
        })


HANDLERS = {
    "put_function_scaling_config": handle_put_function_scaling_config,
    "get_function_scaling_config": handle_get_function_scaling_config,
}
