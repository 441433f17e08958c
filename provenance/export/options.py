"""Export formats and options: what the CLI needs before networkx or prov is imported."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from provenance.model import Relation

#: Formats :func:`~provenance.export.graph.write_graph` writes (networkx).
GraphFormat = Literal["gexf", "graphml", "json-graph"]
#: W3C PROV serialisations :func:`~provenance.export.prov.write_prov` writes (prov).
ProvFormat = Literal["prov-json", "prov-n"]
#: Every format ``provenance export`` writes.
ExportFormat = Literal["gexf", "graphml", "json-graph", "prov-json", "prov-n"]

GRAPH_FORMATS: tuple[GraphFormat, ...] = ("gexf", "graphml", "json-graph")
PROV_FORMATS: tuple[ProvFormat, ...] = ("prov-json", "prov-n")
#: Every format, graph formats first.
FORMATS: tuple[ExportFormat, ...] = (*GRAPH_FORMATS, *PROV_FORMATS)

#: The format a file name asks for, by how the name ends (longest ending first wins:
#: ``copies.prov.json`` is PROV-JSON, ``copies.json`` node-link JSON).
EXTENSIONS: Mapping[str, ExportFormat] = {
    ".gexf": "gexf",
    ".graphml": "graphml",
    ".json": "json-graph",
    ".prov.json": "prov-json",
    ".provjson": "prov-json",
    ".provn": "prov-n",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What ``provenance export`` writes: which graph, in which format."""

    format: ExportFormat = "gexf"
    #: The site-level graph instead of the document graph (graph formats only).
    by_site: bool = False
    #: The relations the site graph counts (the document graph has every edge).
    site_relations: frozenset[Relation] = frozenset({"copy"})


def format_for(path: str | Path | None) -> ExportFormat | None:
    """The format a file's name asks for (``graph.gexf`` → gexf, ``g.provn`` → prov-n),
    else None."""
    if path is None:
        return None
    name = Path(path).name.lower()
    for ending in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ending):
            return EXTENSIONS[ending]
    return None


def is_prov(fmt: ExportFormat) -> bool:
    """Is ``fmt`` a W3C PROV serialisation (not a graph format)?"""
    return fmt in PROV_FORMATS


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "GRAPH_FORMATS",
    "PROV_FORMATS",
    "ExportFormat",
    "ExportOptions",
    "GraphFormat",
    "ProvFormat",
    "format_for",
    "is_prov",
]
