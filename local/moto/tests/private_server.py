"""A second local AWS for tests that must reset it: a reset of the session's server would wipe other tests' state."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent


@pytest.fixture
def private_endpoint():
    env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "lmi_local", "--port", "0", "--exit-with-parent"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=env, text=True)
    url = None
    for line in process.stdout:
        if line.startswith("LMI_LOCAL_READY "):
            url = line.split()[1]
            break
    if url is None:
        process.kill()
        pytest.fail("the private local AWS did not start")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    process.stdout.close()
    process.stdin.close()
