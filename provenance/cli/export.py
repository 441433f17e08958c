"""`provenance export`: the copy graph for network tools (GEXF, GraphML, node-link JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from provenance.cli._common import db_option
from provenance.cli.track import _tracker
from provenance.export.options import FORMATS, ExportOptions, GraphFormat, format_for


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the -o file's extension: .gexf, .graphml, .json).",
)
@click.option("--by-site", is_flag=True, help="Sites as nodes instead of documents.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: stdout).",
)
def export(db: str, fmt: GraphFormat | None, by_site: bool, output: Path | None) -> None:
    """The copy graph, for Gephi, Cytoscape, networkx or D3.

    \b
    Documents as nodes (id = URL; site, title, published, role: origin, copy,
    intermediary, independent or credited) and an edge copy -> source per report
    row (relation, jaccard, containment, copied_share, attributed, confidence,
    lag_seconds, left out when unknown).  With --by-site, sites as nodes and an
    edge A -> B when pages of A copied pages of B (count, share_credited,
    median_lag_seconds).
    """
    chosen = fmt or format_for(output)
    if chosen is None:
        raise click.UsageError(
            "give --format gexf|graphml|json-graph, or an -o file ending in "
            ".gexf, .graphml or .json"
        )
    from provenance.export.graph import export_graph, write_graph  # networkx: on use only

    options = ExportOptions(format=chosen, by_site=by_site)
    with _tracker(db, read_only=True) as tracker:
        graph = export_graph(tracker.report(), tracker.store, options)
    if output is None:
        sys.stdout.flush()
        write_graph(graph, chosen, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with output.open("wb") as file:
            write_graph(graph, chosen, file)
