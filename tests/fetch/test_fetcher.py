"""The client under the typed-URL policy (sources given as URLs) against the local
server: redirects and failures."""

from __future__ import annotations

from provenance.fetch import FetchSettings, HttpClient
from provenance.model import Article
from provenance.read.sources import iter_sources


def _typed(**kw: float) -> HttpClient:
    return HttpClient(FetchSettings.for_typed_url(allow_private=True, **kw))


def test_fetch_follows_redirects_and_records_them(local_server: str) -> None:
    with _typed() as fetcher:
        page = fetcher.fetch_page(f"{local_server}/old-path")
    assert page.url == f"{local_server}/article.html"
    assert page.source == f"{local_server}/old-path"
    assert page.redirects == (f"{local_server}/old-path",)
    assert page.content_type is not None and "text/html" in page.content_type


def test_fetch_failures_name_the_url(local_server: str) -> None:
    with _typed(timeout=0.5) as fetcher:
        items = list(
            iter_sources([f"{local_server}/missing", f"{local_server}/slow"], fetcher=fetcher)
        )
    assert all(isinstance(i, Article) for i in items)
    missing, slow = (i.error for i in items if isinstance(i, Article))
    assert "/missing" in missing and "404" in missing
    assert "/slow" in slow and "timed out" in slow
