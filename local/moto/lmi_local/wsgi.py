"""Helpers for middlewares that read or rewrite a request body, or look at the response of the app they wrap."""

import io
import json


def read_body(environ) -> bytes:
    """The whole request body, whether it came with a Content-Length or chunked."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH")
    if length:
        return stream.read(int(length))
    if environ.get("wsgi.input_terminated") or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return stream.read()
    return b""


def with_body(environ, body: bytes, **overrides):
    """A copy of ``environ`` whose body is ``body`` (Content-Length set, chunked framing gone)."""
    rewritten = dict(environ)
    rewritten["wsgi.input"] = io.BytesIO(body)
    rewritten["CONTENT_LENGTH"] = str(len(body))
    rewritten.pop("HTTP_TRANSFER_ENCODING", None)
    rewritten["wsgi.input_terminated"] = True
    rewritten.update(overrides)
    return rewritten


def call(app, environ):
    """Run ``app`` and return ``(status_code, headers, body)`` instead of streaming it."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = headers
        return lambda data: captured.setdefault("written", []).append(data)

    chunks = app(environ, start_response)
    try:
        body = b"".join(captured.get("written", [])) + b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return int(captured["status"].split()[0]), captured["headers"], body


def respond(start_response, status_code: int, headers, body: bytes):
    reason = _REASONS.get(status_code, "Status")
    headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
    headers.append(("Content-Length", str(len(body))))
    start_response(f"{status_code} {reason}", headers)
    return [body]


def respond_json(start_response, status_code: int, payload):
    return respond(start_response, status_code, [("Content-Type", "application/json")],
                   json.dumps(payload, default=str).encode())


_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 413: "Payload Too Large", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}
