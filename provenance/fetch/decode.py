"""Bounded content decoding: a gzip bomb is cut off at the cap, not expanded.

httpx would inflate each network chunk whole (a 64 KB chunk of a bomb can
become 64 MB), so the client reads raw bytes and inflates them here with
``max_length``, never holding more than the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from provenance.errors import BodyTooLarge, FetchError

#: What the client advertises; anything else in Content-Encoding is refused.
ACCEPT_ENCODING = "gzip, deflate"


class _Inflater:
    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        if encoding in {"gzip", "x-gzip"}:
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:  # deflate: zlib-wrapped per the RFC, raw in the wild; sniffed on first bytes
            self._z = zlib.decompressobj()
        self._first = encoding not in {"gzip", "x-gzip"}

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._first and data:
            self._first = False
            if (data[0] & 0x0F) != 8:  # not a zlib header: raw deflate
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._z.decompress(data, limit)

    def tail(self, limit: int) -> bytes:
        return self._z.decompress(self._z.unconsumed_tail, limit)

    @property
    def pending(self) -> bool:
        return bool(self._z.unconsumed_tail)


def body_too_large(url: str, max_bytes: int, declared: int | None = None) -> BodyTooLarge:
    """The error for a response over the cap (``declared``: its Content-Length)."""
    if declared is not None:
        return BodyTooLarge(
            f"{url}: response declares {declared:,} bytes, over the {max_bytes:,}-byte "
            "limit; not reading it (is it really one web page?)"
        )
    return BodyTooLarge(
        f"{url}: response is over the {max_bytes:,}-byte limit after decompression; "
        "it was cut off (is it really one web page?)"
    )


def read_bounded(
    raw_chunks: Iterable[bytes], content_encoding: str | None, max_bytes: int, url: str
) -> bytes:
    """Join (and inflate) ``raw_chunks``; raise :class:`BodyTooLarge` past ``max_bytes``."""
    encoding = (content_encoding or "identity").strip().lower()
    too_big = body_too_large(url, max_bytes)
    parts: list[bytes] = []
    size = 0
    if encoding in {"identity", ""}:
        for chunk in raw_chunks:
            size += len(chunk)
            if size > max_bytes:
                raise too_big
            parts.append(chunk)
        return b"".join(parts)
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")
    inflater = _Inflater(encoding)
    try:
        for chunk in raw_chunks:
            out = inflater.feed(chunk, max_bytes - size + 1)
            while True:
                size += len(out)
                if size > max_bytes:
                    raise too_big
                parts.append(out)
                if not inflater.pending:
                    break
                out = inflater.tail(max_bytes - size + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt {encoding} body: {exc}") from exc
    return b"".join(parts)


__all__ = ["ACCEPT_ENCODING", "body_too_large", "read_bounded"]
