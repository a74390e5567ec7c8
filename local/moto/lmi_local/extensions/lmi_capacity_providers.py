"""The capacity-provider operations of the Lambda API (REST paths under ``/2025-11-30/``).

Each ``handle_*`` function becomes a method of moto's ``LambdaResponse``; moto picks it by matching the request's
method and path against botocore's model, so the operation names are the model's.
"""

import base64
import json
import re
from urllib.parse import parse_qs, unquote

from moto.core.utils import unix_time_millis, utcnow
from moto.iam.models import iam_backends
from moto.logs.models import logs_backends
from moto.utilities.utils import get_partition

from lmi_local.extensions import lmi_model
from lmi_local.extensions.lmi_attachments import attached_versions, version_sort_key, version_state
from lmi_local.extensions.lmi_errors import (
    CapacityProviderLimitExceeded,
    InvalidParameterValue,
    ResourceConflict,
    ResourceNotFound,
)
from lmi_local.extensions.lmi_network import ec2_backend, egress_problems, find_subnet
from lmi_local.extensions.lmi_store import CapacityProvider, lambda_timestamp, lmi_backend, now
from lmi_local.settings import SETTINGS

# Defaults AWS applies when the request leaves them out (DG lambda-managed-instances-capacity-providers):
# x86_64, Lambda-managed Auto scaling, at most 400 vCPUs.
DEFAULT_ARCHITECTURE = "x86_64"
DEFAULT_SCALING_MODE = "Auto"
DEFAULT_MAX_VCPU_COUNT = 400
# ListCapacityProviders / ListFunctionVersionsByCapacityProvider page size without MaxItems (the model's maximum).
DEFAULT_PAGE_SIZE = 50
# Members CloudFormation marks createOnlyProperties; UpdateCapacityProvider's input shape has none of them.
CREATE_ONLY_MEMBERS = ("CapacityProviderName", "VpcConfig", "PermissionsConfig", "InstanceRequirements", "KmsKeyArn")
ARN_PATTERN = re.compile(r"arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):capacity-provider:([a-zA-Z0-9-_]+)")
JSON_HEADERS = {"Content-Type": "application/json"}


# ---- request parsing -------------------------------------------------------------------------------------------

def json_body(response) -> dict:
    raw = response.body
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise InvalidParameterValue(f"Could not parse request body into json: {error}")
    if not isinstance(body, dict):
        raise InvalidParameterValue("The request body must be a JSON object.")
    return body


def query(response) -> dict:
    return {name: values[0] for name, values in parse_qs(response.parsed_url.query, keep_blank_values=True).items()}


def path_identifier(response) -> str:
    match = re.match(r"^/[^/]+/capacity-providers/([^/]+)(?:/function-versions)?/?$", unquote(response.path))
    return match.group(1) if match else ""


def resolve_name(backend, identifier: str) -> str:
    """A capacity provider is addressed by name or ARN; an ARN of another account or Region names nothing here."""
    match = ARN_PATTERN.fullmatch(identifier)
    if not match:
        return identifier
    region, account, name = match.groups()
    if region != backend.region_name or account != backend.account_id:
        raise ResourceNotFound(f"Capacity provider not found: {identifier}")
    return name


def reply(status: int, body: dict):
    # moto takes the HTTP status of a handler's answer from its "status" header, not from the tuple.
    return status, dict(JSON_HEADERS, status=status), json.dumps(body)


# ---- lifecycle -------------------------------------------------------------------------------------------------

def _write_system_log(backend, provider, lines) -> None:
    """Failure reasons go where AWS puts them: the provider's system log group (the API has no reason field)."""
    logs = logs_backends[backend.account_id][backend.region_name]
    group = f"/aws/lambda/capacity-provider/{provider.name}"
    stream = f"{provider.name}/managed-instances"
    if group not in logs.groups:
        logs.create_log_group(group, {})
    if stream not in logs.groups[group].streams:
        logs.create_log_stream(group, stream)
    stamp = int(unix_time_millis(utcnow()))
    logs.put_log_events(group, stream, [{"timestamp": stamp, "message": line} for line in lines])


def _become_ready(backend, provider) -> None:
    subnet_ids = provider.vpc_config["SubnetIds"]
    problems = egress_problems(backend.account_id, backend.region_name, subnet_ids,
                               SETTINGS.required_vpc_endpoint_services)
    provider.state = "Failed" if problems else "Active"
    provider.failure_reasons = problems
    provider.last_modified = lambda_timestamp()
    if problems:
        lines = [f"Capacity provider {provider.arn} failed: managed instances cannot reach AWS."] + problems
        print("LMI_LOCAL " + " ".join(lines), flush=True)
        _write_system_log(backend, provider, lines)


