"""Fit the general credit reader's model, and measure it leave-one-family-out.

Training examples are candidate lines (:mod:`provenance.attribution.lines`) of:

- labelled credit rows (``footers.jsonl`` of the real data, and the project's own
  multilingual fixtures): the lines that hold the credit are positives, the
  context around them negatives; a ``negative`` row gives negatives only;
- ordinary article text (Readability's expected articles, the demo corpus): every
  paragraph window gives edge lines that are negatives, unless the pattern layer
  reads a credit there (then the line is left out, neither label).

The model is an L2-regularised logistic regression fitted by Newton's method: a
few dozen features need nothing heavier.  Only its weights are written out.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from provenance.attribution import parse_credits
from provenance.attribution.general import CreditModel, Scored, read_credit
from provenance.attribution.lexicon import fold
from provenance.attribution.lines import FEATURES, Line, candidate_lines, cues_of, features
from provenance.errors import EvaluationError, ProvenanceError
from provenance.evaluation.footers import wrap_row
from provenance.extract import html_to_text, read_page
from provenance.model import Block, Page

log = logging.getLogger(__name__)

#: Paragraphs per window cut from an ordinary article (a window's end is an "article end").
_WINDOW = 4


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate line with its features and label, and the row it came from."""

    x: tuple[float, ...]
    label: int
    #: Index of the labelled row (-1 for lines of ordinary articles).
    row: int
    family: str
    lang: str
    line: Line
    page_url: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled credit row, normalised from either file format."""

    text: str
    family: str
    lang: str
    negative: bool
    site: str | None
    page_url: str | None
    context_before: str | None = None
    context_after: str | None = None


def load_rows(path: Path) -> list[Row]:
    """Rows of ``footers.jsonl`` (``pattern``) or of the project's fixtures (``family``)."""
    rows: list[Row] = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        family = str(raw.get("pattern") or raw.get("family") or "?")
        negative = family == "negative" or raw.get("kind", "credit") != "credit"
        rows.append(
            Row(
                text=str(raw["text"]),
                family="negative" if negative else family,
                lang=str(raw.get("lang") or "?").split("-")[0].lower(),
                negative=negative,
                site=None if negative else raw.get("origin_site"),
                page_url=raw.get("page_url"),
                context_before=raw.get("context_before"),
                context_after=raw.get("context_after"),
            )
        )
    return rows


def row_page(row: Row) -> tuple[list[Block], str | None]:
    """The blocks of the page the evaluation wraps around a row, and its title."""
    content = wrap_row(
        {"text": row.text, "context_before": row.context_before, "context_after": row.context_after}
    )
    parts = read_page(Page(content=content, url=row.page_url, source="row"))
    return list(parts.blocks), None


def _is_credit_line(line: Line, row: Row) -> bool:
    credit = " ".join(fold(html_to_text(html.unescape(row.text))).split())
    text = " ".join(fold(line.text).split())
    return bool(text) and (text in credit or credit in text or _overlap(text, credit) >= 0.6)


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def row_examples(rows: Sequence[Row]) -> list[Example]:
    out: list[Example] = []
    for index, row in enumerate(rows):
        try:
            blocks, title = row_page(row)
        except ProvenanceError:
            continue
        for line in candidate_lines(blocks, row.page_url):
            label = int(not row.negative and _is_credit_line(line, row))
            x = features(line, cues_of(line), row.page_url, title)
            out.append(
                Example(tuple(x), label, index, row.family, row.lang, line, row.page_url, title)
            )
    return out


def article_examples(texts: Iterable[str]) -> list[Example]:
    """Negatives from ordinary article text: edge lines of paragraph windows."""
    out: list[Example] = []
    for text in texts:
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        for start in range(0, max(1, len(paragraphs) - 1), 2):
            blocks = [Block(text=p) for p in paragraphs[start : start + _WINDOW]]
            for line in candidate_lines(blocks, None):
                if parse_credits(line.text):
                    continue  # a real credit inside an article: neither label
                x = features(line, cues_of(line), None, None)
                out.append(Example(tuple(x), 0, -1, "article", "?", line, None, None))
    return out


