"""The bundled demo corpus (corpora/demo): readable, consistent and reproducible."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.helpers import ROOT

DEMO = ROOT / "corpora" / "demo"
WARC = DEMO / "demo.warc.gz"
EXPECTED = DEMO / "expected.json"

ROLES = {"origin", "copy", "intermediary", "independent"}
KINDS = {"original", "full-copy", "excerpt", "scraper", "wire", "feed"}


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_corpus_build", DEMO / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _records(path: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            item: dict[str, object] = {
                "type": rec.rec_type,
                "warc_headers": rec.rec_headers.headers,
                "uri": rec.rec_headers.get_header("WARC-Target-URI"),
            }
            if rec.http_headers is not None:
                item["http_status"] = rec.http_headers.statusline
                item["http_protocol"] = rec.http_headers.protocol
                item["http_headers"] = rec.http_headers.headers
            item["body"] = rec.content_stream().read()
            out.append(item)
    return out


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    return _records(WARC)


@pytest.fixture(scope="module")
def expected() -> dict[str, list]:  # type: ignore[type-arg]
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _responses(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["uri"]): r for r in records if r["type"] == "response"}


def _ctype(rec: dict[str, object]) -> str:
    headers = dict(rec["http_headers"])  # type: ignore[call-overload]
    return str(headers.get("Content-Type", ""))


def test_warc_is_readable(records: list[dict[str, object]]) -> None:
    assert records[0]["type"] == "warcinfo"
    types = [r["type"] for r in records[1:]]
    assert types.count("request") == types.count("response") > 25
    for r in records:
        headers = dict(r["warc_headers"])  # type: ignore[call-overload]
        assert headers["WARC-Date"].startswith("2026-")
        assert headers["WARC-Record-ID"].startswith("<urn:uuid:")
    assert WARC.stat().st_size < 300_000


def test_every_record_is_warc_1_0_gzip_member() -> None:
    raw = WARC.read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    text = gzip.decompress(raw)
    assert text.startswith(b"WARC/1.0\r\n")
    assert b"WARC/1.1" not in text


def test_request_response_pairs(records: list[dict[str, object]]) -> None:
    responses = {
        dict(r["warc_headers"])["WARC-Record-ID"]: r  # type: ignore[call-overload]
        for r in records
        if r["type"] == "response"
    }
    requests = [r for r in records if r["type"] == "request"]
    assert len(requests) == len(responses)
    for req in requests:
        h = dict(req["warc_headers"])  # type: ignore[call-overload]
        resp = responses[h["WARC-Concurrent-To"]]
        assert resp["uri"] == req["uri"]
        assert req["http_protocol"] == "GET"
        assert str(req["http_status"]).endswith(" HTTP/1.1")


def test_every_document_has_an_html_response(
    records: list[dict[str, object]],
    expected: dict[str, list],  # type: ignore[type-arg]
) -> None:
    responses = _responses(records)
    for doc in expected["documents"]:
        rec = responses[doc["url"]]
        assert rec["http_status"] == "200 OK"
        assert _ctype(rec).startswith("text/html")
        body = bytes(rec["body"]).decode("utf-8")  # type: ignore[call-overload]
        assert body.lstrip().lower().startswith("<!doctype html>")
        assert re.search(r'<html lang="[a-z]{2}', body)
        assert '<meta property="og:site_name" content="' in body
        assert f'content="{doc["url"]}"' in body  # og:url is the page itself
        assert '<meta property="article:published_time"' in body
        assert '<link rel="canonical"' in body
        assert '<div class="entry-content">' in body and "<article" in body
        assert doc["role"] in ROLES and doc["kind"] in KINDS


def test_feeds_carry_yoast_footers(records: list[dict[str, object]]) -> None:
    feeds = {u: r for u, r in _responses(records).items() if u.endswith("/feed/")}
    assert len(feeds) >= 3
    for url, rec in feeds.items():
        assert _ctype(rec).startswith("application/rss+xml")
        body = bytes(rec["body"]).decode("utf-8")  # type: ignore[call-overload]
        assert "<content:encoded>" in body
        home = url.removesuffix("/feed/")
        assert f'appeared first on <a rel="nofollow" href="{home}">' in body or (
            f'erschien zuerst auf <a rel="nofollow" href="{home}">' in body
        )


def test_expected_is_consistent(expected: dict[str, list]) -> None:  # type: ignore[type-arg]
    assert set(expected) == {"documents", "chains", "edges", "not_linked", "conflicts"}
    docs = {d["url"]: d for d in expected["documents"]}
    assert len(docs) == len(expected["documents"])
    assert 25 <= len(docs) <= 35
    copies = {u for u, d in docs.items() if d["role"] in ("copy", "intermediary")}
    assert {c["url"] for c in expected["chains"]} == copies
    for c in expected["chains"]:
        chain = c["chain"]
        assert chain[0] == {"url": c["url"], "role": "copy"}
        assert chain[-1]["role"] == "origin"
        assert docs[chain[-1]["url"]]["role"] == "origin"
        assert all(h["role"] == "intermediary" for h in chain[1:-1])
        assert all(h["url"] in docs for h in chain)
    for e in expected["edges"]:
        assert e["copy_url"] in docs and e["source_url"] in docs
        assert 0 < e["approx_containment"] <= 1
    for a, b in expected["not_linked"]:
        assert a in docs and b in docs
        assert not any({e["copy_url"], e["source_url"]} == {a, b} for e in expected["edges"])


def test_demo_features_present(
    records: list[dict[str, object]],
    expected: dict[str, list],  # type: ignore[type-arg]
) -> None:
    bodies = {
        u: bytes(r["body"]).decode("utf-8")  # type: ignore[call-overload]
        for u, r in _responses(records).items()
    }
    kinds = [d["kind"] for d in expected["documents"]]
    assert {"original", "full-copy", "excerpt", "scraper", "wire"} <= set(kinds)
    # chained footers: origin first, then the intermediary
    three_hop = [c for c in expected["chains"] if len(c["chain"]) == 3]
    assert three_hop
    assert any(
        re.search(
            r"appeared first on <a[^>]*>Harbour Times</a>\.</p>\s*<p>The post .*"
            r"appeared first on <a[^>]*>Daily Relay</a>",
            bodies[c["url"]],
        )
        for c in three_hop
    )
    # plain-text footer without links
    assert any(
        re.search(r"<p>The post [^<]+ appeared first on [^<]+\.</p>", b) for b in bodies.values()
    )
    # German footer
    assert any("erschien zuerst auf" in b and 'lang="de' in b for b in bodies.values())
    # one cross-domain canonical
    cross = 0
    for url, body in bodies.items():
        m = re.search(r'<link rel="canonical" href="([^"]+)"', body)
        if m and m.group(1).split("/")[2] != url.split("/")[2]:
            cross += 1
    assert cross == 1
    # excerpts near 60% and 35%, and two lines of a story in a roundup (well under 10%)
    ex = sorted(
        e["approx_containment"]
        for e in expected["edges"]
        if docs_kind(expected, e["copy_url"]) == "excerpt"
    )
    assert len(ex) == 3 and ex[0] < 0.1 and 0.3 <= ex[1] <= 0.4 and 0.55 <= ex[2] <= 0.65
    # the independent reports share a verbatim statement but little else
    assert expected["not_linked"]
    # scraper copies carry no credit
    assert any(not e["attributed"] for e in expected["edges"])


def docs_kind(expected: dict[str, list], url: str) -> str:  # type: ignore[type-arg]
    return next(d["kind"] for d in expected["documents"] if d["url"] == url)


def test_rebuild_is_identical(tmp_path: Path, records: list[dict[str, object]]) -> None:
    build = _load_build()
    warc_a, exp_a = build.build(tmp_path / "a")
    warc_b, _ = build.build(tmp_path / "b")
    assert exp_a.read_bytes() == EXPECTED.read_bytes()
    # Two fresh builds are byte-identical; against the shipped file, compare the
    # uncompressed stream (zlib versions may compress differently).
    assert warc_a.read_bytes() == warc_b.read_bytes()
    assert gzip.decompress(warc_a.read_bytes()) == gzip.decompress(WARC.read_bytes())
    assert _records(warc_a) == records
