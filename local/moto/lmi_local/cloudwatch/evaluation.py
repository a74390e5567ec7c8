"""How a metric alarm turns the datapoints of its evaluation range into a state, and how CloudWatch words it.

The rules are those of the CloudWatch user guide ("How alarm state is evaluated when data is missing"): CloudWatch
retrieves more periods than EvaluationPeriods (the evaluation range); with at least EvaluationPeriods real
datapoints it evaluates the most recent ones; with fewer it adds as few missing datapoints as it can and treats
them as TreatMissingData says. Both example tables of that guide are reproduced by ``decide`` (see the tests):
for ``missing`` a gap after a real datapoint repeats that datapoint's verdict, a gap before the first one stays
unknown, and the alarm is ALARM with enough breaching datapoints, OK with any non-breaching one, else
INSUFFICIENT_DATA.
"""

import json
from decimal import Decimal
from dataclasses import dataclass
from datetime import datetime, timezone

ALARM, OK, INSUFFICIENT_DATA = "ALARM", "OK", "INSUFFICIENT_DATA"

_RELATIONS = {
    "GreaterThanThreshold": ("greater than", lambda value, threshold: value > threshold),
    "GreaterThanOrEqualToThreshold": ("greater than or equal to", lambda value, threshold: value >= threshold),
    "LessThanThreshold": ("less than", lambda value, threshold: value < threshold),
    "LessThanOrEqualToThreshold": ("less than or equal to", lambda value, threshold: value <= threshold),
}
BAND_OPERATORS = ("LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold")
TREATMENTS = ("missing", "ignore", "breaching", "notBreaching")


@dataclass(frozen=True)
class Rule:
    comparison_operator: str
    threshold: float
    evaluation_periods: int
    datapoints_to_alarm: int | None = None
    treat_missing_data: str | None = None

    @property
    def to_alarm(self) -> int:
        return self.datapoints_to_alarm or self.evaluation_periods

    @property
    def treatment(self) -> str:
        return self.treat_missing_data or "missing"

    def breaches(self, value: float) -> bool:
        return _RELATIONS[self.comparison_operator][1](value, self.threshold)

    @property
    def relation(self) -> str:
        return _RELATIONS[self.comparison_operator][0]


@dataclass(frozen=True)
class Point:
    """One evaluated datapoint: its period start, its value (None when filled) and its verdict."""

    moment: float
    value: float | None
    breaching: bool | None
    filled: bool = False
    sample_count: float | None = None


@dataclass(frozen=True)
class Decision:
    state: str | None  # None: keep the current state (TreatMissingData ignore without enough data)
    points: tuple  # the evaluated datapoints, oldest first
    filled_with: str | None = None  # "Breaching" / "NonBreaching" when missing datapoints were filled


def decide(slots, rule: Rule) -> Decision:
    """``slots``: the evaluation range oldest first, each ``(period_start, value or None[, sample_count])``."""
    slots = [tuple(slot) + (None,) * (3 - len(slot)) for slot in slots]
    needed = rule.evaluation_periods
    real = [index for index, slot in enumerate(slots) if slot[1] is not None]

    def point(index, breaching=None, filled=False):
        moment, value, count = slots[index]
        verdict = rule.breaches(value) if value is not None else breaching
        return Point(moment, value, verdict, filled, count)

    if len(real) >= needed:
        points = tuple(point(index) for index in real[-needed:])
        breaching = sum(1 for item in points if item.breaching)
        return Decision(ALARM if breaching >= rule.to_alarm else OK, points)

    window = _window(slots, real, needed)
    treatment = rule.treatment
    if treatment in ("breaching", "notBreaching"):
        as_breaching = treatment == "breaching"
        points = tuple(point(index, as_breaching, slots[index][1] is None) for index in window)
        breaching = sum(1 for item in points if item.breaching)
        return Decision(ALARM if breaching >= rule.to_alarm else OK, points,
                        "Breaching" if as_breaching else "NonBreaching")
    if treatment == "ignore":
        points = tuple(point(index) for index in window)
        known = [item for item in points if item.value is not None]
        if sum(1 for item in known if item.breaching) >= rule.to_alarm:
            return Decision(ALARM, points)
        if any(not item.breaching for item in known):
            return Decision(OK, points)
        return Decision(None, points)
    # missing: a gap repeats the verdict of the real datapoint before it; gaps before the first stay unknown.
    points, last_verdict = [], None
    for index in window:
        item = point(index, last_verdict)
        if slots[index][1] is not None:
            last_verdict = item.breaching
        points.append(item)
    points = tuple(points)
    known = [item for item in points if item.breaching is not None]
    if sum(1 for item in known if item.breaching) >= rule.to_alarm:
        return Decision(ALARM, points)
    if any(not item.breaching for item in known):
        return Decision(OK, points)
    return Decision(INSUFFICIENT_DATA, points)


