"""Small helpers for the local AWS's own JSON routes."""

import json


def read_json(environ):
    """The request body as JSON (``{}`` when empty); raises ValueError with a readable message otherwise."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as error:
        raise ValueError(f"the request body is not JSON: {error}") from error


def respond(start_response, status, body):
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
