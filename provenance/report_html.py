"""The report as one self-contained HTML page: charts, chains, sites, edges and findings.

What comes in: a :class:`~provenance.report.Report` and the chains to show
(:class:`~provenance.link.chain.Trace`, from ``Tracker.chains()``).  What goes out: one
HTML file that opens offline.  It loads nothing: no script library, font, stylesheet
or image from anywhere; the charts are SVG drawn here, in the page.  Its
Content-Security-Policy forbids every load and every script but the page's own line,
which marks the page as rendered (``<html data-report-ready="1">``), so a headless
browser can tell the page ran.

Every string that comes from a page (titles, URLs, site names, credit lines, evidence)
is HTML-escaped, and control characters are replaced; only http(s) URLs become links.

The page holds, in order: the summary; three charts (``#chart-copies-per-site``,
``#chart-share-credited`` and ``#chart-lag``, the lag from the original to each
copy); the findings, a copy that credits nobody and a conflicting credit among them;
the chains, origin last, with the evidence for each hop; the per-site table; and every
copy edge.

::

    from provenance.report_html import write_html

    with Tracker("news.db", read_only=True) as t:
        report = t.report()
        chains = t.chains(report)
    with open("report.html", "w", encoding="utf-8") as out:
        write_html(report, out, chains)

On the command line: ``provenance report --format html -o report.html``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from provenance._version import __version__
from provenance.evidence import Evidence, Finding
from provenance.link.chain import Hop, Trace
from provenance.report import EdgeRow, Report, evidence_value, printable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """How much the page shows; what is left out is counted on the page."""

    title: str = "Provenance report"
    #: Chains drawn in full (the CLI traces no more than these).
    max_chains: int = 500
    #: Rows of the edge table.
    max_edges: int = 5000
    #: Sites in the per-site charts (those with the most copies).
    chart_sites: int = 15


#: Finding kinds, as a reader is told them.
FINDING_NAMES = {
    "uncredited-copy": "copy credits nobody",
    "credit-mismatch": "conflicting credit",
    "copy-claims-original": "copy claims to be the original",
    "two-candidate-originals": "two candidate originals",
    "cycle": "source edges form a cycle",
}

_COPYING = ("copy", "credit-only")

_SCRIPT = 'document.documentElement.setAttribute("data-report-ready", "1");'

_STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5d6576; --line: #d9dde5;
  --accent: #2f5f98; --soft: #f3f5f9; --warn: #a4412d; --ok: #2e7d4f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
header, main, footer { max-width: 1160px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 6px; }
a { color: var(--accent); overflow-wrap: anywhere; }
nav a { margin-right: 14px; }
.muted { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0 4px; padding: 0; }
.summary li { list-style: none; background: var(--soft); border-radius: 6px;
  padding: 8px 14px; }
.summary b { display: block; font-size: 22px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr));
  gap: 18px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .bar { fill: var(--accent); }
svg .bar-soft { fill: #9db5d6; }
svg .axis { stroke: var(--line); }
svg text { fill: var(--ink); }
svg .small { fill: var(--muted); font-size: 11px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: var(--soft); position: sticky; top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; }
.chain { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px;
  margin: 0 0 12px; }
.chain ol { margin: 6px 0 0; padding-left: 22px; }
.chain li { margin: 0 0 6px; }
.role { display: inline-block; min-width: 88px; font-size: 12px; font-weight: 600;
  text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.role-origin { color: var(--ok); }
.role-credit-only { color: var(--warn); }
.kind { font-weight: 600; white-space: nowrap; }
.kind-uncredited-copy, .kind-credit-mismatch { color: var(--warn); }
.yes { color: var(--ok); }
.no { color: var(--warn); }
details { margin: 2px 0 0; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
details ul { margin: 4px 0; padding-left: 18px; font-size: 13px; }
footer { margin: 36px auto 24px; font-size: 12px; }
"""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: Nothing may load, and only the page's own style and script may run.
_CSP = (
    f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def esc(value: object) -> str:
    """``value`` as HTML text or attribute value: escaped, control characters replaced."""
    return html.escape(printable(str(value), lines=False), quote=True)


def _link(url: str) -> str:
    """A link for an http(s) URL, plain text for anything else (``site:``, javascript:)."""
    text = esc(url)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
    return f"<span>{text}</span>"


def duration(seconds: float | None) -> str:
    """A lag for a person: minutes, hours or days, "-" when unknown."""
    if seconds is None:
        return "-"
    sign, s = ("-" if seconds < 0 else ""), abs(seconds)
    if s < 3600:
        return f"{sign}{s / 60:.0f} min"
    if s < 172800:
        return f"{sign}{s / 3600:.1f} h"
    return f"{sign}{s / 86400:.1f} d"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _value(ev: Evidence) -> str:
    """`` (weight +3.0)``, `` (87%)``, `` (longest 62 words)`` ...: what the score is."""
    value = evidence_value(ev)
    return f" ({esc(value)})" if value else ""


# -- findings ---------------------------------------------------------------------------


def uncredited_copies(report: Report) -> list[Finding]:
    """An ``uncredited-copy`` finding for each page that copies a text and credits
    nobody: none of its rows is credited and the store has no conflicting credit
    (``credit-mismatch``) for it."""
    conflicting = {f.url for f in report.findings if f.kind == "credit-mismatch"}
    rows: dict[str, list[EdgeRow]] = defaultdict(list)
    for row in report.edges:
        if row.relation in _COPYING:
            rows[row.copy_url].append(row)
    out: list[Finding] = []
    for url in sorted(rows):
        mine = rows[url]
        if any(r.attributed for r in mine) or url in conflicting:
            continue
        best = max(mine, key=lambda r: r.confidence)
        out.append(
            Finding(
                "uncredited-copy",
                f"copies {best.source_url} ({best.source_site}) and credits nobody",
                url=url,
                other_url=best.source_url,
            )
        )
    return out


def all_findings(report: Report) -> list[Finding]:
    """The store's findings and the uncredited copies, the copies first."""
    return [*uncredited_copies(report), *report.findings]


# -- charts -----------------------------------------------------------------------------


def _bar_chart(
    chart_id: str,
    caption: str,
    items: Sequence[tuple[str, float, str]],
    maximum: float,
    empty: str,
) -> str:
    """A horizontal bar chart: one (label, value, value text) per row."""
    width, label_w, row_h, top = 620, 190, 24, 8
    bar_w = width - label_w - 70
    height = top * 2 + row_h * max(len(items), 1)
    parts = [
        f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title"><title id="{chart_id}-title">{esc(caption)}</title>'
    ]
    if not items:
        parts.append(f'<text x="10" y="{top + 16}" class="small">{esc(empty)}</text>')
    for i, (label, value, text) in enumerate(items):
        y = top + i * row_h
        w = 0.0 if maximum <= 0 else max(bar_w * value / maximum, 1.0 if value > 0 else 0.0)
        parts.append(
            f'<g class="row"><title>{esc(label)}: {esc(text)}</title>'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(_cut(label, 28))}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="small">{esc(text)}</text></g>'
        )
    parts.append(
        f'<line class="axis" x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}"/></svg>'
    )
    return "".join(parts)


