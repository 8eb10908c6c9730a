"""Open an input as a binary stream, decompressing `.gz` and `.zst` by extension, with safe error messages."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Final, cast

import zstandard

from pipelines.read.records import ReadError

COMPRESSION_SUFFIXES: Final = {".gz": "gzip", ".gzip": "gzip", ".zst": "zstd", ".zstd": "zstd"}

_BUFFER_SIZE: Final = 1024 * 1024
# Compressed bytes read from disk at a time, and fed to zstd per step. A step's output is bounded by the
# compression ratio, so small steps keep a highly compressible (or hostile) input from ballooning memory in
# one call: at worst a few MB per step even for zstd's densest run-length blocks.
_ZSTD_READ: Final = 64 * 1024
_ZSTD_STEP: Final = 1024


def split_compression(path: Path) -> tuple[str, str | None]:
    """Return (file name without the compression suffix, compression or None)."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in COMPRESSION_SUFFIXES:
        return name[: -len(suffix)], COMPRESSION_SUFFIXES[suffix]
    return name, None


class _ZstdRawReader(io.RawIOBase):
    """Streaming zstd decompression that, unlike `stream_reader`, reports a stream that ends mid-frame.

    `ZstdDecompressor.stream_reader` returns a clean EOF for a truncated file, which would silently drop the
    tail of an export; a decompression object tells us whether the last frame was complete.
    """

    def __init__(self, fileobj: IO[bytes]) -> None:
        super().__init__()
        self._file = fileobj
        self._dctx = zstandard.ZstdDecompressor()
        self._dobj = self._dctx.decompressobj()
        self._in_frame = False
        self._input = b""
        self._input_pos = 0
        self._pending = b""
        self._offset = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def _step(self) -> None:
        if self._input_pos >= len(self._input):
            self._input, self._input_pos = self._file.read(_ZSTD_READ), 0
            if not self._input:
                if self._in_frame:
                    raise EOFError("zstd stream ends inside a frame")
                self._done = True
                return
        # A memoryview slice, so stepping through the input never copies what is left of it.
        chunk = memoryview(self._input)[self._input_pos : self._input_pos + _ZSTD_STEP]
        self._input_pos += len(chunk)
        self._in_frame = True
        out = self._dobj.decompress(chunk)
        if self._dobj.eof:
            # Concatenated frames are one stream (as `zstd` writes them); start a new frame on what is left.
            self._input = self._dobj.unused_data + self._input[self._input_pos :]
            self._input_pos = 0
            self._dobj = self._dctx.decompressobj()
            self._in_frame = False
        self._pending, self._offset = out, 0

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._offset >= len(self._pending) and not self._done:
            self._step()
        n = min(len(buffer), len(self._pending) - self._offset)
        buffer[:n] = self._pending[self._offset : self._offset + n]
        self._offset += n
        return n

    def close(self) -> None:
        try:
            self._file.close()
        finally:
            super().close()


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes]]:
    """Open `path` for buffered binary reading, transparently decompressing by extension."""
    source = str(path)
    _, compression = split_compression(path)
    with read_errors(source):
        raw = path.open("rb", buffering=_BUFFER_SIZE)
        stream: IO[bytes]
        if compression == "gzip":
            stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
        elif compression == "zstd":
            stream = io.BufferedReader(_ZstdRawReader(raw), buffer_size=_BUFFER_SIZE)
        else:
            stream = raw
        try:
            yield stream
        finally:
            stream.close()
            raw.close()


@contextmanager
def read_errors(source: str) -> Iterator[None]:
    """Turn I/O and decompression failures into ReadError with a fixed message (never the library's text).

    Decompressors and parsers may quote input bytes in their messages, so only the kind of failure is kept.
    """
    try:
        yield
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(source, "no such file") from None
    except PermissionError:
        raise ReadError(source, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(source, "is a directory, not a file") from None
    except gzip.BadGzipFile:
        raise ReadError(source, "not a gzip file") from None
    except EOFError:
        raise ReadError(source, "compressed stream ends early (truncated file)") from None
    except zlib.error:
        raise ReadError(source, "corrupt gzip data") from None
    except zstandard.ZstdError:
        raise ReadError(source, "corrupt zstd data") from None
    except OSError as exc:
        # strerror is the OS's description ("Input/output error"), never file content.
        raise ReadError(source, f"cannot read file ({exc.strerror or type(exc).__name__})") from None
