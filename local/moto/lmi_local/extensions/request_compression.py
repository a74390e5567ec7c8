"""Requests whose body the SDK compressed (``Content-Encoding: gzip``) reach moto decompressed.

SDKs compress large bodies of operations that carry the request-compression trait (CloudWatch PutMetricData,
about 10 KB and more, by boto3 and the Java SDK v2). AWS decompresses them; moto 5.2.1 does not and answers 500
(BadGzipFile). S3 is left alone: there Content-Encoding is metadata stored with the object, not transport framing.
"""

import gzip
import zlib

from lmi_local.wsgi import read_body, respond_json, with_body

_COMPRESSED = ("gzip", "x-gzip")


def _signing_service(environ) -> str:
    authorization = environ.get("HTTP_AUTHORIZATION", "")
    credential = authorization.split("Credential=", 1)[1].split(",", 1)[0] if "Credential=" in authorization else ""
    if not credential and "X-Amz-Credential=" in environ.get("QUERY_STRING", ""):
        credential = environ["QUERY_STRING"].split("X-Amz-Credential=", 1)[1].split("&", 1)[0].replace("%2F", "/")
    parts = credential.split("/")
    return parts[3].lower() if len(parts) >= 5 else ""


def middleware(app, settings):
    def decompressing_app(environ, start_response):
        encodings = [token.strip().lower() for token in environ.get("HTTP_CONTENT_ENCODING", "").split(",") if token.strip()]
        if not encodings or encodings[-1] not in _COMPRESSED or _signing_service(environ) == "s3":
            return app(environ, start_response)
        compressed = read_body(environ)
        try:
            body = gzip.decompress(compressed)
        except (OSError, EOFError, zlib.error) as error:
            return respond_json(start_response, 400, {
                "__type": "SerializationException",
                "message": f"the request says Content-Encoding: gzip but its body is not valid gzip ({error}); "
                           "send the body uncompressed or compress it with gzip",
            })
        remaining = ", ".join(encodings[:-1])
        rewritten = with_body(environ, body)
        if remaining:
            rewritten["HTTP_CONTENT_ENCODING"] = remaining
        else:
            rewritten.pop("HTTP_CONTENT_ENCODING", None)
        return app(rewritten, start_response)

    return decompressing_app
