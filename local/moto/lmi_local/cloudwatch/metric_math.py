"""CloudWatch metric math: the expression language of GetMetricData and metric-math alarms.

Semantics follow the CloudWatch user guide ("Metric math syntax and functions"): arithmetic treats a value
missing from one time series as 0 and drops a datapoint that would divide by zero; comparison and logical
operators yield 1 or 0; IF follows the documented table; FILL fills the gaps of the query's period grid.

Supported: numbers, metric and expression ids, ``+ - * / ^``, unary minus, parentheses, arrays ``[a, b]``,
``== != < <= > >=``, ``AND && OR ||``, and the functions ABS, AVG, CEIL, DATAPOINT_COUNT, DIFF, FILL (a number,
a time series, REPEAT or LINEAR), FIRST, FLOOR, IF, LAST, LOG, LOG10, MAX, METRIC_COUNT, METRICS, MIN, PERIOD,
RATE, REMOVE_EMPTY, RUNNING_SUM, STDDEV, SUM and TIME_SERIES. Any other function (SEARCH, SORT, SLICE,
ANOMALY_DETECTION_BAND, SELECT queries, ...) is refused with an error that names it.
"""

import math
import re
from dataclasses import dataclass, field


class MetricMathError(ValueError):
    """An expression the local AWS cannot parse or evaluate; the message says where and why."""


@dataclass
class Series:
    points: dict  # {epoch seconds: value}
    label: str = ""
    period: int = 0
    metric_id: str = ""

    def sorted_items(self):
        return sorted(self.points.items())


