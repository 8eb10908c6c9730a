"""Stream the elements of a JSON array with ijson, one element in memory at a time, depth-limited.

ijson's own `items()` keeps a dotted prefix string per nesting level, which makes a hostile document of deeply
nested brackets cost quadratic memory; building elements from `basic_parse` events avoids that and lets an
element that is too deep become one bad record instead of a crash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any, Final

import ijson

from pipelines.read.records import BAD_SHAPE, INVALID_UTF8, MALFORMED_JSON

_BOM: Final = b"\xef\xbb\xbf"
_BUF_SIZE: Final = 64 * 1024
# Deeper than any real export nests; an element past it is reported, not built.
MAX_DEPTH: Final = 512


class JsonStreamError(Exception):
    """The document cannot be parsed further. `code` is a reason code and `problem` a fixed description.

    The parser's own message quotes the input around the error, so it is never kept.
    """

    def __init__(self, code: str, problem: str) -> None:
        super().__init__(code, problem)
        self.code = code
        self.problem = problem


class TooDeep:
    """Marks an element that nests deeper than MAX_DEPTH; it was skipped, not built."""


TOO_DEEP: Final = TooDeep()


class _WithoutBom:
    """A read() wrapper dropping a leading UTF-8 BOM, which yajl rejects and Windows tools like to write."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._started = False

    def read(self, size: int = -1) -> bytes:
        # ijson calls read(0) to learn whether the stream gives bytes or text; that must not consume anything.
        if self._started or size == 0:
            return self._stream.read(size)
        self._started = True
        head = self._stream.read(max(size, len(_BOM)) if size >= 0 else -1)
        while len(head) < len(_BOM):
            more = self._stream.read(len(_BOM) - len(head))
            if not more:
                break
            head += more
        return head[len(_BOM) :] if head.startswith(_BOM) else head


Event = tuple[str, Any]


def _events(stream: IO[bytes]) -> Iterator[Event]:
    try:
        # use_float=True makes yajl overflow on integers past 64 bits; numbers come as int or Decimal instead,
        # and Decimals become floats below, which is what json.loads gives for the same text.
        for event, value in ijson.basic_parse(_WithoutBom(stream), use_float=False, buf_size=_BUF_SIZE):
            yield event, float(value) if type(value) is Decimal else value
    except ijson.JSONError as exc:
        # The message is only inspected to choose among fixed descriptions; it quotes input, so it never leaves.
        message = str(exc)
        if "UTF8" in message or "utf-8" in message.lower():
            raise JsonStreamError(INVALID_UTF8, "invalid UTF-8") from None
        if "premature EOF" in message:
            raise JsonStreamError(MALFORMED_JSON, "JSON ends early (truncated file?)") from None
        raise JsonStreamError(MALFORMED_JSON, "malformed JSON") from None
    except UnicodeDecodeError:
        raise JsonStreamError(INVALID_UTF8, "invalid UTF-8") from None


def _skip(events: Iterator[Event], depth: int) -> None:
    """Consume events until the container open at `depth` levels closes."""
    for event, _ in events:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return


def _build(events: Iterator[Event], event: str, value: Any) -> Any:
    """Build the value that starts with (event, value), or TOO_DEEP."""
    if event == "start_map":
        root: Any = {}
    elif event == "start_array":
        root = []
    else:
        return value
    containers: list[Any] = [root]
    keys: list[str | None] = [None]
    for event, value in events:
        if event == "map_key":
            keys[-1] = value
            continue
        if event in ("end_map", "end_array"):
            containers.pop()
            keys.pop()
            if not containers:
                return root
            continue
        if event == "start_map":
            child: Any = {}
        elif event == "start_array":
            child = []
        else:
            child = value
        parent = containers[-1]
        if isinstance(parent, list):
            parent.append(child)
        else:
            parent[keys[-1]] = child
        if event in ("start_map", "start_array"):
            if len(containers) >= MAX_DEPTH:
                _skip(events, len(containers) + 1)
                return TOO_DEEP
            containers.append(child)
            keys.append(None)
    raise JsonStreamError(MALFORMED_JSON, "malformed JSON")


def _array_items(events: Iterator[Event]) -> Iterator[Any]:
    """Elements of an array whose start_array event was just consumed."""
    for event, value in events:
        if event == "end_array":
            return
        yield _build(events, event, value)
    raise JsonStreamError(MALFORMED_JSON, "malformed JSON")


def iter_array(stream: IO[bytes], object_key: str | None = None) -> Iterator[Any]:
    """Yield each element of the document's top-level array, or of the array at `object_key` in a top-level object.

    An element nested too deep comes back as TOO_DEEP. Raises JsonStreamError when the document is not valid
    JSON or not of that shape; elements before the error have been yielded.
    """
    events = _events(stream)
    first = next(events, None)
    if first is None:
        raise JsonStreamError(MALFORMED_JSON, "empty file, no JSON document")
    event, _ = first
    if event == "start_array":
        yield from _array_items(events)
    elif event == "start_map" and object_key is not None:
        found = False
        for event, value in events:
            if event == "end_map":
                break
            # Only map_key events occur at this level: every value is consumed whole below.
            key = value
            event, value = next(events)
            if key == object_key and event == "start_array" and not found:
                found = True
                yield from _array_items(events)
            elif event in ("start_map", "start_array"):
                _skip(events, 1)
        if not found:
            raise JsonStreamError(BAD_SHAPE, f"expected a JSON array or an object with a {object_key!r} list")
    else:
        wanted = "a JSON array" if object_key is None else f"a JSON array or an object with a {object_key!r} list"
        raise JsonStreamError(BAD_SHAPE, f"expected {wanted}")
    # Drain so that trailing garbage after the document is reported, like any other malformed JSON.
    for _ in events:
        pass


def dump_raw(value: Any) -> bytes:
    """Serialise a parsed element back to JSON bytes, the `raw` of a record that came out of a larger document."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
