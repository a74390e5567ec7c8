"""Lambda Managed Instances for the local AWS: capacity providers, LMI functions, versions and scaling configs.

What is emulated, the decisions taken where AWS behaviour is unconfirmed, and the known differences from AWS are
in ``local/README-lmi-fidelity.md``. Modules:
- ``lmi_capacity_providers``: the six capacity-provider operations; ``lmi_network``: readiness of their subnets;
- ``lmi_functions`` / ``lmi_publish`` / ``lmi_function_rules``: LMI members of the function operations;
- ``lmi_invoke``: invoke-time rules (hooked in ``LambdaResponse.invoke``); ``lmi_scaling``: function scaling configs;
- ``lmi_tags``: tagging of capacity providers;
- ``lmi_store``: per account/Region state (a moto ``BackendDict``, so ``/moto-api/reset`` clears it);
- ``lmi_model``: validation against botocore's Lambda model; ``lmi_errors``: restJson1 errors as Lambda sends them.
"""

from moto.awslambda import urls as lambda_urls
from moto.awslambda.responses import LambdaResponse

from lmi_local.extensions import lmi_capacity_providers, lmi_functions, lmi_invoke, lmi_scaling, lmi_tags

# moto routes Lambda by these regexes before it picks the operation from botocore's model. Qualified names such as
# "fn:$LATEST.PUBLISHED" need [^/]+ (moto's own patterns refuse "$" and "."); moto strips every "$" from a pattern
# when it builds Flask rules, so none may appear here.
ROUTES = [
    r"{0}/(?P<api_version>[^/]+)/capacity-providers/?",
    r"{0}/(?P<api_version>[^/]+)/capacity-providers/(?P<capacity_provider_name>[^/]+)/?",
    r"{0}/(?P<api_version>[^/]+)/capacity-providers/(?P<capacity_provider_name>[^/]+)/function-versions/?",
    r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[^/]+)/function-scaling-config/?",
    r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[^/]+)/configuration/?",
    r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[^/]+)/?",
]

_installed = False


def install(settings) -> None:
    global _installed
    if _installed:
        return
    _installed = True
    for route in ROUTES:
        lambda_urls.url_paths.setdefault(route, LambdaResponse.dispatch)
    for name, handler in {**lmi_capacity_providers.HANDLERS, **lmi_scaling.HANDLERS}.items():
        setattr(LambdaResponse, name, handler)
    lmi_functions.install()
    lmi_invoke.install()
    lmi_tags.install()
