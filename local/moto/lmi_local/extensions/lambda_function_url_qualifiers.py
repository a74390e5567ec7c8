"""Function URLs per alias, as AWS keeps them.

AWS keeps one function URL for the unqualified function and one per alias (``Qualifier``), each with its own
``FunctionArn`` (the alias ARN for an alias's URL); creating a second URL for the same qualifier is a
``ResourceConflictException``, and asking for the URL of a qualifier that has none is a
``ResourceNotFoundException``. moto 5.2.1 ignores ``Qualifier``: every call reaches one URL per function, so a URL
created for ``orders-lmi:live`` replaces the function's own and reports the unqualified ARN. Moving a function URL's
callers to a new function's alias needs the URL of that alias, so this extension keys URLs by qualifier.

Not done: ListFunctionUrlConfigs (moto has no route for it), and a function's URLs are not removed when the function
is deleted (AWS removes them).
"""

import json
import re
from urllib.parse import unquote

from moto.awslambda import models as lambda_models
from moto.awslambda import responses as lambda_responses
from moto.awslambda.exceptions import GenericResourcNotFound, InvalidParameterValueException, LambdaClientError
from moto.awslambda.utils import make_function_arn
from moto.utilities.utils import ARN_PARTITION_REGEX

_ORIGINAL = {}


class _UrlExists(LambdaClientError):
    code = 409

    def __init__(self, function_arn: str):
        super().__init__("ResourceConflictException",
                         f"Failed to create function url config for [functionArn = {function_arn}]. "
                         "Error message:  FunctionUrlConfig exists for this Lambda function")


class _QualifiedUrlConfig(lambda_models.FunctionUrlConfig):
    def __init__(self, function, config, function_arn: str):
        super().__init__(function=function, config=config)
        self.function_arn = function_arn

    def to_dict(self):
        document = super().to_dict()
        document["FunctionArn"] = self.function_arn
        return document


def _urls(backend) -> dict:
    if not hasattr(backend, "lmi_function_urls"):
        backend.lmi_function_urls = {}
    return backend.lmi_function_urls


def _key(backend, name_or_arn: str, qualifier):
    if re.match(ARN_PARTITION_REGEX, name_or_arn):
        _, name, named_qualifier = backend._lambdas.split_function_arn(name_or_arn)
    else:
        name, _, named_qualifier = name_or_arn.partition(":")
    qualifier = qualifier or named_qualifier or None
    function = backend._lambdas.get_function_by_name_forbid_qualifier(name)
    if qualifier is not None:
        if qualifier.isdigit() or qualifier == "$LATEST":
            raise InvalidParameterValueException(
                f"Function URLs belong to the unqualified function or an alias, not to version {qualifier}")
        backend.get_alias(qualifier, function.function_name)
    arn = make_function_arn(backend.region_name, backend.account_id, function.function_name)
    return (function.function_name, qualifier), function, (f"{arn}:{qualifier}" if qualifier else arn)


def _target(response):
    name = unquote(response.path.split("/")[-2])
    return name, response.querystring.get("Qualifier", [None])[0]


def _create(self):
    name, qualifier = _target(self)
    key, function, arn = _key(self.backend, name, qualifier)
    urls = _urls(self.backend)
    if key in urls:
        raise _UrlExists(arn)
    urls[key] = _QualifiedUrlConfig(function, dict(self.json_body), arn)
    return 201, {"status": 201}, json.dumps(urls[key].to_dict())


def _found(response):
    name, qualifier = _target(response)
    key, _, _ = _key(response.backend, name, qualifier)
    config = _urls(response.backend).get(key)
    if config is None:
        raise GenericResourcNotFound()
    return key, config


def _get(self):
    _, config = _found(self)
    return 200, {"status": 200}, json.dumps(config.to_dict())


def _update(self):
    _, config = _found(self)
    config.update(self.json_body)
    return 200, {"status": 200}, json.dumps(config.to_dict())


def _delete(self):
    key, _ = _found(self)
    del _urls(self.backend)[key]
    return 204, {"status": 204}, "{}"


def install(settings):
    if _ORIGINAL:
        return
    response = lambda_responses.LambdaResponse
    _ORIGINAL["create"] = response.create_function_url_config
    response.create_function_url_config = _create
    response.get_function_url_config = _get
    response.update_function_url_config = _update
    response.delete_function_url_config = _delete