@dataclass
class Context:
    """What an expression can see: every query's series (``resolve(id)``), the metric queries in request order
    (for METRICS()), and the period grid of the query (for FILL and TIME_SERIES)."""

    resolve: object
    metric_ids: list
    grid: list
    period: int
    evaluating: set = field(default_factory=set)


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<string>"[^"]*"|\u201c[^\u201d]*\u201d)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/^(),<>\[\]])
""", re.VERBOSE)

_KEYWORDS = {"REPEAT", "LINEAR", "ASC", "DESC"}


def tokenize(text: str):
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise MetricMathError(f"unexpected character {text[position]!r} at position {position} of {text!r}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "string":
            tokens.append(("string", value[1:-1]))
        elif kind == "name" and value in ("AND", "OR"):
            tokens.append(("op", "&&" if value == "AND" else "||"))
        elif kind != "space":
            tokens.append((kind, value))
        position = match.end()
    tokens.append(("end", ""))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.position = 0

    def peek(self):
        return self.tokens[self.position]

    def take(self, kind=None, value=None):
        token = self.tokens[self.position]
        if (kind and token[0] != kind) or (value and token[1] != value):
            wanted = value or kind
            found = token[1] or "the end"
            raise MetricMathError(f"expected {wanted!r} but found {found!r} in {self.text!r}")
        self.position += 1
        return token

    def accept(self, value):
        if self.peek()[0] == "op" and self.peek()[1] == value:
            self.position += 1
            return True
        return False

    def parse(self):
        node = self.expression()
        self.take("end")
        return node

    def expression(self):
        node = self.conjunction()
        while self.accept("||"):
            node = ("binary", "||", node, self.conjunction())
        return node

    def conjunction(self):
        node = self.comparison()
        while self.accept("&&"):
            node = ("binary", "&&", node, self.comparison())
        return node

    def comparison(self):
        node = self.additive()
        for operator in ("==", "!=", "<=", ">=", "<", ">"):
            if self.accept(operator):
                return ("binary", operator, node, self.additive())
        return node

    def additive(self):
        node = self.multiplicative()
        while True:
            if self.accept("+"):
                node = ("binary", "+", node, self.multiplicative())
            elif self.accept("-"):
                node = ("binary", "-", node, self.multiplicative())
            else:
                return node

    def multiplicative(self):
        node = self.unary()
        while True:
            if self.accept("*"):
                node = ("binary", "*", node, self.unary())
            elif self.accept("/"):
                node = ("binary", "/", node, self.unary())
            else:
                return node

    def unary(self):
        if self.accept("-"):
            return ("negate", self.unary())
        if self.accept("+"):
            return self.unary()
        return self.power()

    def power(self):
        node = self.primary()
        if self.accept("^"):
            return ("binary", "^", node, self.unary())
        return node

    def primary(self):
        kind, value = self.peek()
        if kind == "number":
            self.position += 1
            return ("number", float(value))
        if kind == "string":
            self.position += 1
            return ("string", value)
        if kind == "name":
            self.position += 1
            if self.accept("("):
                if value not in _FUNCTIONS:
                    raise MetricMathError(f"the function {value} is not supported by the local AWS "
                                          f"(supported: {', '.join(sorted(_FUNCTIONS))})")
                arguments = []
                if not self.accept(")"):
                    arguments.append(self.expression())
                    while self.accept(","):
                        arguments.append(self.expression())
                    self.take("op", ")")
                return ("call", value, arguments)
            if value in _KEYWORDS or value in _FUNCTIONS:
                return ("keyword", value)
            if value[0].isupper():
                raise MetricMathError(f"{value} is not an id (ids start with a lowercase letter) in {self.text!r}")
            return ("id", value)
        if self.accept("("):
            node = self.expression()
            self.take("op", ")")
            return node
        if self.accept("["):
            items = [self.expression()]
            while self.accept(","):
                items.append(self.expression())
            self.take("op", "]")
            return ("array", items)
        raise MetricMathError(f"unexpected {value or 'end'!r} in {self.text!r}")


def parse(text: str):
    if not text or not text.strip():
        raise MetricMathError("the expression is empty")
    if text.strip().upper().startswith("SELECT"):
        raise MetricMathError("Metrics Insights (SELECT) queries are not supported by the local AWS")
    return _Parser(text).parse()


def referenced_ids(node, found=None):
    found = set() if found is None else found
    kind = node[0]
    if kind == "id":
        found.add(node[1])
    elif kind == "binary":
        referenced_ids(node[2], found)
        referenced_ids(node[3], found)
    elif kind == "negate":
        referenced_ids(node[1], found)
    elif kind == "array":
        for item in node[1]:
            referenced_ids(item, found)
    elif kind == "call":
        for item in node[2]:
            referenced_ids(item, found)
    return found


def evaluate(text: str, context: Context):
    """A Series or a list of Series: the value of ``text``. A scalar result is an error, as in CloudWatch."""
    result = _evaluate(parse(text), context)
    if isinstance(result, (Series, list)):
        return result
    raise MetricMathError(f"the final result of {text!r} is a single number; an expression must produce a time "
                          "series (for example TIME_SERIES(...) or m1 * ...)")


def _evaluate(node, context: Context):
    kind = node[0]
    if kind == "number":
        return node[1]
    if kind == "string":
        return ("string", node[1])
    if kind == "keyword":
        return ("keyword", node[1])
    if kind == "id":
        return context.resolve(node[1])
    if kind == "array":
        items = []
        for item in node[1]:
            value = _evaluate(item, context)
            if isinstance(value, list):
                items.extend(value)
            elif isinstance(value, Series):
                items.append(value)
            else:
                raise MetricMathError("an array [..] may hold only time series")
        return items
    if kind == "negate":
        return _map(_evaluate(node[1], context), lambda value: -value)
    if kind == "binary":
        return _binary(node[1], _evaluate(node[2], context), _evaluate(node[3], context))
    if kind == "call":
        function = _FUNCTIONS.get(node[1])
        if function is None:
            raise MetricMathError(f"the function {node[1]} is not supported by the local AWS "
                                  f"(supported: {', '.join(sorted(_FUNCTIONS))})")
        return function(node[2], context)
    raise MetricMathError(f"cannot evaluate {node!r}")


def _apply(operator: str, left: float, right: float):
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "/":
        return None if right == 0 else left / right
    if operator == "^":
        try:
            result = left ** right
        except (OverflowError, ZeroDivisionError):
            return None
        return None if isinstance(result, complex) else result
    if operator == "==":
        return 1.0 if left == right else 0.0
    if operator == "!=":
        return 1.0 if left != right else 0.0
    if operator == "<":
        return 1.0 if left < right else 0.0
    if operator == "<=":
        return 1.0 if left <= right else 0.0
    if operator == ">":
        return 1.0 if left > right else 0.0
    if operator == ">=":
        return 1.0 if left >= right else 0.0
    if operator == "&&":
        return 1.0 if left != 0 and right != 0 else 0.0
    if operator == "||":
        return 1.0 if left != 0 or right != 0 else 0.0
    raise MetricMathError(f"unknown operator {operator}")


def _finite(value):
    return value is not None and not math.isnan(value) and not math.isinf(value)


def _binary(operator: str, left, right):
    if isinstance(left, list) or isinstance(right, list):
        if isinstance(left, list) and isinstance(right, list):
            raise MetricMathError(f"cannot apply {operator} to two arrays of time series")
        if isinstance(left, list):
            return [_binary(operator, item, right) for item in left]
        return [_binary(operator, left, item) for item in right]
    if isinstance(left, tuple) or isinstance(right, tuple):
        raise MetricMathError(f"{operator} needs numbers or time series, not a string or keyword")
    if isinstance(left, Series) and isinstance(right, Series):
        points = {}
        for moment in set(left.points) | set(right.points):
            value = _apply(operator, left.points.get(moment, 0.0), right.points.get(moment, 0.0))
            if _finite(value):
                points[moment] = value
        return Series(points, left.label, left.period or right.period)
    if isinstance(left, Series):
        return Series({moment: value for moment, value in
                       ((moment, _apply(operator, item, right)) for moment, item in left.points.items())
                       if _finite(value)}, left.label, left.period)
    if isinstance(right, Series):
        return Series({moment: value for moment, value in
                       ((moment, _apply(operator, left, item)) for moment, item in right.points.items())
                       if _finite(value)}, right.label, right.period)
    value = _apply(operator, left, right)
    return value if value is not None else math.nan


def _map(value, function):
    if isinstance(value, list):
        return [_map(item, function) for item in value]
    if isinstance(value, Series):
        points = {}
        for moment, item in value.points.items():
            try:
                result = function(item)
            except (ValueError, OverflowError):
                continue
            if _finite(result):
                points[moment] = result
        return Series(points, value.label, value.period, value.metric_id)
    if isinstance(value, tuple):
        raise MetricMathError("a function that needs a number or time series got a string or keyword")
    try:
        return function(value)
    except (ValueError, OverflowError):
        return math.nan


def _arguments(name, arguments, context, minimum, maximum):
    if not minimum <= len(arguments) <= maximum:
        expected = str(minimum) if minimum == maximum else f"{minimum} to {maximum}"
        raise MetricMathError(f"{name} takes {expected} arguments, got {len(arguments)}")
    return [_evaluate(argument, context) for argument in arguments]


def _series_argument(name, value):
    if not isinstance(value, Series):
        raise MetricMathError(f"{name} needs a single time series here")
    return value


def _elementwise(name, function):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if not isinstance(value, (Series, list)):
            raise MetricMathError(f"{name} needs a time series or an array of time series")
        return _map(value, function)
    return call


def _aggregate(name, over_values, missing_as_zero):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if isinstance(value, Series):
            values = list(value.points.values())
            return over_values(values) if values else math.nan
        if isinstance(value, list):
            moments = set()
            for item in value:
                moments |= set(item.points)
            points = {}
            for moment in moments:
                if missing_as_zero:
                    values = [item.points.get(moment, 0.0) for item in value]
                else:
                    values = [item.points[moment] for item in value if moment in item.points]
                if values:
                    result = over_values(values)
                    if _finite(result):
                        points[moment] = result
            period = value[0].period if value else context.period
            return Series(points, name, period)
        raise MetricMathError(f"{name} needs a time series or an array of time series")
    return call


def _stddev(values):
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / (len(values) - 1))


def _metrics(arguments, context):
    if len(arguments) > 1:
        raise MetricMathError("METRICS takes at most one string argument")
    needle = ""
    if arguments:
        value = _evaluate(arguments[0], context)
        if not (isinstance(value, tuple) and value[0] == "string"):
            raise MetricMathError('METRICS takes a string, for example METRICS("errors")')
        needle = value[1]
    return [context.resolve(metric_id) for metric_id in context.metric_ids if needle in metric_id]


def _metric_count(arguments, context):
    (value,) = _arguments("METRIC_COUNT", arguments, context, 1, 1)
    if not isinstance(value, list):
        raise MetricMathError("METRIC_COUNT needs an array of time series")
    return float(len(value))


def _datapoint_count(arguments, context):
    (value,) = _arguments("DATAPOINT_COUNT", arguments, context, 1, 1)
    if isinstance(value, Series):
        return float(len(value.points))
    if isinstance(value, list):
        moments = {}
        for item in value:
            for moment in item.points:
                moments[moment] = moments.get(moment, 0.0) + 1.0
        return Series(moments, "DATAPOINT_COUNT", context.period)
    raise MetricMathError("DATAPOINT_COUNT needs a time series or an array of time series")


def _period(arguments, context):
    (value,) = _arguments("PERIOD", arguments, context, 1, 1)
    series = _series_argument("PERIOD", value)
    if not series.metric_id:
        raise MetricMathError("PERIOD takes a metric, not the result of another expression")
    return float(series.period)


def _consecutive(name, combine):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)

        def one(series):
            items = series.sorted_items()
            points = {}
            for (previous_moment, previous), (moment, current) in zip(items, items[1:]):
                result = combine(previous_moment, previous, moment, current)
                if _finite(result):
                    points[moment] = result
            return Series(points, series.label, series.period)

        if isinstance(value, list):
            return [one(item) for item in value]
        return one(_series_argument(name, value))
    return call


def _running_sum(arguments, context):
    (value,) = _arguments("RUNNING_SUM", arguments, context, 1, 1)

    def one(series):
        total, points = 0.0, {}
        for moment, item in series.sorted_items():
            total += item
            points[moment] = total
        return Series(points, series.label, series.period)

    if isinstance(value, list):
        return [one(item) for item in value]
    return one(_series_argument("RUNNING_SUM", value))


def _time_series(arguments, context):
    (value,) = _arguments("TIME_SERIES", arguments, context, 1, 1)
    if not isinstance(value, float):
        raise MetricMathError("TIME_SERIES takes a number")
    if not _finite(value):
        return Series({}, "TIME_SERIES", context.period)
    return Series({moment: value for moment in context.grid}, "TIME_SERIES", context.period)


def _fill(arguments, context):
    target, filler = _arguments("FILL", arguments, context, 2, 2)

    def one(series):
        points = dict(series.points)
        if isinstance(filler, tuple) and filler[0] == "keyword" and filler[1] == "REPEAT":
            last = None
            for moment in context.grid:
                if moment in series.points:
                    last = series.points[moment]
                elif last is not None:
                    points[moment] = last
        elif isinstance(filler, tuple) and filler[0] == "keyword" and filler[1] == "LINEAR":
            known = series.sorted_items()
            for moment in context.grid:
                if moment in points:
                    continue
                before = [item for item in known if item[0] < moment]
                after = [item for item in known if item[0] > moment]
                if before and after:
                    (t0, v0), (t1, v1) = before[-1], after[0]
                    points[moment] = v0 + (v1 - v0) * (moment - t0) / (t1 - t0)
        elif isinstance(filler, Series):
            for moment in context.grid:
                if moment not in points and moment in filler.points:
                    points[moment] = filler.points[moment]
        elif isinstance(filler, float):
            if _finite(filler):
                for moment in context.grid:
                    points.setdefault(moment, filler)
        else:
            raise MetricMathError("FILL takes a number, a time series, REPEAT or LINEAR as its second argument")
        return Series(points, series.label, series.period, series.metric_id)

    if isinstance(target, list):
        return [one(item) for item in target]
    return one(_series_argument("FILL", target))


def _if(arguments, context):
    values = _arguments("IF", arguments, context, 2, 3)
    condition, when_true = values[0], values[1]
    when_false = values[2] if len(values) == 3 else None
    for value in values:
        if isinstance(value, (list, tuple)):
            raise MetricMathError("IF takes numbers or single time series")
    if not isinstance(condition, Series):
        if condition != 0 and not math.isnan(condition):
            chosen = when_true
        else:
            chosen = when_false
        if isinstance(chosen, Series):
            return chosen
        if chosen is None:
            return Series({}, "IF", context.period)
        return Series({moment: chosen for moment in context.grid}, "IF", context.period)
    points = {}
    for moment, flag in condition.points.items():
        if flag != 0:
            if isinstance(when_true, Series):
                points[moment] = when_true.points.get(moment, 0.0)
            else:
                points[moment] = when_true
        elif isinstance(when_false, Series):
            if moment in when_false.points:
                points[moment] = when_false.points[moment]
        elif when_false is not None:
            points[moment] = when_false
    return Series({moment: value for moment, value in points.items() if _finite(value)}, condition.label,
                  condition.period)


def _first_last(name, pick):
    def call(arguments, context):
        (value,) = _arguments(name, arguments, context, 1, 1)
        if not isinstance(value, list):
            raise MetricMathError(f"{name} needs an array of time series")
        if not value:
            return Series({}, name, context.period)
        return pick(value)
    return call


def _remove_empty(arguments, context):
    (value,) = _arguments("REMOVE_EMPTY", arguments, context, 1, 1)
    if not isinstance(value, list):
        raise MetricMathError("REMOVE_EMPTY needs an array of time series")
    return [item for item in value if item.points]


def _log(base):
    def function(value):
        if value <= 0:
            raise ValueError("log of a non-positive number")
        return math.log(value) if base is None else math.log10(value)
    return function


_FUNCTIONS = {
    "ABS": _elementwise("ABS", abs),
    "CEIL": _elementwise("CEIL", lambda value: float(math.ceil(value))),
    "FLOOR": _elementwise("FLOOR", lambda value: float(math.floor(value))),
    "LOG": _elementwise("LOG", _log(None)),
    "LOG10": _elementwise("LOG10", _log(10)),
    "SUM": _aggregate("SUM", sum, True),
    "AVG": _aggregate("AVG", lambda values: sum(values) / len(values), True),
    "MIN": _aggregate("MIN", min, False),
    "MAX": _aggregate("MAX", max, False),
    "STDDEV": _aggregate("STDDEV", _stddev, False),
    "DATAPOINT_COUNT": _datapoint_count,
    "METRICS": _metrics,
    "METRIC_COUNT": _metric_count,
    "PERIOD": _period,
    "RATE": _consecutive("RATE", lambda t0, v0, t1, v1: (v1 - v0) / (t1 - t0)),
    "DIFF": _consecutive("DIFF", lambda t0, v0, t1, v1: v1 - v0),
    "RUNNING_SUM": _running_sum,
    "TIME_SERIES": _time_series,
    "FILL": _fill,
    "IF": _if,
    "FIRST": _first_last("FIRST", lambda items: items[0]),
    "LAST": _first_last("LAST", lambda items: items[-1]),
    "REMOVE_EMPTY": _remove_empty,
}
