"""The synthetic benchmark corpus is deterministic for a seed and has the promised mix."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import Corpus, write_warc

from provenance.read.warc import iter_warc


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    a = [d.to_dict() for d in Corpus(3).docs(60)]
    b = [d.to_dict() for d in Corpus(3).docs(60)]
    c = [d.to_dict() for d in Corpus(4).docs(60)]
    assert a == b
    assert a != c


def test_lengths_and_kinds() -> None:
    docs = list(Corpus(5).docs(400))
    kinds = Counter(d.kind for d in docs)
    assert set(kinds) == {"original", "copy", "excerpt", "edited", "footer", "quote"}
    originals = [len(d.text.split()) for d in docs if d.kind == "original"]
    assert min(originals) >= 300 and max(originals) <= 1500
    for d in docs:
        if d.kind == "excerpt":
            assert 0.2 <= d.fraction <= 0.9 and 0 <= d.source_index < d.index


def test_warc_holds_one_page_per_document(tmp_path: Path) -> None:
    out = tmp_path / "s.warc.gz"
    assert write_warc(Corpus(6).docs(15), out) == 15
    pages = list(iter_warc(out))
    assert len(pages) == 15
