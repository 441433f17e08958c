"""The anchor prefilter: derived literals must never hide a real match."""

from __future__ import annotations

import re

import pytest

from provenance.attribution.patterns import compiled, list_patterns
from provenance.attribution.prefilter import required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\s*appeared\s*first\s*on\s*", {"appeared"}),
        (r"\b(?:originally|first)\s+published\s+(?:on|in)\s", {"published"}),
        (r"\b(?:wire|agency)\s+copies\b", {"copies"}),
        (r"(?:foo)?\s+", None),
        (r"^\((?P<agency>AP|AFP)\)", {"("}),  # a rare mark, when no word qualifies
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    got = required_literals(pattern)
    assert (set(got) if got is not None else None) == expected


def test_factored_branches_still_cover_every_match() -> None:
    # The regex parser factors "rep" out of the branches; the literals must still hold.
    literals = required_literals(r"\b(?:reprinted|reposted)\s+from\s")
    assert literals is not None
    for text in ("reprinted from x", "Reposted  from y"):
        assert any(lit in text.lower() for lit in literals)


def test_every_literal_set_is_implied_by_its_regex() -> None:
    """Whatever a regex matches contains one of its literals (checked on each example)."""
    data = compiled()
    examples = [info.example for info in list_patterns() if info.example]
    assert len(examples) > 20
    checked = 0
    for anchor in data.anchors:
        for example in examples:
            text = " ".join(example.split())
            if anchor.regex.search(text):
                checked += 1
                assert anchor.may_match(text.lower()), (anchor.regex.pattern, example)
    assert checked >= len(data.anchors) // 2


def test_prefilter_skips_plain_prose() -> None:
    data = compiled()
    prose = "the council met on tuesday and voted to repave the harbour road next spring"
    candidates = [a for a in data.anchors if a.may_match(prose)]
    assert len(candidates) < len(data.anchors) // 3
    assert not any(a.regex.search(prose) for a in candidates)


def test_unparseable_pattern_is_always_run() -> None:
    assert required_literals("(") is None
    assert re.compile("x")  # sanity: the module keeps re usable


def test_anchor_set_candidates_agree_with_each_anchor() -> None:
    data = compiled()
    for text in (
        "the council met on tuesday",
        "this story was originally published on the harbour times",
        "der beitrag x erschien zuerst auf y",
        "(ap) — officials said",
    ):
        expected = [a for a in data.anchors if a.may_match(text)]
        assert data.anchors.candidates(text) == expected
