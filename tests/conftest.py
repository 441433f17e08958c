"""Shared fixtures: real HTTP servers on 127.0.0.1 (a plain one and the crawl web) and
WARC builders."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.crawlweb import CrawlWeb, serve

ARTICLE_HTML = (
    "<!doctype html><html lang='en'><head><title>Harbour cranes return | Harbour Times</title>"
    "</head><body><article><h1>Harbour cranes return</h1>"
    "<p>The two blue cranes that stood over the east quay for forty years came back on Tuesday, "
    "rebuilt and repainted after a winter in the yard.</p>"
    "<p>Dock workers lined the quay to watch the first lift, a container of citrus from the "
    "south coast that swung ashore a little after nine.</p></article></body></html>"
)

#: A longer original article, for tests that fetch a credited original.
ORIGINAL_BODY = " ".join(
    f"<p>Paragraph {n}: the river authority published its survey of the northern weirs, "
    f"finding {n + 3} sites where salmon ladders had silted up over the dry summer months "
    f"and recommending dredging before the autumn run begins in earnest.</p>"
    for n in range(8)
)
ORIGINAL_HTML = (
    "<!doctype html><html lang='en'><head><title>Weir survey | River Gazette</title>"
    "<meta property='og:site_name' content='River Gazette'></head><body><article>"
    f"<h1>Weir survey</h1>{ORIGINAL_BODY}</article></body></html>"
)

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _routes(stop: threading.Event) -> dict[str, Route]:
    def ok(h: BaseHTTPRequestHandler) -> None:
        _send(h, 200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")

    def missing(h: BaseHTTPRequestHandler) -> None:
        _send(h, 404, b"not here", "text/plain")

    def slow(h: BaseHTTPRequestHandler) -> None:
        stop.wait(5)  # longer than the client timeout the tests use

    def redirect(h: BaseHTTPRequestHandler) -> None:
        h.send_response(301)
        h.send_header("Location", "/article.html")
        h.send_header("Content-Length", "0")
        h.end_headers()

    def original(h: BaseHTTPRequestHandler) -> None:
        _send(h, 200, ORIGINAL_HTML.encode(), "text/html; charset=utf-8")

    return {
        "/article.html": ok,
        "/missing": missing,
        "/slow": slow,
        "/old-path": redirect,
        "/original": original,
    }


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path)
        if route is None:
            _send(self, 404, b"no route", "text/plain")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    """A real threaded HTTP server on 127.0.0.1; yields its base URL."""
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"routes": _routes(stop)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        time.sleep(0.05)
        server.shutdown()
        server.server_close()


def write_warc(
    path: Path, pages: list[tuple[str, str]], *, content_type: str = "text/html"
) -> None:
    """Write a gzipped WARC with a response record per (url, html)."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", f"{content_type}; charset=utf-8")], protocol="HTTP/1.1"
            )
            data = html.encode("utf-8")
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(data),
                length=len(data),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-03-01T10:00:00Z"},
            )
            writer.write_record(record)


@pytest.fixture
def warc_factory(tmp_path: Path) -> Callable[[list[tuple[str, str]]], Path]:
    def make(pages: list[tuple[str, str]], name: str = "pages.warc.gz") -> Path:
        path = tmp_path / name
        write_warc(path, pages)
        return path

    return make


@pytest.fixture(scope="module")
def web_server() -> Iterator[CrawlWeb]:
    with serve() as web:
        yield web


@pytest.fixture
def web(web_server: CrawlWeb) -> CrawlWeb:
    web_server.reset()
    return web_server
