"""Tabular views of the store: every edge, a per-site summary and the findings."""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TextIO

from provenance.attribution.negatives import rank
from provenance.evidence import Evidence, Finding
from provenance.link.chain import Trace
from provenance.link.clusters import StoryCluster, story_clusters
from provenance.link.direction import credit_names, is_credit
from provenance.model import Attribution, Relation
from provenance.sites import host_of
from provenance.store.base import EdgeRecord, Store, StoredDocument


@dataclass(frozen=True, slots=True)
class EdgeRow:
    copy_url: str
    source_url: str
    copy_site: str
    source_site: str
    relation: Relation
    jaccard: float
    #: Estimated containment of the copy's text in the source's.
    containment: float
    #: Does the copy credit the source?
    attributed: bool
    lag_seconds: float | None
    direction_evidence: tuple[Evidence, ...]
    confidence: float
    #: Estimated share of the source's text found in the copy: how much was copied.
    copied_share: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "copy_url": self.copy_url,
            "source_url": self.source_url,
            "copy_site": self.copy_site,
            "source_site": self.source_site,
            "relation": self.relation,
            "jaccard": self.jaccard,
            "containment": self.containment,
            "copied_share": self.copied_share,
            "attributed": self.attributed,
            "lag_seconds": self.lag_seconds,
            "direction_evidence": [e.to_dict() for e in self.direction_evidence],
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class SiteSummary:
    site: str
    #: Edges where this site's page is the copy.
    reposts: int
    #: Distinct sites it copied from.
    sources_copied: int
    share_attributed: float
    median_lag_seconds: float | None
    median_containment: float | None
    #: Edges where this site's page is the source.
    copied_by: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "reposts": self.reposts,
            "sources_copied": self.sources_copied,
            "share_attributed": self.share_attributed,
            "median_lag_seconds": self.median_lag_seconds,
            "median_containment": self.median_containment,
            "copied_by": self.copied_by,
        }


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """One story as the report shows it (:class:`~provenance.link.clusters.StoryCluster`)."""

    cluster_id: int
    #: The headline of the stored origin.
    title: str | None
    #: Where the members' chains end; not verified when the origin credits a page the
    #: store lacks (then it is that page, or ``site:<name>``).
    origin_url: str
    origin_site: str
    origin_verified: bool
    #: Stored documents of the story, and the distinct sites among them (origin included).
    documents: int
    sites: int
    #: Share of the documents other than the origin that credit it.
    credited_share: float
    median_lag_seconds: float | None
    max_lag_seconds: float | None

    @classmethod
    def of(cls, cluster: StoryCluster) -> ClusterRow:
        return cls(
            cluster_id=cluster.id,
            title=cluster.title,
            origin_url=cluster.origin_url,
            origin_site=cluster.origin_site,
            origin_verified=cluster.origin_verified,
            documents=cluster.size,
            sites=len(cluster.sites),
            credited_share=cluster.credited_share,
            median_lag_seconds=cluster.median_lag_seconds,
            max_lag_seconds=cluster.max_lag_seconds,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "title": self.title,
            "origin_url": self.origin_url,
            "origin_site": self.origin_site,
            "origin_verified": self.origin_verified,
            "documents": self.documents,
            "sites": self.sites,
            "credited_share": self.credited_share,
            "median_lag_seconds": self.median_lag_seconds,
            "max_lag_seconds": self.max_lag_seconds,
        }


