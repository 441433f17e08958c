"""WARC records that are not articles are skipped and counted; WET text is read."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.model import Article, Page
from provenance.read.items import TextDocument
from provenance.read.sources import iter_sources

HTML = b"<html><body><article><p>The ferry runs at night from June.</p></article></body></html>"


def _response(w: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(
        w.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
    )


def test_non_articles_are_skipped_and_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        w = WARCWriter(out, gzip=True)
        w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        w.write_record(
            w.create_warc_record(
                "dns:harbour.example", "response", payload=io.BytesIO(b"1.2.3.4"), length=7
            )
        )
        _response(w, "https://harbour.example/robots.txt", "200 OK", "text/plain", b"User-agent: *")
        _response(w, "https://harbour.example/gone", "404 Not Found", "text/html", b"<p>no</p>")
        _response(w, "https://harbour.example/logo.png", "200 OK", "image/png", b"\x89PNG")
        _response(w, "https://harbour.example/ferry", "200 OK", "text/html", HTML)
        text = b"The ferry runs at night from June, the council said."
        w.write_record(
            w.create_warc_record(
                "https://harbour.example/ferry-wet", "conversion", payload=io.BytesIO(text),
                length=len(text), warc_content_type="text/plain",
            )
        )  # fmt: skip
    with caplog.at_level(logging.INFO, logger="provenance.read.warc"):
        items = list(iter_sources([str(path)]))
    assert [type(i) for i in items] == [Page, TextDocument]
    assert items[0].url == "https://harbour.example/ferry"  # type: ignore[union-attr]
    for what in ("1 non-HTTP", "1 robots.txt", "1 non-2xx", "1 non-HTML", "1 warcinfo"):
        assert what in caplog.text, what


def test_an_empty_warc_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    [item] = list(iter_sources([str(path)]))
    assert isinstance(item, Article) and "no WARC records" in item.error
