"""The input EventBridge builds for a target (pure functions, no server)."""

import json

from lmi_local.eventbridge_input import envelope, target_input


class Rule:
    name = "on-migration"
    arn = "arn:aws:events:us-east-1:123456789012:rule/lmi-bus/on-migration"


MOTO_EVENT = {
    "version": "0", "id": "e-1", "detail-type": "MigrationRequested", "source": "lmi.control-plane",
    "account": "123456789012", "time": 1772368205.0, "region": "us-east-1", "resources": [],
    "detail": {"functionName": "orders", "note": 'say "hi"', "limits": {"memory": 2048}},
    "ingestion-time": 1772368206.5,
}


def test_the_envelope_has_aws_fields_and_an_iso_time():
    assert envelope(MOTO_EVENT) == {
        "version": "0", "id": "e-1", "detail-type": "MigrationRequested", "source": "lmi.control-plane",
        "account": "123456789012", "time": "2026-03-01T12:30:05Z", "region": "us-east-1", "resources": [],
        "detail": {"functionName": "orders", "note": 'say "hi"', "limits": {"memory": 2048}}}


def test_without_input_settings_the_target_gets_the_envelope():
    assert json.loads(target_input({}, MOTO_EVENT, Rule())) == envelope(MOTO_EVENT)


def test_input_wins_over_the_event():
    assert target_input({"Input": '{"a": 1}'}, MOTO_EVENT, Rule()) == '{"a": 1}'


def test_input_path_selects_a_value_and_a_missing_path_is_null():
    assert json.loads(target_input({"InputPath": "$.detail.limits"}, MOTO_EVENT, Rule())) == {"memory": 2048}
    assert json.loads(target_input({"InputPath": "$.detail.nothing"}, MOTO_EVENT, Rule())) is None


def transformed(template, paths=None):
    return target_input({"InputTransformer": {"InputPathsMap": paths or {}, "InputTemplate": template}},
                        MOTO_EVENT, Rule())


def test_variables_outside_quotes_are_json_values_and_inside_quotes_text():
    out = transformed('{"fn": <fn>, "limits": <limits>, "text": "fn=<fn> limits=<limits>"}',
                      {"fn": "$.detail.functionName", "limits": "$.detail.limits"})
    assert json.loads(out) == {"fn": "orders", "limits": {"memory": 2048},
                               "text": 'fn=orders limits={"memory": 2048}'}


def test_text_with_quotes_stays_valid_json_inside_a_string():
    assert json.loads(transformed('{"note": "<note>!"}', {"note": "$.detail.note"})) == {"note": 'say "hi"!'}


def test_missing_variables_are_null_outside_and_empty_inside_quotes():
    out = transformed('{"a": <x>, "b": "[<x>]"}', {"x": "$.detail.absent"})
    assert json.loads(out) == {"a": None, "b": "[]"}


def test_predefined_variables():
    out = json.loads(transformed('{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", '
                                 '"at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, '
                                 '"full": <aws.events.event.json>}'))
    assert out["rule"] == "on-migration"
    assert out["arn"] == Rule.arn
    assert out["at"] == "2026-03-01T12:30:06Z"
    assert "detail" not in out["event"] and out["event"]["id"] == "e-1"
    assert out["full"] == envelope(MOTO_EVENT)


def test_a_plain_text_template_inserts_text():
    assert transformed("function <fn> requested", {"fn": "$.detail.functionName"}) == "function orders requested"


def test_unknown_angle_brackets_are_left_alone():
    assert json.loads(transformed('{"cmp": "a<b>c", "v": <fn>}', {"fn": "$.detail.functionName"})) == {
        "cmp": "a<b>c", "v": "orders"}
