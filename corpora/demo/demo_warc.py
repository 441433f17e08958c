"""The WARC writer: deterministic WARC/1.0 records, one gzip member each.

Knows nothing about stories or rendering: it takes :class:`Capture` values
(what was fetched from which site, when) and writes a ``warcinfo`` record, then a
``request`` + ``response`` pair per capture.  Record IDs are ``uuid5`` of the
URL and dates are fixed, so the output depends only on its input.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from demo_sites import Site
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_NAME = "demo.warc.gz"
USER_AGENT = "provenance-demo-crawler/1.0 (+https://example.org/provenance)"

WARCINFO = (
    b"software: provenance corpora/demo/build.py (warcio)\r\n"
    b"format: WARC File Format 1.0\r\n"
    b"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
    b"description: Fictional demo corpus of syndicated news on .example domains\r\n"
    b"isPartOf: provenance-demo\r\n"
)


@dataclass(frozen=True)
class Capture:
    """One fetched URL: the response body, its content type and the capture time."""

    site: Site
    url: str
    body: bytes
    content_type: str
    when: datetime


def record_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}:{url}')}>"


def warc_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def request_headers(site: Site, url: str) -> StatusAndHeaders:
    path = url.split(site.host, 1)[1] or "/"
    return StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", site.host),
            ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "en-US,en;q=0.8,de;q=0.6"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )


def response_headers(
    site: Site, body: bytes, content_type: str, when: datetime
) -> StatusAndHeaders:
    resp_list = [
        ("Date", format_datetime(when.astimezone(UTC), usegmt=True)),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
        ("Server", site.server),
        ("Cache-Control", "max-age=300, must-revalidate"),
        ("Vary", "Accept-Encoding"),
    ]
    if site.wordpress and "html" in content_type:
        resp_list.append(("Link", f'<{site.home}/wp-json/>; rel="https://api.w.org/"'))
    return StatusAndHeaders("200 OK", resp_list, protocol="HTTP/1.1")


def write_pair(
    writer: WARCWriter, site: Site, url: str, body: bytes, content_type: str, when: datetime
) -> None:
    date = warc_date(when)
    resp = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=response_headers(site, body, content_type, when),
        warc_headers_dict={"WARC-Record-ID": record_id("response", url), "WARC-Date": date},
    )
    req = writer.create_warc_record(
        url,
        "request",
        http_headers=request_headers(site, url),
        warc_headers_dict={"WARC-Record-ID": record_id("request", url), "WARC-Date": date},
    )
    writer.write_request_response_pair(req, resp)


def write_warcinfo(writer: WARCWriter, started: datetime) -> None:
    rec = writer.create_warc_record(
        "",
        "warcinfo",
        payload=io.BytesIO(WARCINFO),
        length=len(WARCINFO),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": record_id("warcinfo", WARC_NAME),
            "WARC-Date": warc_date(started),
            "WARC-Filename": WARC_NAME,
        },
    )
    writer.write_record(rec)


def write_captures(path: Path, captures: Iterable[Capture], started: datetime) -> None:
    """Write the warcinfo record (dated ``started``), then each capture as it comes."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")
        write_warcinfo(writer, started)
        for cap in captures:
            write_pair(writer, cap.site, cap.url, cap.body, cap.content_type, cap.when)
