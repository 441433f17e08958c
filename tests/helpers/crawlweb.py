"""A little local web for the crawler tests: one real threaded HTTP server on
127.0.0.1 serving several virtual hosts, routed by the Host header.

Everything served is fictional.  ``CrawlWeb.requests`` counts requests per
``host/path``; ``CrawlWeb.hits`` those that got past their gate and were
answered; ``CrawlWeb.gate(key)`` makes a path block until the test releases
it (to kill or race crawls at a known point).
"""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOSTS = ("aggregator.test", "publisher.test", "origin.test", "blog.test", "edge.test")

_LIGHTHOUSE = [
    "The last keeper of the Carrow Point light handed over his keys on Friday, ending a "
    "watch that his family had kept over the northern channel for three generations.",
    "Ansel Marrin, who is seventy one, climbed the hundred and twelve steps one final time "
    "to wind the clockwork that turned the lens before the automatic lamp was switched on.",
    "He said the sea had been calm for the handover, which he took as a kindness, and that "
    "he would miss the gulls more than the storms that rattled the lantern room each winter.",
    "The harbour board plans to open the keeper's cottage as a small museum next spring, "
    "with his logbooks, oilskins and the brass telescope that his grandfather bought in 1931.",
    "Fishing crews sounded their horns as they passed the point on the evening tide, and a "
    "few dozen neighbours gathered on the cliff path with flasks of tea to watch the beam.",
]
_FERRY = [
    "The island ferry will run a later sailing on weekdays from next month after commuters "
    "collected more than two thousand signatures asking for an evening crossing after six.",
    "The operator said the new departure would leave the mainland pier at half past seven "
    "and reach the island harbour forty minutes later, weather and tides permitting.",
    "Councillors welcomed the change but warned that the older of the two vessels needs a "
    "new engine before winter, and that the repair could take it out of service for weeks.",
    "Shopkeepers on the island said the late boat would let visitors stay for supper, and "
    "the primary school plans to use it for a concert trip to the mainland in the autumn.",
    "A review of the timetable will follow in six months, when passenger counts from the "
    "ticket machines on both piers will show whether the extra crossing is paying its way.",
]
_BAKERY = [
    "A bakery on Mill Lane has started selling bread made with flour ground at the restored "
    "water mill upstream, the first time the mill has produced flour for sale in fifty years.",
    "The miller, a retired engineer who spent four winters rebuilding the wheel and gears, "
    "said the stones can grind about two hundred kilos on a good day when the river runs high.",
    "Queues formed before the shop opened on Saturday morning, and the first batch of brown "
    "loaves sold out within the hour, the baker said, to her surprise and mild alarm.",
    "The mill trust hopes the income will pay for a new roof over the grain store, which has "
    "leaked since a storm two years ago brought down an old ash tree beside the race.",
]


def _html(title: str, paras: list[str], footer: str = "", head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}{footer}</article></body></html>"
    ).encode()


@dataclass(frozen=True, slots=True)
class Reply:
    status: int = 200
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


Handler = Callable[["CrawlWeb", BaseHTTPRequestHandler, int], Reply | None]


def feed_rss(base: str) -> bytes:
    items = [
        ("Last keeper leaves Carrow Point", "http://aggregator.test/story/lighthouse", "", ""),
        (
            "Late ferry for island commuters",
            "http://aggregator.test/story/ferry",
            "agg-ferry-1",
            "<source url='http://publisher.test/sitemap-news.xml'>Publisher Daily</source>",
        ),
        ("Members only", "http://aggregator.test/private/members", "", ""),
        ("Admin", f"{base}/admin", "", ""),
    ]
    xml = "".join(
        f"<item><title>{t}</title><link>{u}</link>"
        + (f"<guid isPermaLink='false'>{g}</guid>" if g else "")
        + f"{s}</item>"
        for t, u, g, s in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Aggregator</title><link>http://aggregator.test/</link>{xml}</channel></rss>"
    ).encode()


