"""Extensions of moto, each in one module with two optional hooks:

- ``install(settings)``: patch moto's backends or responses (called once, before the server accepts requests);
- ``middleware(app, settings)``: wrap the WSGI application (for routes or protocols moto does not speak).

Middlewares wrap in list order, so the first module in ``EXTENSIONS`` sees a request first.
"""

import importlib

EXTENSIONS = [
    # Decompression sees every request first; extensions with their own /_lmi/ routes come before control, which
    # answers 404 for any other /_lmi/ path; function_hosts installs before lmi so that LMI's invoke checks run first.
    "lmi_local.extensions.request_compression",
    "lmi_local.extensions.function_hosts",
    "lmi_local.extensions.code_packages",
    "lmi_local.extensions.cloudwatch_cbor",
    "lmi_local.extensions.cloudwatch_alarms",
    "lmi_local.extensions.apigateway_canary",
    "lmi_local.extensions.scheduler",
    "lmi_local.extensions.elbv2_lambda_targets",
    "lmi_local.extensions.stepfunctions_fixes",
    # After the fixes: status events wrap the fixed StartExecution.
    "lmi_local.extensions.stepfunctions_runtime_errors",
    "lmi_local.extensions.stepfunctions_stop",
    "lmi_local.extensions.stepfunctions_status_events",
    "lmi_local.extensions.eventbridge_targets",
    "lmi_local.extensions.iam_policy_versions",
    "lmi_local.extensions.dynamodb_isolation",
    "lmi_local.extensions.lambda_conflict_errors",
    "lmi_local.extensions.lambda_esm_qualifiers",
    "lmi_local.extensions.lambda_function_url_qualifiers",
    "lmi_local.extensions.control",
    "lmi_local.extensions.lmi",
]


def load():
    return [importlib.import_module(name) for name in EXTENSIONS]
