"""WARC and ARC files: one :class:`~provenance.model.Page` per HTML ``response`` record.

Common Crawl WET files (``conversion`` records of plain text) give one
:class:`~provenance.read.items.TextDocument` per record.  Records that are not
articles are skipped and counted, and each file's counts are logged: requests,
metadata and other record types; responses that are not HTTP (``dns:``), not
2xx, not HTML, or a ``robots.txt``.  A file with no records at all is a failure.
A truncated or corrupt record ends the file with a failure naming its offset;
the records before it are kept.  warcio is used here and in :mod:`provenance.fetch` only.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from provenance.model import Article, Page
from provenance.read.items import (
    ReadOptions,
    SourceItem,
    TextDocument,
    failure,
    parse_datetime,
)
from provenance.sites import is_http_url

log = logging.getLogger(__name__)


def _is_html_type(content_type: str | None) -> bool:
    if not content_type:
        return True  # sniffed later by the extractor
    ctype = content_type.split(";", 1)[0].strip().lower()
    return ctype in {"text/html", "application/xhtml+xml", "text/plain", ""}


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article to read, or None."""
    if record.rec_type == "conversion":
        return None
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is None or not is_http_url(uri):
        return "non-HTTP responses"
    if uri.split("?", 1)[0].lower().endswith("/robots.txt"):
        return "robots.txt responses"
    if not http.get_statuscode().startswith("2"):
        return "non-2xx responses"
    if not _is_html_type(http.get_header("Content-Type")):
        return "non-HTML responses"
    return None


def _item(record: Any, body: bytes, where: str) -> SourceItem:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "conversion":
        text = body.decode("utf-8", errors="replace")
        if not text.strip():
            return failure(where, f"{where}: empty conversion record for {uri}", url=uri)
        return TextDocument(url=uri, text=text, source=where)
    http = record.http_headers
    return Page(
        content=body,
        url=uri,
        source=where,
        content_type=http.get_header("Content-Type") if http is not None else None,
        fetched_at=parse_datetime(record.rec_headers.get_header("WARC-Date")),
    )


def iter_warc(path: Path, opts: ReadOptions | None = None) -> Iterator[SourceItem]:
    """Yield a Page per HTML ``response`` record (a text document per WET record)."""
    opts = opts or ReadOptions()
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield failure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
        return
    skipped: Counter[str] = Counter()
    records = 0
    with stream:
        it = ArchiveIterator(stream, arc2warc=True)
        offset = 0
        try:
            for record in it:
                records += 1
                reason = _skip_reason(record)
                if reason is not None:
                    skipped[reason] += 1
                    continue
                # Read the body before asking for the offset: warcio's
                # get_record_offset() consumes the rest of the record.
                body = record.content_stream().read(opts.max_bytes + 1)
                truncated = getattr(record.raw_stream, "limit", 0) > 0
                offset = it.get_record_offset()
                where = f"{path}#{offset}"
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if len(body) > opts.max_bytes:
                    yield failure(where, f"{where}: record body over the page limit", url=uri)
                elif truncated:
                    # The record declares more bytes than the file holds.
                    msg = f"{where}: WARC record for {uri} is truncated; it was skipped"
                    yield failure(where, msg, url=uri)
                else:
                    yield _item(record, body, where)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            # zlib.error is a subclass of Exception only; catch it by name below.
            yield _warc_failure(path, offset, exc)
        except Exception as exc:  # warcio surfaces zlib.error and friends
            if type(exc).__module__ not in {"zlib", "gzip"}:
                raise
            yield _warc_failure(path, offset, exc)
    if records == 0:
        yield failure(str(path), f"{path}: holds no WARC records; is it empty?")
    elif skipped:
        counts = ", ".join(f"{n} {what}" for what, n in sorted(skipped.items()))
        log.info("%s: skipped %s (not articles)", path, counts)


def _warc_failure(path: Path, offset: int, exc: BaseException) -> Article:
    msg = (
        f"{path}: corrupt or truncated WARC record near offset {offset} "
        f"({type(exc).__name__}: {exc}); records before it were read"
    )
    return failure(f"{path}#{offset}", msg)


__all__ = ["iter_warc"]
