"""The HTML report's charts, drawn as inline SVG from the report's numbers (no script,
no library): copies and share credited per site, and the lag from original to copy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from provenance.link.chain import Trace
from provenance.report.hygiene import esc
from provenance.report.rows import Report
from provenance.report.text import duration


def cut_end(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at its end (labels; URLs are cut in the middle)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def bar_chart(
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
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">'
            f"{esc(cut_end(label, 28))}</text>"
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


def lag_chart(lags: Sequence[float]) -> str:
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


__all__ = ["bar_chart", "copy_lags", "cut_end", "duration", "lag_chart"]
