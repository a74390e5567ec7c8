"""What makes a function configuration valid on Lambda Managed Instances.

Sources (lmi-api-and-pricing.md): 2 GB minimum memory set in multiples of the memory-per-vCPU ratio, ratios 2/4/8
(default 2), at most 16 vCPUs (5.1); the runtime allow-list and its error text (5.3, LocalStack); no function-level
VpcConfig (2.6); the function's architecture must match the capacity provider's (2.1); logs are always JSON (2.6).
"""

from lmi_local.extensions import lmi_model
from lmi_local.extensions.lmi_capacity_providers import find
from lmi_local.extensions.lmi_errors import InvalidParameterValue, ResourceNotFound
from lmi_local.extensions.lmi_store import lmi_backend

MIN_MEMORY_MB = 2048
DEFAULT_MEMORY_GIB_PER_VCPU = 2.0
# Documented ratios (DG, SAM docs, AWS blog). The model's range 2.0-8.0 would allow others; whether AWS accepts
# them is unconfirmed, so anything else is refused here rather than passing locally and failing on AWS.
SUPPORTED_MEMORY_GIB_PER_VCPU = (2.0, 4.0, 8.0)
SUPPORTED_RUNTIMES = ("nodejs24.x", "nodejs22.x", "python3.14", "python3.13", "java25", "java21", "dotnet10",
                      "dotnet8", "provided.al2023")
# Default PerExecutionEnvironmentMaxConcurrency per vCPU by runtime family (DG java/nodejs runtime pages, AWS blog).
# The DG states none for provided.al2023; LocalStack's fixed default of 16 is used for it.
DEFAULT_CONCURRENCY_PER_VCPU = {"nodejs": 64, "java": 32, "dotnet": 32, "python": 16, "provided": 16}
MAX_CONCURRENCY = 1600
LATEST_PUBLISHED_ENUM = "LATEST_PUBLISHED"


def validate_members(capacity_provider_config=None, publish_to=None, memory_size=None) -> None:
    """The model's constraints on the LMI members of CreateFunction and friends (moto checks none of them)."""
    if capacity_provider_config is not None:
        lmi_model.validate(lmi_model.shape("CapacityProviderConfig"), capacity_provider_config,
                           "capacityProviderConfig")
    if publish_to is not None:
        lmi_model.validate(lmi_model.shape("FunctionVersionLatestPublished"), publish_to, "publishTo")
    if memory_size is not None:
        lmi_model.validate(lmi_model.shape("MemorySize"), memory_size, "memorySize")


def active_capacity_provider(account_id: str, region: str, arn: str):
    """The capacity provider a function may be attached to or published on: it must exist here and be Active."""
    backend = lmi_backend(account_id, region)
    with backend.lock:
        try:
            provider = find(backend, arn)
        except ResourceNotFound:
            provider = None
        if provider is None:
            raise InvalidParameterValue(
                f"Capacity provider {arn} does not exist in this account and Region. Create it with "
                "CreateCapacityProvider or fix CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig."
                "CapacityProviderArn.")
        if provider.state != "Active":
            raise InvalidParameterValue(
                f"Capacity provider {arn} is {provider.state}; functions can use only an Active capacity provider. "
                "Wait until GetCapacityProvider reports Active.")
        return provider


def default_concurrency(runtime: str | None, vcpus: int) -> int:
    family = next((name for name in DEFAULT_CONCURRENCY_PER_VCPU if (runtime or "").startswith(name)), "provided")
    return min(MAX_CONCURRENCY, DEFAULT_CONCURRENCY_PER_VCPU[family] * vcpus)


def check_runtime(runtime: str | None, package_type: str) -> None:
    if package_type == "Image":
        return
    if runtime not in SUPPORTED_RUNTIMES:
        raise InvalidParameterValue(
            f"Runtime Enum {runtime} does not support specified feature: Lambda Managed Instances. "
            "Use one of: " + ", ".join(SUPPORTED_RUNTIMES) + ".")


