"""Lambda function operations that carry LMI members: CreateFunction, UpdateFunctionConfiguration,
UpdateFunctionCode, PublishVersion, DeleteFunction and every read of a FunctionConfiguration.

Patched at these points (class attributes, wrapped so moto's own behaviour stays underneath):
- ``LambdaBackend.create_function`` / ``update_function_configuration`` / ``update_function_code`` /
  ``publish_version``: validation, the stored ``CapacityProviderConfig``, ``Publish`` + ``PublishTo``;
- ``LambdaStorage.publish_version``: replaced by ``lmi_publish.publish_version``;
- ``LambdaFunction.get_configuration``: adds ``CapacityProviderConfig``, the LMI ``State`` and JSON logging, so
  GetFunction, GetFunctionConfiguration, ListFunctions, ListVersionsByFunction and the PublishVersion and
  CreateFunction responses all carry them (``get_code`` builds on it);
- ``LambdaResponse.publish_version`` (reads ``PublishTo``, which moto's handler drops) and
  ``LambdaResponse.delete_function`` (202 for LMI functions, as LocalStack answers).
"""

import copy
import json
from urllib.parse import unquote

from moto.awslambda.models import LambdaBackend, LambdaFunction, LambdaStorage
from moto.awslambda.responses import LambdaResponse

from lmi_local.extensions import lmi_function_rules as rules
from lmi_local.extensions import lmi_publish
from lmi_local.extensions.lmi_attachments import lmi_config, published_state
from lmi_local.extensions.lmi_capacity_providers import find, json_body
from lmi_local.extensions.lmi_errors import InvalidParameterValue, ModelValidation
from lmi_local.extensions.lmi_store import lmi_backend, now

_original = {}


def _present(value) -> bool:
    return value is not None


# ---- reads -----------------------------------------------------------------------------------------------------

def get_configuration(self, on_create: bool = False) -> dict:
    config = _original["get_configuration"](self, on_create)
    lmi = lmi_config(self)
    if lmi is None:
        return config
    config["CapacityProviderConfig"] = {"LambdaManagedInstancesCapacityProviderConfig": dict(lmi)}
    # LMI functions have no SnapStart (LocalStack drops it) and always log JSON.
    config.pop("SnapStart", None)
    log_settings = getattr(self, "lmi_logging_config", None) or rules.logging_config(self.function_name, None)
    config["LoggingConfig"] = dict(log_settings)
    record = published_state(self)
    if record is None:
        config["State"] = "ActiveNonInvocable"
        return config
    at = now()
    config["State"] = record.state(at)
    if config["State"] == "Pending":
        config["StateReason"] = "The function is being created."
        config["StateReasonCode"] = "Creating"
    if record.update_in_progress(at):
        # No reason code: "Creating" is a StateReasonCode, not a LastUpdateStatusReasonCode in the model.
        config["LastUpdateStatus"] = "InProgress"
    return config


# ---- CreateFunction --------------------------------------------------------------------------------------------

def create_function(self, spec: dict):
    capacity_provider_config = spec.get("CapacityProviderConfig")
    publish_to = spec.get("PublishTo")
    rules.validate_members(capacity_provider_config=capacity_provider_config, publish_to=publish_to)
    if capacity_provider_config is None:
        if publish_to:
            raise InvalidParameterValue(
                "PublishTo LATEST_PUBLISHED is supported only for Lambda Managed Instances functions; add "
                "CapacityProviderConfig or remove PublishTo.")
        return _original["create_function"](self, spec)

    requested = capacity_provider_config["LambdaManagedInstancesCapacityProviderConfig"]
    memory = spec.get("MemorySize", rules.MIN_MEMORY_MB)
    rules.validate_members(memory_size=memory)
    backend = lmi_backend(self.account_id, self.region_name)
    with backend.lock:
        provider = rules.active_capacity_provider(self.account_id, self.region_name, requested["CapacityProviderArn"])
        rules.check_runtime(spec.get("Runtime"), spec.get("PackageType", "Zip"))
        rules.check_no_vpc_config(spec.get("VpcConfig"))
        rules.check_architecture(spec.get("Architectures"), provider)
        rules.check_logging(spec.get("LoggingConfig"))
        config = rules.resolved_config(requested, spec.get("Runtime"), memory)
        if spec.get("Publish"):
            lmi_publish.check_version_slot(self.account_id, self.region_name, provider.arn)
        moto_spec = {k: v for k, v in spec.items() if k not in ("CapacityProviderConfig", "PublishTo", "VpcConfig")}
        moto_spec.update(MemorySize=memory, Publish=False)
        fn = _original["create_function"](self, moto_spec)
        fn.lmi_config = config
        fn.lmi_version = None
        fn.lmi_logging_config = rules.logging_config(fn.function_name, spec.get("LoggingConfig"))
        if not spec.get("Publish"):
            return fn
        version = self.publish_version(fn.function_name, publish_to=publish_to)
        # CreateFunction with Publish answers with the new version's configuration under the unqualified ARN.
        shown = copy.copy(version)
        shown.function_arn = fn.function_arn
        return shown


# ---- UpdateFunctionConfiguration / UpdateFunctionCode ----------------------------------------------------------

