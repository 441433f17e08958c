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
from provenance.evaluation.footers_report import FooterFailure, FootersReport, GroupScore, Rate
from provenance.extract import extract
from provenance.model import Attribution, Page

log = logging.getLogger(__name__)

_EDGE = " _*\"“”'‘’«»„[]()<>:;,.-–—|"
_SPACE = re.compile(r"\s+")


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
    tally = _Tally()
    failures: list[FooterFailure] = []
    for index, row in enumerate(rows):
        outcome = _judge_row(path, index, row)
        reason = tally.add(outcome)
        if reason is not None:
            failures.append(
                FooterFailure(
                    row=index,
                    pattern=outcome.family,
                    lang=outcome.lang,
                    reason=reason,
                    expected={
                        "site": outcome.expected_site,
                        "hops": outcome.expected_hops,
                        "title": row.get("post_title"),
                    },
                    got=[_brief(a) for a in outcome.atts],
                )
            )
    report = tally.report(str(path), len(rows), tuple(failures))
    log.info("footers: recall %s, %d failures", report.recall.value, len(failures))
    return report


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What extraction found for one labelled row, judged against the row's labels."""

    family: str
    lang: str
    negative: bool
    atts: list[Attribution]
    expected_site: Any
    expected_hops: int
    found: bool
    site_ok: bool
    right: bool
    hops_ok: bool


def _judge_row(path: Path, index: int, row: dict[str, Any]) -> _Outcome:
    """Extract row ``index`` wrapped as a page and judge its attributions."""
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
    return _Outcome(
        family, lang, negative, atts, expected_site, expected_hops, found, site_ok, right, hops_ok
    )


def _pairs() -> defaultdict[str, list[int]]:
    """Group name -> [hits, total], created at [0, 0]."""
    return defaultdict(lambda: [0, 0])


#: Counters of :class:`_Tally`, all starting at 0.
_TOTALS = ("pos", "neg", "found_pos", "flagged_neg", "right", "site_ok", "site_n", "hop_ok")


@dataclass(slots=True)
class _Tally:
    """Running counts of :func:`evaluate_footers`: totals and per-group hits out of totals."""

    fam_rec: defaultdict[str, list[int]] = field(default_factory=_pairs)
    fam_pre: defaultdict[str, list[int]] = field(default_factory=_pairs)
    lang_rec: defaultdict[str, list[int]] = field(default_factory=_pairs)
    lang_pre: defaultdict[str, list[int]] = field(default_factory=_pairs)
    foot_rec: defaultdict[str, list[int]] = field(default_factory=_pairs)
    foot_pre: defaultdict[str, list[int]] = field(default_factory=_pairs)
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_TOTALS, 0))

    def add(self, o: _Outcome) -> str | None:
        """Count one row; return why it is a failure, or None when it is not one."""
        family, lang, found, right, totals = o.family, o.lang, o.found, o.right, self.totals
        totals["hop_ok"] += o.hops_ok
        reason = None
        if o.negative:
            totals["neg"] += 1
            totals["flagged_neg"] += found
            if found:
                reason = "false-positive"
        else:
            totals["pos"] += 1
            totals["found_pos"] += found
            self.fam_rec[family][1] += 1
            self.fam_rec[family][0] += found
            self.lang_rec[lang][1] += 1
            self.lang_rec[lang][0] += found
            if family in FOOTER_FAMILIES:
                self.foot_rec[lang][1] += 1
                self.foot_rec[lang][0] += found
            if o.expected_site:
                totals["site_n"] += 1
                totals["site_ok"] += o.site_ok
            if not found:
                reason = "missed"
            elif o.expected_site and not o.site_ok:
                reason = "wrong-site"
        if found:
            totals["right"] += right
            if not o.negative:
                self.fam_pre[family][1] += 1
                self.fam_pre[family][0] += right
            if family in FOOTER_FAMILIES:
                self.foot_pre[lang][1] += 1
                self.foot_pre[lang][0] += right
            self.lang_pre[lang][1] += 1
            self.lang_pre[lang][0] += right
        if reason is None and not o.hops_ok:
            reason = "wrong-hops"
        return reason

    def report(self, path: str, rows: int, failures: tuple[FooterFailure, ...]) -> FootersReport:
        """The report over the ``rows`` rows counted."""
        totals = self.totals
        found_rows = totals["found_pos"] + totals["flagged_neg"]
        return FootersReport(
            path=path,
            rows=rows,
            positives=totals["pos"],
            negatives=totals["neg"],
            recall=Rate(totals["found_pos"], totals["pos"]),
            precision=Rate(totals["right"], found_rows),
            negatives_flagged=Rate(totals["flagged_neg"], totals["neg"]),
            site_accuracy=Rate(totals["site_ok"], totals["site_n"]),
            hop_accuracy=Rate(totals["hop_ok"], rows),
            by_family=_groups(self.fam_rec, self.fam_pre),
            by_language=_groups(self.lang_rec, self.lang_pre),
            failures=failures,
            footer_by_language=_groups(self.foot_rec, self.foot_pre),
        )


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
