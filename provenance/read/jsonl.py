"""JSON Lines of already extracted articles (Media Cloud, CC-News and our own exports).

A row needs a URL and a text (or the page's HTML).  Field names of the common
exports are understood: ``text`` / ``maintext`` (CC-News, news-please) /
``story_text``; ``published`` / ``date_publish`` (CC-News) / ``publish_date``
(Media Cloud); ``site_name`` / ``source_domain`` (CC-News) / ``media_name``
(Media Cloud).  A bad row (not JSON, no URL, a URL that cannot be parsed, a row
over the page size limit) is a failure naming its line; a corrupt or truncated
``.gz`` ends the file with a failure naming it, the rows before it kept.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from provenance.model import MAX_PAGE_BYTES, Page, size_label
from provenance.read.items import SourceItem, TextDocument, failure, parse_datetime

_TEXT_KEYS = ("text", "maintext", "story_text", "content")
_DATE_KEYS = ("published", "date_publish", "publish_date", "date_published")
_SITE_KEYS = ("site_name", "source_domain", "media_name")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters read at a time while skipping the rest of an over-long row.
_CHUNK = 1 << 20


def iter_jsonl(path: Path, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[SourceItem]:
    """Yield documents from JSON Lines: ``url`` and ``text`` (or ``html``) per line."""
    try:
        if path.name.lower().endswith(".gz"):
            stream: IO[str] = gzip.open(path, "rt", encoding="utf-8", errors="replace")  # noqa: SIM115
        else:
            stream = path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        yield failure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
        return
    lineno = 0
    with stream:
        try:
            while True:
                line = stream.readline(max_bytes + 1)
                if not line:
                    return
                lineno += 1
                where = f"{path}:{lineno}"
                if len(line) > max_bytes and not line.endswith("\n"):
                    _skip_rest(stream)
                    yield failure(
                        where, f"{where}: row is over the {size_label(max_bytes)} page limit"
                    )
                elif line.strip():
                    yield _jsonl_row(line, where)
        except (OSError, EOFError, zlib.error) as exc:
            yield failure(
                f"{path}:{lineno + 1}",
                f"{path}: corrupt or truncated after line {lineno} ({type(exc).__name__}: "
                f"{exc}); the rows before it were read",
            )


def _skip_rest(stream: IO[str]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith("\n"):
            return


def _clean(value: Any) -> str | None:
    """A non-blank string with lone surrogates (from ``\\ud800`` escapes) replaced."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        value.encode("utf-8")  # fails exactly when the text holds a surrogate
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _clean(row.get(key))
        if value:
            return value
    return None


def _bad_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL"
    return None


def _jsonl_row(line: str, where: str) -> SourceItem:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return failure(where, f"{where}: not valid JSON ({exc.msg}); fix or remove the line")
    except RecursionError:
        return failure(where, f"{where}: JSON nested too deeply; fix or remove the line")
    if not isinstance(row, dict):
        return failure(where, f"{where}: expected a JSON object with 'url' and 'text'")
    url = _clean(row.get("url"))
    if not url:
        return failure(where, f"{where}: missing 'url'; every row needs a url")
    problem = _bad_url(url)
    if problem:
        return failure(where, f"{where}: url {url[:200]!r} is not usable ({problem})")
    html = _clean(row.get("html"))
    if html:
        return Page(content=html.encode("utf-8"), url=url, source=where)
    text = _first(row, _TEXT_KEYS)
    if not text:
        return failure(where, f"{where}: missing 'text' (or 'html')", url=url)
    return TextDocument(
        url=url,
        text=text,
        source=where,
        title=_clean(row.get("title")),
        published=parse_datetime(_first(row, _DATE_KEYS)),
        site_name=_first(row, _SITE_KEYS),
    )


__all__ = ["iter_jsonl"]