def update_function_configuration(self, function_name, qualifier, body):
    fn = self.get_function(function_name, qualifier)
    current = lmi_config(fn)
    requested_wrapper = body.get("CapacityProviderConfig")
    if current is None:
        if _present(requested_wrapper):
            raise InvalidParameterValue("CapacityProviderConfig isn't supported for Lambda Default functions.")
        return _original["update_function_configuration"](self, function_name, qualifier, body)

    backend = lmi_backend(self.account_id, self.region_name)
    with backend.lock:
        requested = {"CapacityProviderArn": current["CapacityProviderArn"]}
        if _present(requested_wrapper):
            if not isinstance(requested_wrapper, dict) or requested_wrapper.get(
                    "LambdaManagedInstancesCapacityProviderConfig") is None:
                raise ModelValidation([
                    "Value null at 'capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig' failed to "
                    "satisfy constraint: Member must not be null"])
            rules.validate_members(capacity_provider_config=requested_wrapper)
            requested = requested_wrapper["LambdaManagedInstancesCapacityProviderConfig"]
            if requested["CapacityProviderArn"] != current["CapacityProviderArn"]:
                provider = rules.active_capacity_provider(self.account_id, self.region_name,
                                                          requested["CapacityProviderArn"])
                rules.check_architecture(fn.architectures, provider)
        memory = body.get("MemorySize", fn.memory_size)
        rules.validate_members(memory_size=memory)
        runtime = body.get("Runtime", fn.run_time)
        rules.check_runtime(runtime, fn.package_type)
        rules.check_no_vpc_config(body.get("VpcConfig"))
        rules.check_logging(body.get("LoggingConfig"))
        config = rules.resolved_config(requested, runtime, memory, previous=current)
        moto_body = {k: v for k, v in body.items() if k not in ("CapacityProviderConfig", "VpcConfig")}
        _original["update_function_configuration"](self, function_name, qualifier, moto_body)
        fn.lmi_config = config
        if body.get("LoggingConfig"):
            fn.lmi_logging_config = rules.logging_config(fn.function_name,
                                                         dict(fn.lmi_logging_config, **body["LoggingConfig"]))
        return fn.get_configuration()


def update_function_code(self, function_name, qualifier, body):
    fn = self.get_function(function_name, qualifier)
    publish_to = body.get("PublishTo")
    rules.validate_members(publish_to=publish_to)
    if lmi_config(fn) is None:
        if publish_to:
            raise InvalidParameterValue(
                "PublishTo LATEST_PUBLISHED is supported only for Lambda Managed Instances functions; "
                "remove PublishTo.")
        return _original["update_function_code"](self, function_name, qualifier, body)
    backend = lmi_backend(self.account_id, self.region_name)
    with backend.lock:
        if body.get("Architectures"):
            provider = find(backend, lmi_config(fn)["CapacityProviderArn"])
            if provider is not None:
                rules.check_architecture(body["Architectures"], provider)
        result = _original["update_function_code"](self, function_name, qualifier, dict(body, Publish=False))
        if not body.get("Publish"):
            return result
        return self.publish_version(fn.function_name, publish_to=publish_to).get_configuration()


# ---- PublishVersion --------------------------------------------------------------------------------------------

def backend_publish_version(self, function_name, description="", publish_to=None):
    return self._lambdas.publish_version(function_name, description, publish_to=publish_to)


def storage_publish_version(self, name_or_arn, description="", publish_to=None):
    return lmi_publish.publish_version(self, name_or_arn, description, publish_to)


def response_publish_version(self):
    function_name = unquote(self.path.split("/")[-2])
    body = json_body(self)
    fn = self.backend.publish_version(function_name, body.get("Description") or "", publish_to=body.get("PublishTo"))
    return 201, {"status": 201}, json.dumps(fn.get_configuration())


# ---- DeleteFunction --------------------------------------------------------------------------------------------

def response_delete_function(self):
    function_name = unquote(self.path.rsplit("/", 1)[-1])
    qualifier = self._get_param("Qualifier", None)
    try:
        is_lmi = lmi_config(self.backend.get_function(function_name, qualifier)) is not None
    except Exception:
        is_lmi = False
    status, headers, body = _original["response_delete_function"](self)
    if is_lmi and status == 204:
        # LocalStack answers 202 (asynchronous delete) for LMI functions; the slot is free at once here.
        return 202, dict(headers, status=202), body
    return status, headers, body


def install() -> None:
    _original["get_configuration"] = LambdaFunction.get_configuration
    _original["create_function"] = LambdaBackend.create_function
    _original["update_function_configuration"] = LambdaBackend.update_function_configuration
    _original["update_function_code"] = LambdaBackend.update_function_code
    _original["response_delete_function"] = LambdaResponse.delete_function
    LambdaFunction.get_configuration = get_configuration
    LambdaBackend.create_function = create_function
    LambdaBackend.update_function_configuration = update_function_configuration
    LambdaBackend.update_function_code = update_function_code
    LambdaBackend.publish_version = backend_publish_version
    LambdaStorage.publish_version = storage_publish_version
    LambdaResponse.publish_version = response_publish_version
    LambdaResponse.delete_function = response_delete_function