def check_no_vpc_config(vpc_config) -> None:
    if vpc_config and (vpc_config.get("SubnetIds") or vpc_config.get("SecurityGroupIds")):
        raise InvalidParameterValue(
            "VpcConfig isn't supported for Lambda Managed Instances functions: the network comes from the capacity "
            "provider's VpcConfig. Remove VpcConfig from the function.")


def check_architecture(architectures, provider) -> None:
    requested = list(architectures or ["x86_64"])
    if requested != [provider.architecture]:
        raise InvalidParameterValue(
            f"The function's Architectures {requested} do not match capacity provider {provider.arn}, which runs "
            f"{provider.architecture}. Set Architectures to ['{provider.architecture}'] or use a capacity provider "
            "of that architecture.")


def check_logging(logging_config) -> None:
    if (logging_config or {}).get("LogFormat") == "Text":
        raise InvalidParameterValue(
            'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change '
            'the LogFormat to "JSON" and try again. (Lambda Managed Instances functions always log JSON.)')


def vcpus_for(memory_mb: int, memory_gib_per_vcpu: float) -> int:
    """vCPUs of one execution environment, or an error naming the field to fix."""
    if memory_gib_per_vcpu not in SUPPORTED_MEMORY_GIB_PER_VCPU:
        raise InvalidParameterValue(
            f"ExecutionEnvironmentMemoryGiBPerVCpu {memory_gib_per_vcpu} is not supported; use 2.0, 4.0 or 8.0 "
            "(GiB of memory per vCPU).")
    if memory_mb < MIN_MEMORY_MB:
        raise InvalidParameterValue(
            f"MemorySize {memory_mb} MB is below the {MIN_MEMORY_MB} MB minimum for Lambda Managed Instances "
            f"functions; set MemorySize to at least {MIN_MEMORY_MB}.")
    step_mb = int(memory_gib_per_vcpu * 1024)
    if memory_mb % step_mb:
        nearest = sorted({step_mb * max(1, memory_mb // step_mb), step_mb * (memory_mb // step_mb + 1)})
        raise InvalidParameterValue(
            f"MemorySize {memory_mb} MB must be a multiple of ExecutionEnvironmentMemoryGiBPerVCpu "
            f"({memory_gib_per_vcpu:g} GiB = {step_mb} MB); use "
            + " or ".join(f"{size} MB" for size in nearest) + ".")
    # At most 16 vCPUs per execution environment needs no check of its own: the model caps MemorySize at 32768 MB
    # and the smallest ratio is 2 GiB per vCPU, so the model's ValidationException answers first.
    return memory_mb // step_mb


def resolved_config(requested: dict, runtime: str | None, memory_mb: int, previous: dict | None = None) -> dict:
    """The stored LambdaManagedInstancesCapacityProviderConfig: request, else previous value, else AWS default."""
    previous = previous or {}
    ratio = float(requested.get("ExecutionEnvironmentMemoryGiBPerVCpu")
                  or previous.get("ExecutionEnvironmentMemoryGiBPerVCpu") or DEFAULT_MEMORY_GIB_PER_VCPU)
    vcpus = vcpus_for(memory_mb, ratio)
    concurrency = (requested.get("PerExecutionEnvironmentMaxConcurrency")
                   or previous.get("PerExecutionEnvironmentMaxConcurrency")
                   or default_concurrency(runtime, vcpus))
    return {
        "CapacityProviderArn": requested["CapacityProviderArn"],
        "PerExecutionEnvironmentMaxConcurrency": concurrency,
        "ExecutionEnvironmentMemoryGiBPerVCpu": ratio,
    }


def logging_config(function_name: str, requested) -> dict:
    config = {"LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO",
              "LogGroup": f"/aws/lambda/{function_name}"}
    config.update({k: v for k, v in (requested or {}).items() if v is not None})
    return config
