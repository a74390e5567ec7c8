"""Which published function versions run on which capacity provider, read from moto's Lambda storage.

moto's storage stays the single source of truth for versions: deleting a version or a function frees its slot on the
capacity provider with no bookkeeping here.
"""

from moto.awslambda.utils import get_backend

from lmi_local.extensions.lmi_store import now

LATEST_PUBLISHED = "$LATEST.PUBLISHED"


def lambda_backend(account_id: str, region: str):
    return get_backend(account_id, region)


def lmi_config(fn) -> dict | None:
    return getattr(fn, "lmi_config", None)


def published_state(fn):
    return getattr(fn, "lmi_version", None)


def version_state(fn) -> str:
    return published_state(fn).state(now())


def version_sort_key(fn):
    version = str(fn.version)
    return (fn.function_name, 0 if version.isdigit() else 1, int(version) if version.isdigit() else 0, version)


def attached_versions(account_id: str, region: str, capacity_provider_arn: str) -> list:
    """Published versions (numbered and $LATEST.PUBLISHED) whose configuration names the capacity provider."""
    storage = lambda_backend(account_id, region)._lambdas
    attached = []
    for group in list(storage._functions.values()):
        for fn in list(group["versions"]):
            config = lmi_config(fn)
            if config is not None and config["CapacityProviderArn"] == capacity_provider_arn:
                attached.append(fn)
    return sorted(attached, key=version_sort_key)
