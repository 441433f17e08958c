"""The general credit reader: credits in wordings no pattern was written for.

Beside the exact families of ``patterns.toml``, this layer scores each candidate
line at the article's edges (:mod:`provenance.attribution.lines`) with a small
logistic model over language-independent features, and reads the credited name
out of a line it accepts.  The model's weights (``credit_model.json``) were
fitted by :mod:`provenance.evaluation.credit_model` on labelled credit lines and
on ordinary article sentences; only the weights ship, never that text.

A line becomes an :class:`~provenance.model.Attribution` of kind ``credit-line``
when its calibrated probability reaches the model's threshold and a name (or a
link to another site) can be read from it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from provenance.attribution.lexicon import fold, lexicon
from provenance.attribution.lines import (
    FEATURES,
    Cues,
    Line,
    candidate_lines,
    cues_of,
    features,
)
from provenance.attribution.names import home_of
from provenance.attribution.naming import (
    clean,
    from_link,
    from_text,
    plausible,
    unnamed_link,
)
from provenance.attribution.negatives import PAREN_TAIL, line_veto
from provenance.errors import ConfigError
from provenance.model import Attribution, Block, CreditKind
from provenance.sites import host_of, registrable_domain

KIND: CreditKind = "credit-line"


@dataclass(frozen=True, slots=True)
class CreditModel:
    """Weights of the logistic model, in the order of :data:`~.lines.FEATURES`."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 5) for w in self.weights],
            "bias": round(self.bias, 5),
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CreditModel:
        names = data["features"]
        weights = data["weights"]
        if names != list(FEATURES) or not isinstance(weights, list):
            raise ConfigError(
                "credit_model.json was fitted on other features than this code computes; "
                "refit it with python -m provenance.evaluation.credit_model"
            )
        return cls(tuple(float(w) for w in weights), float(data["bias"]), float(data["threshold"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def packaged_model() -> CreditModel:
    """The model shipped with the package."""
    text = resources.files("provenance.attribution").joinpath("credit_model.json").read_text()
    return CreditModel.from_dict(json.loads(text))


@dataclass(frozen=True, slots=True)
class Scored:
    line: Line
    cues: Cues
    probability: float


def score_lines(
    lines: Sequence[Line], page_url: str | None, title: str | None, model: CreditModel
) -> list[Scored]:
    out = []
    for line in lines:
        cues = cues_of(line)
        x = features(line, cues, page_url, title)
        out.append(Scored(line, cues, model.probability(x)))
    return out


def read_credit(scored: Scored, page_url: str | None, title: str | None) -> Attribution | None:
    """The credit a scored line gives: the credited name and link, or None if none is read."""
    line, cues = scored.line, scored.cues
    first = min((s[0] for s in cues.positive), default=len(line.text))
    if line_veto(line.text, cues.spans, first) is not None:
        return None
    spans = cues.by_strength(line.text)
    if not spans:
        return _agency_tag(scored, title)
    url: str | None = None
    linked = from_link(line.norm.links, page_url, title, min(s[1] for s in spans))
    if linked is not None:
        site, url = linked
    else:
        site, url = _name_in_text(scored, spans, page_url, title)
    if not site and url is None:
        return None
    page = registrable_domain(page_url)
    if url is not None and registrable_domain(url) == page:
        return None
    return Attribution(
        kind=KIND,
        text=line.text,
        site=site or None,
        url=url,
        site_url=home_of(url),
        position="footer" if line.edge == "end" else "body",
        confidence=round(scored.probability, 3),
        pattern="general",
    )


def _name_in_text(
    scored: Scored, spans: list[tuple[int, int]], page_url: str | None, title: str | None
) -> tuple[str, str | None]:
    """The credited name a line's text gives (no link names it), and the address of a
    link on the line whose text names nothing ("Source link")."""
    line, cues = scored.line, scored.cues
    # cue spans a name in an uncased script stands between: every positive cue, and the
    # subject ("この記事は") where it opens the line, not an "article" word inside the
    # name ("सुबह समाचार", "Morning News")
    positive = cues.positive
    opening = min((s for s, _e in positive), default=0)
    bounds = positive + [s for s in cues.spans.get("article", ()) if s[1] <= opening]
    # in an uncased script a name without a colon before it is read only on a line about
    # a publication: "the rash first appeared on his arms" has no name
    about_publication = (
        any(cues.has(name) for name in ("article", "published", "republished", "read_more"))
        or any(  # the subject inside an "appeared" cue: "ظهرت المقالة", "The post"
            lexicon().categories(fold(line.text[a:b]).split(maxsplit=1)[-1]).get("article")
            for a, b in cues.spans.get("appeared", ())
        )
    )
    site = from_text(
        line.norm,
        title,
        spans,
        lower_ok=cues.has("article"),
        bounds=bounds,
        caseless_ok=about_publication,
    )
    unnamed = unnamed_link(line.norm.links, page_url, min(s[1] for s in spans))
    if unnamed is None:
        return site or "", None
    if not site or site in unnamed.text:  # "Original Article" names nothing
        site = host_of(unnamed.href) or unnamed.href
    return site, unnamed.href


def _agency_tag(scored: Scored, title: str | None) -> Attribution | None:
    """A line with no credit words: only a name in parentheses closing the story counts
    ("… in northern Ukraine. (BBC)")."""
    m = PAREN_TAIL.search(scored.line.text)
    name = clean(m.group(1)) if m else ""
    if not name or not plausible(name, title) or len(name.split()) > 4:
        return None
    return Attribution(
        kind=KIND, text=m.group(0).strip() if m else "", site=name, position="footer",
        confidence=round(scored.probability, 3), pattern="general-tag",
    )  # fmt: skip


def general_credits(
    blocks: Sequence[Block],
    page_url: str | None,
    title: str | None,
    *,
    skip: frozenset[int] = frozenset(),
    model: CreditModel | None = None,
) -> list[Attribution]:
    """Credits the general reader finds in the edge lines of ``blocks``."""
    model = model or packaged_model()
    lines = candidate_lines(blocks, page_url, skip, prefilter=True)
    out: list[Attribution] = []
    for scored in score_lines(lines, page_url, title, model):
        if scored.probability < model.threshold:
            continue
        credit = read_credit(scored, page_url, title)
        if credit is not None:
            out.append(credit)
    return out


__all__ = [
    "KIND",
    "CreditModel",
    "Scored",
    "general_credits",
    "packaged_model",
    "read_credit",
    "score_lines",
]
