"""What EventBridge hands a target: the event envelope, or what the target's Input, InputPath or InputTransformer
makes of it (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html)."""

import json
import re
from datetime import datetime, timezone

from jsonpath_ng.ext import parse as parse_json_path

ENVELOPE_FIELDS = ("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail")
_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")
_MISSING = object()


def _iso_time(value):
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def envelope(moto_event):
    """The event as AWS delivers it: moto keeps ``time`` as epoch seconds and adds its own ``ingestion-time``."""
    event = {field: moto_event[field] for field in ENVELOPE_FIELDS if field in moto_event}
    if "replay-name" in moto_event:
        event["replay-name"] = moto_event["replay-name"]
    event["time"] = _iso_time(event.get("time"))
    return event


def _first_match(path, document):
    matches = parse_json_path(path).find(document)
    return matches[0].value if matches else _MISSING


def _as_text(value):
    if value is _MISSING or value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def _render(template, values):
    stripped = template.lstrip()
    if not stripped.startswith(("{", "[", '"')):
        # A plain-text template: every variable goes in as text.
        return _PLACEHOLDER.sub(lambda m: _as_text(values[m[1]]) if m[1] in values else m[0], template)
    out = []
    in_string = False
    index = 0
    while index < len(template):
        char = template[index]
        if in_string and char == "\\":
            out.append(template[index:index + 2])
            index += 2
            continue
        if char == '"':
            in_string = not in_string
        elif char == "<":
            match = _PLACEHOLDER.match(template, index)
            if match and match[1] in values:
                value = values[match[1]]
                if in_string:
                    # Inside quotes a variable is text; escaped so that the result stays JSON.
                    out.append(json.dumps(_as_text(value))[1:-1])
                else:
                    out.append("null" if value is _MISSING else json.dumps(value))
                index = match.end()
                continue
        out.append(char)
        index += 1
    return "".join(out)


def transform(transformer, event, ingestion_time, rule):
    values = {name: _first_match(path, event) for name, path in (transformer.get("InputPathsMap") or {}).items()}
    without_detail = {k: v for k, v in event.items() if k != "detail"}
    values.update({
        "aws.events.rule-arn": rule.arn,
        "aws.events.rule-name": rule.name,
        "aws.events.event.ingestion-time": ingestion_time,
        "aws.events.event": without_detail,
        "aws.events.event.json": event,
    })
    return _render(transformer.get("InputTemplate", ""), values)


def target_input(target, moto_event, rule):
    """The text a Lambda or Step Functions target receives for this event."""
    event = envelope(moto_event)
    if "Input" in target:
        return target["Input"]
    if "InputPath" in target:
        value = _first_match(target["InputPath"], event)
        return json.dumps(None if value is _MISSING else value)
    if "InputTransformer" in target:
        ingestion_time = _iso_time(moto_event.get("ingestion-time", moto_event.get("time")))
        return transform(target["InputTransformer"], event, ingestion_time, rule)
    return json.dumps(event)
