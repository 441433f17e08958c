"""`provenance eval pairs`: matching quality on real copy groups and independent reports.

Input: JSON Lines with ``group``, ``url``, ``role`` (original, copy, independent,
...), ``text`` and ``copy_kind``.  Every row is ingested as a document into one
temporary store and matched.  Then:

* a copy row counts as *found* when the matcher linked it to any of its
  *partners*: the other members of its group (rows are excerpts that may cover
  different paragraphs, so the best-matching member is what counts, not the
  first).  For a verbatim-like row the partners are the group's original and
  its other verbatim-like rows; a verbatim row whose only partner is a rewrite
  (a translation, say) is listed as not evaluable rather than counted;
* a link between the two rows of a ``neg-*`` group is a *false link*, and so is
  a link between rows that share no copy group.  The same URL can sit in a
  copy group and in a ``neg-*`` group (the original of one story is one side of
  an independent pair): it is one document, in both groups.

Recall is reported separately for verbatim-like copies and for rewritten ones.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.errors import EvaluationError
from provenance.read.articles import article_from_text
from provenance.read.items import TextDocument
from provenance.tracker import Tracker

VERBATIM_KINDS = frozenset(
    {
        "verbatim",
        "verbatim-truncated",
        "verbatim-reflowed",
        "verbatim-feed",
        "verbatim-fragment",
        "verbatim-with-inline-credit",
        "wire-edit",
        "near-verbatim",
        "excerpt",
        "excerpt-of-other-revision",
        "excerpt-with-commentary",
    }
)
REWRITTEN_KINDS = frozenset(
    {
        "synonym-spun",
        "paraphrase",
        "translation",
        "translation-roundtrip-spun",
        "garbled-paraphrase",
        "condensed-rewrite",
        "summary",
    }
)


def copy_class(kind: str | None) -> str:
    if kind in VERBATIM_KINDS:
        return "verbatim"
    if kind in REWRITTEN_KINDS:
        return "rewritten"
    return "other"


@dataclass(frozen=True, slots=True)
class PairRow:
    group: str
    url: str
    role: str
    kind: str | None
    text: str


@dataclass(frozen=True, slots=True)
class PairsReport:
    rows: int
    groups: int
    recall: dict[str, dict[str, float | int]]
    by_kind: dict[str, dict[str, int]]
    independent_pairs: int
    independent_linked: int
    cross_group_links: int
    precision: float
    misses: tuple[dict[str, Any], ...]
    false_links: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "groups": self.groups,
            "recall": self.recall,
            "by_kind": self.by_kind,
            "independent_pairs": self.independent_pairs,
            "independent_linked": self.independent_linked,
            "cross_group_links": self.cross_group_links,
            "precision": self.precision,
            "misses": list(self.misses),
            "false_links": list(self.false_links),
        }


def load_pairs(path: Path) -> list[PairRow]:
    """Rows of a pairs file; a URL seen again with other text gets a ``#n`` suffix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    rows: list[PairRow] = []
    texts: dict[str, str] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            row = PairRow(
                group=str(obj["group"]),
                url=str(obj["url"]),
                role=str(obj.get("role") or "unknown"),
                kind=obj.get("copy_kind"),
                text=str(obj["text"]),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvaluationError(
                f"{path}:{lineno}: expected a JSON object with group, url, role and text ({exc})"
            ) from exc
        url, n = row.url, 1
        while url in texts and texts[url] != row.text:
            n += 1
            url = f"{row.url}#{n}"
        texts[url] = row.text
        rows.append(PairRow(row.group, url, row.role, row.kind, row.text))
    if not rows:
        raise EvaluationError(f"{path}: no rows found; is this a pairs JSON Lines file?")
    return rows


def _linked_pairs(db: Path, rows: list[PairRow]) -> set[frozenset[str]]:
    docs = {r.url: r for r in rows}
    with Tracker(db) as tracker:
        tracker.ingest(
            article_from_text(TextDocument(url=r.url, text=r.text, source=f"pairs:{r.group}"))
            for r in docs.values()
        )
        tracker.match()
        report = tracker.report()
    return {
        frozenset((e.copy_url, e.source_url))
        for e in report.edges
        if e.relation != "credit-only"  # a credit, not a text link between two rows
    }


def _partners(row: PairRow, members: list[PairRow]) -> list[str]:
    others = [o for o in members if o.url != row.url]
    if copy_class(row.kind) == "verbatim":
        others = [o for o in others if o.role == "original" or copy_class(o.kind) == "verbatim"]
    return [o.url for o in others]


def evaluate_pairs(path: Path) -> PairsReport:
    """Ingest every row, match, and score the links (see the module docstring)."""
    rows = load_pairs(path)
    with tempfile.TemporaryDirectory(prefix="provenance-pairs-") as tmp:
        links = _linked_pairs(Path(tmp) / "pairs.db", rows)
    members: dict[str, list[PairRow]] = defaultdict(list)
    copy_groups: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        members[r.group].append(r)
        if not r.group.startswith("neg-"):
            copy_groups[r.url].add(r.group)
    counts, kinds, misses = _copy_recall(rows, members, links)
    independent_pairs, independent_linked, false_links = _independent_links(members, links)
    cross, true_links = _cross_links(links, copy_groups, false_links)
    recall = {
        cls: {"found": f, "total": t, "recall": round(f / t, 4) if t else 0.0}
        for cls, (f, t) in sorted(counts.items())
    }
    return PairsReport(
        rows=len(rows),
        groups=len(members),
        recall=recall,
        by_kind={k: {"found": f, "total": t} for k, (f, t) in sorted(kinds.items())},
        independent_pairs=independent_pairs,
        independent_linked=independent_linked,
        cross_group_links=cross,
        precision=round(true_links / len(links), 4) if links else 1.0,
        misses=tuple(misses),
        false_links=tuple(false_links),
    )


def _copy_recall(
    rows: list[PairRow], members: dict[str, list[PairRow]], links: set[frozenset[str]]
) -> tuple[dict[str, list[int]], dict[str, list[int]], list[dict[str, Any]]]:
    """[found, total] of copy rows per copy class and per kind, and the rows missed."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[dict[str, Any]] = []
    for r in rows:
        if r.group.startswith("neg-") or r.role != "copy":
            continue
        partners = _partners(r, members[r.group])
        cls = copy_class(r.kind)
        if not partners:
            misses.append(_miss(r, cls, "not evaluable: no partner of its class in the group"))
            continue
        found = any(frozenset((r.url, o)) in links for o in partners)
        counts[cls][0] += int(found)
        counts[cls][1] += 1
        kinds[r.kind or "unknown"][0] += int(found)
        kinds[r.kind or "unknown"][1] += 1
        if not found:
            misses.append(_miss(r, cls, "not linked to any partner"))
    return counts, kinds, misses


def _miss(row: PairRow, cls: str, reason: str) -> dict[str, Any]:
    """The report entry of a copy row not counted as found."""
    return {"group": row.group, "url": row.url, "kind": row.kind, "class": cls, "reason": reason}


def _independent_links(
    members: dict[str, list[PairRow]], links: set[frozenset[str]]
) -> tuple[int, int, list[dict[str, Any]]]:
    """Pairs within ``neg-*`` groups, how many got linked, and those false links."""
    independent_pairs = independent_linked = 0
    false_links: list[dict[str, Any]] = []
    for group, rs in members.items():
        if not group.startswith("neg-"):
            continue
        for i, a in enumerate(rs):
            for b in rs[i + 1 :]:
                independent_pairs += 1
                if frozenset((a.url, b.url)) in links:
                    independent_linked += 1
                    false_links.append({"group": group, "urls": [a.url, b.url]})
    return independent_pairs, independent_linked, false_links


def _cross_links(
    links: set[frozenset[str]],
    copy_groups: dict[str, set[str]],
    false_links: list[dict[str, Any]],
) -> tuple[int, int]:
    """Links between rows sharing no copy group (appended to ``false_links``), and true links."""
    cross = true_links = 0
    for pair in links:
        first, second = sorted(pair)
        if copy_groups[first] & copy_groups[second]:
            true_links += 1
        elif not any(
            f["urls"] == [first, second] or f["urls"] == [second, first] for f in false_links
        ):
            cross += 1
            false_links.append({"group": None, "urls": [first, second]})
    return cross, true_links


__all__ = ["PairsReport", "copy_class", "evaluate_pairs", "load_pairs"]
