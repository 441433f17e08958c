"""Writing small WARC files for the reading tests."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


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


__all__ = ["write_warc"]