#: Lag buckets: (upper bound in seconds, label); a negative lag has its own bucket.
_LAG_BUCKETS: tuple[tuple[float, str], ...] = (
    (3600, "< 1 h"),
    (3 * 3600, "1–3 h"),
    (6 * 3600, "3–6 h"),
    (12 * 3600, "6–12 h"),
    (86400, "12–24 h"),
    (2 * 86400, "1–2 d"),
    (7 * 86400, "2–7 d"),
    (float("inf"), "≥ 7 d"),
)


def copy_lags(report: Report, chains: Iterable[Trace] = ()) -> list[float]:
    """Seconds from the original to each copy: from the chains where the copy and its
    origin are dated, else (with no chains) from each copy edge's lag."""
    chains = list(chains)
    if chains:
        lags = []
        for trace in chains:
            first, origin = trace.chain[0], trace.origin
            if len(trace.chain) > 1 and first.published and origin.published:
                lags.append((first.published - origin.published).total_seconds())
        return lags
    return [
        r.lag_seconds for r in report.edges if r.relation == "copy" and r.lag_seconds is not None
    ]


def _lag_chart(lags: Sequence[float]) -> str:
    """A histogram of ``lags`` in the buckets above; copies dated before their original
    get a bucket of their own when there are any."""
    counts = [0] * len(_LAG_BUCKETS)
    early = 0
    for lag in lags:
        if lag < 0:
            early += 1
            continue
        counts[next(i for i, (bound, _) in enumerate(_LAG_BUCKETS) if lag < bound)] += 1
    buckets = [(label, n) for (_, label), n in zip(_LAG_BUCKETS, counts, strict=True)]
    if early:
        buckets.insert(0, ("dated before", early))
    chart_id, caption = "chart-lag", "Lag from the original to each copy"
    width, height, left, bottom, top = 620, 240, 40, 40, 16
    plot_h = height - bottom - top
    step = (width - left - 10) / len(buckets)
    peak = max((n for _, n in buckets), default=0)
    parts = [
        f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title"><title id="{chart_id}-title">{esc(caption)}</title>',
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
        f'y2="{height - bottom}"/>',
    ]
    if not lags:
        parts.append(f'<text x="{left + 10}" y="{top + 20}" class="small">no dated copies</text>')
    for i, (label, n) in enumerate(buckets):
        x = left + i * step
        h = 0.0 if peak == 0 else plot_h * n / peak
        y = height - bottom - h
        cls = "bar-soft" if label == "dated before" else "bar"
        parts.append(
            f'<g class="bucket"><title>{esc(label)}: {n} copies</title>'
            f'<rect class="{cls}" x="{x + 6:.1f}" y="{y:.1f}" width="{step - 12:.1f}" '
            f'height="{h:.1f}"/>'
            f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'class="small">{n if n else ""}</text>'
            f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" '
            f'text-anchor="middle">{esc(label)}</text></g>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 6}" class="small">{len(lags)} copies, '
        "grouped by how long after the original they were published</text></svg>"
    )
    return "".join(parts)


