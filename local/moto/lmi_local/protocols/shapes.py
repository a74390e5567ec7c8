"""Shape-aware conversion between Smithy RPC v2 CBOR values and the awsJson values moto reads and writes.

The two protocols carry the same members; they differ in how some types travel: timestamps are CBOR tag 1
around epoch seconds but bare epoch numbers in JSON, blobs are raw bytes in CBOR but base64 text in JSON,
and special doubles are CBOR floats but the strings "NaN"/"Infinity"/"-Infinity" in JSON. Walking the botocore
shape tree tells which member is which.
"""

import base64
import binascii
import math
from datetime import datetime, timezone

from lmi_local.protocols.cbor import EpochSeconds, Tagged

_SPECIAL_DOUBLES = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class ShapeError(ValueError):
    """A value does not have the type its shape asks for; ``path`` names the member."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path or 'request'}: {message}")
        self.path = path


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def cbor_to_json(value, shape, path: str = ""):
    """A decoded CBOR request value -> the JSON value moto's awsJson parser expects for ``shape``."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise ShapeError(path, f"expected a map for {shape.name}, got {type(value).__name__}")
        result = {}
        for name, item in value.items():
            member = shape.members.get(name)
            if member is None or item is None:
                continue
            result[name] = cbor_to_json(item, member, _join(path, name))
        return result
    if kind == "list":
        if not isinstance(value, list):
            raise ShapeError(path, f"expected an array, got {type(value).__name__}")
        return [cbor_to_json(item, shape.member, f"{path}[{index}]") for index, item in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict):
            raise ShapeError(path, f"expected a map, got {type(value).__name__}")
        return {str(key): cbor_to_json(item, shape.value, _join(path, str(key)))
                for key, item in value.items() if item is not None}
    if kind == "timestamp":
        if isinstance(value, EpochSeconds):
            return value.seconds
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ShapeError(path, "expected a timestamp (CBOR tag 1 around epoch seconds)")
    if kind == "blob":
        if not isinstance(value, (bytes, bytearray)):
            raise ShapeError(path, f"expected a byte string, got {type(value).__name__}")
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ShapeError(path, f"expected a number, got {type(value).__name__}")
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return number
    if kind in ("integer", "long", "short", "byte"):
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise ShapeError(path, f"expected an integer, got {value!r}")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ShapeError(path, f"expected a boolean, got {value!r}")
        return value
    if kind == "string":
        if not isinstance(value, str):
            raise ShapeError(path, f"expected a text string, got {type(value).__name__}")
        return value
    if isinstance(value, Tagged):
        raise ShapeError(path, f"unsupported CBOR tag {value.tag}")
    return value


def json_to_cbor(value, shape, path: str = ""):
    """A value from moto's awsJson response -> the CBOR value (``cbor.dumps`` input) for ``shape``."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        result = {}
        for name, item in value.items():
            member = shape.members.get(name)
            if member is None or item is None:
                continue
            result[name] = json_to_cbor(item, member, _join(path, name))
        return result
    if kind == "list":
        return [json_to_cbor(item, shape.member, f"{path}[{index}]") for index, item in enumerate(value)]
    if kind == "map":
        return {key: json_to_cbor(item, shape.value, _join(path, key)) for key, item in value.items()
                if item is not None}
    if kind == "timestamp":
        return EpochSeconds(_epoch_seconds(value, path))
    if kind == "blob":
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError) as error:
            raise ShapeError(path, f"moto returned a blob that is not base64: {error}") from error
    if kind in ("double", "float"):
        if isinstance(value, str):
            if value in _SPECIAL_DOUBLES:
                return _SPECIAL_DOUBLES[value]
            return float(value)
        return float(value)
    if kind in ("integer", "long", "short", "byte"):
        return int(value)
    if kind == "boolean":
        if isinstance(value, str):
            return value.lower() == "true"
        return bool(value)
    if kind == "string":
        return value if isinstance(value, str) else str(value)
    return value


def _epoch_seconds(value, path: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return moment.timestamp()
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise ShapeError(path, f"moto returned a timestamp that is neither epoch nor ISO 8601: {value!r}") from error
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.timestamp()
    raise ShapeError(path, f"moto returned {type(value).__name__} for a timestamp")
