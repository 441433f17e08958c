"""``decide``: which of two matching documents is the copy, on StoredDocuments built
directly (no store, no matching)."""

from __future__ import annotations

from provenance.link.direction import Direction, decide
from tests.helpers.matchkit import credit
from tests.helpers.stored import stored_doc

ORIGIN = "https://origin.example/news/harbour-cranes"
RELAY = "https://relay.example/2024/05/harbour-cranes"


def _kinds(direction: Direction) -> list[str]:
    return [e.kind for e in direction.evidence]


def test_a_credit_decides_even_against_the_dates() -> None:
    # the relay's clock is wrong: it claims to have published first, but it credits the origin
    relay = stored_doc(RELAY, id=1, site="Relay News", published=0,
                       attributions=(credit("Origin Daily"),))  # fmt: skip
    origin = stored_doc(ORIGIN, id=2, site="Origin Daily", published=2)
    for a, b in ((relay, origin), (origin, relay)):
        d = decide(a, b, 0.9, 0.9)
        assert (d.copy.url, d.source.url) == (RELAY, ORIGIN)
        assert d.attributed and not d.sibling
        assert d.score > 0
        evidence = {e.kind: e.score for e in d.evidence}
        assert evidence["credit"] > 0 > evidence["published"]


def test_the_later_publication_is_the_copy() -> None:
    origin = stored_doc(ORIGIN, id=1, site="Origin Daily", published=0)
    relay = stored_doc(RELAY, id=2, site="Relay News", published=3)
    for a, b in ((relay, origin), (origin, relay)):
        d = decide(a, b, 0.9, 0.9)
        assert (d.copy.url, d.source.url) == (RELAY, ORIGIN)
        assert _kinds(d) == ["published"]
        assert d.score > 0 and d.confidence > 0.5
        assert not d.attributed


def test_a_canonical_link_to_the_other_page_makes_it_the_source() -> None:
    # no dates and the same first-seen time: only the canonical claim speaks
    relay = stored_doc(RELAY, id=1, site="Relay News", canonical_url=ORIGIN)
    origin = stored_doc(ORIGIN, id=2, site="Origin Daily")
    d = decide(origin, relay, 0.9, 0.9)
    assert (d.copy.url, d.source.url) == (RELAY, ORIGIN)
    assert set(_kinds(d)) == {"canonical"}
    assert all(e.score > 0 for e in d.evidence)
    assert d.attributed


def test_the_text_lying_inside_the_other_is_the_copy() -> None:
    excerpt = stored_doc(RELAY, id=1, site="Relay News")
    full = stored_doc(ORIGIN, id=2, site="Origin Daily")
    d = decide(full, excerpt, 0.3, 0.95)
    assert (d.copy.url, d.source.url) == (RELAY, ORIGIN)
    assert _kinds(d) == ["contained-in"]


def test_no_signal_is_a_low_confidence_tie_to_the_earlier_stored() -> None:
    first = stored_doc(ORIGIN, id=1, site="Origin Daily", published=0)
    second = stored_doc(RELAY, id=2, site="Relay News", published=0)
    for a, b in ((first, second), (second, first)):
        d = decide(a, b, 0.9, 0.9)
        assert (d.copy.id, d.source.id) == (2, 1)
        assert _kinds(d) == ["tie"]
        assert d.score == 0 and d.confidence == 0.5
        assert not d.attributed and not d.sibling
