"""The internal result of a scanner: one credit found in one normalised text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from provenance.model import CreditKind


@dataclass(frozen=True, slots=True)
class Hit:
    """A credit in normalised-text coordinates, before it becomes an ``Attribution``."""

    #: The credit text span (reported verbatim).
    start: int
    end: int
    kind: CreditKind
    pattern: str
    confidence: float
    #: Normalised spans cut out of the article text (empty: nothing removed).
    cuts: tuple[tuple[int, int], ...] = ()
    site: str | None = None
    url: str | None = None
    site_url: str | None = None
    title: str | None = None
    #: An "appeared first on" footer: a member of a possible chain.
    chain: bool = False

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end

    def merged(self, other: Hit) -> Hit:
        """``self`` (the stronger) with gaps filled from ``other`` and both spans covered."""
        return replace(
            self,
            start=min(self.start, other.start),
            end=max(self.end, other.end),
            cuts=_union(self.cuts + other.cuts),
            site=self.site or other.site,
            url=self.url or other.url,
            site_url=self.site_url or other.site_url,
            title=self.title or other.title,
            confidence=max(self.confidence, other.confidence),
        )


def _union(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def resolve(hits: list[Hit]) -> list[Hit]:
    """Merge hits whose spans overlap (one credit sentence matched by several patterns)."""
    ordered = sorted(hits, key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for hit in ordered:
        if out and out[-1].overlaps(hit):
            prev = out[-1]
            strong, weak = (prev, hit) if _rank(prev) >= _rank(hit) else (hit, prev)
            out[-1] = strong.merged(weak)
        else:
            out.append(hit)
    return out


def _rank(hit: Hit) -> tuple[float, int, int]:
    return (hit.confidence, int(hit.chain), int(hit.site is not None))


__all__ = ["Hit", "resolve"]
