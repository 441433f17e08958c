"""Graph and provenance export: what researchers take away to Gephi, Cytoscape, networkx,
D3 or W3C PROV tools.

What comes in: a :class:`~provenance.report.Report` (every copy, sibling and credit-only
edge, from :func:`~provenance.report.build_report` or ``Tracker.report()``) and, for the
document graph, the store's documents (and, for PROV, the chains).

What goes out: a directed ``networkx.DiGraph``, written as GEXF 1.3, GraphML or
networkx node-link JSON (UTF-8):

- the **document graph** (:func:`document_graph`): a node per document, its URL as id,
  with ``site``, ``title``, ``published`` (ISO 8601 or "") and ``role`` (origin, copy,
  intermediary, independent, or credited for a credit-only target the store lacks); an
  edge copy → source per report row with ``relation``, ``jaccard``, ``containment``,
  ``copied_share``, ``attributed``, ``confidence`` and ``lag_seconds``;
- the **site graph** (:func:`site_graph`): a node per site, an edge A → B when pages of
  A copied pages of B, with ``count``, ``weight``, ``share_credited`` and
  ``median_lag_seconds``.

Or a W3C PROV document (:func:`prov_document`, written by :func:`write_prov` as
PROV-JSON or PROV-N): documents as entities attributed to their sites (agents), each
hop a derivation, quotation or influence carrying its evidence, each chain a primary
source; :mod:`provenance.export.prov` says how.

An unknown lag is left out, never a number: lags can be negative (a copy dated before
its source), so no sentinel value would be safe.

::

    from provenance.export import document_graph, stored_documents, write_graph

    with Tracker("news.db", read_only=True) as t:
        graph = document_graph(t.report(), stored_documents(t.store))
    with open("copies.gexf", "wb") as out:
        write_graph(graph, "gexf", out)

On the command line: ``provenance export --format gexf|graphml|json-graph|prov-json|prov-n
[--by-site]``.  networkx is imported only in this package, prov only in its ``prov``
module, each on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from provenance.export.options import (
    EXTENSIONS,
    FORMATS,
    ExportFormat,
    ExportOptions,
    GraphFormat,
    ProvFormat,
    format_for,
)

if TYPE_CHECKING:
    from provenance.export.graph import (
        document_graph,
        export_graph,
        graph_data,
        site_graph,
        write_graph,
    )
    from provenance.export.prov import prov_document, write_prov
    from provenance.export.rows import stored_documents

#: Loaded on first use: networkx takes a fifth of a second to import, which every CLI
#: command would pay otherwise; prov and the store's modules likewise.
_LAZY = {
    "document_graph": "graph",
    "export_graph": "graph",
    "graph_data": "graph",
    "site_graph": "graph",
    "write_graph": "graph",
    "prov_document": "prov",
    "write_prov": "prov",
    "stored_documents": "rows",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        return getattr(import_module(f"provenance.export.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExportFormat",
    "ExportOptions",
    "GraphFormat",
    "ProvFormat",
    "document_graph",
    "export_graph",
    "format_for",
    "graph_data",
    "prov_document",
    "site_graph",
    "stored_documents",
    "write_graph",
    "write_prov",
]
