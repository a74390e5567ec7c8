"""Serves each function version's deployment package, so that GetFunction's Code.Location can be downloaded.

moto 5.2.1 answers GetFunction with a Location on a made-up S3 host. Here the Location is
``http://<this server>/_lmi/code/<account>/<region>/<function>/<version>/<sha256>``, which answers the exact bytes
the version was created or last updated with (a ZipFile upload, or the S3 object named by S3Bucket/S3Key, read
from moto's S3 when the code was set). Like AWS's presigned URL, the link names one package: once $LATEST gets new
code the old link answers 404 (call GetFunction again); a published version's link keeps working. Image functions
keep their ImageUri and get no Location, as on AWS.

Patched in moto: ``LambdaFunction.get_code`` (the Code part of GetFunction), nothing else.
"""

import hashlib
import os
import re
from urllib.parse import quote, unquote

from lmi_local.wsgi_json import respond

PREFIX = "/_lmi/code/"
_CODE_PATH = re.compile(r"^/_lmi/code/(?P<account>\d{12})/(?P<region>[a-z0-9-]+)/(?P<name>[^/]+)/"
                        r"(?P<version>[^/]+)/(?P<digest>[0-9a-f]{64})$")

# The address this server listens on, as the WSGI server reports it; known from the first request on.
_server_base_url = None


def _base_url():
    if _server_base_url:
        return _server_base_url
    return "http://127.0.0.1:%s" % os.environ.get("MOTO_PORT", "5000")


def _code_digest(function):
    return hashlib.sha256(function.code_bytes or b"").hexdigest()


def code_location(function):
    return "%s%s%s/%s/%s/%s/%s" % (_base_url(), PREFIX, function.account_id, function.region,
                                   quote(function.function_name, safe=""), quote(str(function.version), safe=""),
                                   _code_digest(function))


def install(settings):
    from moto.awslambda.models import LambdaFunction

    original_get_code = LambdaFunction.get_code

    def get_code(self):
        response = original_get_code(self)
        if self.package_type != "Image" and "ImageUri" not in self.code:
            response["Code"] = {"RepositoryType": "S3", "Location": code_location(self)}
        return response

    LambdaFunction.get_code = get_code


def _serve(environ, start_response):
    from moto.awslambda.exceptions import LambdaClientError
    from moto.awslambda.utils import get_backend

    match = _CODE_PATH.match(environ.get("PATH_INFO", ""))
    if environ["REQUEST_METHOD"] != "GET" or not match:
        return respond(start_response, "404 Not Found",
                       {"message": "no such code package; take the URL from GetFunction's Code.Location"})
    try:
        function = get_backend(match["account"], match["region"]).get_function(
            unquote(match["name"]), unquote(match["version"]))
    except LambdaClientError as error:
        return respond(start_response, "404 Not Found", {"message": error.message})
    if _code_digest(function) != match["digest"]:
        return respond(start_response, "404 Not Found",
                       {"message": "the function's code changed since this Location was issued; call GetFunction again"})
    package = function.code_bytes or b""
    start_response("200 OK", [("Content-Type", "application/zip"), ("Content-Length", str(len(package)))])
    return [package]


def middleware(app, settings):
    def code_packages_app(environ, start_response):
        global _server_base_url
        if _server_base_url is None and environ.get("SERVER_PORT"):
            host = environ.get("SERVER_NAME") or "127.0.0.1"
            _server_base_url = "http://%s:%s" % ("[%s]" % host if ":" in host else host, environ["SERVER_PORT"])
        if environ.get("PATH_INFO", "").startswith(PREFIX):
            return _serve(environ, start_response)
        return app(environ, start_response)

    return code_packages_app