def refresh(backend, provider) -> bool:
    """Apply transitions whose deadline passed; False when the provider is gone. Caller holds backend.lock."""
    at = now()
    if provider.state == "Pending" and at >= provider.ready_at:
        _become_ready(backend, provider)
    if provider.state == "Deleting" and at >= provider.delete_at:
        backend.capacity_providers.pop(provider.name, None)
        return False
    return True


def live_providers(backend) -> list:
    return [p for p in list(backend.capacity_providers.values()) if refresh(backend, p)]


def find(backend, identifier: str):
    """The provider, current as of now, or None. Caller holds backend.lock."""
    provider = backend.capacity_providers.get(resolve_name(backend, identifier))
    if provider is None or not refresh(backend, provider):
        return None
    return provider


def require(backend, identifier: str):
    provider = find(backend, identifier)
    if provider is None:
        raise ResourceNotFound(f"Capacity provider not found: {_arn_for(backend, identifier)}")
    return provider


def _arn_for(backend, identifier: str) -> str:
    return identifier if identifier.startswith("arn:") else backend.capacity_provider_arn(identifier)


# ---- semantic validation (after the model's constraints) -------------------------------------------------------

def _instance_requirements(requested: dict | None) -> dict:
    requirements = dict(requested or {})
    if requirements.get("AllowedInstanceTypes") and requirements.get("ExcludedInstanceTypes"):
        raise InvalidParameterValue(
            "InstanceRequirements: specify AllowedInstanceTypes or ExcludedInstanceTypes, not both "
            "(or neither, to let Lambda choose among all compatible instance types).")
    requirements.setdefault("Architectures", [DEFAULT_ARCHITECTURE])
    return requirements


def _check_scaling(config: dict) -> dict:
    mode = config.get("ScalingMode", DEFAULT_SCALING_MODE)
    policies = config.get("ScalingPolicies")
    if mode == "Auto" and policies:
        raise InvalidParameterValue(
            "CapacityProviderScalingConfig.ScalingPolicies can be given only with ScalingMode Manual; "
            "remove ScalingPolicies or set ScalingMode to Manual.")
    if mode == "Manual" and not policies:
        raise InvalidParameterValue(
            "CapacityProviderScalingConfig.ScalingMode Manual needs ScalingPolicies (1 to 10 target-tracking "
            "policies); add them or use ScalingMode Auto.")
    checked = {"MaxVCpuCount": config.get("MaxVCpuCount", DEFAULT_MAX_VCPU_COUNT), "ScalingMode": mode}
    if policies:
        checked["ScalingPolicies"] = policies
    return checked


def _check_operator_role(backend, role_arn: str) -> None:
    account = role_arn.split(":")[4]
    try:
        if account != backend.account_id:
            raise LookupError
        iam_backends[backend.account_id][get_partition(backend.region_name)].get_role_by_arn(role_arn)
    except Exception:
        raise InvalidParameterValue(
            f"The capacity provider operator role {role_arn} cannot be assumed by Lambda: no such role in account "
            f"{backend.account_id}. Create the role (trusted by lambda.amazonaws.com, with the "
            "AWSLambdaManagedEC2ResourceOperator policy) or fix PermissionsConfig.CapacityProviderOperatorRoleArn.")


def _check_network_references(backend, vpc_config: dict) -> None:
    """Lambda describes the subnets and security groups when it is given them (as for a function's VpcConfig)."""
    ec2 = ec2_backend(backend.account_id, backend.region_name)
    vpcs = set()
    for subnet_id in vpc_config["SubnetIds"]:
        subnet = find_subnet(ec2, subnet_id)
        if subnet is None:
            raise InvalidParameterValue(
                "Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound. "
                f"EC2 Error Message: The subnet ID '{subnet_id}' does not exist")
        vpcs.add(subnet.vpc_id)
    if len(vpcs) > 1:
        raise InvalidParameterValue(
            "VpcConfig.SubnetIds must all belong to one VPC; they belong to " + ", ".join(sorted(vpcs)) + ".")
    vpc_id = vpcs.pop()
    for group_id in vpc_config["SecurityGroupIds"]:
        group = ec2.get_security_group_from_id(group_id)
        if group is None:
            raise InvalidParameterValue(
                "Error occurred while DescribeSecurityGroups. EC2 Error Code: InvalidGroup.NotFound. "
                f"EC2 Error Message: The security group '{group_id}' does not exist")
        if group.vpc_id != vpc_id:
            raise InvalidParameterValue(
                f"VpcConfig.SecurityGroupIds: security group {group_id} belongs to VPC {group.vpc_id}, "
                f"not to the subnets' VPC {vpc_id}.")


