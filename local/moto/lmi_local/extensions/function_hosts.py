"""Forwards invocations of the control plane's own functions to a function host (a local process that runs them).

Routes:
- ``POST /_lmi/function-hosts`` ``{"hostUrl": "http://127.0.0.1:PORT", "functions": ["name", ...]}`` registers
  (a name registered again moves to the new host);
- ``GET /_lmi/function-hosts`` lists ``{"functions": {"name": "hostUrl"}}``;
- ``DELETE /_lmi/function-hosts[?hostUrl=...]`` removes all registrations, or those of one host.
``POST /moto-api/reset`` removes them too: a reset starts from nothing, and the functions are gone with it.

What is patched in moto, and nothing else:
- ``LambdaFunction.invoke`` (the model): a registered function's invocation goes to its host; every caller of
  the model (Invoke over HTTP, which Step Functions' lambda tasks use, and EventBridge Lambda targets) gets it.
- ``LambdaSimpleBackend.invoke``: Docker-less moto answers every Invoke with a canned echo and never reaches the
  model; for a registered function name it now goes on to ``LambdaBackend.invoke`` (function lookup, then the
  model). Unregistered names keep the echo.
- ``LambdaResponse.invoke`` reads the qualifier from the ``Qualifier`` query parameter only, as AWS does. moto's
  handler asks for ``qualifier``, which SDKs never send (so every Invoke by version ran $LATEST), and then falls
  back to the request body: an event with a top-level ``"qualifier"`` field (the control plane's own step inputs
  have one) was taken for the qualifier and answered "Function not found: name:<that value>".
- The WSGI layer restores the invocation's request id in ``x-amzn-RequestId``, which moto's responses layer
  replaces with a random string.
"""

from urllib.parse import parse_qs

from lmi_local.forwarding import invoke as forwarding
from lmi_local.forwarding.registry import REGISTRY, RegistrationError
from lmi_local.wsgi_json import read_json, respond

ROUTE = "/_lmi/function-hosts"


def _function_name_of(name_or_arn):
    # Invoke accepts a name, name:qualifier, a partial ARN (account:function:name) or a full ARN.
    if ":function:" in name_or_arn:
        name_or_arn = name_or_arn.split(":function:", 1)[1]
    return name_or_arn.split(":", 1)[0]


def install(settings):
    from moto.awslambda.models import LambdaBackend, LambdaFunction
    from moto.awslambda_simple.models import LambdaSimpleBackend

    model_invoke = LambdaFunction.invoke

    def invoke(self, body, request_headers, response_headers):
        host_url = REGISTRY.host_for(self.function_name)
        if host_url is None:
            return model_invoke(self, body, request_headers, response_headers)
        return forwarding.forward(self, host_url, body, request_headers, response_headers, settings)

    LambdaFunction.invoke = invoke

    simple_invoke = LambdaSimpleBackend.invoke

    def simple_backend_invoke(self, function_name, qualifier, body, headers, response_headers):
        if REGISTRY.host_for(_function_name_of(function_name)) is None:
            return simple_invoke(self, function_name, qualifier, body, headers, response_headers)
        return LambdaBackend.invoke(self, function_name, qualifier, body, headers, response_headers)

    LambdaSimpleBackend.invoke = simple_backend_invoke

    from moto.awslambda.responses import LambdaResponse

    response_invoke = LambdaResponse.invoke

    def invoke_with_the_query_qualifier(self):
        moto_get_param = self._get_param

        def get_param(name, if_none=None):
            if name != "qualifier":
                return moto_get_param(name, if_none)
            values = self.querystring.get("Qualifier")
            return values[0] if values else if_none

        self._get_param = get_param
        try:
            return response_invoke(self)
        finally:
            del self._get_param

    LambdaResponse.invoke = invoke_with_the_query_qualifier


def _routes(environ, start_response):
    method = environ["REQUEST_METHOD"]
    if method == "GET":
        return respond(start_response, "200 OK", {"functions": REGISTRY.snapshot()})
    if method == "DELETE":
        host_url = parse_qs(environ.get("QUERY_STRING", "")).get("hostUrl", [None])[0]
        return respond(start_response, "200 OK", {"functions": REGISTRY.clear(host_url)})
    if method == "POST":
        try:
            body = read_json(environ)
            if not isinstance(body, dict):
                raise RegistrationError('the body must be a JSON object: {"hostUrl": ..., "functions": [...]}')
            functions = REGISTRY.register(body.get("hostUrl"), body.get("functions"))
        except ValueError as error:
            return respond(start_response, "400 Bad Request", {"message": str(error)})
        return respond(start_response, "200 OK", {"functions": functions})
    return respond(start_response, "405 Method Not Allowed", {"message": f"{method} {ROUTE}: use GET, POST or DELETE"})


def _restoring_request_id(start_response):
    internal = forwarding.INTERNAL_REQUEST_ID_HEADER.lower()

    def start(status, headers, exc_info=None):
        request_id = next((value for name, value in headers if name.lower() == internal), None)
        if request_id is not None:
            headers = [(name, value) for name, value in headers
                       if name.lower() not in (internal, "x-amzn-requestid")]
            headers.append(("x-amzn-RequestId", request_id))
        return start_response(status, headers, exc_info)

    return start


def middleware(app, settings):
    def function_hosts_app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == ROUTE:
            return _routes(environ, start_response)
        if path == "/moto-api/reset" and environ["REQUEST_METHOD"] == "POST":
            result = app(environ, start_response)
            REGISTRY.clear()
            return result
        if path.endswith("/invocations") and not REGISTRY.is_empty():
            return app(environ, _restoring_request_id(start_response))
        return app(environ, start_response)

    return function_hosts_app
