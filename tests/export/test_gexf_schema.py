"""`provenance export --format gexf` writes GEXF 1.3 that validates against its schema.

The schema is in tests/data/gexf/ (gexf.xsd includes dynamics.xsd and imports viz.xsd);
gexf.xsd says how it was written from the GEXF 1.3 grammar.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from provenance.cli import cli
from provenance.export import document_graph, site_graph, write_graph
from provenance.report import Report
from tests.helpers import DATA

GEXF_NS = "http://gexf.net/1.3"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "gexf" / "gexf.xsd")))


def _valid(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    if not schema.validate(root):
        pytest.fail("\n".join(str(e) for e in schema.error_log))
    return root


def _export(db: Path, *args: str) -> bytes:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "gexf", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_document_graph_validates(schema: etree.XMLSchema, demo_store: Path) -> None:
    root = _valid(schema, _export(demo_store))
    assert root.get("version") == "1.3" and root.tag == f"{{{GEXF_NS}}}gexf"
    nodes = root.findall(f".//{{{GEXF_NS}}}node")
    edges = root.findall(f".//{{{GEXF_NS}}}edge")
    assert len(nodes) == 28 and len(edges) == 17
    titles = {a.get("title") for a in root.iter(f"{{{GEXF_NS}}}attribute")}
    assert {"role", "relation", "copied_share", "attributed", "lag_seconds"} <= titles


def test_site_graph_validates(schema: etree.XMLSchema, demo_store: Path) -> None:
    root = _valid(schema, _export(demo_store, "--by-site"))
    nodes = {n.get("id") for n in root.iter(f"{{{GEXF_NS}}}node")}
    assert {"Daily Relay", "Harbour Times", "News Mirror"} <= nodes
    assert all(e.get("weight") for e in root.iter(f"{{{GEXF_NS}}}edge"))


def test_networkx_reads_it_back(demo_store: Path) -> None:
    graph = nx.read_gexf(io.BytesIO(_export(demo_store)))
    assert graph.number_of_nodes() == 28 and graph.number_of_edges() == 17


def test_an_empty_graph_and_page_text_validate(schema: etree.XMLSchema) -> None:
    """No edges still gives the <edges> element 1.3 requires; control characters and markup
    in page text stay valid XML."""
    empty = io.BytesIO()
    write_graph(site_graph(Report((), (), ())), "gexf", empty)
    root = _valid(schema, empty.getvalue())
    assert root.find(f"{{{GEXF_NS}}}graph/{{{GEXF_NS}}}edges") is not None

    graph = document_graph(Report((), (), ()))
    graph.add_node("https://x.example/a?b=1&c=<d>", title='bad\x07\x1b "title" <b>', role="copy")
    out = io.BytesIO()
    write_graph(graph, "gexf", out)
    _valid(schema, out.getvalue())


def test_the_schema_is_strict(schema: etree.XMLSchema, demo_store: Path) -> None:
    """What networkx writes unmended is refused: GEXF 1.2draft, and its own 1.3 with a
    ``name`` on <graph> and ``mode`` on <attributes>."""
    graph = nx.DiGraph()
    graph.add_edge("a", "b", weight=1.0)
    graph.nodes["a"]["title"] = "x"
    for version in ("1.2draft", "1.3"):
        raw = io.BytesIO()
        nx.write_gexf(graph, raw, version=version)
        assert not schema.validate(etree.fromstring(raw.getvalue())), version
    ours = _export(demo_store)
    assert b' name=""' not in ours and b"XMLSchema-instance" in ours
    broken = ours.replace(b"<nodes>", b"<nodes><bogus/>", 1)
    assert not schema.validate(etree.fromstring(broken))
