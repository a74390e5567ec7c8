"""A function host for tests: a real HTTP server on 127.0.0.1 that speaks local/README-host-protocol.md.

Each function gets a behaviour: a callable that takes the recorded request and returns an ``Answer``. Every
request is recorded, so tests can count attempts and check what the local AWS sent.
"""

import json
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import post_json


@dataclass
class Answer:
    payload: object = None
    status: int = 200
    function_error: str | None = None
    delay_seconds: float = 0.0
    raw: bytes | None = None

    def body(self):
        if self.raw is not None:
            return self.raw
        return json.dumps(self.payload).encode()


def error_answer(error_type, message="boom"):
    return Answer({"errorMessage": message, "errorType": error_type,
                   "stackTrace": ["io.lmi.Handler.handleRequest(Handler.java:42)"]}, function_error="Unhandled")


@dataclass
class Recorded:
    function_name: str
    path: str
    headers: dict
    body: bytes
    at: float = field(default_factory=time.monotonic)

    def json(self):
        return json.loads(self.body)


class FakeFunctionHost:
    def __init__(self):
        self.recorded = []
        self._behaviours = {}
        self._condition = threading.Condition()
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                parts = self.path.split("/")
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                name = parts[-2] if len(parts) >= 5 and parts[-1] == "invocations" else None
                request = Recorded(name, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with host._condition:
                    host.recorded.append(request)
                    host._condition.notify_all()
                behaviour = host._behaviours.get(name)
                answer = behaviour(request) if behaviour else Answer(status=404, raw=b"not hosted here")
                if answer.delay_seconds:
                    time.sleep(answer.delay_seconds)
                payload = answer.body()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                if answer.function_error:
                    self.send_header("X-Amz-Function-Error", answer.function_error)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def on(self, function_name, behaviour):
        """``behaviour``: an Answer, a list of Answers (one per call, the last repeats) or a callable."""
        if isinstance(behaviour, Answer):
            answers = [behaviour]
        elif isinstance(behaviour, list):
            answers = list(behaviour)
        else:
            self._behaviours[function_name] = behaviour
            return
        calls = [0]

        def next_answer(_request):
            index = min(calls[0], len(answers) - 1)
            calls[0] += 1
            return answers[index]

        self._behaviours[function_name] = next_answer

    def requests_for(self, function_name):
        with self._condition:
            return [r for r in self.recorded if r.function_name == function_name]

    def wait_for(self, function_name, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                found = [r for r in self.recorded if r.function_name == function_name]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{function_name}: expected {count} invocations, got {len(found)}")
                self._condition.wait(remaining)

    def stop(self):
        self._server.shutdown()
        self._server.server_close()


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def function_host(endpoint):
    """A running fake host; its registrations are removed and the server stopped after the test."""
    host = FakeFunctionHost()
    yield host
    host.stop()
    query = urllib.parse.urlencode({"hostUrl": host.url})
    urllib.request.urlopen(urllib.request.Request(endpoint + "/_lmi/function-hosts?" + query, method="DELETE")).read()


def register(endpoint, host, *functions):
    return post_json(endpoint + "/_lmi/function-hosts", {"hostUrl": host.url, "functions": list(functions)})
