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
# name -> function(arguments, context); filled by lmi_local.cloudwatch.metric_math_functions.
FUNCTIONS = {}


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
                if value not in FUNCTIONS:
                    raise MetricMathError(f"the function {value} is not supported by the local AWS "
                                          f"(supported: {', '.join(sorted(FUNCTIONS))})")
                arguments = []
                if not self.accept(")"):
                    arguments.append(self.expression())
                    while self.accept(","):
                        arguments.append(self.expression())
                    self.take("op", ")")
                return ("call", value, arguments)
            if value in _KEYWORDS or value in FUNCTIONS:
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
    result = evaluate_node(parse(text), context)
    if isinstance(result, (Series, list)):
        return result
    raise MetricMathError(f"the final result of {text!r} is a single number; an expression must produce a time "
                          "series (for example TIME_SERIES(...) or m1 * ...)")


def evaluate_node(node, context: Context):
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
            value = evaluate_node(item, context)
            if isinstance(value, list):
                items.extend(value)
            elif isinstance(value, Series):
                items.append(value)
            else:
                raise MetricMathError("an array [..] may hold only time series")
        return items
    if kind == "negate":
        return map_values(evaluate_node(node[1], context), lambda value: -value)
    if kind == "binary":
        return binary(node[1], evaluate_node(node[2], context), evaluate_node(node[3], context))
    if kind == "call":
        function = FUNCTIONS.get(node[1])
        if function is None:
            raise MetricMathError(f"the function {node[1]} is not supported by the local AWS "
                                  f"(supported: {', '.join(sorted(FUNCTIONS))})")
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


def finite(value):
    return value is not None and not math.isnan(value) and not math.isinf(value)


def binary(operator: str, left, right):
    if isinstance(left, list) or isinstance(right, list):
        if isinstance(left, list) and isinstance(right, list):
            raise MetricMathError(f"cannot apply {operator} to two arrays of time series")
        if isinstance(left, list):
            return [binary(operator, item, right) for item in left]
        return [binary(operator, left, item) for item in right]
    if isinstance(left, tuple) or isinstance(right, tuple):
        raise MetricMathError(f"{operator} needs numbers or time series, not a string or keyword")
    if isinstance(left, Series) and isinstance(right, Series):
        points = {}
        for moment in set(left.points) | set(right.points):
            value = _apply(operator, left.points.get(moment, 0.0), right.points.get(moment, 0.0))
            if finite(value):
                points[moment] = value
        return Series(points, left.label, left.period or right.period)
    if isinstance(left, Series):
        return Series({moment: value for moment, value in
                       ((moment, _apply(operator, item, right)) for moment, item in left.points.items())
                       if finite(value)}, left.label, left.period)
    if isinstance(right, Series):
        return Series({moment: value for moment, value in
                       ((moment, _apply(operator, left, item)) for moment, item in right.points.items())
                       if finite(value)}, right.label, right.period)
    value = _apply(operator, left, right)
    return value if value is not None else math.nan


def map_values(value, function):
    if isinstance(value, list):
        return [map_values(item, function) for item in value]
    if isinstance(value, Series):
        points = {}
        for moment, item in value.points.items():
            try:
                result = function(item)
            except (ValueError, OverflowError):
                continue
            if finite(result):
                points[moment] = result
        return Series(points, value.label, value.period, value.metric_id)
    if isinstance(value, tuple):
        raise MetricMathError("a function that needs a number or time series got a string or keyword")
    try:
        return function(value)
    except (ValueError, OverflowError):
        return math.nan


# The functions register themselves in FUNCTIONS; importing them here makes ``parse`` and ``evaluate`` complete.
from lmi_local.cloudwatch import metric_math_functions  # noqa: E402,F401  (circular by design)
