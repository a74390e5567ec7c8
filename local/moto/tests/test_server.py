import json
import urllib.request


def test_health_names_the_moto_version(endpoint):
    with urllib.request.urlopen(endpoint + "/_lmi/health") as response:
        assert json.loads(response.read()) == {"status": "ok", "moto": "5.2.1"}


def test_serves_boto3_calls(client):
    assert client("sts").get_caller_identity()["Account"] == "123456789012"


def test_settings_reject_unknown_names(endpoint):
    request = urllib.request.Request(endpoint + "/_lmi/settings", data=b'{"no_such_setting": 1}', method="POST")
    try:
        urllib.request.urlopen(request)
        raise AssertionError("expected 400")
    except urllib.error.HTTPError as error:
        assert error.code == 400
        assert "no_such_setting" in json.loads(error.read())["message"]


def test_settings_change_and_restore(local_settings):
    assert local_settings(publish_ready_seconds=3)["publish_ready_seconds"] == 3.0
