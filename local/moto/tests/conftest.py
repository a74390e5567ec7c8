"""Starts one local AWS (``python3 -m lmi_local``) per test session on a free loopback port."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

HERE = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
ACCOUNT = "123456789012"


@pytest.fixture(scope="session")
def endpoint():
    env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "lmi_local", "--port", "0", "--exit-with-parent"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
    )
    url = None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("LMI_LOCAL_READY "):
            url = line.split()[1]
            break
    if url is None:
        process.kill()
        pytest.fail("the local AWS did not start:\n" + "".join(seen))
    log = open(HERE / "tests" / ".local-aws.log", "w")

    def drain():
        for line in process.stdout:
            log.write(line)
            log.flush()

    import threading
    threading.Thread(target=drain, daemon=True).start()
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def client(endpoint):
    """``client("lambda")``: a boto3 client for the local AWS."""

    def make(service, **config):
        return boto3.client(
            service, endpoint_url=endpoint, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing",
            config=Config(retries={"max_attempts": 1, "mode": "standard"}, **config),
        )

    return make


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


@pytest.fixture
def local_settings(endpoint):
    """``local_settings(capacity_provider_ready_seconds=5)``; the defaults come back after the test."""
    with urllib.request.urlopen(endpoint + "/_lmi/settings") as response:
        original = json.loads(response.read())

    def apply(**values):
        return post_json(endpoint + "/_lmi/settings", values)

    yield apply
    post_json(endpoint + "/_lmi/settings", original)
