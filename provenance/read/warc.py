"""WARC and ARC files: one :class:`~provenance.model.Page` per HTML ``response`` record.

warcio is used here and in :mod:`provenance.fetch` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from provenance.model import Page
from provenance.read.items import ReadOptions, SourceFailure, SourceItem, parse_datetime


def _is_html_type(content_type: str | None) -> bool:
    if not content_type:
        return True  # sniffed later by the extractor
    ctype = content_type.split(";", 1)[0].strip().lower()
    return ctype in {"text/html", "application/xhtml+xml", "text/plain", ""}


def iter_warc(path: Path, opts: ReadOptions | None = None) -> Iterator[SourceItem]:
    """Yield a Page per HTML ``response`` record of a WARC (or ARC) file.

    A truncated or corrupt record ends the file with a :class:`SourceFailure`
    naming its offset; the records before it are kept.
    """
    opts = opts or ReadOptions()
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield SourceFailure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
        return
    with stream:
        it = ArchiveIterator(stream, arc2warc=True)
        offset = 0
        try:
            for record in it:
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                http = record.http_headers
                ctype = http.get_header("Content-Type") if http is not None else None
                if http is not None and not http.get_statuscode().startswith("2"):
                    continue
                if not _is_html_type(ctype):
                    continue
                # Read the body before asking for the offset: warcio's
                # get_record_offset() consumes the rest of the record.
                body = record.content_stream().read(opts.max_bytes + 1)
                truncated = getattr(record.raw_stream, "limit", 0) > 0
                offset = it.get_record_offset()
                where = f"{path}#{offset}"
                if len(body) > opts.max_bytes:
                    yield SourceFailure(where, f"{where}: record body over the page limit", url=uri)
                    continue
                if truncated:
                    # The record declares more bytes than the file holds.
                    yield SourceFailure(
                        where,
                        f"{where}: WARC record for {uri} is truncated; it was skipped",
                        url=uri,
                    )
                    continue
                yield Page(
                    content=body,
                    url=uri,
                    source=where,
                    content_type=ctype,
                    fetched_at=parse_datetime(record.rec_headers.get_header("WARC-Date")),
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            # zlib.error is a subclass of Exception only; catch it by name below.
            yield _warc_failure(path, offset, exc)
        except Exception as exc:  # warcio surfaces zlib.error and friends
            if type(exc).__module__ not in {"zlib", "gzip"}:
                raise
            yield _warc_failure(path, offset, exc)


def _warc_failure(path: Path, offset: int, exc: BaseException) -> SourceFailure:
    msg = (
        f"{path}: corrupt or truncated WARC record near offset {offset} "
        f"({type(exc).__name__}: {exc}); records before it were read"
    )
    return SourceFailure(f"{path}#{offset}", msg)


__all__ = ["iter_warc"]
