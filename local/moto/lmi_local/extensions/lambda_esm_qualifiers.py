"""Event source mappings keep the alias or version their function was named with, as AWS does.

An event source mapping created or updated with ``FunctionName`` set to an alias (``orders:live`` or its ARN)
invokes that alias, and AWS reports ``FunctionArn`` as the alias ARN (``...:function:orders:live``): moving the
alias moves what the mapping runs. moto 5.2.1 resolves the alias once and reports the version behind it
(``...:function:orders:1``), and ``ListEventSourceMappings(FunctionName=...)`` keeps matching the name the mapping
was created with after an update moved it to another function. A trigger-level traffic shift that moves a stream
mapping to a new function's alias, and then checks where the mapping points, needs both to behave as on AWS.
"""

import re

from moto.awslambda import models as lambda_models
from moto.awslambda.utils import make_function_arn
from moto.utilities.utils import ARN_PARTITION_REGEX

_ORIGINAL = {}


def _qualified_arn(backend, name_or_arn: str) -> str:
    # Resolving first keeps moto's errors for an unknown function, alias or version.
    function = backend._lambdas.get_function_by_name_or_arn_with_qualifier(name_or_arn)
    if re.match(ARN_PARTITION_REGEX, name_or_arn):
        _, _, qualifier = backend._lambdas.split_function_arn(name_or_arn)
    else:
        _, _, qualifier = name_or_arn.partition(":")
    arn = make_function_arn(backend.region_name, backend.account_id, function.function_name)
    return f"{arn}:{qualifier}" if qualifier else arn


def _create_event_source_mapping(self, spec):
    requested = spec.get("FunctionName")
    mapping = _ORIGINAL["create"](self, spec)
    mapping.function_arn = _qualified_arn(self, requested)
    return mapping


def _update_event_source_mapping(self, uuid, spec):
    mapping = _ORIGINAL["update"](self, uuid, spec)
    if mapping is not None and spec.get("FunctionName"):
        mapping.function_arn = _qualified_arn(self, spec["FunctionName"])
        mapping.function_name = spec["FunctionName"]
    return mapping


def install(settings):
    if _ORIGINAL:
        return
    backend = lambda_models.LambdaBackend
    _ORIGINAL["create"] = backend.create_event_source_mapping
    _ORIGINAL["update"] = backend.update_event_source_mapping
    backend.create_event_source_mapping = _create_event_source_mapping
    backend.update_event_source_mapping = _update_event_source_mapping
