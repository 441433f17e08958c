"""JSON Lines of already extracted articles (Media Cloud, CC-News and our own exports)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from provenance.model import Page
from provenance.read.items import SourceFailure, SourceItem, TextDocument, parse_datetime


def iter_jsonl(path: Path) -> Iterator[SourceItem]:
    """Yield documents from JSON Lines: ``url`` and ``text`` (or ``html``) per line."""
    try:
        if path.name.lower().endswith(".gz"):
            stream: IO[str] = gzip.open(path, "rt", encoding="utf-8", errors="replace")  # noqa: SIM115
        else:
            stream = path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        yield SourceFailure(str(path), f"{path}: cannot read: {exc.strerror or exc}")
        return
    with stream:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            yield _jsonl_row(line, where)


def _jsonl_row(line: str, where: str) -> SourceItem:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceFailure(where, f"{where}: not valid JSON ({exc.msg}); fix or remove the line")
    except RecursionError:
        return SourceFailure(where, f"{where}: JSON nested too deeply; fix or remove the line")
    if not isinstance(row, dict):
        return SourceFailure(where, f"{where}: expected a JSON object with 'url' and 'text'")
    url = row.get("url")
    if not isinstance(url, str) or not url:
        return SourceFailure(where, f"{where}: missing 'url'; every row needs a url")
    html = row.get("html")
    if isinstance(html, str) and html.strip():
        return Page(content=html.encode("utf-8"), url=url, source=where)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return SourceFailure(where, f"{where}: missing 'text' (or 'html')", url=url)

    def opt(key: str) -> str | None:
        value = row.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return TextDocument(
        url=url,
        text=text,
        source=where,
        title=opt("title"),
        published=parse_datetime(opt("published")),
        site_name=opt("site_name"),
    )


__all__ = ["iter_jsonl"]
