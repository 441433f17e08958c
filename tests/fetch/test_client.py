"""One HTTP client, two policies: a URL the user typed and a URL a page names.

Both refuse internal addresses (every redirect hop too) unless allowed, and
map the same failures to the same errors; only the named-URL policy reads
robots.txt and waits its turn per host.  All against servers on 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import FetchError
from provenance.fetch import (
    BodyTooLarge,
    FetchSettings,
    HttpClient,
    HTTPStatusError,
    RefusedURL,
    RobotsDisallowed,
)
from provenance.fetch.failures import fetch_error
from tests.helpers.crawlweb import CrawlWeb, FakeClock

POLICIES: dict[str, Callable[[], FetchSettings]] = {
    "typed": FetchSettings.for_typed_url,
    "named": FetchSettings.for_named_url,
}


def _client(web: CrawlWeb, policy: str, clock: FakeClock | None = None, **kw: object) -> HttpClient:
    settings = replace(POLICIES[policy](), resolve=web.resolve, **kw)  # type: ignore[arg-type]
    return HttpClient(settings, clock=clock or FakeClock())


def _rows(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- (1) a typed loopback URL: refused by default, fetched with --allow-private ----------
def test_extract_refuses_a_loopback_url_unless_allowed(local_server: str) -> None:
    url = f"{local_server}/article.html"
    refused = CliRunner().invoke(cli, ["extract", url])
    assert refused.exit_code == 1
    [row] = _rows(refused.stdout)
    error = str(row["error"])
    assert error.startswith(f"{url}: refused") and "loopback" in error
    assert "--allow-private" in error and "--allow-private" in refused.stderr

    allowed = CliRunner().invoke(cli, ["extract", "--allow-private", url])
    assert allowed.exit_code == 0, allowed.output
    [row] = _rows(allowed.stdout)
    assert row["error"] is None and row["url"] == url and row["text"]


@pytest.mark.parametrize("command", ["ingest", "audit"])
def test_ingest_and_audit_refuse_a_loopback_url_unless_allowed(
    command: str, local_server: str, tmp_path: Path
) -> None:
    url = f"{local_server}/article.html"
    db = str(tmp_path / "t.db")
    refused = CliRunner().invoke(cli, [command, url, "--db", db])
    assert refused.exit_code == 1
    assert url in refused.stderr and "--allow-private" in refused.stderr
    allowed = CliRunner().invoke(cli, [command, url, "--db", db, "--allow-private"])
    assert allowed.exit_code == 0, allowed.output
    assert "--allow-private" not in allowed.stderr


def test_local_files_need_no_client(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<html><body><article><p>Nothing fetched here.</p></article></body></html>")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0, result.output


# -- (2) redirects are guarded too ----------------------------------------------------
@pytest.mark.parametrize("policy", POLICIES)
def test_a_redirect_to_loopback_is_refused(web: CrawlWeb, policy: str) -> None:
    with _client(web, policy) as client, pytest.raises(RefusedURL) as info:
        client.fetch_page("http://edge.test/to-admin")
    message = str(info.value)  # (named URLs: the hop's robots.txt is the first request refused)
    assert message.startswith(f"{web.base}/") and "refused" in message and "loopback" in message
    assert "redirect from http://edge.test/to-admin" in message
    assert "--allow-private" in message
    assert web.requests["edge.test/to-admin"] == 1
    assert web.requests["127.0.0.1/admin"] == web.requests["127.0.0.1/robots.txt"] == 0
    with _client(web, policy, allow_private=True) as client:
        page = client.fetch_page("http://edge.test/to-admin")
    assert page.content == b"internal admin console"
    assert page.redirects == ("http://edge.test/to-admin",)


def test_typed_urls_resolving_to_internal_addresses_are_refused() -> None:
    names = {"intranet.test": ["10.1.2.3"], "meta.test": ["169.254.169.254"], "v6.test": ["::1"]}
    settings = FetchSettings.for_typed_url()
    with HttpClient(settings, resolver=lambda h, p: names[h]) as client:
        for host, label in (("intranet", "private"), ("meta", "link-local"), ("v6", "loopback")):
            with pytest.raises(RefusedURL, match=f"{host}.test resolves to a {label}"):
                client.fetch_page(f"http://{host}.test/")


# -- (3) only the named-URL policy reads robots.txt and waits --------------------------
def test_typed_urls_skip_robots_txt_and_politeness(web: CrawlWeb) -> None:
    clock = FakeClock()
    with _client(web, "typed", clock) as client:
        for _ in range(2):
            page = client.fetch_page("http://publisher.test/drafts/unfinished.html")
            assert b"Draft" in page.content
    assert web.requests["publisher.test/robots.txt"] == 0
    assert web.hits["publisher.test/drafts/unfinished.html"] == 2
    assert clock.sleeps == []


def test_named_urls_obey_robots_txt(web: CrawlWeb) -> None:
    with _client(web, "named") as client, pytest.raises(RobotsDisallowed):
        client.fetch_page("http://publisher.test/drafts/unfinished.html")
    assert web.requests["publisher.test/robots.txt"] == 1
    assert web.requests["publisher.test/drafts/unfinished.html"] == 0


def test_typed_urls_are_not_retried(web: CrawlWeb) -> None:
    with _client(web, "typed") as client, pytest.raises(HTTPStatusError, match="HTTP 503"):
        client.fetch_page("http://edge.test/flaky")
    assert web.hits["edge.test/flaky"] == 1


# -- (4) the same failure is the same error under both policies -------------------------
@pytest.mark.parametrize("policy", POLICIES)
def test_a_404_is_an_http_status_error(web: CrawlWeb, policy: str) -> None:
    with _client(web, policy) as client, pytest.raises(HTTPStatusError) as info:
        client.fetch_page("http://edge.test/no-such-page")
    assert info.value.status == 404
    assert str(info.value).startswith("http://edge.test/no-such-page: HTTP 404")
    assert "check the URL" in str(info.value)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize(
    ("path", "cap", "wording"),
    [("page.html", 1000, "declares"), ("bomb", 100_000, "after decompression")],
)
def test_an_over_size_body_is_body_too_large(
    web: CrawlWeb, policy: str, path: str, cap: int, wording: str
) -> None:
    url = f"http://edge.test/{path}"
    with _client(web, policy, max_bytes=cap) as client, pytest.raises(BodyTooLarge) as info:
        client.fetch_page(url)
    assert str(info.value).startswith(f"{url}: response") and wording in str(info.value)
    assert f"{cap:,}-byte limit" in str(info.value)


@pytest.mark.parametrize("policy", POLICIES)
def test_timeouts_and_refused_connections_name_the_url(web: CrawlWeb, policy: str) -> None:
    slow = r"^http://edge\.test/slow: timed out"
    with _client(web, policy, timeout=0.3) as client, pytest.raises(FetchError, match=slow):
        client.fetch_page("http://edge.test/slow")
    settings = replace(POLICIES[policy](), resolve={"gone.test": "127.0.0.1:9"}, retries=0)
    gone = r"http://gone\.test/\S*: could not fetch: cannot connect"
    with HttpClient(settings, clock=FakeClock()) as client, pytest.raises(FetchError, match=gone):
        client.fetch_page("http://gone.test/x")


def test_httpx_errors_map_to_fetch_errors_naming_the_url() -> None:
    url = "http://example.test/a"
    request = httpx.Request("GET", url)
    cases: list[tuple[Exception, str]] = [
        (httpx.ReadTimeout("slow", request=request), "timed out"),
        (httpx.ConnectError("refused", request=request), "cannot connect"),
        (httpx.InvalidURL("bad"), "not a valid URL"),
        (httpx.TooManyRedirects("loop", request=request), "too many redirects"),
        (httpx.RemoteProtocolError("eof", request=request), "could not fetch"),
    ]
    for exc, wording in cases:
        error = fetch_error(url, exc)
        assert type(error) is FetchError
        assert str(error).startswith(f"{url}: ") and wording in str(error), error
    assert "after 3 tries" in str(fetch_error(url, cases[1][0], tries=3))
    refused = RefusedURL(f"{url}: refused")
    assert fetch_error(url, refused) is refused


@pytest.mark.parametrize(
    ("scheme", "checked"),
    [("http", "93.184.216.34"), ("https", "93.184.216.34"), ("https", "2606:4700:4700::1111")],
)
def test_the_connection_goes_to_the_checked_address(scheme: str, checked: str) -> None:
    """DNS rebinding: a name that resolves to a public address when checked and to
    127.0.0.1 a moment later must be connected to at the address that was checked,
    for https and IPv6 answers too, with the TLS name kept."""
    from provenance.fetch.guard import GuardedTransport

    answers = iter([[checked], ["127.0.0.1"], ["127.0.0.1"]])
    seen: list[httpx.Request] = []

    def inner(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    transport = GuardedTransport(
        httpx.MockTransport(inner), resolver=lambda host, port: next(answers)
    )
    with httpx.Client(transport=transport) as client:
        client.get(f"{scheme}://rebind.example/page")
    [request] = seen
    assert request.url.host == checked
    assert request.headers["host"] == "rebind.example"
    if scheme == "https":
        assert request.extensions["sni_hostname"] == "rebind.example"


BAD_URLS = [
    "http://127.000.000.001/x",  # httpx: invalid IPv4 address
    "http://xn--/x",  # IDNA: a malformed A-label
    "http://[bad/x",  # urllib: invalid IPv6 URL
    "http://example.com:99999999/x",  # port out of range
    "http://a b/x",  # whitespace in the host
    "http:///x",  # no host
]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("policy", ["typed", "named"])
def test_a_url_no_parser_accepts_is_a_fetch_error_naming_it(url: str, policy: str) -> None:
    client = HttpClient(POLICIES[policy](), clock=FakeClock())
    with pytest.raises(FetchError, match="not a valid URL") as caught:
        client.fetch(url)
    assert str(caught.value).startswith(url)


def test_extract_of_bad_urls_fails_each_by_name_and_keeps_the_good_file(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text("<html><body><article><p>" + "A plain sentence. " * 40 + "</p></article>")
    result = CliRunner().invoke(cli, ["extract", *BAD_URLS[:3], str(good)])
    assert result.exit_code == 1
    rows = _rows(result.stdout)
    assert [r["error"] is None for r in rows] == [False, False, False, True]
    for url, row in zip(BAD_URLS[:3], rows, strict=False):
        assert str(row["error"]).startswith(url)