#: Weight of a line from a labelled row against one of ordinary article text: labelled
#: near-misses are the hard negatives the boundary has to be drawn against.
ROW_WEIGHT = 4.0


def fit(examples: Sequence[Example], l2: float = 1.0, threshold: float = 0.5) -> CreditModel:
    """Weighted L2-regularised logistic regression (Newton's method) on the features."""
    if not examples:
        raise EvaluationError("no training examples; is the data folder empty?")
    x = np.array([e.x for e in examples], dtype=float)
    y = np.array([e.label for e in examples], dtype=float)
    sw = np.array([ROW_WEIGHT if e.row >= 0 else 1.0 for e in examples])
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    reg = np.full(x1.shape[1], l2)
    reg[-1] = 1e-6
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x1 @ w, -30, 30)))
        grad = x1.T @ (sw * (p - y)) + reg * w
        hess = (x1 * (sw * p * (1 - p))[:, None]).T @ x1 + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return CreditModel(tuple(float(v) for v in w[:-1]), float(w[-1]), threshold)


def readability_texts(real: Path) -> list[str]:
    """The expected article texts of Readability's suite, one string per page."""
    out = []
    for path in sorted((real / "readability").glob("*/expected.html")):
        out.append(html_to_text_paragraphs(path.read_text("utf-8", errors="replace")))
    return out


def html_to_text_paragraphs(markup: str) -> str:
    """Paragraph texts of an HTML fragment, separated by blank lines."""
    parts = []
    for chunk in markup.replace("</p>", "</p>\n\n").replace("<br", "\n\n<br").split("\n\n"):
        text = " ".join(html_to_text(chunk).split())
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def detects(model: CreditModel, examples: Sequence[Example]) -> dict[int, Scored]:
    """For each row, its best line the model accepts and reads a credit from."""
    best: dict[int, Scored] = {}
    for e in examples:
        p = model.probability(e.x)
        if p < model.threshold:
            continue
        scored = Scored(e.line, cues_of(e.line), p)
        if read_credit(scored, e.page_url, e.title) is None:
            continue
        if e.row not in best or p > best[e.row].probability:
            best[e.row] = scored
    return best


#: The project's own training lines (near-misses and extra credits), in ``corpora/``.
OWN_ROWS = Path(__file__).resolve().parents[2] / "corpora" / "credits" / "near_misses.jsonl"
DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "corpora" / "demo" / "articles"


@dataclass(frozen=True, slots=True)
class TrainingSet:
    rows: list[Row]
    examples: list[Example]
    articles: list[Example]

    def without(self, drop: set[int]) -> list[Example]:
        return [e for e in self.examples if e.row not in drop] + self.articles


def training_set(footers: Path | None, readability: Path | None) -> TrainingSet:
    """Labelled rows (the footers file, if given, plus our own) and article negatives."""
    rows = load_rows(footers) if footers is not None else []
    if OWN_ROWS.is_file():
        rows += load_rows(OWN_ROWS)
    texts = [p.read_text("utf-8") for p in sorted(DEMO_ARTICLES.glob("*.txt"))]
    if readability is not None and readability.is_dir():
        texts += readability_texts(readability.parent)
    return TrainingSet(rows, row_examples(rows), article_examples(texts))


def write_model(model: CreditModel, path: Path) -> None:
    path.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")


__all__ = [
    "DEMO_ARTICLES",
    "FEATURES",
    "OWN_ROWS",
    "Example",
    "Row",
    "TrainingSet",
    "article_examples",
    "detects",
    "fit",
    "load_rows",
    "readability_texts",
    "row_examples",
    "training_set",
    "write_model",
]


