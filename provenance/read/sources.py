"""Sources: turn what the user names (files, folders, WARCs, URLs, stdin, JSONL)
into :class:`~provenance.model.Page` objects, one at a time.

Failures never stop the iteration: an unreadable input becomes a
:class:`SourceFailure` naming it, and the caller logs and counts it.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from provenance.errors import SourceError
from provenance.fetch import Fetcher
from provenance.model import Page

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
#: Pages larger than this are refused (the same limit as extraction's).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An input that could not be read; ``error`` names it and says why."""

    source: str
    error: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TextDocument:
    """An already-extracted document from JSON Lines (Media Cloud, CC-News exports)."""

    url: str
    text: str
    source: str
    title: str | None = None
    published: datetime | None = None
    site_name: str | None = None


SourceItem = Page | TextDocument | SourceFailure


@dataclass(frozen=True, slots=True)
class SourceOptions:
    #: The page URL, for a single local file or stdin.
    url: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Accept JSON Lines of extracted documents (``ingest`` does; ``extract`` does not).
    allow_jsonl: bool = False


def parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _lower_name(path: Path) -> str:
    return path.name.lower()


def iter_sources(
    sources: Iterable[str],
    options: SourceOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[SourceItem]:
    """Yield a :class:`Page`, :class:`TextDocument` or :class:`SourceFailure` per document."""
    opts = options or SourceOptions()
    own_fetcher: Fetcher | None = None
    try:
        for source in sources:
            if source == "-":
                yield _read_stdin(stdin, opts)
            elif _is_url(source):
                if fetcher is None:
                    fetcher = own_fetcher = Fetcher(max_bytes=opts.max_bytes)
                yield _fetch(fetcher, source)
            else:
                yield from _iter_path(Path(source), opts)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _read_stdin(stdin: IO[bytes] | None, opts: SourceOptions) -> SourceItem:
    if stdin is None:
        return SourceFailure("-", "-: no standard input was given")
    data = stdin.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        return SourceFailure("-", f"-: input is over the {opts.max_bytes // 1_000_000} MB limit")
    return Page(content=data, url=opts.url, source="<stdin>")


def _fetch(fetcher: Fetcher, url: str) -> SourceItem:
    try:
        return fetcher.fetch(url)
    except SourceError as exc:
        return SourceFailure(url, str(exc), url=url)


def _iter_path(path: Path, opts: SourceOptions) -> Iterator[SourceItem]:
    name = _lower_name(path)
    if not path.exists():
        yield SourceFailure(str(path), f"{path}: no such file or directory")
    elif path.is_dir():
        found = sorted(
            p for p in path.rglob("*") if p.is_file() and _lower_name(p).endswith(HTML_SUFFIXES)
        )
        if not found:
            yield SourceFailure(str(path), f"{path}: folder holds no *.html or *.htm files")
        for child in found:
            yield _read_html_file(child, SourceOptions(max_bytes=opts.max_bytes))
    elif name.endswith(WARC_SUFFIXES):
        yield from iter_warc(path, opts)
    elif name.endswith(JSONL_SUFFIXES):
        if not opts.allow_jsonl:
            yield SourceFailure(
                str(path),
                f"{path}: JSON Lines hold already-extracted documents; "
                "pass them to `provenance ingest` instead",
            )
        else:
            yield from iter_jsonl(path)
    else:
        yield _read_html_file(path, opts)


def _read_html_file(path: Path, opts: SourceOptions) -> SourceItem:
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            return SourceFailure(
                str(path),
                f"{path}: file is {size / 1e6:.1f} MB, over the {opts.max_bytes / 1e6:.0f} MB "
                "page limit; is it really one web page?",
                url=opts.url,
            )
        content = path.read_bytes()
    except OSError as exc:
        return SourceFailure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
    return Page(content=content, url=opts.url, source=str(path))


def _is_html_type(content_type: str | None) -> bool:
    if not content_type:
        return True  # sniffed later by the extractor
    ctype = content_type.split(";", 1)[0].strip().lower()
    return ctype in {"text/html", "application/xhtml+xml", "text/plain", ""}


def iter_warc(path: Path, opts: SourceOptions | None = None) -> Iterator[SourceItem]:
    """Yield a Page per HTML ``response`` record of a WARC (or ARC) file.

    A truncated or corrupt record ends the file with a :class:`SourceFailure`
    naming its offset; the records before it are kept.
    """
    opts = opts or SourceOptions()
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


def iter_jsonl(path: Path) -> Iterator[SourceItem]:
    """Yield documents from JSON Lines: ``url`` and ``text`` (or ``html``) per line."""
    try:
        if path.name.lower().endswith(".gz"):
            stream: IO[str] = gzip.open(path, "rt", encoding="utf-8", errors="replace")  # noqa: SIM115
        else:
            stream = path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        yield SourceFailure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
        return
    with stream:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            yield _jsonl_row(line, where)


def _jsonl_row(line: str, where: str) -> SourceItem:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceFailure(where, f"{where}: not valid JSON ({exc.msg}); fix or remove the line")
    except RecursionError:
        return SourceFailure(where, f"{where}: JSON nested too deeply; fix or remove the line")
    if not isinstance(row, dict):
        return SourceFailure(where, f"{where}: expected a JSON object with 'url' and 'text'")
    url = row.get("url")
    if not isinstance(url, str) or not url:
        return SourceFailure(where, f"{where}: missing 'url'; every row needs a url")
    html = row.get("html")
    if isinstance(html, str) and html.strip():
        return Page(content=html.encode("utf-8"), url=url, source=where)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return SourceFailure(where, f"{where}: missing 'text' (or 'html')", url=url)

    def opt(key: str) -> str | None:
        value = row.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return TextDocument(
        url=url,
        text=text,
        source=where,
        title=opt("title"),
        published=parse_datetime(opt("published")),
        site_name=opt("site_name"),
    )


__all__ = [
    "SourceFailure",
    "SourceItem",
    "SourceOptions",
    "TextDocument",
    "iter_jsonl",
    "iter_sources",
    "iter_warc",
]
