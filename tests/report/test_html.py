"""`provenance report --format html`: one self-contained page with charts, chains, sites,
edges and findings, every page string escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.link.chain import Hop, Trace
from provenance.report import EdgeRow, Report
from provenance.report.charts import copy_lags, duration
from provenance.report.html import HtmlOptions, render_html
from provenance.tracker import Tracker
from tests.helpers.demo import MIRROR, ORIGIN, RELAY
from tests.helpers.matchkit import T0, article, credit, text

SCRIPT_TITLE = "<script>document.body.setAttribute('data-pwned','1')</script>"
SOURCE = "https://source.example/story"
PLAIN_COPY = "https://plain.example/story"
WRONG_CREDIT = "https://wrong.example/story"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An original with a hostile title, a copy crediting nobody, and a copy crediting a
    site whose text does not match (a conflicting credit)."""
    body = text(951, 450)
    path = tmp_path_factory.mktemp("html") / "h.db"
    with Tracker(path) as t:
        t.ingest(
            [
                article(SOURCE, body, site='Source <b>"Daily"</b>', hours=0, title=SCRIPT_TITLE),
                article(PLAIN_COPY, body, site="Plain Copies", hours=3),
                article(WRONG_CREDIT, body, site="Wrong Credits", hours=26,
                        credits=(credit("Elsewhere Gazette"),)),
            ]
        )  # fmt: skip
        t.match()
    return path


def _page(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "html", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def test_charts_chains_sites_edges_and_findings(store: Path) -> None:
    page = _page(store)
    parsed = _parse(page)
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    assert {"chart-copies-per-site", "chart-share-credited", "chart-lag"} <= ids
    assert {"charts", "findings", "chains", "sites", "edges"} <= ids
    svgs = [attrs["id"] for tag, attrs in parsed.tags if tag == "svg"]
    assert svgs == ["chart-copies-per-site", "chart-share-credited", "chart-lag"]
    chains = [attrs["data-url"] for tag, attrs in parsed.tags if tag == "article"]
    assert set(chains) == {PLAIN_COPY, WRONG_CREDIT}
    kinds = [attrs["data-kind"] for tag, attrs in parsed.tags if attrs.get("class") == "finding"]
    assert "uncredited-copy" in kinds and "credit-mismatch" in kinds
    text_ = " ".join(parsed.text)
    assert "copy credits nobody" in text_ and "conflicting credit" in text_
    assert "Elsewhere Gazette" in text_  # the credit no stored text confirms
    assert "Plain Copies" in text_ and "3.0 h" in text_
    relations = {attrs["data-relation"] for tag, attrs in parsed.tags if tag == "tr" and
                 "data-relation" in attrs}  # fmt: skip
    assert relations == {"copy", "credit-only"}


def test_page_text_is_escaped(store: Path) -> None:
    page = _page(store)
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # the page's own line
    assert "<script>document.body" not in page
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)" in page
    assert SCRIPT_TITLE in "".join(parsed.text)  # shown as text
    assert '<b>"Daily"</b>' not in page and "Source &lt;b&gt;&quot;Daily&quot;&lt;/b&gt;" in page


def test_nothing_is_loaded(store: Path) -> None:
    """No script, style sheet, font, image or frame from anywhere: links only, and a
    Content-Security-Policy that forbids loading anything."""
    page = _page(store)
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert tag not in {"link", "img", "iframe", "object", "embed", "image", "use"}, tag
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "").startswith(("https://", "#")), attrs
    assert not re.search(r"@import|url\(", page)
    csp = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_only_http_urls_are_links() -> None:
    hop = Hop("javascript:alert(1)", "Evil", "t", None, "copy", doc_id=1)
    origin = Hop("site:Wire <Agency>", "Wire", None, None, "origin")
    page = render_html(Report((), (), ()), [Trace(hop.url, (hop, origin))])
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert "site:Wire &lt;Agency&gt;" in page and "(credited, not in the store)" in page


def test_limits_are_counted_on_the_page() -> None:
    rows = tuple(
        EdgeRow(f"https://c.example/{i}", "https://s.example/", "C", "S", "copy", 1.0, 1.0,
                False, 60.0 * i, (), 0.9, 1.0)
        for i in range(5)
    )  # fmt: skip
    page = render_html(Report(rows, (), ()), [], HtmlOptions(max_edges=2), total_chains=5)
    assert "3 more edges are left out" in page and "5 more chains are not drawn" in page


def test_lags_and_durations() -> None:
    copy = Hop("https://c.example/", "C", None, T0.replace(hour=12), "copy", doc_id=2)
    origin = Hop("https://o.example/", "O", None, T0, "origin", doc_id=1)
    early = Hop("https://e.example/", "E", None, T0.replace(hour=6), "copy", doc_id=3)
    traces = [Trace(copy.url, (copy, origin)), Trace(early.url, (early, copy))]
    assert copy_lags(Report((), (), ()), traces) == [4 * 3600.0, -6 * 3600.0]
    page = render_html(Report((), (), ()), traces)
    assert "dated before" in page  # the negative lag has its own bucket
    assert (duration(None), duration(90), duration(5400), duration(-3 * 86400)) == (
        "-",
        "2 min",
        "1.5 h",
        "-3.0 d",
    )


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.htm", "<!DOCTYPE html>"),
        ("r.txt", "COPY"),
        ("r.csv", "copy_url,source_url"),
        ("r.json", '"edges"'),
        ("r.jsonl", '{"type": "edge"'),
    ],
)
def test_format_from_the_extension(store: Path, tmp_path: Path, name: str, marker: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["report", "--db", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith(marker) or marker in out.read_text("utf-8")[:200]


def test_format_flag_wins(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(
        cli, ["report", "--db", str(store), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_demo_report(demo_store: Path) -> None:
    parsed = _parse(_page(demo_store))
    chains = {attrs["data-url"] for tag, attrs in parsed.tags if tag == "article"}
    assert MIRROR in chains and len(chains) == 13
    text_ = " ".join(parsed.text)
    assert RELAY in text_ and ORIGIN in text_ and "Harbour Times" in text_
