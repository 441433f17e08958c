"""A report and a trace as text for a person at a terminal: fixed-width tables, a
legend, URLs shortened in the middle, evidence numbers labelled for what they are."""

from __future__ import annotations

import re
from typing import TextIO

from provenance.evidence import Evidence
from provenance.link.chain import Trace
from provenance.report.hygiene import printable
from provenance.report.rows import Report


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


def duration(seconds: float | None, *, short: bool = False) -> str:
    """A lag for a person: minutes, hours or days ("-" when unknown); ``short`` for
    table columns ("5m", "2.5h", "3.0d"), else "5 min", "2.5 h", "3.0 d"."""
    if seconds is None:
        return "-"
    sign, s = ("-" if seconds < 0 else ""), abs(seconds)
    gap = "" if short else " "
    if s < 3600:
        return f"{sign}{s / 60:.0f}{gap}{'m' if short else 'min'}"
    if s < 172800:
        return f"{sign}{s / 3600:.1f}{gap}h"
    return f"{sign}{s / 86400:.1f}{gap}d"


def _lag(seconds: float | None) -> str:
    return duration(seconds, short=True)


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
_WEIGHTS = frozenset({"credit", "canonical", "published", "first-seen", "contained-in"})
#: Evidence whose score is a share of text (0..1).
_SHARES = frozenset({"containment", "jaccard"})
#: Evidence whose score is the longest shared passage, and its unit.
_PASSAGES = {"passage": "words", "passage-chars": "characters"}
#: Evidence whose score counts something, and what.
_COUNTS = {"bands": "bands", "passage-keys": "keys", "site-boilerplate": "paragraphs"}


def evidence_value(ev: Evidence) -> str:
    """An evidence score as what it is, decided by its kind alone: a direction weight
    (``weight +3.0``), a share of text (``87%``), the longest shared passage in words
    or characters (``longest 62 words``), bands or keys; ``""`` for marks without a
    measure (``chosen``, ``alternate``, ``tie``, ``credit-only`` ...)."""
    kind, score = ev.kind, ev.score
    if kind in _WEIGHTS:
        return f"weight {score:+.1f}"
    if kind in _SHARES:
        return _share(score)
    if kind in _PASSAGES:
        return f"longest {score:.0f} {_PASSAGES[kind]}"
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