def _charts(report: Report, chains: Sequence[Trace], options: HtmlOptions) -> str:
    copiers = [s for s in report.sites if s.reposts > 0]
    shown = copiers[: options.chart_sites]
    more = (
        f" (the {len(shown)} of {len(copiers)} sites with the most)"
        if len(copiers) > len(shown)
        else ""
    )
    copies = _bar_chart(
        "chart-copies-per-site",
        "Copies per site",
        [(s.site, float(s.reposts), str(s.reposts)) for s in shown],
        max((s.reposts for s in shown), default=0),
        "no copies",
    )
    credited = _bar_chart(
        "chart-share-credited",
        "Share of copies that credit their source",
        [(s.site, s.share_attributed, f"{s.share_attributed:.0%}") for s in shown],
        1.0,
        "no copies",
    )
    return (
        '<section id="charts"><h2>Charts</h2><div class="charts">'
        f"<figure><figcaption>Copies per site{esc(more)}</figcaption>{copies}</figure>"
        "<figure><figcaption>Share of copies crediting their source, per site"
        f"{esc(more)}</figcaption>{credited}</figure>"
        "<figure><figcaption>Lag from the original to the copy</figcaption>"
        f"{_lag_chart(copy_lags(report, chains))}</figure>"
        "</div></section>"
    )


# -- sections ---------------------------------------------------------------------------


def _summary(report: Report, chains: Sequence[Trace], findings: Sequence[Finding]) -> str:
    relations: dict[str, int] = defaultdict(int)
    for row in report.edges:
        relations[row.relation] += 1
    credited = sum(1 for r in report.edges if r.relation == "copy" and r.attributed)
    items = [
        (relations["copy"], "copy edges"),
        (credited, "credit their source"),
        (relations["credit-only"], "credits no text confirms"),
        (relations["sibling"], "wire siblings"),
        (len(chains), "chains"),
        (len(report.sites), "sites"),
        (len(findings), "findings"),
    ]
    return (
        '<ul class="summary">'
        + "".join(f"<li><b>{n}</b>{esc(label)}</li>" for n, label in items)
        + "</ul>"
    )


