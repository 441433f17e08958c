"""Extraction test suites on disk: which layouts we read, and the cases they hold.

Three public layouts are understood, so a suite can be measured as it is
downloaded, without converting it:

* **Readability** (Mozilla's ``test/test-pages``): ``<root>/<case>/source.html``
  with ``expected.html`` and optionally ``expected-metadata.json``;
* **page and text**: ``<root>/html/<name>.html`` with ``<root>/txt/<name>.txt``
  (newspaper's ``tests/data``), or ``<name>.html`` beside ``<name>.txt`` in one
  folder;
* **ground truth** (Zyte's article-extraction-benchmark): ``<root>/ground-truth.json``
  mapping an id to ``{"articleBody": ..., "url": ...}``, pages in
  ``<root>/html/<id>.html`` or ``<id>.html.gz``.

A :class:`Case` says where the page is, the text it should give, its URL when the
suite records one, and the metadata fields the suite labels.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from provenance.errors import EvaluationError
from provenance.extract import html_to_text

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled page of a suite."""

    name: str
    page: Path
    expected: str
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def read_page(self) -> bytes:
        """The page's bytes (gunzipped when the suite stores it compressed)."""
        raw = self.page.read_bytes()
        return gzip.decompress(raw) if self.page.suffix == ".gz" else raw


def read_json(path: Path, what: str) -> Any:
    """The JSON value in ``path``; ``what`` names it in the error when it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"{path}: cannot read {what}: {exc}") from exc


def read_object(path: Path, what: str) -> dict[str, Any]:
    """A JSON object from ``path`` ({} when the file is absent)."""
    if not path.is_file():
        return {}
    data = read_json(path, what)
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}: expected a JSON object of {what}")
    return data


def _readability(root: Path) -> list[Case]:
    return [
        Case(
            name=d.name,
            page=d / "source.html",
            expected=html_to_text((d / "expected.html").read_text("utf-8", errors="replace")),
            metadata=MappingProxyType(read_object(d / "expected-metadata.json", "metadata fields")),
        )
        for d in sorted(root.iterdir())
        if (d / "source.html").is_file() and (d / "expected.html").is_file()
    ]


def _page_and_text(pages: Path, texts: Path) -> list[Case]:
    if not (pages.is_dir() and texts.is_dir()):
        return []
    return [
        Case(name=p.stem, page=p, expected=(texts / f"{p.stem}.txt").read_text("utf-8"))
        for p in sorted(pages.glob("*.html"))
        if (texts / f"{p.stem}.txt").is_file()
    ]


def _ground_truth(root: Path) -> list[Case]:
    truth = root / "ground-truth.json"
    if not truth.is_file():
        return []
    data = read_json(truth, "the ground truth")
    if not isinstance(data, dict):
        raise EvaluationError(f"{truth}: expected an object mapping page ids to expected text")
    cases: list[Case] = []
    for key, item in sorted(data.items()):
        if not isinstance(item, dict) or not isinstance(item.get("articleBody"), str):
            raise EvaluationError(f"{truth}: entry {key!r} has no articleBody string")
        page = next(
            (
                p
                for p in (root / "html" / f"{key}.html", root / "html" / f"{key}.html.gz")
                if p.is_file()
            ),
            None,
        )
        if page is None:
            raise EvaluationError(f"{truth}: no page html/{key}.html(.gz) for entry {key!r}")
        url = item.get("url")
        cases.append(Case(key, page, item["articleBody"], url if isinstance(url, str) else None))
    return cases


def suite_cases(root: Path) -> list[Case]:
    """The labelled pages under ``root``, in whichever layout it uses."""
    root = Path(root)
    if not root.is_dir():
        raise EvaluationError(f"{root}: not a directory; pass the folder of an extraction suite")
    cases = (
        _readability(root)
        or _ground_truth(root)
        or _page_and_text(root / "html", root / "txt")
        or _page_and_text(root, root)
    )
    if not cases:
        raise EvaluationError(
            f"{root}: no cases found; expected <case>/source.html + expected.html "
            "(Readability's test-pages), html/<name>.html + txt/<name>.txt, "
            "<name>.html + <name>.txt, or ground-truth.json + html/<id>.html[.gz]"
        )
    return cases


__all__ = ["Case", "read_json", "read_object", "suite_cases"]
