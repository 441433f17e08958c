"""Bytes to text: refuse what is not HTML, and find the charset.

Order: byte-order mark, the HTTP ``Content-Type`` charset, a ``<meta charset>``
in the first 4 KiB, strict UTF-8, and finally Windows-1252 (what browsers
assume for an undeclared Western page).
"""

from __future__ import annotations

import codecs
import re

from provenance.errors import ExtractionError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"WARC/", "a WARC file (pass it as a source, not as a page)"),
    (b"RIFF", "a RIFF media file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _lookup(label: str) -> str | None:
    label = label.strip().lower()
    # WHATWG: latin-1 and ascii labels mean windows-1252.
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # hex, base64, rot13, zlib ... are codecs but not text encodings: ignore the label.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def sniff_binary(content: bytes) -> str | None:
    """Describe ``content`` if it is clearly not text, else None."""
    for magic, what in _MAGIC:
        if content.startswith(magic):
            return what
    head = content[:4096]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data (NUL bytes)"
    return None


#: Characters that do not occur in text: C0 controls but tab and line breaks, C1
#: controls, and the replacement character an undecodable byte becomes.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
#: Share of such characters above which a "page" is refused as binary data.
MAX_NOT_TEXT = 0.05


#: Bytes the charset detector reads (enough for any page's language; bounded time).
_DETECT_BYTES = 64 * 1024


def decode_html(content: bytes, content_type: str | None = None, *, name: str = "<page>") -> str:
    """Decode ``content`` to text, or raise :class:`ExtractionError` naming ``name``."""
    text = _decode(content, content_type, name)
    head = text[:8192]
    if head and len(_NOT_TEXT.findall(head)) > MAX_NOT_TEXT * len(head):
        raise ExtractionError(
            f"{name}: this is not text (over {MAX_NOT_TEXT:.0%} control or undecodable "
            "characters); pass HTML pages only"
        )
    return text


def _decode(content: bytes, content_type: str | None, name: str) -> str:
    if not content.strip():
        raise ExtractionError(
            f"{name}: the page is empty; check that the file or response has content"
        )
    what = sniff_binary(content)
    if what is not None:
        raise ExtractionError(f"{name}: this is {what}, not an HTML page; pass HTML files only")
    for bom, enc in _BOMS:
        if content.startswith(bom):
            return content.decode(enc, errors="replace")
    candidates: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        found = _lookup(m.group(1)) if m else None
        if found:
            candidates.append(found)
    m2 = _META_CHARSET.search(content[:4096])
    declared = _lookup(m2.group(1).decode("ascii", "replace")) if m2 else None
    if declared:
        candidates.append(declared)
    for enc in candidates:
        if enc in {"utf-16", "utf-16-le", "utf-16-be", "utf_16"}:
            continue  # a meta tag read as ASCII cannot be UTF-16
        try:
            return content.decode(enc)
        except UnicodeDecodeError:
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if candidates:
        return content.decode(candidates[0], errors="replace")
    return content.decode(detect_charset(content) or "cp1252", errors="replace")


def detect_charset(content: bytes) -> str | None:
    """The charset of undeclared, non-UTF-8 bytes, by charset-normalizer (a maintained
    detector; cp1251 Russian, Shift_JIS, GBK and EUC-KR pages were garbled as cp1252).
    Used only when neither the HTTP headers nor the page declare a charset."""
    from charset_normalizer import from_bytes  # imported only when a page needs it

    best = from_bytes(content[:_DETECT_BYTES]).best()
    return _lookup(best.encoding) if best is not None else None


__all__ = ["decode_html", "detect_charset", "sniff_binary"]
