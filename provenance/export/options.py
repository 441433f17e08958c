"""Export formats and options: what the CLI needs before networkx is imported."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from provenance.model import Relation

GraphFormat = Literal["gexf", "graphml", "json-graph"]

#: Every format :func:`~provenance.export.graph.write_graph` writes.
FORMATS: tuple[GraphFormat, ...] = ("gexf", "graphml", "json-graph")

#: The format a file name asks for, by its extension.
EXTENSIONS: Mapping[str, GraphFormat] = {
    ".gexf": "gexf",
    ".graphml": "graphml",
    ".json": "json-graph",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Which graph :func:`~provenance.export.graph.export_graph` builds, and its format."""

    format: GraphFormat = "gexf"
    #: The site-level graph instead of the document graph.
    by_site: bool = False
    #: The relations the site graph counts (the document graph has every edge).
    site_relations: frozenset[Relation] = frozenset({"copy"})


def format_for(path: str | Path | None) -> GraphFormat | None:
    """The format a file's extension asks for (``graph.gexf`` → gexf), else None."""
    if path is None:
        return None
    return EXTENSIONS.get(Path(path).suffix.lower())


__all__ = ["EXTENSIONS", "FORMATS", "ExportOptions", "GraphFormat", "format_for"]
