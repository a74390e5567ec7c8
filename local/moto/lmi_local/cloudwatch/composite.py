"""Composite alarms: AlarmRule expressions over the states of other alarms.

Grammar (PutCompositeAlarm API reference): ``ALARM(x)``, ``OK(x)``, ``INSUFFICIENT_DATA(x)`` with x an alarm name or
ARN, quoted or not; ``TRUE``, ``FALSE``; ``AND``, ``OR``, ``NOT`` and parentheses. The composite alarm is ALARM
while its rule is true and OK while it is false; it stays INSUFFICIENT_DATA while every alarm it names does.
"""

import json
import re
from datetime import datetime, timezone

from lmi_local.cloudwatch.datapoints import to_epoch

_TOKEN = re.compile(r'\s*(?:(?P<function>ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"(?P<quoted>[^"]+)"|(?P<bare>[^\s()"]+))'
                    r'\s*\)|(?P<word>TRUE|FALSE|AND|OR|NOT)\b|(?P<paren>[()]))')


class RuleError(ValueError):
    """An AlarmRule that does not parse; the message says where."""


def parse(rule: str):
    tokens, position = [], 0
    rule = rule or ""
    while position < len(rule):
        if rule[position:].strip() == "":
            break
        match = _TOKEN.match(rule, position)
        if not match:
            raise RuleError(f"AlarmRule {rule!r} cannot be read at position {position}: use ALARM(name), OK(name), "
                            "INSUFFICIENT_DATA(name), TRUE, FALSE, AND, OR, NOT and parentheses")
        if match.group("function"):
            tokens.append(("state", match.group("function"), match.group("quoted") or match.group("bare")))
        elif match.group("word"):
            tokens.append(("word", match.group("word")))
        else:
            tokens.append(("paren", match.group("paren")))
        position = match.end()
    if not tokens:
        raise RuleError("AlarmRule is empty")
    node, index = _disjunction(tokens, 0, rule)
    if index != len(tokens):
        raise RuleError(f"AlarmRule {rule!r} has something left over after a complete expression")
    return node


def _disjunction(tokens, index, rule):
    node, index = _conjunction(tokens, index, rule)
    while index < len(tokens) and tokens[index] == ("word", "OR"):
        right, index = _conjunction(tokens, index + 1, rule)
        node = ("or", node, right)
    return node, index


def _conjunction(tokens, index, rule):
    node, index = _negation(tokens, index, rule)
    while index < len(tokens) and tokens[index] == ("word", "AND"):
        right, index = _negation(tokens, index + 1, rule)
        node = ("and", node, right)
    return node, index


def _negation(tokens, index, rule):
    if index < len(tokens) and tokens[index] == ("word", "NOT"):
        node, index = _negation(tokens, index + 1, rule)
        return ("not", node), index
    if index >= len(tokens):
        raise RuleError(f"AlarmRule {rule!r} ends where an expression was expected")
    token = tokens[index]
    if token == ("paren", "("):
        node, index = _disjunction(tokens, index + 1, rule)
        if index >= len(tokens) or tokens[index] != ("paren", ")"):
            raise RuleError(f"AlarmRule {rule!r} misses a closing parenthesis")
        return node, index + 1
    if token[0] == "state":
        return ("state", token[1], token[2]), index + 1
    if token in (("word", "TRUE"), ("word", "FALSE")):
        return ("constant", token[1] == "TRUE"), index + 1
    raise RuleError(f"AlarmRule {rule!r} has {token[-1]!r} where an expression was expected")


def referenced(node, found=None):
    found = [] if found is None else found
    if node[0] == "state":
        found.append(node[2])
    elif node[0] in ("and", "or"):
        referenced(node[1], found)
        referenced(node[2], found)
    elif node[0] == "not":
        referenced(node[1], found)
    return found


def _truth(node, state_of):
    kind = node[0]
    if kind == "constant":
        return node[1]
    if kind == "state":
        return state_of(node[2]) == node[1]
    if kind == "not":
        return not _truth(node[1], state_of)
    if kind == "and":
        return _truth(node[1], state_of) and _truth(node[2], state_of)
    return _truth(node[1], state_of) or _truth(node[2], state_of)


def _long_time(moment) -> str:
    return datetime.fromtimestamp(to_epoch(moment), tz=timezone.utc).strftime("%A %d %B, %Y %H:%M:%S UTC")


def _iso(moment) -> str:
    stamp = datetime.fromtimestamp(to_epoch(moment), tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}+0000"


def evaluate(composite, alarms_by_key):
    """``(state, reason, reason_data)`` of a composite alarm, or None when it keeps its state.

    ``alarms_by_key`` maps both names and ARNs to alarms."""
    node = parse(composite.rule)
    names = referenced(node)
    children = [alarms_by_key.get(name) for name in names]

    def state_of(name):
        alarm = alarms_by_key.get(name)
        return alarm.state_value if alarm is not None else "INSUFFICIENT_DATA"

    truth = _truth(node, state_of)
    if not truth and all(child is None or child.state_value == "INSUFFICIENT_DATA" for child in children):
        return None
    state = "ALARM" if truth else "OK"
    if state == composite.state_value:
        return None
    wanted = "ALARM" if truth else None
    triggering = [child for child in children if child is not None and (wanted is None or child.state_value == wanted)]
    triggering.sort(key=lambda child: to_epoch(child.state_updated_timestamp), reverse=True)
    if triggering:
        newest = triggering[0]
        reason = f"{newest.alarm_arn} transitioned to {newest.state_value} at {_long_time(newest.state_updated_timestamp)}"
    else:
        reason = f"the rule {composite.rule} evaluated to {'TRUE' if truth else 'FALSE'}"
    data = {"triggeringAlarms": [{"arn": child.alarm_arn, "state": {
        "value": child.state_value, "timestamp": _iso(child.state_updated_timestamp)}} for child in triggering]}
    return state, reason, json.dumps(data, separators=(",", ":"))
