"""Datapoints of one metric grouped into periods, and the statistics CloudWatch computes over a period.

A metric is its namespace, name and complete set of dimensions (CloudWatch treats every combination of
dimensions as a separate metric, so a query names all of them). Periods start at ``origin + k * period``.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

SIMPLE_STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
_PERCENTILE = re.compile(r"^p(\d+(?:\.\d+)?)$")
# A StatisticValues set has no raw values, so its percentile is approximated by spreading its SampleCount evenly
# between its Minimum and Maximum; at most this many points stand for one set (each weighted count / points).
STATISTIC_SET_SPREAD_POINTS = 100


class StatisticError(ValueError):
    """A statistic name the local AWS cannot compute."""


def to_epoch(moment) -> float:
    if isinstance(moment, (int, float)):
        return float(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def to_datetime(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def percentile_of(statistic: str):
    """The percentile a statistic such as ``p99`` or ``p99.9`` names, or None for other statistics."""
    match = _PERCENTILE.match(statistic or "")
    if not match:
        return None
    value = float(match.group(1))
    if value > 100:
        raise StatisticError(f"percentile statistic {statistic} is above p100; use p0 to p100")
    return value


def check_statistic(statistic: str) -> None:
    if statistic in SIMPLE_STATISTICS or percentile_of(statistic) is not None:
        return
    raise StatisticError(
        f"the statistic {statistic!r} is not supported by the local AWS; use one of {', '.join(SIMPLE_STATISTICS)} "
        "or a percentile such as p99 or p99.9")


@dataclass(frozen=True)
class MetricId:
    namespace: str
    name: str
    dimensions: frozenset

    @staticmethod
    def of(namespace, name, dimensions) -> "MetricId":
        pairs = []
        for dimension in dimensions or ():
            if isinstance(dimension, dict):
                pairs.append((dimension["Name"], dimension.get("Value")))
            else:
                pairs.append((dimension.name, dimension.value))
        return MetricId(namespace, name, frozenset(pairs))


def metric_of_datum(datum) -> MetricId:
    return MetricId.of(datum.namespace, datum.name, datum.dimensions)


@dataclass
class PeriodSamples:
    """What was put into one period of one metric: raw values and StatisticValues sets."""

    values: list = field(default_factory=list)
    sets: list = field(default_factory=list)  # (sum, minimum, maximum, sample_count)

    def add(self, datum) -> None:
        if hasattr(datum, "value"):
            self.values.append(float(datum.value))
        else:
            self.sets.append((float(datum.sum), float(datum.min), float(datum.max), float(datum.sample_count)))

    def sample_count(self) -> float:
        return len(self.values) + sum(entry[3] for entry in self.sets)

    def statistic(self, statistic: str):
        """The value of ``statistic`` over this period, or None when the period has no samples."""
        count = self.sample_count()
        if count <= 0:
            return None
        if statistic == "SampleCount":
            return count
        total = sum(self.values) + sum(entry[0] for entry in self.sets)
        if statistic == "Sum":
            return total
        if statistic == "Average":
            return total / count
        if statistic == "Minimum":
            return min(self.values + [entry[1] for entry in self.sets])
        if statistic == "Maximum":
            return max(self.values + [entry[2] for entry in self.sets])
        percentile = percentile_of(statistic)
        if percentile is None:
            check_statistic(statistic)
        return self._percentile(percentile)

    def _percentile(self, percentile: float) -> float:
        # Nearest rank: the smallest value with at least percentile% of the samples at or below it, so the result
        # is always a value that was put (CloudWatch also answers with values close to what was observed).
        weighted = [(value, 1.0) for value in self.values]
        for _, minimum, maximum, sample_count in self.sets:
            # A set whose minimum is its maximum (one value put with a count) is that value, sample_count times.
            points = 1 if minimum == maximum else max(1, min(int(sample_count), STATISTIC_SET_SPREAD_POINTS))
            weight = sample_count / points
            step = (maximum - minimum) / (points - 1) if points > 1 else 0.0
            weighted.extend((minimum + index * step, weight) for index in range(points))
        weighted.sort(key=lambda item: item[0])
        total = sum(weight for _, weight in weighted)
        if percentile <= 0:
            return weighted[0][0]
        target = total * percentile / 100.0
        running = 0.0
        for value, weight in weighted:
            running += weight
            if running >= target - 1e-9 * total:
                return value
        return weighted[-1][0]


def index_datums(datums, since: float = -math.inf, until: float = math.inf):
    """``{MetricId: [(epoch, datum), ...]}`` of the datums in ``[since, until)``, oldest first."""
    index = {}
    for datum in datums:
        moment = to_epoch(datum.timestamp)
        if since <= moment < until:
            index.setdefault(metric_of_datum(datum), []).append((moment, datum))
    for entries in index.values():
        entries.sort(key=lambda entry: entry[0])
    return index


def bucket_start(moment: float, period: int, origin: float) -> float:
    return origin + math.floor((moment - origin) / period) * period


def periods(index, metric: MetricId, period: int, start: float, end: float, origin: float, unit=None):
    """``{period_start: PeriodSamples}`` for one metric over ``[start, end)``; periods without samples are absent."""
    grouped = {}
    for moment, datum in index.get(metric, ()):
        if moment < start or moment >= end:
            continue
        if unit and getattr(datum, "unit", None) != unit:
            continue
        grouped.setdefault(bucket_start(moment, period, origin), PeriodSamples()).add(datum)
    return grouped


def series(index, metric: MetricId, period: int, statistic: str, start: float, end: float, origin: float,
           unit=None):
    """``{period_start: value}`` of ``statistic`` for one metric."""
    check_statistic(statistic)
    return {moment: samples.statistic(statistic)
            for moment, samples in sorted(periods(index, metric, period, start, end, origin, unit).items())}
