"""The moto side of the function-host protocol (local/README-host-protocol.md): one HTTP POST per invocation."""

import http.client
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")


@dataclass(frozen=True)
class Invocation:
    """What a host needs to run one invocation; captured when the invocation is accepted."""

    function_name: str
    function_arn: str
    version: str
    handler: str
    memory_mb: int
    timeout_seconds: int
    account_id: str
    region: str
    invocation_type: str
    request_id: str
    payload: bytes

    def headers(self):
        return {
            "Content-Type": "application/json",
            "X-Amz-Invocation-Type": self.invocation_type,
            "X-Lmi-Request-Id": self.request_id,
            "X-Lmi-Function-Arn": self.function_arn,
            "X-Lmi-Function-Version": self.version,
            "X-Lmi-Handler": self.handler,
            "X-Lmi-Memory-Mb": str(self.memory_mb),
            "X-Lmi-Timeout-Seconds": str(self.timeout_seconds),
            "X-Lmi-Account-Id": self.account_id,
            "X-Lmi-Region": self.region,
        }


@dataclass(frozen=True)
class HostAnswer:
    status: int
    function_error: str | None
    body: bytes


class HostUnreachable(Exception):
    """No connection, or the connection broke before an answer came."""


class HostTimedOut(Exception):
    """The host did not answer within the function's timeout plus the grace."""


def invocation_path(function_name):
    return "/2015-03-31/functions/%s/invocations" % quote(function_name, safe="")


def post_invocation(host_url, invocation, timeout_seconds):
    parts = urlsplit(host_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_seconds)
    try:
        connection.request("POST", parts.path.rstrip("/") + invocation_path(invocation.function_name),
                           body=invocation.payload, headers=invocation.headers())
        response = connection.getresponse()
        body = response.read()
        return HostAnswer(response.status, response.getheader("X-Amz-Function-Error"), body)
    except TimeoutError as error:
        raise HostTimedOut(str(error)) from error
    except (OSError, http.client.HTTPException) as error:
        raise HostUnreachable(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()