@dataclass(frozen=True, slots=True)
class Report:
    edges: tuple[EdgeRow, ...]
    sites: tuple[SiteSummary, ...]
    findings: tuple[Finding, ...]
    #: Story clusters, the largest first.
    clusters: tuple[ClusterRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "edges": [e.to_dict() for e in self.edges],
            "sites": [s.to_dict() for s in self.sites],
            "findings": [f.to_dict() for f in self.findings],
            "clusters": [c.to_dict() for c in self.clusters],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


#: Documents read per batch when looking for credit-only provenance.
_BATCH = 500


def credit_only_rows(
    store: Store, edges: list[EdgeRecord], edge_docs: dict[int, StoredDocument]
) -> list[EdgeRow]:
    """A row for every page whose best credit names a publisher that no stored text
    confirms: the source is the credited URL if there is one, else the credited site.

    ``edge_docs`` holds the documents at both ends of ``edges`` (the report has read
    them already); a page's text-confirmed sources are looked up there."""
    sources_of: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        sources_of[e.copy_id].add(e.source_id)
    ids = list(store.iter_document_ids())
    rows: list[EdgeRow] = []
    for start in range(0, len(ids), _BATCH):
        docs = store.get_documents(ids[start : start + _BATCH])
        for doc in docs.values():
            credits = sorted((a for a in doc.attributions if is_credit(a)), key=rank)
            if doc.status != "ok" or not credits:
                continue
            att = credits[0]
            linked = (edge_docs[i] for i in sources_of.get(doc.id, ()))
            if any(credit_names(att, src) for src in linked):
                continue
            rows.append(_credit_row(doc, att))
    return rows


def _credit_row(doc: StoredDocument, att: Attribution) -> EdgeRow:
    detail = f"{att.kind}: {att.text.strip()[:160]!r}; no stored text confirms it"
    return EdgeRow(
        copy_url=doc.url,
        source_url=att.url or att.site_url or f"site:{att.site}",
        copy_site=doc.site_label,
        source_site=att.site or host_of(att.url or att.site_url) or "?",
        relation="credit-only",
        jaccard=0.0,
        containment=0.0,
        attributed=True,
        lag_seconds=None,
        direction_evidence=(Evidence("credit-only", detail, 0.0),),
        confidence=round(att.confidence, 3),
    )


def build_report(store: Store) -> Report:
    """Every stored edge with URLs, credit-only provenance, a summary per copying site,
    all findings and the story clusters."""
    rows: list[EdgeRow] = []
    edges = list(store.iter_edges())
    docs = store.get_documents(sorted({e.copy_id for e in edges} | {e.source_id for e in edges}))
    for e in edges:
        c, s = docs[e.copy_id], docs[e.source_id]
        rows.append(
            EdgeRow(
                copy_url=c.url,
                source_url=s.url,
                copy_site=c.site_label,
                source_site=s.site_label,
                relation=e.relation,
                jaccard=e.jaccard,
                containment=e.containment,
                attributed=e.attributed,
                lag_seconds=e.lag_seconds,
                direction_evidence=e.direction_evidence,
                confidence=e.confidence,
                copied_share=e.containment_source,
            )
        )
    rows.extend(credit_only_rows(store, edges, docs))
    by_site: dict[str, list[EdgeRow]] = defaultdict(list)
    copied_by: dict[str, int] = defaultdict(int)
    for r in rows:
        by_site[r.copy_site].append(r)
        copied_by[r.source_site] += 1
    sites = []
    for site in sorted(set(by_site) | set(copied_by)):
        mine = by_site.get(site, [])
        lags = [r.lag_seconds for r in mine if r.lag_seconds is not None]
        sites.append(
            SiteSummary(
                site=site,
                reposts=len(mine),
                sources_copied=len({r.source_site for r in mine}),
                share_attributed=round(sum(r.attributed for r in mine) / len(mine), 4)
                if mine
                else 0.0,
                median_lag_seconds=_median(lags),
                median_containment=_median([r.containment for r in mine]),
                copied_by=copied_by.get(site, 0),
            )
        )
    sites.sort(key=lambda s: (-s.reposts, s.site))
    clusters = tuple(ClusterRow.of(c) for c in story_clusters(store, edges=edges, docs=docs))
    return Report(tuple(rows), tuple(sites), tuple(store.findings()), clusters)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def printable(text: str, *, lines: bool = True) -> str:
    """``text`` safe to print on a terminal: escape sequences, BEL, bare CR and other
    control or bidi-override characters from page content become U+FFFD (newlines and
    tabs stay when ``lines``)."""
    pattern = _CONTROL if lines else _CONTROL_OR_BREAK
    return pattern.sub("\ufffd", text) if pattern.search(text) else text


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting with ``= + - @``, TAB or CR
    gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    return value if _NUMBER.match(value) else "'" + value


_CSV_FIELDS = (
    "copy_url",
    "source_url",
    "copy_site",
    "source_site",
    "relation",
    "jaccard",
    "containment",
    "copied_share",
    "attributed",
    "lag_seconds",
    "confidence",
    "direction_evidence",
)


def write_csv(report: Report, out: TextIO) -> None:
    """One CSV row per edge; ``direction_evidence`` as a JSON list."""
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in report.edges:
        d = r.to_dict()
        d["direction_evidence"] = json.dumps(d["direction_evidence"], ensure_ascii=False)
        writer.writerow({k: csv_cell(d[k]) for k in _CSV_FIELDS})


_CLUSTER_CSV_FIELDS = (
    "cluster_id",
    "title",
    "origin_url",
    "origin_site",
    "origin_verified",
    "documents",
    "sites",
    "credited_share",
    "median_lag_seconds",
    "max_lag_seconds",
)


def write_clusters_csv(report: Report, out: TextIO) -> None:
    """One CSV row per story cluster (the edges' CSV is :func:`write_csv`)."""
    writer = csv.DictWriter(out, fieldnames=_CLUSTER_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in report.clusters:
        d = c.to_dict()
        writer.writerow({k: csv_cell(d[k]) for k in _CLUSTER_CSV_FIELDS})


def write_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line, each tagged with ``type``: edge, site, finding or cluster."""
    for kind, items in (
        ("edge", report.edges),
        ("site", report.sites),
        ("finding", report.findings),
        ("cluster", report.clusters),
    ):
        for item in items:
            out.write(json.dumps({"type": kind, **item.to_dict()}, ensure_ascii=False) + "\n")


def _cut(text: str, width: int) -> str:
    text = printable(text, lines=False)
    return text if len(text) <= width else text[: width - 1] + "…"


_SCHEME_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*", re.I)


def shorten_url(url: str, width: int) -> str:
    """``url`` in at most ``width`` characters, shortened in the middle so that the
    host and the last path segment (the slug, an id) stay:
    ``https://www.example.com/2026/…/story-slug``.  Whole segments before the last go
    first; a last segment still too long loses its own middle (``…/story-s…-slug``).
    Made printable like every cell of the table."""
    url = printable(url, lines=False)
    if len(url) <= width:
        return url
    m = _SCHEME_HOST.match(url)
    head = m.group() if m else ""
    rest = url[len(head) :]
    trimmed = rest.rstrip("/")
    cut = trimmed.rfind("/")
    if head and cut >= 0 and len(head) + 2 < width:
        tail = rest[cut:]  # "/story-slug/" (with any query)
        if len(head) + 2 + len(tail) <= width:
            kept = head
            for segment in rest[:cut].split("/")[1:]:
                if len(kept) + len(segment) + 1 + 2 + len(tail) > width:
                    break
                kept += "/" + segment
            return f"{kept}/…{tail}"
        gap = "/…/" if cut else "/"  # then the segment's start, "…" and its end
        room = width - len(head) - len(gap)
        if room >= 8:
            segment = tail[1:]
            front = (room - 1) * 3 // 5
            end = segment[len(segment) - (room - 1 - front) :]
            return f"{head}{gap}{segment[:front]}…{end}"
    return _middle(url, width)


def _middle(text: str, width: int) -> str:
    """``text`` in ``width`` characters, its middle replaced by an ellipsis."""
    keep = width - 1
    if keep <= 0:
        return "…"[:width]
    front = (keep + 1) // 2
    return f"{text[:front]}…{text[len(text) - (keep - front) :]}"


def _lag(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    sign, s = ("-" if seconds < 0 else ""), abs(seconds)
    if s < 3600:
        return f"{sign}{s / 60:.0f}m"
    if s < 172800:
        return f"{sign}{s / 3600:.1f}h"
    return f"{sign}{s / 86400:.1f}d"


def _share(value: float) -> str:
    """A share as a percent: 0.874 → ``87%``."""
    return f"{value:.0%}"


def write_table(report: Report, out: TextIO, url_width: int = 48) -> None:
    """Fixed-width text for a person: edges, then sites, stories, a legend of the
    columns and symbols, then findings."""
    w = url_width
    out.write(
        f"{'COPY':<{w}}  {'SOURCE':<{w}}  {'J':>5} {'CONT':>5} {'CRED':>4} {'LAG':>7} {'CONF':>5}\n"
    )
    for r in report.edges:
        cred = "yes" if r.attributed else "no"
        rel = {"sibling": "~", "credit-only": "?"}.get(r.relation, " ")
        out.write(
            f"{shorten_url(r.copy_url, w):<{w}} {rel}{shorten_url(r.source_url, w):<{w}}  "
            f"{_share(r.jaccard):>5} {_share(r.containment):>5} {cred:>4} "
            f"{_lag(r.lag_seconds):>7} {_share(r.confidence):>5}\n"
        )
    out.write(
        f"\n{'SITE':<32} {'REPOSTS':>7} {'SOURCES':>7} {'CREDITED':>8} {'MED LAG':>8} "
        f"{'MED CONT':>8} {'COPIED BY':>9}\n"
    )
    for s in report.sites:
        cont = _share(s.median_containment) if s.median_containment is not None else "-"
        out.write(
            f"{_cut(s.site, 32):<32} {s.reposts:>7} {s.sources_copied:>7} "
            f"{s.share_attributed:>8.0%} {_lag(s.median_lag_seconds):>8} {cont:>8}"
            f" {s.copied_by:>9}\n"
        )
    write_clusters(report, out, url_width)
    write_legend(report, out)
    if report.findings:
        out.write("\nFINDINGS\n")
        for f in report.findings:
            out.write(printable(f"[{f.kind}] {f.url or ''}: {f.detail}", lines=False) + "\n")


def write_clusters(report: Report, out: TextIO, url_width: int = 48) -> None:
    """The stories section of the table: one line per cluster, the largest first: its
    headline, origin, sites carrying it, share crediting the origin, median and max lag."""
    if not report.clusters:
        return
    w = url_width
    out.write(
        f"\n{'STORY':<40} {'ORIGIN':<{w}} {'DOCS':>5} {'SITES':>5} {'CREDITED':>8} "
        f"{'MED LAG':>8} {'MAX LAG':>8}\n"
    )
    for c in report.clusters:
        mark = "" if c.origin_verified else " (credited)"
        origin = shorten_url(c.origin_url, w - len(mark)) + mark
        out.write(
            f"{_cut(c.title or '?', 40):<40} {origin:<{w}} {c.documents:>5} "
            f"{c.sites:>5} {c.credited_share:>8.0%} {_lag(c.median_lag_seconds):>8} "
            f"{_lag(c.max_lag_seconds):>8}\n"
        )


_EDGE_LEGEND = """\
COPY, SOURCE  the page that copies and the page it copies from (URLs shortened in the
              middle with …)
~ SOURCE      sibling: both pages carry one wire story, neither credits the other;
              which came first is uncertain
? SOURCE      credit-only: the copy credits this source, but no stored text confirms it
              (J and CONT are 0)
J             Jaccard similarity of the two texts: shared word shingles of all
CONT          containment: share of the copy's text found in the source (estimated)
CRED          yes when the copy credits the source (or names it as its canonical)
LAG           how long after the source the copy was published (m minutes, h hours,
              d days; - unknown; negative: the copy's date is earlier)
CONF          confidence in the direction: that COPY took from SOURCE, not the reverse
"""
_SITE_LEGEND = """\
REPOSTS       rows where the site's page is the copy; SOURCES distinct sites copied
CREDITED      share of its reposts that credit their source; COPIED BY rows where the
              site is the source; MED LAG, MED CONT medians of its reposts
"""
_STORY_LEGEND = """\
STORY         one line per story cluster: ORIGIN is where its chains end, "(credited)"
              when that page is only credited, not stored; DOCS documents, SITES
              sites; CREDITED share of the others crediting the origin
"""


def write_legend(report: Report, out: TextIO) -> None:
    """What the table's columns and symbols mean (for the sections it has)."""
    out.write("\nLEGEND\n" + _EDGE_LEGEND + _SITE_LEGEND)
    if report.clusters:
        out.write(_STORY_LEGEND)


#: Evidence whose score is a direction weight (> 0 supports copy ← source).
_WEIGHTS = frozenset({"credit", "canonical", "published", "first-seen"})
#: Evidence whose score counts something, and what.
_COUNTS = {"bands": "bands", "passage-keys": "keys", "site-boilerplate": "paragraphs"}


def evidence_value(ev: Evidence) -> str:
    """An evidence score as what it is: a direction weight (``weight +3.0``), a share
    of text (``87%``), a count of words (``62 words``), bands or keys; ``""`` for marks
    without a measure (``chosen``, ``alternate``, ``tie``, ``credit-only`` ...)."""
    kind, score = ev.kind, ev.score
    if kind in _WEIGHTS:
        return f"weight {score:+.1f}"
    if kind == "containment":  # from matching a share; from direction, a weight
        return f"weight {score:+.1f}" if " lies inside " in ev.detail else _share(score)
    if kind == "jaccard":
        return _share(score)
    if kind == "passage":
        unit = "characters" if " characters shared" in ev.detail else "words"
        return f"longest {score:.0f} {unit}"
    if kind in _COUNTS:
        return f"{score:.0f} {_COUNTS[kind]}"
    if kind == "headline" or score == 0:
        return ""
    return f"score {score:+.2f}"


def write_trace(trace: Trace, out: TextIO) -> None:
    """A chain for a person: one numbered line per hop, origin last, evidence beneath."""
    safe = _Printable(out)
    safe.write(f"{trace.url}\n")
    for n, hop in enumerate(trace.chain, 1):
        when = hop.published.isoformat() if hop.published else "date unknown"
        mark = "" if hop.verified else "  (credited, not in the store)"
        safe.write(f"  {n}. {hop.role:<12} {hop.site or '?'} · {when}{mark}\n")
        safe.write(f"     {hop.url}\n")
        for ev in hop.evidence:
            value = evidence_value(ev)
            safe.write(f"       - {ev.kind}{f' ({value})' if value else ''}: {ev.detail}\n")
    for cycle in trace.cycles:
        safe.write(f"  cycle: {' -> '.join(cycle)}\n")
    for finding in trace.findings:
        safe.write(f"  finding [{finding.kind}]: {finding.detail}\n")


class _Printable:
    """A text stream that makes every line it is given safe for a terminal."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(printable(text))


__all__ = [
    "ClusterRow",
    "EdgeRow",
    "Report",
    "SiteSummary",
    "build_report",
    "csv_cell",
    "evidence_value",
    "printable",
    "shorten_url",
    "write_clusters",
    "write_clusters_csv",
    "write_csv",
    "write_jsonl",
    "write_legend",
    "write_table",
    "write_trace",
]