NEWS_SITEMAP = (
    b"<?xml version='1.0' encoding='UTF-8'?>"
    b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
    b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
    b"<url><loc>http://publisher.test/news/late-ferry.html</loc><news:news>"
    b"<news:publication><news:name>Publisher Daily</news:name><news:language>en"
    b"</news:language></news:publication><news:publication_date>2026-03-02T08:00:00Z"
    b"</news:publication_date><news:title>Late ferry</news:title></news:news></url>"
    b"<url><loc>http://publisher.test/news/mill-bread.html</loc></url>"
    b"<url><loc>http://publisher.test/drafts/unfinished.html</loc></url>"
    b"</urlset>"
)
SITEMAP_INDEX = (
    b"<?xml version='1.0' encoding='UTF-8'?>"
    b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
    b"<sitemap><loc>http://publisher.test/sitemap-news.xml</loc></sitemap></sitemapindex>"
)
ATOM = (
    b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
    b"<title>Blog</title><id>urn:blog</id><entry><title>Mill bread</title>"
    b"<id>urn:blog:mill</id><link rel='alternate' href='http://blog.test/posts/mill'/>"
    b"<source><id>urn:publisher</id><title>Publisher Daily</title>"
    b"<link rel='alternate' href='http://publisher.test/news/mill-bread.html'/></source>"
    b"</entry></feed>"
)


def _static(web: CrawlWeb) -> dict[str, Reply]:
    credit = (
        "<p>This article originally appeared on "
        "<a href='http://origin.test/news/carrow-point.html'>Origin Gazette</a>.</p>"
    )
    xml = "application/xml"
    return {
        "aggregator.test/robots.txt": Reply(
            body=b"User-agent: *\nDisallow: /private/\n", ctype="text/plain"
        ),
        "publisher.test/robots.txt": Reply(
            body=b"User-agent: *\nDisallow: /drafts/\n", ctype="text/plain"
        ),
        "aggregator.test/feed.xml": Reply(
            body=feed_rss(web.base), ctype="application/rss+xml", headers=(("ETag", '"f1"'),)
        ),
        "aggregator.test/story/lighthouse": Reply(
            body=_html("Last keeper leaves Carrow Point", _LIGHTHOUSE, credit)
        ),
        "aggregator.test/story/ferry": Reply(body=_html("Late ferry for island commuters", _FERRY)),
        "aggregator.test/private/members": Reply(body=_html("Members", _BAKERY)),
        "origin.test/news/carrow-point.html": Reply(
            body=_html("Carrow Point keeper hands over the keys", _LIGHTHOUSE)
        ),
        "publisher.test/sitemap-news.xml": Reply(body=NEWS_SITEMAP, ctype=xml),
        "publisher.test/sitemap_index.xml": Reply(body=SITEMAP_INDEX, ctype=xml),
        "publisher.test/news/late-ferry.html": Reply(body=_html("Late ferry", _FERRY)),
        "publisher.test/news/mill-bread.html": Reply(body=_html("Mill flour bread", _BAKERY)),
        "publisher.test/drafts/unfinished.html": Reply(body=_html("Draft", _BAKERY)),
        "blog.test/atom.xml": Reply(body=ATOM, ctype="application/atom+xml"),
        "blog.test/posts/mill": Reply(body=_html("Bread from the old mill", _BAKERY)),
        "127.0.0.1/admin": Reply(body=b"internal admin console", ctype="text/plain"),
        "edge.test/page.html": Reply(body=_html("Edge page", _FERRY)),
        "edge.test/r1": Reply(302, headers=(("Location", "/r2"),)),
        "edge.test/r2": Reply(301, headers=(("Location", "http://edge.test/page.html"),)),
        "edge.test/loop-a": Reply(302, headers=(("Location", "/loop-b"),)),
        "edge.test/loop-b": Reply(302, headers=(("Location", "/loop-a"),)),
        "edge.test/to-admin": Reply(302, headers=(("Location", f"{web.base}/admin"),)),
        "edge.test/image.png": Reply(body=b"\x89PNG\r\n\x1a\n", ctype="image/png"),
        "edge.test/bomb": Reply(
            body=gzip.compress(b"\0" * 10_000_000),
            headers=(("Content-Encoding", "gzip"),),
        ),
        "edge.test/gzipped.html": Reply(
            body=gzip.compress(_html("Gzipped", _FERRY)), headers=(("Content-Encoding", "gzip"),)
        ),
    }


