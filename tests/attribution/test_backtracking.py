"""Attribution stage: no catastrophic backtracking; megabyte lines are scanned in bounded
windows and a real footer at the end of one is still found."""

from __future__ import annotations

import pytest

from provenance.attribution import find_attributions
from provenance.model import Block, Metadata
from tests.helpers.cases import cases

MB = 1_000_000
#: Fragments of credit wording, HTML and Markdown, each repeated to fill a megabyte.
UNITS = cases("attribution/backtracking_units.jsonl", "unit")


@pytest.mark.parametrize("unit", UNITS)
def test_one_megabyte_line_is_scanned_in_bounded_windows(unit: str) -> None:
    text = unit * (MB // len(unit) + 1)
    result = find_attributions([Block(text)], Metadata(), None)
    assert len(text) >= MB
    assert len(result.attributions) <= 2
    assert sum(len(b.text) for b in result.blocks) >= MB * 0.9


def test_one_megabyte_line_with_real_footer_at_the_end() -> None:
    filler = "appeared first on " * (MB // 18 + 1)
    footer = "The post Harbour Reopens appeared first on Example Coast News."
    result = find_attributions([Block(filler + footer)], Metadata(), None)
    assert [(a.site, a.title) for a in result.attributions] == [
        ("Example Coast News", "Harbour Reopens")
    ]
    assert result.blocks[0].text == filler.strip()
