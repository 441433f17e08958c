"""Site identity: one module decides what "the same site" means, for every stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.fingerprint.prepare import prepare
from provenance.model import Article
from provenance.sites import (
    domain_key,
    key_stems,
    keys_match,
    registrable_domain,
    same_site,
    site_key,
    url_key,
)
from provenance.store.sqlite import SQLiteStore


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.news.example.co.uk/a", "example.co.uk"),
        ("https://edition.cnn.com/x", "cnn.com"),
        ("https://foo.blogspot.com/p", "foo.blogspot.com"),
        ("https://a.github.io/", "a.github.io"),
        ("https://writer.substack.com/p/x", "writer.substack.com"),
        ("https://site.pages.dev/", "site.pages.dev"),
        ("https://www.abc.net.au/news/1", "abc.net.au"),
        # A multi-label IDN suffix (公司.cn) in its ASCII and Unicode forms, and a
        # malformed A-label, which is looked up as it is.
        ("https://news.example.xn--55qx5d.cn/a", "example.xn--55qx5d.cn"),
        ("https://news.example.公司.cn/a", "example.公司.cn"),
        ("https://www.xn--h1alffa9f.xn--p1ai/", "xn--h1alffa9f.xn--p1ai"),
        ("https://a.xn--bad-.com/", "xn--bad-.com"),
        ("http://127.0.0.1:8000/x", "127.0.0.1"),
        ("http://[::1]/x", "::1"),
        ("http://example.com:99999999/x", "example.com"),
        ("not a url at all", None),
        ("", None),
    ],
)
def test_registrable_domain(url: str, expected: str | None) -> None:
    assert registrable_domain(url) == expected


def test_registrable_domain_of_subdomains_and_of_none() -> None:
    assert registrable_domain("https://www.news.example.co.uk/a") == "example.co.uk"
    assert registrable_domain("https://sub.example.com/") == "example.com"
    assert registrable_domain(None) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://a.blogspot.com/", "https://b.blogspot.com/"),
        ("https://a.github.io/", "https://b.github.io/"),
        ("https://a.substack.com/", "https://b.substack.com/"),
        ("https://a.pages.dev/", "https://b.pages.dev/"),
        ("https://bbc.co.uk/", "https://itv.co.uk/"),
    ],
)
def test_tenants_of_one_host_are_separate_sites(a: str, b: str) -> None:
    assert not same_site(a, b)


def test_same_site_across_subdomains() -> None:
    assert same_site("https://edition.cnn.com/a", "https://www.cnn.com/b")


def test_keys() -> None:
    assert domain_key("https://edition.cnn.com/x") == "cnn"
    assert domain_key("https://www.bbc.co.uk/news") == "bbc"
    assert site_key("The Al Jazeera") == "aljazeera"
    assert site_key("aljazeera.com") == "aljazeera"
    assert url_key("http://www.x.com/a/?utm_source=y") == url_key("https://x.com/a")


@pytest.mark.parametrize("suffix", ["news", "english", "online", "media", "network", "digital"])
def test_every_suffix_keys_match_accepts_has_a_stem(suffix: str) -> None:
    key = "zenger" + suffix
    assert keys_match(key, "zenger")
    assert "zenger" in key_stems(key)


def test_store_finds_what_keys_match_accepts(tmp_path: Path) -> None:
    """The store's site lookup and keys_match share one suffix list (they had drifted)."""
    text = " ".join(f"word{i}" for i in range(200))
    article = Article(
        url="https://zenger.news/2026/01/01/story/",
        source="x",
        title="Story",
        site_name="Zenger",
        text=text,
    )
    store = SQLiteStore(tmp_path / "s.db")
    try:
        store.add_documents([prepare(article, store.params)])
        for credited in ("Zenger Network", "Zenger News", "zenger.news", "Zenger"):
            key = site_key(credited)
            assert key is not None
            assert keys_match(key, "zenger")
            assert [d.url for d in store.find_by_site(key)] == [article.url], credited
    finally:
        store.close()