@dataclass(frozen=True, slots=True)
class GroupGenerality:
    """The general layer alone on one held-out family or language."""

    name: str
    rows: int
    found: int
    site_right: int
    site_rows: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "recall": round(self.found / self.rows, 4) if self.rows else None,
            "site_right": f"{self.site_right}/{self.site_rows}",
        }


@dataclass(frozen=True, slots=True)
class GeneralityReport:
    """Leave-one-family-out and leave-one-language-out figures of the general layer."""

    threshold: float
    by_family: tuple[GroupGenerality, ...]
    by_language: tuple[GroupGenerality, ...]
    negatives: int
    negatives_flagged: int

    @staticmethod
    def _total(groups: Sequence[GroupGenerality]) -> tuple[int, int, int, int]:
        return (
            sum(g.found for g in groups),
            sum(g.rows for g in groups),
            sum(g.site_right for g in groups),
            sum(g.site_rows for g in groups),
        )

    @property
    def recall(self) -> float:
        found, rows, _, _ = self._total(self.by_family)
        return found / rows if rows else 0.0

    @property
    def site_accuracy(self) -> float:
        _, _, right, n = self._total(self.by_family)
        return right / n if n else 0.0

    @property
    def language_recall(self) -> float:
        found, rows, _, _ = self._total(self.by_language)
        return found / rows if rows else 0.0

    @property
    def flagged(self) -> float:
        return self.negatives_flagged / self.negatives if self.negatives else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": "footers-generality",
            "threshold": self.threshold,
            "leave_one_family_out": {
                "recall": round(self.recall, 4),
                "site_accuracy": round(self.site_accuracy, 4),
                "by_family": {g.name: g.to_dict() for g in self.by_family},
            },
            "leave_one_language_out": {
                "recall": round(self.language_recall, 4),
                "by_language": {g.name: g.to_dict() for g in self.by_language},
            },
            "negatives_flagged": {
                "hits": self.negatives_flagged,
                "total": self.negatives,
                "value": round(self.flagged, 4),
            },
        }


def _held_out(
    ts: TrainingSet, held: set[int], threshold: float, name: str, l2: float
) -> GroupGenerality:
    model = fit(ts.without(held), l2=l2, threshold=threshold)
    found = detects(model, [e for e in ts.examples if e.row in held])
    right = n_site = 0
    for i in held:
        expected = ts.rows[i].site
        if expected and i in found:
            n_site += 1
            credit = read_credit(found[i], ts.rows[i].page_url, None)
            right += credit is not None and _same_name(credit.site, expected)
    return GroupGenerality(name, len(held), len(found), right, n_site)


def _same_name(got: str | None, expected: str) -> bool:
    from provenance.evaluation.footers import site_key

    return bool(got) and site_key(got) == site_key(expected)


def generality(
    ts: TrainingSet, *, threshold: float, folds: int = 5, l2: float = 1.0
) -> GeneralityReport:
    """Each credit family (and language) of the labelled file measured by a model fitted
    without it; negatives measured by ``folds``-fold cross-validation."""
    labelled = [i for i, r in enumerate(ts.rows) if not r.negative and r.family != "extra-credit"]
    by_family = [
        _held_out(ts, {i for i in labelled if ts.rows[i].family == fam}, threshold, fam, l2)
        for fam in sorted({ts.rows[i].family for i in labelled})
    ]
    by_language = [
        _held_out(ts, {i for i in labelled if ts.rows[i].lang == lang}, threshold, lang, l2)
        for lang in sorted({ts.rows[i].lang for i in labelled})
    ]
    negatives = [i for i, r in enumerate(ts.rows) if r.negative]
    flagged = 0
    for k in range(folds):
        held = {i for j, i in enumerate(negatives) if j % folds == k}
        model = fit(ts.without(held), l2=l2, threshold=threshold)
        flagged += len(detects(model, [e for e in ts.examples if e.row in held]))
    return GeneralityReport(
        threshold, tuple(by_family), tuple(by_language), len(negatives), flagged
    )
