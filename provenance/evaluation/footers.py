"""Score the attribution stage on labelled footers and credit lines (JSON Lines).

Each row (``text``, optional ``context_before``/``context_after``, ``lang``, ``pattern``,
``origin_site``, ``hops``; ``pattern == "negative"`` for near-misses) is wrapped as a plain
article page and run through the full pipeline (:func:`provenance.extract.extract`).

* recall — share of positive rows yielding at least one attribution (per family, per language);
* precision — of the rows yielding something, the share that were right: a positive row whose
  origin site matches the labelled one when the row names one (any attribution counts when it
  does not), never a negative row;
* site accuracy — on positive rows naming ``origin_site``: the origin attribution's site equals
  it, compared case-, whitespace- and edge-punctuation-insensitively;
* hop accuracy — the number of chained footers found equals ``hops`` (0 for negatives, 1 for a
  single credit);
* negatives — share of negative rows yielding any attribution.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.errors import EvaluationError, ProvenanceError
from provenance.extract import extract
from provenance.model import Attribution, Page

log = logging.getLogger(__name__)

_EDGE = " _*\"“”'‘’«»„[]()<>:;,.-–—|"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Rate:
    """Hits out of a total."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "hits": self.hits,
            "total": self.total,
            "value": round(value, 4) if value is not None else None,
        }


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Precision and recall for one family or one language."""

    name: str
    recall: Rate
    precision: Rate

    def to_dict(self) -> dict[str, Any]:
        return {"recall": self.recall.to_dict(), "precision": self.precision.to_dict()}


@dataclass(frozen=True, slots=True)
class FooterFailure:
    """One row scored wrong."""

    row: int
    pattern: str
    lang: str
    reason: str
    expected: dict[str, Any]
    got: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "pattern": self.pattern,
            "lang": self.lang,
            "reason": self.reason,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True, slots=True)
class FootersReport:
    """The result of :func:`evaluate_footers`."""

    path: str
    rows: int
    positives: int
    negatives: int
    recall: Rate
    precision: Rate
    negatives_flagged: Rate
    site_accuracy: Rate
    hop_accuracy: Rate
    by_family: tuple[GroupScore, ...]
    by_language: tuple[GroupScore, ...]
    failures: tuple[FooterFailure, ...] = field(default=())
    #: Recall of the Yoast / AIOSEO footer families, per language.
    footer_by_language: tuple[GroupScore, ...] = field(default=())

    @property
    def footer_min_language_recall(self) -> float:
        """The worst per-language recall of the Yoast / AIOSEO families (1.0 when none)."""
        values = [g.recall.value for g in self.footer_by_language if g.recall.value is not None]
        return min(values, default=1.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rows": self.rows,
            "positives": self.positives,
            "negatives": self.negatives,
            "recall": self.recall.to_dict(),
            "precision": self.precision.to_dict(),
            "negatives_flagged": self.negatives_flagged.to_dict(),
            "site_accuracy": self.site_accuracy.to_dict(),
            "hop_accuracy": self.hop_accuracy.to_dict(),
            "by_family": {g.name: g.to_dict() for g in self.by_family},
            "by_language": {g.name: g.to_dict() for g in self.by_language},
            "footer_by_language": {g.name: g.to_dict() for g in self.footer_by_language},
            "footer_min_language_recall": round(self.footer_min_language_recall, 4),
            "failures": [f.to_dict() for f in self.failures],
        }


#: The Yoast / All in One SEO footer families ("The post X appeared first on Y" and its
#: translations), whose recall must hold in every language.
FOOTER_FAMILIES = frozenset(
    {
        "yoast-appeared-first",
        "aioseo-first-appeared",
        "this-post-appeared-first",
        "erschien-zuerst-auf",
    }
)


def site_key(name: str | None) -> str:
    """Comparison key for site names: case-folded, single-spaced, edge punctuation dropped."""
    if not name:
        return ""
    return _SPACE.sub(" ", html.unescape(name)).strip(_EDGE).casefold()


def wrap_row(row: dict[str, Any]) -> bytes:
    """A plain article page around one row: context paragraphs escaped, ``text`` as-is."""
    parts = []
    before = row.get("context_before")
    if isinstance(before, str) and before.strip():
        parts.append(f"<p>{html.escape(before)}</p>")
    parts.append(f"<p>{row['text']}</p>")
    after = row.get("context_after")
    if isinstance(after, str) and after.strip():
        parts.append(f"<p>{html.escape(after)}</p>")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Footer test</title></head>'
        "<body><article>" + "".join(parts) + "</article></body></html>"
    )
    return page.encode("utf-8")


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise EvaluationError(f"{path}: no such file; pass a footers JSON Lines file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read it as UTF-8 text: {exc}") from exc
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("text"), str)
            or not isinstance(row.get("pattern"), str)
        ):
            raise EvaluationError(f"{path}:{number}: each row needs a string 'text' and 'pattern'")
        rows.append(row)
    if not rows:
        raise EvaluationError(f"{path}: no rows; expected one JSON object per line")
    return rows


def _origin(atts: list[Attribution]) -> Attribution | None:
    text = [a for a in atts if a.position != "head"]
    if not text:
        return None
    origins = [a for a in text if a.role == "origin"]
    if origins:
        return max(origins, key=lambda a: a.hop or 0)
    return max(text, key=lambda a: a.confidence)


def _hops(atts: list[Attribution]) -> int:
    chained = [a.hop for a in atts if a.hop is not None]
    if chained:
        return max(chained)
    return 1 if atts else 0


def _brief(a: Attribution) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "pattern": a.pattern,
        "site": a.site,
        "title": a.title,
        "url": a.url,
        "hop": a.hop,
        "text": a.text[:200],
    }


def _lang(row: dict[str, Any]) -> str:
    return str(row.get("lang") or "?").split("-")[0].lower()


def evaluate_footers(path: Path) -> FootersReport:
    """Run every row of ``path`` through extraction and score the attributions found."""
    rows = _load(Path(path))
    fam_rec: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fam_pre: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lang_rec: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lang_pre: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    foot_rec: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    foot_pre: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    totals = {
        "pos": 0,
        "neg": 0,
        "found_pos": 0,
        "flagged_neg": 0,
        "right": 0,
        "site_ok": 0,
        "site_n": 0,
        "hop_ok": 0,
    }
    failures: list[FooterFailure] = []
    for index, row in enumerate(rows):
        family, lang = row["pattern"], _lang(row)
        negative = family == "negative"
        page = Page(content=wrap_row(row), source=f"{path}#{index}")
        try:
            article = extract(page)
        except ProvenanceError as exc:
            raise EvaluationError(f"{path}: row {index} could not be extracted: {exc}") from exc
        atts = list(article.attributions)
        origin = _origin(atts)
        expected_site = row.get("origin_site") if not negative else None
        expected_hops = int(row.get("hops") or 0)
        found = bool(atts)
        site_ok = (
            bool(expected_site)
            and origin is not None
            and site_key(origin.site) == site_key(str(expected_site))
        )
        right = found and not negative and (site_ok or not expected_site)
        hops_ok = _hops(atts) == expected_hops
        totals["hop_ok"] += hops_ok
        reason = None
        if negative:
            totals["neg"] += 1
            totals["flagged_neg"] += found
            if found:
                reason = "false-positive"
        else:
            totals["pos"] += 1
            totals["found_pos"] += found
            fam_rec[family][1] += 1
            fam_rec[family][0] += found
            lang_rec[lang][1] += 1
            lang_rec[lang][0] += found
            if family in FOOTER_FAMILIES:
                foot_rec[lang][1] += 1
                foot_rec[lang][0] += found
            if expected_site:
                totals["site_n"] += 1
                totals["site_ok"] += site_ok
            if not found:
                reason = "missed"
            elif expected_site and not site_ok:
                reason = "wrong-site"
        if found:
            totals["right"] += right
            if not negative:
                fam_pre[family][1] += 1
                fam_pre[family][0] += right
            if family in FOOTER_FAMILIES:
                foot_pre[lang][1] += 1
                foot_pre[lang][0] += right
            lang_pre[lang][1] += 1
            lang_pre[lang][0] += right
        if reason is None and not hops_ok:
            reason = "wrong-hops"
        if reason is not None:
            failures.append(
                FooterFailure(
                    row=index,
                    pattern=family,
                    lang=lang,
                    reason=reason,
                    expected={
                        "site": expected_site,
                        "hops": expected_hops,
                        "title": row.get("post_title"),
                    },
                    got=[_brief(a) for a in atts],
                )
            )
    found_rows = totals["found_pos"] + totals["flagged_neg"]
    report = FootersReport(
        path=str(path),
        rows=len(rows),
        positives=totals["pos"],
        negatives=totals["neg"],
        recall=Rate(totals["found_pos"], totals["pos"]),
        precision=Rate(totals["right"], found_rows),
        negatives_flagged=Rate(totals["flagged_neg"], totals["neg"]),
        site_accuracy=Rate(totals["site_ok"], totals["site_n"]),
        hop_accuracy=Rate(totals["hop_ok"], len(rows)),
        by_family=_groups(fam_rec, fam_pre),
        by_language=_groups(lang_rec, lang_pre),
        failures=tuple(failures),
        footer_by_language=_groups(foot_rec, foot_pre),
    )
    log.info("footers: recall %s, %d failures", report.recall.value, len(failures))
    return report


def _groups(rec: dict[str, list[int]], pre: dict[str, list[int]]) -> tuple[GroupScore, ...]:
    names = sorted(set(rec) | set(pre))
    return tuple(
        GroupScore(name, Rate(*rec.get(name, [0, 0])), Rate(*pre.get(name, [0, 0])))
        for name in names
    )


__all__ = [
    "FooterFailure",
    "FootersReport",
    "GroupScore",
    "Rate",
    "evaluate_footers",
    "site_key",
    "wrap_row",
]
