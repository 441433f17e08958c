"""Write every request and response of a crawl to one WARC file.

Response bodies are stored decoded (the crawler inflates gzip itself to cap
it), so ``Content-Encoding``/``Transfer-Encoding`` are dropped from the stored
headers and ``Content-Length`` is set to the stored body.  ``provenance ingest``
reads the file back offline like any other WARC.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance._closing import Closing
from provenance.errors import SourceError

log = logging.getLogger(__name__)

_DROP = {"content-encoding", "transfer-encoding", "content-length"}


def _warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcArchive(Closing):
    """One gzipped WARC file; thread-safe; use as a context manager or :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file: BinaryIO = path.open("xb")
        except OSError as exc:
            raise SourceError(f"{path}: cannot create the WARC archive: {exc}") from exc
        self._writer = WARCWriter(self._file, gzip=True)
        self._lock = threading.Lock()
        self.records = 0

    @classmethod
    def for_run(cls, directory: Path, started: datetime) -> WarcArchive:
        stamp = started.strftime("%Y%m%dT%H%M%SZ")
        return cls(directory / f"crawl-{stamp}-{uuid.uuid4().hex[:8]}.warc.gz")

    def record(
        self,
        *,
        url: str,
        method: str,
        request_headers: Iterable[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: Iterable[tuple[str, str]],
        body: bytes,
        when: datetime,
    ) -> None:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_http = StatusAndHeaders(
            f"{method} {target} HTTP/1.1", list(request_headers), is_http_request=True
        )
        headers = [(k, v) for k, v in response_headers if k.lower() not in _DROP]
        headers.append(("Content-Length", str(len(body))))
        resp_http = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
        date = _warc_date(when)
        with self._lock:
            response = self._writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=resp_http,
                warc_headers_dict={"WARC-Date": date},
            )
            request = self._writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=req_http,
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            self._writer.write_record(request)
            self._writer.write_record(response)
            self._file.flush()
            self.records += 2

    def close(self) -> None:
        with self._lock:
            if not self._file.closed:
                self._file.close()


__all__ = ["WarcArchive"]
