"""Invoke-time rules of LMI functions, enforced in ``LambdaResponse.invoke`` before moto runs the function.

The hook sits at the responses layer, not in ``LambdaFunction.invoke`` (where invocations are forwarded to a
runtime), so the rules hold whichever backend or model-level invoke runs underneath. Behaviour follows LocalStack's
provider (lmi-api-and-pricing.md 2.6):
- no qualifier: ``$LATEST.PUBLISHED`` when it exists, else ``$LATEST``;
- ``$LATEST`` of an LMI function (asked for, or reached through an alias): ``NoPublishedVersionException`` when
  there is no ``$LATEST.PUBLISHED``, else ``InvalidParameterValueException``;
- a version that is not ``Active`` (Pending, Deactivating, Deactivated): ``ResourceConflictException`` with Lambda's
  "currently in the following state" text.
The qualifier that was resolved is handed to moto as its ``qualifier`` parameter, so the unqualified call reaches
``$LATEST.PUBLISHED``.
"""

import re
from urllib.parse import unquote

from moto.awslambda.responses import LambdaResponse

from lmi_local.extensions.lmi_attachments import LATEST_PUBLISHED, lmi_config, version_state
from lmi_local.extensions.lmi_capacity_providers import query
from lmi_local.extensions.lmi_errors import (
    InvalidParameterValue,
    NoPublishedVersion,
    ResourceConflict,
    ResourceNotFound,
)

_original = {}
# Function name, partial ARN or ARN, each optionally qualified (the model's NamespacedFunctionName).
_FUNCTION_ARN = re.compile(r"(?:arn:[^:]+:lambda:)?(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d:)?(?:\d{12}:)?"
                           r"(?:function:)?([a-zA-Z0-9-_.]+)(?::([^:]+))?")


def _split(raw: str):
    match = _FUNCTION_ARN.fullmatch(raw)
    return (match.group(1), match.group(2)) if match else (raw, None)


def _latest_refused(group):
    if any(str(fn.version) == LATEST_PUBLISHED for fn in group["versions"]):
        return InvalidParameterValue(
            "Functions configured with capacity provider configuration can't be invoked with $LATEST qualifier. "
            "To invoke this function, specify a published version qualifier or $LATEST.PUBLISHED.")
    return NoPublishedVersion(
        "The function can't be invoked because no published version exists. For functions with capacity provider "
        "configuration, either publish a version to $LATEST.PUBLISHED, or specify a published version qualifier.")


def resolve_target(response):
    """The qualifier to invoke for an LMI function (raising its invoke errors), or None to leave moto alone."""
    name, qualifier_in_name = _split(unquote(response.path.rsplit("/", 2)[-2]))
    storage = response.backend._lambdas
    group = storage._functions.get(name)
    if group is None or group["latest"] is None or lmi_config(group["latest"]) is None:
        return None
    versions = {str(fn.version): fn for fn in group["versions"]}
    qualifier = qualifier_in_name or query(response).get("Qualifier")
    if not qualifier:
        qualifier = LATEST_PUBLISHED if LATEST_PUBLISHED in versions else "$LATEST"
    target = qualifier
    if target not in versions and target != "$LATEST":
        alias = storage._aliases.get(group["latest"].function_arn, {}).get(target)
        if alias is None:
            raise ResourceNotFound(f"Function not found: {group['latest'].function_arn}:{qualifier}")
        target = alias.function_version
    if target == "$LATEST":
        raise _latest_refused(group)
    version = versions.get(target)
    if version is None:
        raise ResourceNotFound(f"Function not found: {group['latest'].function_arn}:{qualifier}")
    state = version_state(version)
    if state != "Active":
        raise ResourceConflict(
            "The operation cannot be performed at this time. The function is currently in the following state: "
            f"{state}")
    return qualifier


def invoke(self):
    qualifier = resolve_target(self)
    if qualifier is not None:
        self.querystring["qualifier"] = [qualifier]
    return _original["invoke"](self)


def install() -> None:
    _original["invoke"] = LambdaResponse.invoke
    LambdaResponse.invoke = invoke
