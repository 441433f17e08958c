"""Sources: turn what the user names (files, folders, WARCs, URLs, stdin, JSONL)
into :data:`~provenance.read.items.SourceItem` objects, one at a time.

Failures never stop the iteration: an unreadable input becomes a
failure (:func:`~provenance.read.items.failure`: an Article with ``error`` set)
naming it, and the caller logs and counts it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from provenance.errors import SourceError
from provenance.model import Page, size_label
from provenance.read.items import ReadOptions, SourceItem, failure
from provenance.read.jsonl import iter_jsonl
from provenance.sites import is_http_url

if TYPE_CHECKING:
    from provenance.fetch import HttpClient

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (
    ".warc",
    ".warc.gz",
    ".arc",
    ".arc.gz",
    ".warc.wet",
    ".warc.wet.gz",
    ".wet",
    ".wet.gz",
)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


def _lower_name(path: Path) -> str:
    return path.name.lower()


def typed_url_client(
    options: ReadOptions | None = None, *, allow_private: bool = False
) -> HttpClient:
    """The client for URLs the user names as sources: no robots.txt, and loopback,
    private and link-local addresses refused unless ``allow_private``."""
    from provenance.fetch import FetchSettings, HttpClient  # httpx: only when a URL is named

    opts = options or ReadOptions()
    policy = FetchSettings.for_typed_url(allow_private=allow_private, max_bytes=opts.max_bytes)
    return HttpClient(policy)


@contextmanager
def url_fetcher(
    sources: Sequence[str], options: ReadOptions | None = None, *, allow_private: bool = False
) -> Iterator[HttpClient | None]:
    """A :func:`typed_url_client` for the ``with`` block if any source is an http(s) URL."""
    if not any(is_http_url(source) for source in sources):
        yield None
        return
    with typed_url_client(options, allow_private=allow_private) as client:
        yield client


def iter_sources(
    sources: Iterable[str],
    options: ReadOptions | None = None,
    *,
    fetcher: HttpClient | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[SourceItem]:
    """Yield a :class:`Page`, a :class:`TextDocument` or a failure per document.

    URLs are fetched with ``fetcher``, by default a :func:`typed_url_client`.
    """
    opts = options or ReadOptions()
    own_fetcher: HttpClient | None = None
    try:
        for source in sources:
            if source == "-":
                yield _read_stdin(stdin, opts)
            elif is_http_url(source):
                if fetcher is None:
                    fetcher = own_fetcher = typed_url_client(opts)
                yield _fetch(fetcher, source)
            else:
                yield from _iter_path(Path(source), opts)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _read_stdin(stdin: IO[bytes] | None, opts: ReadOptions) -> SourceItem:
    if stdin is None:
        return failure("-", "-: no standard input was given")
    data = stdin.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        return failure("-", f"-: input is over the {size_label(opts.max_bytes)} page limit")
    return Page(content=data, url=opts.url, source="<stdin>")


def _fetch(fetcher: HttpClient, url: str) -> SourceItem:
    try:
        return fetcher.fetch_page(url)
    except SourceError as exc:
        return failure(url, str(exc), url=url)


def _iter_path(path: Path, opts: ReadOptions) -> Iterator[SourceItem]:
    name = _lower_name(path)
    if not path.exists():
        yield failure(str(path), f"{path}: no such file or directory")
    elif not path.is_dir() and not path.is_file():
        yield failure(
            str(path), f"{path}: not a regular file (a FIFO, device or socket); pass files only"
        )
    elif path.is_dir():
        found, unreadable = _html_files(path)
        yield from unreadable
        if not found and not unreadable:
            yield failure(str(path), f"{path}: folder holds no *.html or *.htm files")
        for child in found:
            yield _read_html_file(child, ReadOptions(max_bytes=opts.max_bytes))
    elif name.endswith(WARC_SUFFIXES):
        from provenance.read.warc import iter_warc  # warcio: only for archives

        yield from iter_warc(path, opts)
    elif name.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(path, opts.max_bytes)
    else:
        yield _read_html_file(path, opts)


def _html_files(folder: Path) -> tuple[list[Path], list[SourceItem]]:
    """The folder's HTML files, and one failure per subfolder that cannot be listed
    (``Path.rglob`` skips those silently).  Symbolic links to folders are not followed."""
    unreadable: list[SourceItem] = []

    def note(exc: OSError) -> None:
        where = exc.filename or folder
        reason = exc.strerror or str(exc)
        unreadable.append(failure(str(where), f"{where}: cannot list this folder: {reason}"))

    found = [
        Path(top, name)
        for top, _dirs, names in os.walk(folder, onerror=note)
        for name in names
        if name.lower().endswith(HTML_SUFFIXES) and Path(top, name).is_file()
    ]
    return sorted(found), unreadable


def _read_html_file(path: Path, opts: ReadOptions) -> SourceItem:
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            return failure(
                str(path),
                f"{path}: file is {size_label(size)}, over the {size_label(opts.max_bytes)} "
                "page limit; is it really one web page?",
                url=opts.url,
            )
        content = path.read_bytes()
    except OSError as exc:
        return failure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
    return Page(content=content, url=opts.url, source=str(path))


__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "WARC_SUFFIXES",
    "iter_sources",
    "typed_url_client",
    "url_fetcher",
]