def _window(slots, real, needed):
    """The real datapoints plus as few missing ones as make ``needed``: the earliest gaps after the oldest real
    datapoint first, then the gaps just before it."""
    if not real:
        return list(range(max(0, len(slots) - needed), len(slots)))
    oldest = real[0]
    missing_after = [index for index in range(oldest, len(slots)) if slots[index][1] is None]
    missing_before = [index for index in range(oldest - 1, -1, -1)]
    extra = (missing_after + missing_before)[:needed - len(real)]
    return sorted(real + extra)


def java_double(value: float) -> str:
    """A double as Java's Double.toString writes it (CloudWatch's reasons are written by Java): plain decimals
    from 10^-3 up to 10^7, scientific notation (``1.0E7``, ``1.5E-4``) outside, always one digit after the point."""
    value = float(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        text = repr(value)
        return text if "." in text else text + ".0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(str(digit) for digit in digits)
    scientific_exponent = exponent + len(digits) - 1
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{scientific_exponent}"


def _plural(count: int, singular: str) -> str:
    return f"{count} {singular}" if count == 1 else f"{count} {singular}s"


def _reason_time(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=timezone.utc).strftime("%d/%m/%y %H:%M:%S")


def iso_millis(moment: float) -> str:
    stamp = datetime.fromtimestamp(moment, tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}+0000"


def state_reason(decision: Decision, rule: Rule, new_state: str) -> str:
    points = decision.points
    if new_state == INSUFFICIENT_DATA:
        unknown = sum(1 for item in points if item.breaching is None) or rule.evaluation_periods
        return f"Insufficient Data: {_plural(unknown, 'datapoint')} {'was' if unknown == 1 else 'were'} unknown."
    wanted = new_state == ALARM
    listed = [item for item in reversed(points) if item.value is not None and item.breaching == wanted]
    filled = [item for item in points if item.filled]
    relation = rule.relation if wanted else f"not {rule.relation}"
    threshold = java_double(rule.threshold)
    values = ", ".join(f"{java_double(item.value)} ({_reason_time(item.moment)})" for item in listed)
    if not any(item.value is not None for item in points) and filled:
        periods = len(filled)
        return (f"Threshold Crossed: no datapoints were received for {_plural(periods, 'period')} and "
                f"{_plural(periods, 'missing datapoint')} {'was' if periods == 1 else 'were'} treated as "
                f"[{decision.filled_with}].")
    verb = "was" if len(listed) == 1 else "were"
    if rule.datapoints_to_alarm is not None:
        needed = rule.to_alarm if wanted else rule.evaluation_periods - rule.to_alarm + 1
        direction = "OK -> ALARM" if wanted else "ALARM -> OK"
        text = (f"Threshold Crossed: {len(listed)} out of the last {rule.evaluation_periods} datapoints [{values}] "
                f"{verb} {relation} the threshold ({threshold}) "
                f"(minimum {_plural(needed, 'datapoint')} for {direction} transition)")
    elif listed:
        text = (f"Threshold Crossed: {_plural(len(listed), 'datapoint')} [{values}] {verb} {relation} "
                f"the threshold ({threshold})")
    else:
        text = "Threshold Crossed"
    if filled:
        text += (f" and {_plural(len(filled), 'missing datapoint')} {'was' if len(filled) == 1 else 'were'} "
                 f"treated as [{decision.filled_with}]")
    return text + "."


def state_reason_data(decision: Decision, rule: Rule, period: int, query_date: float, statistic=None,
                      extended_statistic=None, new_state=None) -> str:
    data = {"version": "1.0", "queryDate": iso_millis(query_date)}
    points = decision.points
    if points:
        data["startDate"] = iso_millis(points[0].moment)
    if statistic:
        data["statistic"] = statistic
    if extended_statistic:
        data["extendedStatistic"] = extended_statistic
    data["period"] = period
    data["recentDatapoints"] = [item.value for item in points if item.value is not None]
    data["threshold"] = rule.threshold
    evaluated = []
    for item in reversed(points):
        entry = {"timestamp": iso_millis(item.moment)}
        if item.sample_count is not None and item.value is not None:
            entry["sampleCount"] = item.sample_count
        if item.value is not None:
            entry["value"] = item.value
        evaluated.append(entry)
    data["evaluatedDatapoints"] = evaluated
    return json.dumps(data, separators=(",", ":"))
