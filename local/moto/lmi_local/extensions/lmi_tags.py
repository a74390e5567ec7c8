"""ListTags / TagResource / UntagResource on capacity providers (the model's TaggableResource includes their ARNs).

moto resolves a tagged resource in ``LambdaBackend._get_resource_by_arn``; capacity-provider ARNs are answered here
with the provider, whose ``tags`` start as CreateCapacityProvider's ``Tags``.
"""

from moto.awslambda.models import LambdaBackend

from lmi_local.extensions.lmi_capacity_providers import require
from lmi_local.extensions.lmi_store import lmi_backend

_original = {}


def _get_resource_by_arn(self, arn: str):
    if ":capacity-provider:" not in arn:
        return _original["_get_resource_by_arn"](self, arn)
    backend = lmi_backend(self.account_id, self.region_name)
    with backend.lock:
        return require(backend, arn)


def install() -> None:
    _original["_get_resource_by_arn"] = LambdaBackend._get_resource_by_arn
    LambdaBackend._get_resource_by_arn = _get_resource_by_arn
