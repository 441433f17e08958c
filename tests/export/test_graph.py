"""`provenance export`: the copy graph as GEXF, GraphML and node-link JSON, read back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.export import (
    GraphFormat,
    document_graph,
    format_for,
    site_graph,
    stored_documents,
    write_graph,
)
from provenance.model import Relation
from provenance.report import EdgeRow, Report, build_report
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, excerpt, text

ORIGIN = "https://origin.example/story"
RELAY = "https://relay.example/story"
MIRROR = "https://mirror.example/story"
CREDITED = "https://credits.example/wire"
LONELY = "https://lonely.example/own"

EDGES = {(RELAY, ORIGIN), (MIRROR, ORIGIN), (CREDITED, "site:Wire Agency")}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An original, two copies of its halves (one crediting it), a page crediting a wire
    the store lacks, and one page of its own."""
    body = text(801, 500)
    words = body.split()
    path = tmp_path_factory.mktemp("export") / "g.db"
    with Tracker(path) as t:
        t.ingest(
            [
                article(ORIGIN, body, site="Origin Daily", hours=0, title="The story"),
                article(RELAY, excerpt(body, 0.5), site="Relay News", hours=2,
                        credits=(credit("Origin Daily"),)),
                article(MIRROR, " ".join(words[len(words) // 2 :]), site="Mirror Post",
                        hours=5),
                article(CREDITED, text(802, 400), site="Credits Weekly", hours=1,
                        credits=(credit("Wire Agency"),)),
                article(LONELY, text(803, 400), site="Lonely", hours=3),
            ]
        )  # fmt: skip
        t.match()
    return str(path)


def _export(db: str, *args: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output


def _check_documents(graph: nx.DiGraph) -> None:
    assert graph.is_directed()
    assert set(graph.nodes) == {ORIGIN, RELAY, MIRROR, CREDITED, LONELY, "site:Wire Agency"}
    assert set(graph.edges) == EDGES
    roles = {n: graph.nodes[n]["role"] for n in graph.nodes}
    assert roles == {
        ORIGIN: "origin",
        RELAY: "copy",
        MIRROR: "copy",
        CREDITED: "copy",
        LONELY: "independent",
        "site:Wire Agency": "credited",
    }
    origin = graph.nodes[ORIGIN]
    assert origin["site"] == "Origin Daily" and origin["title"] == "The story"
    assert origin["published"] == "2024-05-01T08:00:00+00:00"
    assert graph.nodes["site:Wire Agency"]["published"] == ""
    relay = graph.edges[RELAY, ORIGIN]
    assert relay["relation"] == "copy" and relay["attributed"] is True
    assert relay["lag_seconds"] == 7200.0 and relay["containment"] > 0.9
    assert 0.0 < relay["confidence"] <= 1.0
    mirror = graph.edges[MIRROR, ORIGIN]
    assert mirror["attributed"] is False and mirror["lag_seconds"] == 5 * 3600.0
    assert 0.4 < mirror["copied_share"] < 0.8
    credit_only = graph.edges[CREDITED, "site:Wire Agency"]
    assert credit_only["relation"] == "credit-only" and credit_only["attributed"] is True
    assert "lag_seconds" not in credit_only  # unknown: left out, never a sentinel


def test_gexf(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    _export(db, "--format", "gexf", "-o", str(out))
    _check_documents(nx.read_gexf(out))


def test_graphml(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    _export(db, "--format", "graphml", "-o", str(out))
    _check_documents(nx.read_graphml(out))


def test_json_graph(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    _export(db, "--format", "json-graph", "-o", str(out))
    data = json.loads(out.read_text("utf-8"))
    _check_documents(nx.node_link_graph(data, edges="edges"))


def test_stdout_is_the_default(db: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "json-graph"])
    assert result.exit_code == 0, result.output
    graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert set(graph.edges) == EDGES
    gexf = CliRunner().invoke(cli, ["export", "--db", db, "--format", "gexf"])
    assert gexf.stdout.startswith("<?xml") and "<gexf" in gexf.stdout


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("sites.gexf", nx.read_gexf),
        ("sites.graphml", nx.read_graphml),
        ("sites.json", lambda p: nx.node_link_graph(json.loads(p.read_text()), edges="edges")),
    ],
)
def test_by_site_and_the_format_from_the_extension(
    db: str, tmp_path: Path, name: str, reader: object
) -> None:
    out = tmp_path / name
    _export(db, "--by-site", "-o", str(out))
    assert callable(reader)
    graph = reader(out)
    assert set(graph.nodes) == {"Origin Daily", "Relay News", "Mirror Post"}
    assert set(graph.edges) == {("Relay News", "Origin Daily"), ("Mirror Post", "Origin Daily")}
    relay = graph.edges["Relay News", "Origin Daily"]
    assert relay["count"] == 1 and relay["share_credited"] == 1.0
    assert relay["median_lag_seconds"] == 7200.0
    assert graph.edges["Mirror Post", "Origin Daily"]["share_credited"] == 0.0
    assert graph.nodes["Origin Daily"]["copied_by"] == 2
    assert graph.nodes["Relay News"]["reposts"] == 1


def _row(copy: str, source: str, relation: Relation = "copy", confidence: float = 0.9) -> EdgeRow:
    return EdgeRow(
        copy_url=f"https://{copy}.example/", source_url=f"https://{source}.example/",
        copy_site=copy, source_site=source, relation=relation, jaccard=0.5, containment=0.9,
        attributed=False, lag_seconds=None, direction_evidence=(), confidence=confidence,
    )  # fmt: skip


def test_roles_and_revisions() -> None:
    """a copies b, which copies c; d and e are siblings; a's two revisions give one edge."""
    report = Report(
        (_row("a", "b"), _row("a", "b", confidence=0.95), _row("b", "c"),
         _row("d", "e", "sibling")),
        (), (),
    )  # fmt: skip
    graph = document_graph(report)
    roles = {n.split("/")[2].split(".")[0]: r for n, r in graph.nodes(data="role")}
    assert roles == {
        "a": "copy", "b": "intermediary", "c": "origin", "d": "independent", "e": "independent"
    }  # fmt: skip
    assert graph.number_of_edges() == 3
    assert graph.edges["https://a.example/", "https://b.example/"]["confidence"] == 0.95
    assert graph.edges["https://d.example/", "https://e.example/"]["relation"] == "sibling"
    assert set(site_graph(report).edges) == {("a", "b"), ("b", "c")}
    assert set(site_graph(report, ("copy", "sibling")).edges) == {
        ("a", "b"),
        ("b", "c"),
        ("d", "e"),
    }


def test_site_counts_aggregate_edges(tmp_path: Path) -> None:
    a, b, c = text(811, 400), text(812, 400), text(813, 400)
    with Tracker(tmp_path / "s.db") as t:
        t.ingest(
            [
                article("https://o.example/a", a, site="Origin", hours=0),
                article("https://o.example/b", b, site="Origin", hours=0),
                article("https://o.example/c", c, site="Origin", hours=0),
                article("https://k.example/a", a, site="Copier", hours=1,
                        credits=(credit("Origin"),)),
                article("https://k.example/b", b, site="Copier", hours=3),
                article("https://k.example/c", c, site="Copier", hours=5),
            ]
        )  # fmt: skip
        t.match()
        report = build_report(t.store)
    graph = site_graph(report)
    edge = graph.edges["Copier", "Origin"]
    assert edge["count"] == 3 and edge["weight"] == 3.0
    assert edge["share_credited"] == round(1 / 3, 4)
    assert edge["median_lag_seconds"] == 3 * 3600.0
    assert graph.nodes["Copier"]["reposts"] == 3 and graph.nodes["Origin"]["copied_by"] == 3


def test_format_from_the_extension() -> None:
    assert format_for("out.gexf") == "gexf"
    assert format_for(Path("OUT.GraphML")) == "graphml"
    assert format_for("out.json") == "json-graph"
    assert format_for("out.xml") is None and format_for(None) is None


def test_format_flag_wins_over_the_extension(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    _export(db, "--format", "graphml", "-o", str(out))
    assert set(nx.read_graphml(out).edges) == EDGES


def test_no_format_is_a_usage_error(db: str, tmp_path: Path) -> None:
    for args in ([], ["-o", str(tmp_path / "g.xml")]):
        result = CliRunner().invoke(cli, ["export", "--db", db, *args])
        assert result.exit_code == 2 and "--format" in result.stderr
    assert not (tmp_path / "g.xml").exists()


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, ["export", "--db", str(missing), "--format", "gexf"])
    assert result.exit_code == 2 and "missing.db" in result.stderr
    assert not missing.exists()


def test_page_text_that_xml_cannot_carry(tmp_path: Path) -> None:
    """A title with control characters still gives a file the readers accept."""
    with Tracker(tmp_path / "x.db") as t:
        t.ingest([article("https://x.example/a", text(821), site="X", title="bad\x07\x1btitle")])
        t.match()
        graph = document_graph(build_report(t.store), stored_documents(t.store))
    formats: tuple[tuple[GraphFormat, object], ...] = (
        ("gexf", nx.read_gexf),
        ("graphml", nx.read_graphml),
    )
    for fmt, reader in formats:
        path = tmp_path / f"x.{fmt}"
        with path.open("wb") as out:
            write_graph(graph, fmt, out)
        assert callable(reader)
        title = reader(path).nodes["https://x.example/a"]["title"]
        assert "\x07" not in title and title.endswith("title")
