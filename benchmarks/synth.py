"""Seeded synthetic news corpus for the scale benchmarks.

Usage::

    python benchmarks/synth.py jsonl OUT.jsonl --docs 10000 [--seed 7]
    python benchmarks/synth.py texts OUT_DIR --docs 1000
    python benchmarks/synth.py warc OUT.warc.gz --docs 10000

Articles are 300-1500 words (log-normal, median ~800) drawn from a 60,000-word
vocabulary with a Zipf-like (s = 1.05) frequency distribution, so function
words and common phrases repeat across unrelated texts the way they do in real
news.  Every article belongs to a topic whose own 300-word vocabulary makes up
about 12 % of its words.  Besides originals the stream holds, by share:

* ``copy`` - the full text of an earlier article on another site;
* ``excerpt`` - a contiguous 20-90 % stretch of an earlier article;
* ``edited`` - a full copy with 2-6 % of its words replaced or dropped and a
  sentence rewritten;
* ``footer`` - a full or excerpted copy carrying the republishing site's
  footer (boilerplate of 30-60 words, the same on every page of that site);
* ``quote`` - an independent article on the same topic as an earlier one that
  shares only a 25-45 word quote with it (must *not* be linked).

Each record carries the truth: ``kind``, ``source_index`` (the index of the
copied or quoted article, or -1) and ``fraction`` (share of the source kept).
The same ``seed`` always gives the same corpus.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import math
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

VOCAB_SIZE = 60_000
TOPIC_WORDS = 300
TOPICS = 2_000
SITES = 400
ZIPF_S = 1.05
KINDS = ("original", "copy", "excerpt", "edited", "footer", "quote")
#: Default share of each kind in the stream.
DEFAULT_MIX = {
    "original": 0.55,
    "copy": 0.10,
    "excerpt": 0.12,
    "edited": 0.08,
    "footer": 0.08,
    "quote": 0.07,
}
_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cr",
    "dr",
    "fr",
    "gr",
    "pr",
    "tr",
    "st",
    "sp",
    "ch",
    "sh",
    "th",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck"]


@dataclass(frozen=True, slots=True)
class SynthDoc:
    index: int
    url: str
    site_name: str
    title: str
    published: str
    text: str
    kind: str
    source_index: int
    fraction: float
    topic: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _make_vocab(rng: np.random.Generator, size: int) -> list[str]:
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < size:
        n = int(rng.integers(1, 4))
        parts = [
            _ONSETS[int(rng.integers(len(_ONSETS)))]
            + _VOWELS[int(rng.integers(len(_VOWELS)))]
            + _CODAS[int(rng.integers(len(_CODAS)))]
            for _ in range(n)
        ]
        word = "".join(parts)
        if word not in seen:
            seen.add(word)
            words.append(word)
    # the most frequent words are the shortest, as in natural languages
    words.sort(key=len)
    return words


class Corpus:
    """A deterministic stream of synthetic articles (see the module docstring)."""

    def __init__(self, seed: int = 7, mix: dict[str, float] | None = None) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.vocab = _make_vocab(self.rng, VOCAB_SIZE)
        ranks = np.arange(1, VOCAB_SIZE + 1, dtype=np.float64)
        weights = ranks**-ZIPF_S
        self._cdf = np.cumsum(weights / weights.sum())
        self.topics = [
            self.rng.integers(200, VOCAB_SIZE, TOPIC_WORDS) for _ in range(min(TOPICS, 2_000))
        ]
        self.sites = [f"site{i:03d}" for i in range(SITES)]
        self.footers = [self._words(int(self.rng.integers(30, 61)), None) for _ in range(SITES)]
        mix = mix or DEFAULT_MIX
        self._kinds = list(mix)
        p = np.array([mix[k] for k in self._kinds], dtype=np.float64)
        self._kind_p = p / p.sum()
        self._start = datetime(2024, 1, 1, tzinfo=UTC)

    # -- text -----------------------------------------------------------------
    def _words(self, n: int, topic: int | None) -> list[str]:
        idx = np.searchsorted(self._cdf, self.rng.random(n))
        idx = np.minimum(idx, VOCAB_SIZE - 1)
        if topic is not None:
            mask = self.rng.random(n) < 0.12
            idx[mask] = self.topics[topic][self.rng.integers(0, TOPIC_WORDS, int(mask.sum()))]
        vocab = self.vocab
        return [vocab[i] for i in idx.tolist()]

    def _paragraphs(self, words: list[str]) -> list[str]:
        """Cut words into sentences (8-25 words) and paragraphs (2-5 sentences)."""
        paras: list[str] = []
        sentences: list[str] = []
        i = 0
        want = int(self.rng.integers(2, 6))
        while i < len(words):
            n = int(self.rng.integers(8, 26))
            chunk = words[i : i + n]
            i += n
            s = " ".join(chunk)
            sentences.append(s[:1].upper() + s[1:] + ".")
            if len(sentences) >= want:
                paras.append(" ".join(sentences))
                sentences = []
                want = int(self.rng.integers(2, 6))
        if sentences:
            paras.append(" ".join(sentences))
        return paras

    def _length(self) -> int:
        n = math.exp(self.rng.normal(math.log(800), 0.4))
        return int(min(1500, max(300, n)))

    # -- stream -----------------------------------------------------------------
    def docs(self, n: int) -> Iterator[SynthDoc]:
        """The first ``n`` articles of the stream."""
        originals: list[tuple[int, list[str], int]] = []  # recent (index, paragraphs, topic)
        for i in range(n):
            kind = self._kinds[int(np.searchsorted(np.cumsum(self._kind_p), self.rng.random()))]
            if kind != "original" and not originals:
                kind = "original"
            site = int(self.rng.integers(SITES))
            source, fraction, topic = -1, 1.0, int(self.rng.integers(len(self.topics)))
            if kind in ("original", "quote"):
                words = self._words(self._length(), topic)
                paras = self._paragraphs(words)
                if kind == "quote":
                    src_i, src_paras, topic = originals[int(self.rng.integers(len(originals)))]
                    paras = self._paragraphs(self._words(self._length(), topic))
                    quote = self._quote(src_paras)
                    at = int(self.rng.integers(0, len(paras) + 1))
                    paras.insert(at, f'"{quote}," an official said.')
                    source = src_i
                originals.append((i, paras, topic))
                if len(originals) > 2_000:
                    originals.pop(0)
            else:
                src_i, src_paras, topic = originals[int(self.rng.integers(len(originals)))]
                source = src_i
                paras = list(src_paras)
                if kind == "excerpt" or (kind == "footer" and self.rng.random() < 0.5):
                    fraction = float(self.rng.uniform(0.2, 0.9))
                    paras = _excerpt(paras, fraction, self.rng)
                elif kind == "edited":
                    paras = self._edit(paras)
                if kind == "footer":
                    paras.append(" ".join(self.footers[site]).capitalize() + ".")
            yield SynthDoc(
                index=i,
                url=f"https://{self.sites[site]}.example/news/{i:07d}-{topic}",
                site_name=self.sites[site].capitalize(),
                title=" ".join(self._words(8, topic)).capitalize(),
                published=(self._start + timedelta(minutes=7 * i)).isoformat(),
                text="\n\n".join(paras),
                kind=kind,
                source_index=source,
                fraction=round(fraction, 3),
                topic=topic,
            )

    def _quote(self, paras: list[str]) -> str:
        words = " ".join(paras).replace(".", "").split()
        n = int(self.rng.integers(25, 46))
        start = int(self.rng.integers(0, max(1, len(words) - n)))
        return " ".join(words[start : start + n])

    def _edit(self, paras: list[str]) -> list[str]:
        rate = float(self.rng.uniform(0.02, 0.06))
        out = []
        for p in paras:
            words = p.split(" ")
            keep = []
            for w in words:
                r = self.rng.random()
                if r < rate / 2:
                    continue  # dropped
                if r < rate:
                    keep.append(self.vocab[int(self.rng.integers(100, 5000))])
                else:
                    keep.append(w)
            out.append(" ".join(keep))
        j = int(self.rng.integers(len(out)))
        out[j] = " ".join(self._words(15, None)).capitalize() + ". " + out[j]
        return out


def _excerpt(paras: list[str], fraction: float, rng: np.random.Generator) -> list[str]:
    """A contiguous stretch holding ``fraction`` of the words (cut at word level)."""
    words = "\n\n".join(paras).split(" ")
    n = max(1, int(len(words) * fraction))
    start = int(rng.integers(0, len(words) - n + 1)) if rng.random() < 0.5 else 0
    return " ".join(words[start : start + n]).split("\n\n")


# -- outputs -----------------------------------------------------------------------
def page_html(doc: SynthDoc, origin: SynthDoc | None = None) -> str:
    """A plausible news page around the article (nav, byline, credit, footer)."""
    e = html.escape
    paras = "\n".join(f"<p>{e(p)}</p>" for p in doc.text.split("\n\n"))
    credit = ""
    if origin is not None and doc.kind in ("copy", "excerpt", "footer") and doc.index % 3 == 0:
        credit = (
            f'<p>This article first appeared on <a href="{e(origin.url)}">'
            f"{e(origin.site_name)}</a>.</p>"
        )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{e(doc.title)} | {e(doc.site_name)}</title>"
        f'<meta property="og:site_name" content="{e(doc.site_name)}">'
        f'<meta property="og:title" content="{e(doc.title)}">'
        f'<meta property="article:published_time" content="{doc.published}">'
        f'<link rel="canonical" href="{e(doc.url)}"></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/world">World</a> '
        '<a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>'
        f"<main><article><h1>{e(doc.title)}</h1>"
        f'<p class="byline">By Staff Reporter, {e(doc.site_name)}</p>'
        f"{paras}{credit}</article></main>"
        f"<footer><p>&copy; 2024 {e(doc.site_name)}. All rights reserved.</p>"
        '<a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>'
        "</body></html>"
    )


def write_jsonl(docs: Iterator[SynthDoc], out: Path) -> int:
    n = 0
    opener = gzip.open if out.name.endswith(".gz") else open
    with opener(out, "wt", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_texts(docs: Iterator[SynthDoc], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for d in docs:
        (out / f"{d.index:07d}.txt").write_text(d.text, encoding="utf-8")
        n += 1
    return n


def write_warc(docs: Iterator[SynthDoc], out: Path) -> int:
    """One HTTP ``response`` record per article (gzip per record when OUT ends in .gz)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    by_index: dict[int, SynthDoc] = {}
    n = 0
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=out.name.endswith(".gz"))
        for d in docs:
            by_index[d.index] = d
            origin = by_index.get(d.source_index)
            body = page_html(d, origin).encode("utf-8")
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8")],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                d.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": d.published.replace("+00:00", "Z")},
            )
            writer.write_record(record)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=["jsonl", "texts", "warc"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    docs = Corpus(args.seed).docs(args.docs)
    writer = {"jsonl": write_jsonl, "texts": write_texts, "warc": write_warc}[args.format]
    n = writer(docs, args.out)
    print(json.dumps({"format": args.format, "out": str(args.out), "docs": n, "seed": args.seed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
