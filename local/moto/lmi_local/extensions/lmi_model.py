"""Request validation driven by the Lambda service model botocore ships (the model this emulator follows).

Client-side, botocore checks only ``required``, types and ``min``; the Java SDK checks nothing. AWS checks every
constraint server-side and answers ``ValidationException`` with Coral's wording, for example
``1 validation error detected: Value '15001' at 'capacityProviderScalingConfig.maxVCpuCount' failed to satisfy
constraint: Member must have value less than or equal to 15000``. Reading the constraints from the model instead of
copying them keeps every length, range, pattern and enum exactly as AWS declares them.
"""

import functools
import re

import botocore.session

from lmi_local.extensions.lmi_errors import InvalidParameterValue, ModelValidation


@functools.lru_cache(maxsize=1)
def service_model():
    return botocore.session.get_session().get_service_model("lambda")


def input_shape(operation: str):
    return service_model().operation_model(operation).input_shape


def shape(name: str):
    return service_model().shape_for(name)


def _member_path(parent: str, member: str) -> str:
    name = member[:1].lower() + member[1:]
    return f"{parent}.{name}" if parent else name


def _render(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_render(item) for item in value) + "]"
    return str(value)


def _describe_scalar_constraints(member_shape) -> list:
    """What Coral lists for a list's members: every constraint of the member shape, then 'must not be null'."""
    meta = member_shape.metadata
    described = []
    if getattr(member_shape, "enum", None):
        described.append("Member must satisfy enum value set: [" + ", ".join(member_shape.enum) + "]")
    if "max" in meta:
        described.append(f"Member must have length less than or equal to {meta['max']}")
    if "min" in meta:
        described.append(f"Member must have length greater than or equal to {meta['min']}")
    if "pattern" in meta:
        described.append(f"Member must satisfy regular expression pattern: {meta['pattern']}")
    described.append("Member must not be null")
    return described


class _Checker:
    def __init__(self):
        self.violations = []
        self.type_errors = []

    def fail(self, path, value, constraint):
        shown = "null" if value is None else f"'{_render(value)}'"
        self.violations.append(f"Value {shown} at '{path}' failed to satisfy constraint: {constraint}")

    def check(self, shape_, value, path):
        kind = shape_.type_name
        if kind == "structure":
            self._structure(shape_, value, path)
        elif kind == "list":
            self._list(shape_, value, path)
        elif kind == "map":
            if not isinstance(value, dict):
                self.type_errors.append(f"{path} must be a map of strings")
        elif kind == "string":
            self._string(shape_, value, path)
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                self.type_errors.append(f"{path} must be an integer, got {value!r}")
            else:
                self._range(shape_, value, path)
        elif kind in ("double", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.type_errors.append(f"{path} must be a number, got {value!r}")
            else:
                self._range(shape_, value, path)
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.type_errors.append(f"{path} must be true or false, got {value!r}")

    def _structure(self, shape_, value, path):
        if not isinstance(value, dict):
            self.type_errors.append(f"{path or 'the request'} must be a JSON object")
            return
        for required in shape_.required_members:
            if value.get(required) is None:
                self.fail(_member_path(path, required), None, "Member must not be null")
        for name, member in shape_.members.items():
            if value.get(name) is not None:
                self.check(member, value[name], _member_path(path, name))

    def _list(self, shape_, value, path):
        if not isinstance(value, list):
            self.type_errors.append(f"{path} must be a list")
            return
        meta = shape_.metadata
        if "max" in meta and len(value) > meta["max"]:
            self.fail(path, value, f"Member must have length less than or equal to {meta['max']}")
        if "min" in meta and len(value) < meta["min"]:
            self.fail(path, value, f"Member must have length greater than or equal to {meta['min']}")
        member = shape_.member
        if member.type_name == "structure":
            for index, item in enumerate(value, start=1):
                self.check(member, item, f"{path}.{index}.member")
            return
        inner = _Checker()
        for item in value:
            if item is None:
                inner.violations.append("null")
            else:
                inner.check(member, item, path)
        self.type_errors.extend(inner.type_errors)
        if inner.violations:
            described = ", ".join(_describe_scalar_constraints(member))
            self.fail(path, value, f"Member must satisfy constraint: [{described}]")

    def _string(self, shape_, value, path):
        if not isinstance(value, str):
            self.type_errors.append(f"{path} must be a string, got {value!r}")
            return
        meta = shape_.metadata
        if getattr(shape_, "enum", None) and value not in shape_.enum:
            self.fail(path, value, "Member must satisfy enum value set: [" + ", ".join(shape_.enum) + "]")
            return
        if "max" in meta and len(value) > meta["max"]:
            self.fail(path, value, f"Member must have length less than or equal to {meta['max']}")
        if "min" in meta and len(value) < meta["min"]:
            self.fail(path, value, f"Member must have length greater than or equal to {meta['min']}")
        if "pattern" in meta and re.fullmatch(meta["pattern"], value) is None:
            self.fail(path, value, f"Member must satisfy regular expression pattern: {meta['pattern']}")

    def _range(self, shape_, value, path):
        meta = shape_.metadata
        if "max" in meta and value > meta["max"]:
            self.fail(path, value, f"Member must have value less than or equal to {_render(meta['max'])}")
        if "min" in meta and value < meta["min"]:
            self.fail(path, value, f"Member must have value greater than or equal to {_render(meta['min'])}")


def validate(shape_, params: dict, path: str = "") -> None:
    """Raise ValidationException listing every violation, as AWS does; wrong JSON types raise InvalidParameterValue."""
    checker = _Checker()
    checker.check(shape_, params, path)
    if checker.type_errors:
        raise InvalidParameterValue("Invalid request: " + "; ".join(checker.type_errors) + ".")
    if checker.violations:
        raise ModelValidation(checker.violations)


def validate_operation(operation: str, params: dict) -> None:
    validate(input_shape(operation), params)


def unknown_members(operation: str, body: dict) -> list:
    """Body members the operation's input shape does not have (members bound to the URI or query excluded)."""
    members = input_shape(operation).members
    body_members = {name for name, member in members.items() if "location" not in member.serialization}
    return sorted(set(body) - body_members)


def integer_query_parameter(value, member_name: str):
    """Query parameters arrive as text; a value that is not a number cannot reach the model's range check."""
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidParameterValue(f"{member_name} must be an integer, got '{value}'.")