def _findings(findings: Sequence[Finding]) -> str:
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p class="muted">None.</p></section>'
    rows = "".join(
        f'<tr class="finding" data-kind="{esc(f.kind)}">'
        f'<td class="kind kind-{esc(f.kind)}">{esc(FINDING_NAMES.get(f.kind, f.kind))}</td>'
        f"<td>{_link(f.url) if f.url else '-'}</td><td>{esc(f.detail)}</td></tr>"
        for f in findings
    )
    return (
        '<section id="findings"><h2>Findings</h2><table><thead><tr><th>finding</th>'
        f"<th>page</th><th>detail</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _hop(hop: Hop) -> str:
    when = hop.published.isoformat() if hop.published else "date unknown"
    role = "credit-only" if not hop.verified else hop.role
    note = "" if hop.verified else ' <span class="muted">(credited, not in the store)</span>'
    title = f"<div>{esc(hop.title)}</div>" if hop.title else ""
    evidence = ""
    if hop.evidence:
        items = "".join(
            f"<li><b>{esc(e.kind)}</b>{_value(e)}: {esc(e.detail)}</li>" for e in hop.evidence
        )
        evidence = (
            f"<details><summary>why this hop: {len(hop.evidence)} pieces of evidence</summary>"
            f"<ul>{items}</ul></details>"
        )
    return (
        f'<li class="hop" data-role="{esc(hop.role)}">'
        f'<span class="role role-{esc(role)}">{esc(hop.role)}</span> '
        f"<b>{esc(hop.site or '?')}</b> · {esc(when)}{note}{title}"
        f"<div>{_link(hop.url)}</div>{evidence}</li>"
    )


def _chain(n: int, trace: Trace) -> str:
    first = trace.chain[0]
    heading = first.title or first.url
    extra = "".join(
        f'<p class="muted">cycle: {esc(" -> ".join(c))}</p>' for c in trace.cycles
    ) + "".join(
        f'<p><span class="kind kind-{esc(f.kind)}">{esc(FINDING_NAMES.get(f.kind, f.kind))}'
        f"</span>: {esc(f.detail)}</p>"
        for f in trace.findings
    )
    return (
        f'<article class="chain" id="chain-{n}" data-url="{esc(trace.url)}">'
        f"<h3>{esc(heading)}</h3>"
        f"<ol>{''.join(_hop(h) for h in trace.chain)}</ol>{extra}</article>"
    )


def _chains(chains: Sequence[Trace], total: int | None) -> str:
    if not chains:
        body = '<p class="muted">No copies, so no chains.</p>'
    else:
        body = "".join(_chain(n, t) for n, t in enumerate(chains, 1))
    more = ""
    if total is not None and total > len(chains):
        more = (
            f'<p class="muted">{total - len(chains)} more chains are not drawn here; '
            "<code>provenance trace URL</code> gives any of them.</p>"
        )
    return (
        '<section id="chains"><h2>Chains</h2><p class="muted">Each copy, back to its origin '
        f"(origin last), with the evidence for every hop.</p>{more}{body}</section>"
    )


def _sites(report: Report) -> str:
    rows = "".join(
        f"<tr><td>{esc(s.site)}</td><td class='num'>{s.reposts}</td>"
        f"<td class='num'>{s.sources_copied}</td>"
        f"<td class='num'>{s.share_attributed:.0%}</td>"
        f"<td class='num'>{esc(duration(s.median_lag_seconds))}</td>"
        f"<td class='num'>"
        f"{'-' if s.median_containment is None else f'{s.median_containment:.2f}'}</td>"
        f"<td class='num'>{s.copied_by}</td></tr>"
        for s in report.sites
    )
    return (
        '<section id="sites"><h2>Sites</h2><table><thead><tr><th>site</th>'
        '<th class="num">copies</th><th class="num">sources copied</th>'
        '<th class="num">credited</th><th class="num">median lag</th>'
        '<th class="num">median containment</th><th class="num">copied by</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _edges(report: Report, options: HtmlOptions) -> str:
    shown = report.edges[: options.max_edges]
    rows = "".join(
        f'<tr data-relation="{esc(r.relation)}"><td>{_link(r.copy_url)}<br>'
        f'<span class="muted">{esc(r.copy_site)}</span></td>'
        f"<td>{_link(r.source_url)}<br><span class='muted'>{esc(r.source_site)}</span></td>"
        f"<td>{esc(r.relation)}</td><td class='num'>{r.containment:.2f}</td>"
        f"<td class='num'>{r.copied_share:.2f}</td>"
        f"<td class='{'yes' if r.attributed else 'no'}'>{'yes' if r.attributed else 'no'}</td>"
        f"<td class='num'>{esc(duration(r.lag_seconds))}</td>"
        f"<td class='num'>{r.confidence:.2f}</td></tr>"
        for r in shown
    )
    more = ""
    if len(report.edges) > len(shown):
        more = (
            f'<p class="muted">{len(report.edges) - len(shown)} more edges are left out; '
            "<code>provenance report --format csv</code> has them all.</p>"
        )
    return (
        '<section id="edges"><h2>Copy edges</h2><p class="muted">One row per copy → source '
        "pair: containment of the copy in the source, the share of the source copied, "
        f"whether the copy credits it, the lag and the confidence.</p>{more}"
        "<table><thead><tr><th>copy</th><th>source</th><th>relation</th>"
        '<th class="num">containment</th><th class="num">copied share</th><th>credited</th>'
        '<th class="num">lag</th><th class="num">confidence</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def render_html(
    report: Report,
    chains: Iterable[Trace] = (),
    options: HtmlOptions | None = None,
    *,
    total_chains: int | None = None,
    generated: datetime | None = None,
) -> str:
    """The whole page as a string (see the module's description).

    ``total_chains`` is how many chains there are when ``chains`` holds only the first
    of them (the page says how many are left out); ``generated`` defaults to now."""
    options = options or HtmlOptions()
    chains = list(chains)[: options.max_chains]
    findings = all_findings(report)
    when = (generated or datetime.now(UTC)).replace(microsecond=0).isoformat()
    title = esc(options.title)
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="provenance {esc(__version__)}">'
        f"<title>{title}</title><style>{_STYLE}</style></head>"
        f'<body><header><h1>{title}</h1><p class="muted">Generated {esc(when)} by provenance '
        f"{esc(__version__)}: where each copied article comes from, who credits whom.</p>"
        f"{_summary(report, chains, findings)}"
        '<nav><a href="#charts">Charts</a><a href="#findings">Findings</a>'
        '<a href="#chains">Chains</a><a href="#sites">Sites</a><a href="#edges">Edges</a>'
        "</nav></header><main>"
        f"{_charts(report, chains, options)}{_findings(findings)}"
        f"{_chains(chains, total_chains)}{_sites(report)}{_edges(report, options)}</main>"
        '<footer class="muted">A self-contained page: it loads nothing and opens offline.'
        f"</footer><script>{_SCRIPT}</script></body></html>\n"
    )
    log.debug(
        "HTML report: %d chains, %d edges, %d characters", len(chains), len(report.edges), len(page)
    )
    return page


def write_html(
    report: Report,
    out: TextIO,
    chains: Iterable[Trace] = (),
    options: HtmlOptions | None = None,
    *,
    total_chains: int | None = None,
    generated: datetime | None = None,
) -> None:
    """Write the page (:func:`render_html`) to ``out``."""
    out.write(render_html(report, chains, options, total_chains=total_chains, generated=generated))


__all__ = [
    "FINDING_NAMES",
    "HtmlOptions",
    "all_findings",
    "copy_lags",
    "duration",
    "esc",
    "render_html",
    "uncredited_copies",
    "write_html",
]
