"""Extensions of moto, each in one module with two optional hooks:

- ``install(settings)``: patch moto's backends or responses (called once, before the server accepts requests);
- ``middleware(app, settings)``: wrap the WSGI application (for routes or protocols moto does not speak).

Middlewares wrap in list order, so the first module in ``EXTENSIONS`` sees a request first.
"""

import importlib

EXTENSIONS = [
    "lmi_local.extensions.request_compression",
    "lmi_local.extensions.cloudwatch_cbor",
    "lmi_local.extensions.cloudwatch_alarms",
    "lmi_local.extensions.apigateway_canary",
    "lmi_local.extensions.scheduler",
    "lmi_local.extensions.elbv2_lambda_targets",
    "lmi_local.extensions.lambda_esm_qualifiers",
    "lmi_local.extensions.lambda_function_url_qualifiers",
    "lmi_local.extensions.control",
]


def load():
    return [importlib.import_module(name) for name in EXTENSIONS]
