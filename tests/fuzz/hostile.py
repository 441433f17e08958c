"""Hypothesis strategies for hostile inputs: pages, JSON Lines rows and WARC records.

Shared by tests/fuzz/test_hostile.py (a few examples in CI) and
benchmarks/fuzz_hostile.py (many examples, run by hand).
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

_TAGS = ["div", "p", "span", "article", "section", "figure", "figcaption", "a", "table", "td"]
_CHARSETS = ["utf-8", "hex", "base64", "rot13", "zlib", "utf-16", "x-unknown", "cp1251", ""]
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=200
)


@st.composite
def hostile_page(draw: st.DrawFn) -> bytes:
    """An HTML-ish page: odd charsets, deep or unclosed nesting, entities, credit-like lines."""
    depth = draw(st.integers(0, 300))
    tag = draw(st.sampled_from(_TAGS))
    close = draw(st.booleans())
    charset = draw(st.sampled_from(_CHARSETS))
    words = draw(_TEXT)
    credit = draw(st.sampled_from(["", "The post X appeared first on Y.", "(AP)", "© 2020 Z"]))
    canonical = draw(st.sampled_from(["", "http://example.com:99999999/x", "http://[bad/x", "//"]))
    body = (
        f"<{tag}>" * depth
        + f"<p>{words}</p><p>{credit}</p>"
        + (f"</{tag}>" * depth if close else "")
    )
    head = f'<meta charset="{charset}"><link rel="canonical" href="{canonical}">'
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    raw = page.encode("utf-8", errors="replace")
    if draw(st.booleans()):
        raw += draw(st.binary(max_size=64))
    return raw


_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_TEXT, children, max_size=4),
    max_leaves=12,
)


@st.composite
def hostile_row(draw: st.DrawFn) -> str:
    """One JSON Lines row: broken JSON, odd types, bad URLs, lone surrogate escapes."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(_TEXT).replace("\n", " ")
    if kind == 1:
        return json.dumps(draw(_JSON_VALUE))
    url = draw(
        st.sampled_from(["https://ok.example/x", "http://[bad/x", "", "ftp://x", "http://x:0/"])
    )
    text = draw(_TEXT)
    row = json.dumps({"url": url, "text": text, "published": draw(_TEXT)})
    return row.replace('"text": "', '"text": "\\ud800', 1) if kind == 3 else row


__all__ = ["hostile_page", "hostile_row"]
