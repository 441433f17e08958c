"""Graph export: what researchers take away to Gephi, Cytoscape, networkx or D3.

What comes in: a :class:`~provenance.report.Report` (every copy, sibling and credit-only
edge, from :func:`~provenance.report.build_report` or ``Tracker.report()``) and, for the
document graph, the store's documents.

What goes out: a directed ``networkx.DiGraph``, written as GEXF 1.2, GraphML or
networkx node-link JSON (UTF-8):

- the **document graph** (:func:`document_graph`): a node per document, its URL as id,
  with ``site``, ``title``, ``published`` (ISO 8601 or "") and ``role`` (origin, copy,
  intermediary, independent, or credited for a credit-only target the store lacks); an
  edge copy → source per report row with ``relation``, ``jaccard``, ``containment``,
  ``copied_share``, ``attributed``, ``confidence`` and ``lag_seconds``;
- the **site graph** (:func:`site_graph`): a node per site, an edge A → B when pages of
  A copied pages of B, with ``count``, ``weight``, ``share_credited`` and
  ``median_lag_seconds``.

An unknown lag is left out, never a number: lags can be negative (a copy dated before
its source), so no sentinel value would be safe.

::

    from provenance.export import document_graph, stored_documents, write_graph

    with Tracker("news.db", read_only=True) as t:
        graph = document_graph(t.report(), stored_documents(t.store))
    with open("copies.gexf", "wb") as out:
        write_graph(graph, "gexf", out)

On the command line: ``provenance export --format gexf|graphml|json-graph [--by-site]``.
networkx is imported only in this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from provenance.export.options import EXTENSIONS, FORMATS, ExportOptions, GraphFormat, format_for

if TYPE_CHECKING:
    from provenance.export.graph import (
        document_graph,
        export_graph,
        graph_data,
        site_graph,
        stored_documents,
        write_graph,
    )

#: Loaded on first use: networkx takes a fifth of a second to import, which every CLI
#: command would pay otherwise.
_GRAPH_NAMES = frozenset(
    {
        "document_graph",
        "export_graph",
        "graph_data",
        "site_graph",
        "stored_documents",
        "write_graph",
    }
)


def __getattr__(name: str) -> Any:
    if name in _GRAPH_NAMES:
        from provenance.export import graph

        return getattr(graph, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExportOptions",
    "GraphFormat",
    "document_graph",
    "export_graph",
    "format_for",
    "graph_data",
    "site_graph",
    "stored_documents",
    "write_graph",
]
