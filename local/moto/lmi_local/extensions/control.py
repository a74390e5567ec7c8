"""The local AWS's own control routes under ``/_lmi/``: health and settings."""

import json

from lmi_local import MOTO_VERSION
from lmi_local.settings import SETTINGS, update_settings

PREFIX = "/_lmi/"


def _json(start_response, status, body):
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


def middleware(app, settings):
    def control_app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return app(environ, start_response)
        method = environ["REQUEST_METHOD"]
        if path == "/_lmi/health":
            return _json(start_response, "200 OK", {"status": "ok", "moto": MOTO_VERSION})
        if path == "/_lmi/settings" and method == "GET":
            return _json(start_response, "200 OK", json.loads(SETTINGS.to_json()))
        if path == "/_lmi/settings" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                update_settings(json.loads(environ["wsgi.input"].read(length) or b"{}"))
            except (ValueError, TypeError) as error:
                return _json(start_response, "400 Bad Request", {"message": str(error)})
            return _json(start_response, "200 OK", json.loads(SETTINGS.to_json()))
        return _json(start_response, "404 Not Found", {"message": f"no local AWS control route {method} {path}"})

    return control_app
