"""PublishVersion as Lambda does it, replacing moto's ``LambdaStorage.publish_version``.

Beyond moto (which numbers a new version ``len(versions) + 1`` and so reuses a deleted number):
- version numbers only grow, as on AWS, also after versions are deleted;
- nothing is published when code and configuration equal the last published version (the existing one is returned);
- an LMI function's version starts ``Pending`` and turns ``Active`` after ``settings.publish_ready_seconds`` (never,
  for functions named in ``settings.publish_never_active_functions``);
- ``PublishTo=LATEST_PUBLISHED`` creates or replaces the single version ``$LATEST.PUBLISHED``; its scaling config
  carries over to the replacement, which stays invocable while its ``LastUpdateStatus`` is ``InProgress``;
- a capacity provider holds at most ``settings.function_versions_per_capacity_provider`` published versions.
"""

import copy
import json

from lmi_local.extensions.lmi_attachments import LATEST_PUBLISHED, attached_versions, lmi_config, published_state
from lmi_local.extensions.lmi_errors import FunctionVersionsPerCapacityProviderLimitExceeded, InvalidParameterValue
from lmi_local.extensions.lmi_function_rules import active_capacity_provider, validate_members
from lmi_local.extensions.lmi_store import PublishedVersion, ScalingState, lmi_backend, now
from lmi_local.settings import SETTINGS

# Parts of a configuration that differ between versions without being a change of code or configuration.
_VERSION_SPECIFIC = ("FunctionArn", "Version", "LastModified", "State", "StateReason", "StateReasonCode",
                     "LastUpdateStatus", "LastUpdateStatusReason", "LastUpdateStatusReasonCode", "Description",
                     "RevisionId")


def fingerprint(fn) -> str:
    config = {k: v for k, v in fn.get_configuration().items() if k not in _VERSION_SPECIFIC}
    return json.dumps(config, sort_keys=True, default=str)


def check_version_slot(account_id: str, region: str, capacity_provider_arn: str) -> None:
    limit = SETTINGS.function_versions_per_capacity_provider
    count = len(attached_versions(account_id, region, capacity_provider_arn))
    if count >= limit:
        raise FunctionVersionsPerCapacityProviderLimitExceeded(
            f"Capacity provider {capacity_provider_arn} already has {count} published function versions, its limit "
            f"({limit}). Delete versions you no longer need (ListFunctionVersionsByCapacityProvider lists them), "
            "or publish to $LATEST.PUBLISHED, which replaces itself.")


def _numbered(group) -> list:
    return [fn for fn in group["versions"] if str(fn.version).isdigit()]


def _next_number(group) -> int:
    highest = max((int(fn.version) for fn in _numbered(group)), default=0)
    number = max(group.get("lmi_next_version", 1), highest + 1)
    group["lmi_next_version"] = number + 1
    return number


def _new_version(storage, group, latest, qualifier, description, record):
    fn = copy.copy(latest)
    fn.set_version(qualifier)
    if description:
        fn.description = description
    config = lmi_config(latest)
    if config is not None:
        fn.lmi_config = dict(config)
        fn.lmi_version = record
    group["versions"].append(fn)
    storage._arns[fn.function_arn] = fn
    return fn


def _fresh_record(function_name: str) -> PublishedVersion:
    at = now()
    return PublishedVersion(ready_at=at + SETTINGS.publish_ready_seconds,
                            never_active=function_name in SETTINGS.publish_never_active_functions,
                            scaling=ScalingState())


def _republish_record(function_name: str, previous: PublishedVersion) -> PublishedVersion:
    return PublishedVersion(ready_at=previous.ready_at, never_active=previous.never_active,
                            scaling=previous.scaling.copy(), update_done_at=now() + SETTINGS.publish_ready_seconds,
                            update_never_done=function_name in SETTINGS.publish_never_active_functions)


def publish_version(storage, name_or_arn, description="", publish_to=None):
    validate_members(publish_to=publish_to)
    latest = storage.get_function_by_name_or_arn_forbid_qualifier(name_or_arn)
    name = latest.function_name
    group = storage._functions[name]
    config = lmi_config(latest)
    if publish_to and config is None:
        raise InvalidParameterValue(
            "PublishTo LATEST_PUBLISHED is supported only for Lambda Managed Instances functions (functions created "
            "with CapacityProviderConfig); publish a numbered version instead.")
    if config is None:
        numbered = _numbered(group)
        last = max(numbered, key=lambda fn: int(fn.version)) if numbered else None
        if last is not None and fingerprint(last) == fingerprint(latest):
            return last
        return _new_version(storage, group, latest, _next_number(group), description, None)

    backend = lmi_backend(storage.account_id, storage.region_name)
    with backend.lock:
        arn = config["CapacityProviderArn"]
        if publish_to:
            existing = next((fn for fn in group["versions"] if str(fn.version) == LATEST_PUBLISHED), None)
            if existing is not None and fingerprint(existing) == fingerprint(latest):
                return existing
            active_capacity_provider(storage.account_id, storage.region_name, arn)
            if existing is None:
                check_version_slot(storage.account_id, storage.region_name, arn)
                return _new_version(storage, group, latest, LATEST_PUBLISHED, description, _fresh_record(name))
            group["versions"].remove(existing)
            record = _republish_record(name, published_state(existing))
            return _new_version(storage, group, latest, LATEST_PUBLISHED, description, record)
        numbered = _numbered(group)
        last = max(numbered, key=lambda fn: int(fn.version)) if numbered else None
        if last is not None and fingerprint(last) == fingerprint(latest):
            return last
        active_capacity_provider(storage.account_id, storage.region_name, arn)
        check_version_slot(storage.account_id, storage.region_name, arn)
        return _new_version(storage, group, latest, _next_number(group), description, _fresh_record(name))
