"""A small CBOR (RFC 8949) codec: the subset Smithy RPC v2 CBOR uses.

The SDKs write maps and arrays with definite or indefinite length, strings in chunks, half, single or double
floats, and timestamps as tag 1 (seconds since the epoch, integer or float); all of those are read here.
Written output is always definite-length, with doubles as 64-bit floats (what the Smithy spec asks of a
server) and timestamps as tag 1.
"""

import math
import struct
from dataclasses import dataclass

_BREAK = 0xFF
_EPOCH_TAG = 1


class CborError(ValueError):
    """Malformed CBOR input."""


@dataclass(frozen=True)
class EpochSeconds:
    """A timestamp on the wire: CBOR tag 1 around seconds since the epoch."""

    seconds: float


@dataclass(frozen=True)
class Tagged:
    """A tagged item this codec has no meaning for (kept so that a shape walk can name it in an error)."""

    tag: int
    value: object


class _Undefined:
    def __repr__(self):
        return "undefined"


UNDEFINED = _Undefined()


def loads(data: bytes):
    reader = _Reader(bytes(data))
    value = reader.item()
    if reader.pos != len(reader.data):
        raise CborError(f"{len(reader.data) - reader.pos} trailing bytes after the CBOR item")
    return value


def dumps(value) -> bytes:
    out = bytearray()
    _write(out, value)
    return bytes(out)


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise CborError("CBOR input ends in the middle of an item")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    def peek_break(self) -> bool:
        if self.pos >= len(self.data):
            raise CborError("CBOR input ends before the break of an indefinite-length item")
        if self.data[self.pos] == _BREAK:
            self.pos += 1
            return True
        return False

    def argument(self, info: int):
        if info < 24:
            return info
        if info == 24:
            return self.take(1)[0]
        if info == 25:
            return struct.unpack(">H", self.take(2))[0]
        if info == 26:
            return struct.unpack(">I", self.take(4))[0]
        if info == 27:
            return struct.unpack(">Q", self.take(8))[0]
        if info == 31:
            return None
        raise CborError(f"reserved additional information {info}")

    def item(self):
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if major == 7:
            return self._simple_or_float(info)
        length = self.argument(info)
        if major == 0:
            return length
        if major == 1:
            return -1 - length
        if major in (2, 3):
            raw = self._string(major, length)
            return raw if major == 2 else raw.decode("utf-8")
        if major == 4:
            if length is None:
                items = []
                while not self.peek_break():
                    items.append(self.item())
                return items
            return [self.item() for _ in range(length)]
        if major == 5:
            result = {}
            if length is None:
                while not self.peek_break():
                    key = self.item()
                    result[key] = self.item()
            else:
                for _ in range(length):
                    key = self.item()
                    result[key] = self.item()
            return result
        if major == 6:
            if length is None:
                raise CborError("a tag cannot have indefinite length")
            inner = self.item()
            if length == _EPOCH_TAG:
                if isinstance(inner, bool) or not isinstance(inner, (int, float)):
                    raise CborError("tag 1 (epoch timestamp) must wrap a number")
                return EpochSeconds(float(inner))
            return Tagged(length, inner)
        raise CborError(f"unknown major type {major}")

    def _string(self, major: int, length):
        if length is not None:
            return self.take(length)
        chunks = []
        while not self.peek_break():
            initial = self.take(1)[0]
            if initial >> 5 != major or initial & 0x1F == 31:
                raise CborError("a chunk of an indefinite-length string has the wrong type")
            chunks.append(self.take(self.argument(initial & 0x1F)))
        return b"".join(chunks)

    def _simple_or_float(self, info: int):
        if info == 20:
            return False
        if info == 21:
            return True
        if info == 22:
            return None
        if info == 23:
            return UNDEFINED
        if info == 25:
            return _half_to_float(struct.unpack(">H", self.take(2))[0])
        if info == 26:
            return struct.unpack(">f", self.take(4))[0]
        if info == 27:
            return struct.unpack(">d", self.take(8))[0]
        if info == 31:
            raise CborError("unexpected break")
        if info < 20 or info == 24:
            raise CborError(f"unsupported simple value (additional information {info})")
        raise CborError(f"reserved additional information {info}")


def _half_to_float(half: int) -> float:
    sign = -1.0 if half & 0x8000 else 1.0
    exponent = (half >> 10) & 0x1F
    fraction = half & 0x3FF
    if exponent == 0:
        return sign * fraction * 2.0 ** -24
    if exponent == 31:
        return sign * math.inf if fraction == 0 else math.nan
    return sign * (1 + fraction / 1024.0) * 2.0 ** (exponent - 15)


def _head(out: bytearray, major: int, argument: int) -> None:
    if argument < 24:
        out.append(major << 5 | argument)
    elif argument < 0x100:
        out += bytes((major << 5 | 24, argument))
    elif argument < 0x10000:
        out.append(major << 5 | 25)
        out += struct.pack(">H", argument)
    elif argument < 0x100000000:
        out.append(major << 5 | 26)
        out += struct.pack(">I", argument)
    elif argument < 0x10000000000000000:
        out.append(major << 5 | 27)
        out += struct.pack(">Q", argument)
    else:
        raise CborError(f"integer {argument} does not fit in 64 bits")


def _write(out: bytearray, value) -> None:
    if value is None:
        out.append(0xF6)
    elif value is True:
        out.append(0xF5)
    elif value is False:
        out.append(0xF4)
    elif isinstance(value, int):
        if value >= 0:
            _head(out, 0, value)
        else:
            _head(out, 1, -1 - value)
    elif isinstance(value, float):
        out.append(0xFB)
        out += struct.pack(">d", value)
    elif isinstance(value, str):
        encoded = value.encode("utf-8")
        _head(out, 3, len(encoded))
        out += encoded
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        _head(out, 2, len(raw))
        out += raw
    elif isinstance(value, EpochSeconds):
        _head(out, 6, _EPOCH_TAG)
        seconds = value.seconds
        if float(seconds).is_integer():
            _write(out, int(seconds))
        else:
            _write(out, float(seconds))
    elif isinstance(value, Tagged):
        _head(out, 6, value.tag)
        _write(out, value.value)
    elif isinstance(value, dict):
        _head(out, 5, len(value))
        for key, item in value.items():
            _write(out, key)
            _write(out, item)
    elif isinstance(value, (list, tuple)):
        _head(out, 4, len(value))
        for item in value:
            _write(out, item)
    else:
        raise CborError(f"cannot write {type(value).__name__} as CBOR")
