"""Copy graphs for network tools: documents or sites as nodes, copy edges between them.

networkx is used only in this package (``provenance.export``).
"""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from provenance.export.options import GRAPH_FORMATS, ExportOptions, GraphFormat
from provenance.export.rows import roles, stored_documents, strongest
from provenance.model import Relation
from provenance.report import EdgeRow, Report
from provenance.store.base import Store, StoredDocument


def _edge_attributes(row: EdgeRow) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "relation": row.relation,
        "jaccard": float(row.jaccard),
        "containment": float(row.containment),
        "copied_share": float(row.copied_share),
        "attributed": bool(row.attributed),
        "confidence": float(row.confidence),
    }
    if row.lag_seconds is not None:
        attrs["lag_seconds"] = float(row.lag_seconds)
    return attrs


def document_graph(report: Report, documents: Iterable[StoredDocument] = ()) -> nx.DiGraph:
    """The document graph: a node per document (its URL), an edge copy → source per row.

    Node attributes: ``site``, ``title``, ``published`` (ISO 8601, "" when unknown) and
    ``role``: "copy" (copies, by text or by an unconfirmed credit), "origin" (is copied and
    copies nothing), "intermediary" (both), "independent" (neither; sibling edges do not
    count) or "credited" (a credit-only target that is not a stored document).

    Edge attributes: ``relation`` (copy, sibling, credit-only), ``jaccard``,
    ``containment``, ``copied_share``, ``attributed``, ``confidence`` and
    ``lag_seconds``; ``lag_seconds`` is left out when unknown (a lag can be negative,
    so no number could stand for "unknown").
    """
    graph = nx.DiGraph()
    docs = {doc.url: doc for doc in documents}
    rows = strongest(report.edges)
    nodes: dict[str, dict[str, Any]] = {}
    for url, doc in docs.items():
        nodes[url] = {
            "site": doc.site_label,
            "title": doc.title or "",
            "published": doc.published.isoformat() if doc.published else "",
        }
    for row in rows.values():
        for url, site in ((row.copy_url, row.copy_site), (row.source_url, row.source_site)):
            nodes.setdefault(url, {"site": site, "title": "", "published": ""})
    role_of = roles(rows.values(), docs)
    for url in sorted(nodes):
        graph.add_node(url, **nodes[url], role=role_of[url])
    for key in sorted(rows):
        graph.add_edge(*key, **_edge_attributes(rows[key]))
    return graph


def site_graph(report: Report, relations: Iterable[Relation] = ("copy",)) -> nx.DiGraph:
    """The site graph: a node per site, an edge A → B when pages of A copied pages of B.

    Only rows of ``relations`` count (text-confirmed copies by default).  Edge
    attributes: ``count`` (copy edges), ``weight`` (the same count, as a float, for
    tools that weigh edges), ``share_credited`` (the fraction of them crediting the
    source) and ``median_lag_seconds`` (left out when no lag is known).  Node
    attributes: ``reposts`` (edges where the site's page copies) and ``copied_by``
    (edges where it is copied).  A site copying its own pages has a self-loop.
    """
    wanted = frozenset(relations)
    graph = nx.DiGraph()
    pairs: dict[tuple[str, str], list[EdgeRow]] = defaultdict(list)
    for row in strongest(report.edges).values():
        if row.relation in wanted:
            pairs[(row.copy_site, row.source_site)].append(row)
    reposts: dict[str, int] = defaultdict(int)
    copied_by: dict[str, int] = defaultdict(int)
    for (copier, source), group in pairs.items():
        reposts[copier] += len(group)
        copied_by[source] += len(group)
    for site in sorted(set(reposts) | set(copied_by)):
        graph.add_node(site, reposts=reposts[site], copied_by=copied_by[site])
    for key in sorted(pairs):
        group = pairs[key]
        attrs: dict[str, Any] = {
            "count": len(group),
            "weight": float(len(group)),
            "share_credited": round(sum(r.attributed for r in group) / len(group), 4),
        }
        lags = [r.lag_seconds for r in group if r.lag_seconds is not None]
        if lags:
            attrs["median_lag_seconds"] = round(float(statistics.median(lags)), 4)
        graph.add_edge(*key, **attrs)
    return graph


def export_graph(
    report: Report, store: Store | None = None, options: ExportOptions | None = None
) -> nx.DiGraph:
    """The graph ``options`` asks for; the document graph takes its nodes' attributes
    (and the documents without edges) from ``store``."""
    options = options or ExportOptions()
    if options.by_site:
        return site_graph(report, options.site_relations)
    return document_graph(report, stored_documents(store) if store is not None else ())


#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str) and _NOT_XML.search(value):
        return _NOT_XML.sub("\ufffd", value)
    return value


def _for_xml(graph: nx.DiGraph) -> nx.DiGraph:
    """``graph`` with text from pages made valid XML (control characters become U+FFFD)."""
    clean = nx.DiGraph()
    clean.add_nodes_from(
        (_xml_safe(n), {k: _xml_safe(v) for k, v in d.items()}) for n, d in graph.nodes(data=True)
    )
    clean.add_edges_from(
        (_xml_safe(u), _xml_safe(v), {k: _xml_safe(x) for k, x in d.items()})
        for u, v, d in graph.edges(data=True)
    )
    return clean


def graph_data(graph: nx.DiGraph) -> dict[str, Any]:
    """networkx node-link data (edges under "edges"); read it back with
    ``networkx.node_link_graph(data, edges="edges")``."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


#: The XML Schema instance namespace; networkx 3.6 misspells it for GEXF 1.3.
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _write_gexf(graph: nx.DiGraph, out: BinaryIO) -> None:
    """GEXF 1.3 as its grammar (gexf.net/1.3) has it: networkx writes the version's
    namespaces, but with a misspelt XML Schema instance namespace, a ``name`` on
    ``<graph>`` and a ``mode`` on ``<attributes>`` that 1.3 does not have, and no
    ``<edges>`` when there are none (1.3 requires the element)."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    writer.xml.set("xmlns:xsi", _XSI)
    writer.add_graph(graph)
    element = writer.xml.find("graph")
    element.attrib.pop("name", None)
    for attributes in element.findall("attributes"):
        attributes.attrib.pop("mode", None)
    if element.find("edges") is None:
        element.append(Element("edges"))
    writer.write(out)


def write_graph(graph: nx.DiGraph, fmt: GraphFormat, out: BinaryIO) -> None:
    """Write ``graph`` as GEXF 1.3, GraphML or node-link JSON, UTF-8."""
    if fmt == "gexf":
        _write_gexf(_for_xml(graph), out)
    elif fmt == "graphml":
        nx.write_graphml(_for_xml(graph), out)
    elif fmt == "json-graph":
        text = json.dumps(graph_data(graph), ensure_ascii=False, indent=2)
        out.write(text.encode("utf-8") + b"\n")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")


__all__ = [
    "document_graph",
    "export_graph",
    "graph_data",
    "site_graph",
    "stored_documents",
    "write_graph",
]
