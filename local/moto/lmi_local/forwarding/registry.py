"""Which function host runs which function: function name -> host URL, shared by all accounts and regions."""

import ipaddress
import re
import threading
from urllib.parse import urlsplit

# AWS's own constraint on a function name (CreateFunction's FunctionName without ARN or qualifier).
FUNCTION_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


class RegistrationError(ValueError):
    """A registration request that names the offending field and says how to fix it."""


def _is_loopback(hostname):
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def validate_host_url(host_url):
    if not isinstance(host_url, str) or not host_url:
        raise RegistrationError('hostUrl is required: the host\'s base URL, e.g. "http://127.0.0.1:9001"')
    parts = urlsplit(host_url)
    if parts.scheme != "http" or not parts.hostname or parts.port is None:
        raise RegistrationError(f'hostUrl {host_url!r} must look like "http://127.0.0.1:PORT"')
    if not _is_loopback(parts.hostname):
        raise RegistrationError(f"hostUrl {host_url!r} must be a loopback address (127.0.0.1, ::1 or localhost): "
                                "the local AWS forwards invocations only to processes on this machine")
    if parts.query or parts.fragment:
        raise RegistrationError(f"hostUrl {host_url!r} must not carry a query or fragment")
    return host_url.rstrip("/")


def validate_function_names(functions):
    if not isinstance(functions, list) or not functions:
        raise RegistrationError('functions must be a non-empty list of function names, e.g. ["lmi-assess"]')
    for index, name in enumerate(functions):
        if not isinstance(name, str) or not FUNCTION_NAME_PATTERN.match(name):
            raise RegistrationError(f"functions[{index}] = {name!r} is not a function name: give the plain name "
                                    "(1-64 letters, digits, '-' or '_'), not an ARN and without a qualifier")
    return list(functions)


class FunctionHostRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self._hosts = {}
        # Bumped by every removal, so that a pending asynchronous retry can tell that its registration is gone.
        self._generation = 0

    def register(self, host_url, functions):
        host_url = validate_host_url(host_url)
        functions = validate_function_names(functions)
        with self._lock:
            for name in functions:
                self._hosts[name] = host_url
            return dict(self._hosts)

    def host_for(self, function_name):
        return self._hosts.get(function_name)

    def is_empty(self):
        return not self._hosts

    @property
    def generation(self):
        return self._generation

    def clear(self, host_url=None):
        with self._lock:
            if host_url is None:
                self._hosts.clear()
            else:
                host_url = host_url.rstrip("/")
                for name in [n for n, h in self._hosts.items() if h == host_url]:
                    del self._hosts[name]
            self._generation += 1
            return dict(self._hosts)

    def snapshot(self):
        with self._lock:
            return dict(self._hosts)


REGISTRY = FunctionHostRegistry()