def _reject_members_outside_model(operation: str, body: dict) -> None:
    unknown = lmi_model.unknown_members(operation, body)
    if not unknown:
        return
    if operation == "UpdateCapacityProvider":
        if "Tags" in unknown:
            raise InvalidParameterValue(
                "UpdateCapacityProvider does not change tags; use TagResource and UntagResource on the capacity "
                "provider's ARN.")
        fixed = [name for name in unknown if name in CREATE_ONLY_MEMBERS]
        if fixed:
            raise InvalidParameterValue(
                ", ".join(fixed) + " cannot be changed after a capacity provider is created; only "
                "CapacityProviderScalingConfig can be updated. Create a new capacity provider to change them.")
    raise InvalidParameterValue(
        f"{operation} has no member " + ", ".join(unknown) + " in the Lambda API model this local AWS follows "
        "(botocore 1.43.11); remove it.")


# ---- paging ----------------------------------------------------------------------------------------------------

def _encode_marker(key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def _decode_marker(marker: str):
    try:
        return json.loads(base64.urlsafe_b64decode(marker.encode()))
    except Exception:
        raise InvalidParameterValue(f"Invalid Marker '{marker}': pass the NextMarker of the previous page unchanged.")


def page(items: list, key, marker, max_items):
    """Items after the marker's key, at most max_items of them, and the marker of the next page (or None)."""
    size = max_items or DEFAULT_PAGE_SIZE
    if marker is not None:
        after = _decode_marker(marker)
        items = [item for item in items if key(item) > tuple(after)]
    chosen = items[:size]
    next_marker = _encode_marker(list(key(chosen[-1]))) if len(items) > size else None
    return chosen, next_marker


# ---- operations ------------------------------------------------------------------------------------------------

def handle_create_capacity_provider(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_write(SETTINGS.capacity_provider_writes_per_second)
    body = json_body(self)
    _reject_members_outside_model("CreateCapacityProvider", body)
    lmi_model.validate_operation("CreateCapacityProvider", body)
    try:
        name = resolve_name(backend, body["CapacityProviderName"])
    except ResourceNotFound:
        raise InvalidParameterValue(
            f"CapacityProviderName {body['CapacityProviderName']} is an ARN of another account or Region; pass a "
            f"plain name, or an ARN in account {backend.account_id} and Region {backend.region_name}.")
    request = {
        "VpcConfig": {"SubnetIds": list(body["VpcConfig"]["SubnetIds"]),
                      "SecurityGroupIds": list(body["VpcConfig"]["SecurityGroupIds"])},
        "PermissionsConfig": dict(body["PermissionsConfig"]),
        "InstanceRequirements": _instance_requirements(body.get("InstanceRequirements")),
        "CapacityProviderScalingConfig": _check_scaling(body.get("CapacityProviderScalingConfig") or {}),
        "KmsKeyArn": body.get("KmsKeyArn"),
        "Tags": body.get("Tags"),
    }
    _check_operator_role(backend, request["PermissionsConfig"]["CapacityProviderOperatorRoleArn"])
    _check_network_references(backend, request["VpcConfig"])
    with backend.lock:
        live = live_providers(backend)
        if name in backend.capacity_providers:
            raise ResourceConflict(f"Capacity provider already exists: {backend.capacity_provider_arn(name)}")
        if len(live) >= SETTINGS.capacity_provider_limit:
            raise CapacityProviderLimitExceeded(
                "The maximum number of capacity providers for your account has been exceeded "
                f"({SETTINGS.capacity_provider_limit}). Delete unused capacity providers or request a quota increase.")
        provider = CapacityProvider(name, backend.capacity_provider_arn(name), request,
                                    now() + SETTINGS.capacity_provider_ready_seconds)
        backend.capacity_providers[name] = provider
        return reply(202, {"CapacityProvider": provider.to_api()})


def handle_get_capacity_provider(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_read(SETTINGS.capacity_provider_reads_per_second)
    identifier = path_identifier(self)
    lmi_model.validate_operation("GetCapacityProvider", {"CapacityProviderName": identifier})
    with backend.lock:
        return reply(200, {"CapacityProvider": require(backend, identifier).to_api()})


def handle_list_capacity_providers(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_read(SETTINGS.capacity_provider_reads_per_second)
    params = query(self)
    request = {"State": params.get("State"), "Marker": params.get("Marker"),
               "MaxItems": lmi_model.integer_query_parameter(params.get("MaxItems"), "MaxItems")}
    request = {name: value for name, value in request.items() if value is not None}
    lmi_model.validate_operation("ListCapacityProviders", request)
    with backend.lock:
        providers = sorted(live_providers(backend), key=lambda p: p.name)
        if "State" in request:
            providers = [p for p in providers if p.state == request["State"]]
        chosen, next_marker = page(providers, lambda p: (p.name,), request.get("Marker"), request.get("MaxItems"))
        body = {"CapacityProviders": [p.to_api() for p in chosen]}
    if next_marker:
        body["NextMarker"] = next_marker
    return reply(200, body)


def _merged_scaling(current: dict, update: dict) -> dict:
    merged = dict(current)
    merged.update(update)
    if update.get("ScalingMode") == "Auto" and "ScalingPolicies" not in update:
        merged.pop("ScalingPolicies", None)
    return _check_scaling(merged)


def handle_update_capacity_provider(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_write(SETTINGS.capacity_provider_writes_per_second)
    identifier = path_identifier(self)
    body = json_body(self)
    _reject_members_outside_model("UpdateCapacityProvider", body)
    lmi_model.validate_operation("UpdateCapacityProvider", dict(body, CapacityProviderName=identifier))
    with backend.lock:
        provider = require(backend, identifier)
        if provider.state != "Active":
            raise ResourceConflict(
                f"Capacity provider {provider.arn} is {provider.state}; it can be updated only while Active.")
        if body.get("CapacityProviderScalingConfig") is not None:
            provider.scaling_config = _merged_scaling(provider.scaling_config, body["CapacityProviderScalingConfig"])
        provider.last_modified = lambda_timestamp()
        return reply(202, {"CapacityProvider": provider.to_api()})


def handle_delete_capacity_provider(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_write(SETTINGS.capacity_provider_writes_per_second)
    identifier = path_identifier(self)
    lmi_model.validate_operation("DeleteCapacityProvider", {"CapacityProviderName": identifier})
    with backend.lock:
        provider = require(backend, identifier)
        attached = attached_versions(backend.account_id, backend.region_name, provider.arn)
        if attached:
            shown = ", ".join(fn.function_arn for fn in attached[:5]) + (", ..." if len(attached) > 5 else "")
            raise ResourceConflict(
                f"Capacity provider {provider.arn} still has {len(attached)} function version(s) attached ({shown}). "
                "Delete those versions or their functions first; ListFunctionVersionsByCapacityProvider lists them.")
        if provider.state != "Deleting":
            provider.state = "Deleting"
            provider.delete_at = now() + SETTINGS.capacity_provider_delete_seconds
            provider.last_modified = lambda_timestamp()
        return reply(202, {"CapacityProvider": provider.to_api()})


def handle_list_function_versions_by_capacity_provider(self):
    backend = lmi_backend(self.current_account, self.region)
    backend.throttle_read(SETTINGS.capacity_provider_reads_per_second)
    identifier = path_identifier(self)
    params = query(self)
    request = {"CapacityProviderName": identifier, "Marker": params.get("Marker"),
               "MaxItems": lmi_model.integer_query_parameter(params.get("MaxItems"), "MaxItems")}
    request = {name: value for name, value in request.items() if value is not None}
    lmi_model.validate_operation("ListFunctionVersionsByCapacityProvider", request)
    with backend.lock:
        provider = require(backend, identifier)
        versions = attached_versions(backend.account_id, backend.region_name, provider.arn)
        chosen, next_marker = page(versions, version_sort_key, request.get("Marker"), request.get("MaxItems"))
        body = {"CapacityProviderArn": provider.arn,
                "FunctionVersions": [{"FunctionArn": fn.function_arn, "State": version_state(fn)} for fn in chosen]}
    if next_marker:
        body["NextMarker"] = next_marker
    return reply(200, body)


HANDLERS = {
    "create_capacity_provider": handle_create_capacity_provider,
    "get_capacity_provider": handle_get_capacity_provider,
    "list_capacity_providers": handle_list_capacity_providers,
    "update_capacity_provider": handle_update_capacity_provider,
    "delete_capacity_provider": handle_delete_capacity_provider,
    "list_function_versions_by_capacity_provider": handle_list_function_versions_by_capacity_provider,
}
