"""A plain threaded HTTP server on 127.0.0.1 with a few fixed routes.

``/article.html`` and ``/original`` serve the pages in :mod:`tests.helpers.pages`,
``/missing`` is a 404, ``/slow`` outlasts the client timeouts the tests use and
``/old-path`` redirects to ``/article.html``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from tests.helpers.pages import ARTICLE_HTML, ORIGINAL_HTML

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


@contextmanager
def serve_local() -> Iterator[str]:
    """Run the server for the ``with`` block; yields its base URL."""
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


__all__ = ["serve_local"]