def _dynamic(web: CrawlWeb, h: BaseHTTPRequestHandler, key: str, n: int) -> Reply | None:
    if key == "edge.test/flaky":  # two 503s asking for 2 s, then the page
        if n <= 2:
            return Reply(503, b"busy", "text/plain", (("Retry-After", "2"),))
        return Reply(body=_html("Flaky", _FERRY))
    if key == "edge.test/busy":  # a 429 with an HTTP-date three seconds ahead, then the page
        if n <= 1:
            when = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
            return Reply(429, b"slow down", "text/plain", (("Retry-After", when),))
        return Reply(body=_html("Busy", _FERRY))
    if key == "edge.test/hours":
        return Reply(503, b"maintenance", "text/plain", (("Retry-After", "7200"),))
    if key == "edge.test/always-500":
        return Reply(500, b"broken", "text/plain")
    if key == "edge.test/slow":
        web.stop.wait(5)
        return Reply(body=_html("Slow", _FERRY))
    if key == "edge.test/etag":
        if h.headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers=(("ETag", '"v1"'),))
        return Reply(body=_html("Etag", _FERRY), headers=(("ETag", '"v1"'),))
    return None


@dataclass
class CrawlWeb:
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)
    gates: dict[str, threading.Event] = field(default_factory=dict)
    reached: dict[str, threading.Event] = field(default_factory=dict)
    overrides: dict[str, Reply] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def resolve(self) -> dict[str, str]:
        return {host: f"127.0.0.1:{self.port}" for host in HOSTS}

    def gate(self, key: str) -> tuple[threading.Event, threading.Event]:
        """Block ``key`` until the first event is set; the second is set when it is reached."""
        self.gates[key] = threading.Event()
        self.reached[key] = threading.Event()
        return self.gates[key], self.reached[key]

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
            self.requests.clear()
        self.gates.clear()
        self.reached.clear()
        self.overrides.clear()

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        host = (h.headers.get("Host") or "").rsplit(":", 1)[0].lower()
        key = host + h.path.split("?", 1)[0]
        with self.lock:
            self.requests[key] += 1
            n = self.requests[key]
        if key in self.reached:
            self.reached[key].set()
            self.gates[key].wait(10)
        if key == "edge.test/trickle":
            self._trickle(h)
            return
        reply = (
            self.overrides.get(key)
            or _dynamic(self, h, key, n)
            or _static(self).get(key, Reply(404, b"no such page", "text/plain"))
        )
        etag = dict(reply.headers).get("ETag")
        if etag is not None and h.headers.get("If-None-Match") == etag:
            reply = Reply(304, headers=(("ETag", etag),))
        with self.lock:
            self.hits[key] += 1
        try:
            h.send_response(reply.status)
            h.send_header("Content-Type", reply.ctype)
            h.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                h.send_header(name, value)
            h.end_headers()
            h.wfile.write(reply.body)
            h.wfile.flush()
        except OSError:
            pass  # the client went away (killed, timed out, or cut a bomb off)

    def _trickle(self, h: BaseHTTPRequestHandler) -> None:
        """A page sent one byte every 0.2 s: each read is quick, the whole is slow."""
        body = _html("Trickle", _FERRY)
        try:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            for i in range(len(body)):
                if self.stop.wait(0.2):
                    return
                h.wfile.write(body[i : i + 1])
                h.wfile.flush()
        except OSError:
            pass


class _Handler(BaseHTTPRequestHandler):
    web: CrawlWeb
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.web.answer(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (killed crawls, cut-off bombs) are expected here."""


@contextmanager
def serve() -> Iterator[CrawlWeb]:
    web = CrawlWeb()
    handler = type("Handler", (_Handler,), {"web": web})
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    web.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        web.stop.set()
        for event in web.gates.values():
            event.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


class FakeClock:
    """A clock whose sleeps return at once and are recorded."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []
        self._start = datetime.now(UTC)

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(seconds)
            self.t += seconds

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self.t - 1000.0)
