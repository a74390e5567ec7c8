"""State of the Lambda Managed Instances emulation, per account and Region like every moto backend.

Transitions that take minutes on AWS (a capacity provider becoming ready, a version being provisioned, a scaling
config being applied) are deadlines on a monotonic clock, evaluated whenever the state is read. Nothing runs in the
background, so there is no thread to stop and a reset (``POST /moto-api/reset`` resets every ``BackendDict``) leaves
nothing behind. Every read or write of this state happens under the backend's lock.
"""

import threading
import time

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import iso_8601_datetime_with_nanoseconds
from moto.utilities.utils import get_partition

from lmi_local.extensions.lmi_errors import TooManyRequests

# DG lambda-managed-instances-scaling: without a scaling config a published version keeps 3 execution environments
# and has no maximum.
DEFAULT_MIN_EXECUTION_ENVIRONMENTS = 3


def now() -> float:
    return time.monotonic()


def lambda_timestamp() -> str:
    return iso_8601_datetime_with_nanoseconds()


class TokenBucket:
    """AWS-style request throttle: bursts up to the rate (at least 1), refilled continuously at the rate."""

    def __init__(self):
        self._rate = None
        self._tokens = 0.0
        self._updated = 0.0

    def take(self, rate: float, at: float) -> None:
        if rate <= 0:
            return
        capacity = max(1.0, rate)
        if self._rate != rate:
            self._rate, self._tokens, self._updated = rate, capacity, at
        self._tokens = min(capacity, self._tokens + (at - self._updated) * rate)
        self._updated = at
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return
        raise TooManyRequests((1.0 - self._tokens) / rate)


class CapacityProvider:
    def __init__(self, name, arn, request, ready_at):
        self.name = name
        self.arn = arn
        self.vpc_config = request["VpcConfig"]
        self.permissions_config = request["PermissionsConfig"]
        self.instance_requirements = request["InstanceRequirements"]
        self.scaling_config = request["CapacityProviderScalingConfig"]
        self.kms_key_arn = request.get("KmsKeyArn")
        self.tags = dict(request.get("Tags") or {})
        self.last_modified = lambda_timestamp()
        self.state = "Pending"
        self.ready_at = ready_at
        self.delete_at = None
        # Why the provider failed, as the capacity provider's system log would say; the API has no reason field.
        self.failure_reasons = []

    @property
    def architecture(self) -> str:
        return self.instance_requirements["Architectures"][0]

    def to_api(self) -> dict:
        body = {
            "CapacityProviderArn": self.arn,
            "State": self.state,
            "VpcConfig": self.vpc_config,
            "PermissionsConfig": self.permissions_config,
            "InstanceRequirements": self.instance_requirements,
            "CapacityProviderScalingConfig": self.scaling_config,
            "LastModified": self.last_modified,
        }
        if self.kms_key_arn is not None:
            body["KmsKeyArn"] = self.kms_key_arn
        return body


class ScalingState:
    """Requested and applied function scaling config of one published version."""

    def __init__(self, requested=None, applied=None, apply_at=0.0):
        self.requested = requested or {"MinExecutionEnvironments": DEFAULT_MIN_EXECUTION_ENVIRONMENTS}
        self.previous = applied or dict(self.requested)
        self.apply_at = apply_at

    def request(self, config: dict, at: float, apply_delay: float) -> None:
        self.previous = self.applied(at)
        self.requested = config
        self.apply_at = at + apply_delay

    def applied(self, at: float) -> dict:
        return dict(self.requested) if at >= self.apply_at else dict(self.previous)

    def copy(self) -> "ScalingState":
        return ScalingState(dict(self.requested), dict(self.previous), self.apply_at)


def deactivates(config: dict) -> bool:
    return config.get("MinExecutionEnvironments") == 0 and config.get("MaxExecutionEnvironments") == 0


class PublishedVersion:
    """Provisioning state of one published LMI version (numbered or $LATEST.PUBLISHED)."""

    def __init__(self, ready_at: float, never_active: bool, scaling: ScalingState, update_done_at=None,
                 update_never_done=False):
        self.ready_at = ready_at
        self.never_active = never_active
        self.scaling = scaling
        # A republish of $LATEST.PUBLISHED: the version stays invocable while the update is InProgress.
        self.update_done_at = update_done_at
        self.update_never_done = update_never_done

    def state(self, at: float) -> str:
        if self.never_active or at < self.ready_at:
            return "Pending"
        applied = at >= self.scaling.apply_at
        if deactivates(self.scaling.requested):
            return "Deactivated" if applied else "Deactivating"
        if deactivates(self.scaling.previous) and not applied:
            return "Pending"
        return "Active"

    def update_in_progress(self, at: float) -> bool:
        return self.update_never_done or (self.update_done_at is not None and at < self.update_done_at)

    def __deepcopy__(self, memo):
        return PublishedVersion(self.ready_at, self.never_active, self.scaling.copy(), self.update_done_at,
                                self.update_never_done)


class LmiBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str):
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()
        self.capacity_providers = {}
        self._writes = TokenBucket()
        self._reads = TokenBucket()

    def capacity_provider_arn(self, name: str) -> str:
        partition = get_partition(self.region_name)
        return f"arn:{partition}:lambda:{self.region_name}:{self.account_id}:capacity-provider:{name}"

    def throttle_write(self, rate: float) -> None:
        with self.lock:
            self._writes.take(rate, now())

    def throttle_read(self, rate: float) -> None:
        with self.lock:
            self._reads.take(rate, now())


lmi_backends = BackendDict(LmiBackend, "lambda")


def lmi_backend(account_id: str, region: str) -> LmiBackend:
    return lmi_backends[account_id][region]
