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

    from provenance.report.html import write_html

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
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import TextIO

from provenance._version import __version__
from provenance.evidence import Evidence, Finding
from provenance.link.chain import Hop, Trace
from provenance.report.charts import bar_chart, copy_lags, duration, lag_chart
from provenance.report.hygiene import esc
from provenance.report.rows import Report, all_findings
from provenance.report.text import evidence_value

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


_SCRIPT = 'document.documentElement.setAttribute("data-report-ready", "1");'

_STYLE = resources.files("provenance.report").joinpath("report.css").read_text("utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: Nothing may load, and only the page's own style and script may run.
_CSP = (
    f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _link(url: str) -> str:
    """A link for an http(s) URL, plain text for anything else (``site:``, javascript:)."""
    text = esc(url)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
    return f"<span>{text}</span>"


def _value(ev: Evidence) -> str:
    """`` (weight +3.0)``, `` (87%)``, `` (longest 62 words)`` ...: what the score is."""
    value = evidence_value(ev)
    return f" ({esc(value)})" if value else ""


# -- charts -----------------------------------------------------------------------------


def _charts(report: Report, chains: Sequence[Trace], options: HtmlOptions) -> str:
    copiers = [s for s in report.sites if s.reposts > 0]
    shown = copiers[: options.chart_sites]
    more = (
        f" (the {len(shown)} of {len(copiers)} sites with the most)"
        if len(copiers) > len(shown)
        else ""
    )
    copies = bar_chart(
        "chart-copies-per-site",
        "Copies per site",
        [(s.site, float(s.reposts), str(s.reposts)) for s in shown],
        max((s.reposts for s in shown), default=0),
        "no copies",
    )
    credited = bar_chart(
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
        f"{lag_chart(copy_lags(report, chains))}</figure>"
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
    "copy_lags",
    "duration",
    "esc",
    "render_html",
    "write_html",
]
