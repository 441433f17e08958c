"""`provenance export`: the copy graph for network tools (GEXF, GraphML, node-link JSON)
and for W3C PROV tools (PROV-JSON, PROV-N)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

import click

from provenance.cli._common import db_option
from provenance.cli.track import _tracker
from provenance.export.options import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    GraphFormat,
    ProvFormat,
    format_for,
    is_prov,
)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the -o file's name: .gexf, .graphml, .json, "
    ".prov.json, .provn).",
)
@click.option("--by-site", is_flag=True, help="Sites as nodes instead of documents.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: stdout).",
)
def export(db: str, fmt: ExportFormat | None, by_site: bool, output: Path | None) -> None:
    """The copy graph, for Gephi, Cytoscape, networkx or D3, or as W3C PROV.

    \b
    Documents as nodes (id = URL; site, title, published, role: origin, copy,
    intermediary, independent or credited) and an edge copy -> source per report
    row (relation, jaccard, containment, copied_share, attributed, confidence,
    lag_seconds, left out when unknown).  With --by-site, sites as nodes and an
    edge A -> B when pages of A copied pages of B (count, share_credited,
    median_lag_seconds).  GEXF is version 1.3.

    \b
    prov-json and prov-n: documents as PROV entities attributed to their sites
    (agents); a copy wasDerivedFrom its source (wasQuotedFrom for an excerpt),
    with the hop's evidence as attributes; a chain's copy hadPrimarySource its
    origin.
    """
    chosen = fmt or format_for(output)
    if chosen is None:
        raise click.UsageError(
            "give --format gexf|graphml|json-graph|prov-json|prov-n, or an -o file ending "
            "in .gexf, .graphml, .json, .prov.json or .provn"
        )
    if by_site and is_prov(chosen):
        raise click.UsageError("--by-site is for the graph formats (gexf, graphml, json-graph)")
    write = _prepare(db, chosen, by_site)
    if output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with output.open("wb") as file:
            write(file)


def _prepare(db: str, fmt: ExportFormat, by_site: bool) -> Callable[[BinaryIO], None]:
    """Read the store and build what ``fmt`` writes; return what writes it."""
    if is_prov(fmt):
        from provenance.export.prov import prov_document, write_prov  # prov: on use only
        from provenance.export.rows import stored_documents

        with _tracker(db, read_only=True) as tracker:
            report = tracker.report()
            document = prov_document(
                report, stored_documents(tracker.store), tracker.chains(report)
            )
        return lambda out: write_prov(document, cast(ProvFormat, fmt), out)
    from provenance.export.graph import export_graph, write_graph  # networkx: on use only

    options = ExportOptions(format=fmt, by_site=by_site)
    with _tracker(db, read_only=True) as tracker:
        graph = export_graph(tracker.report(), tracker.store, options)
    return lambda out: write_graph(graph, cast(GraphFormat, fmt), out)
