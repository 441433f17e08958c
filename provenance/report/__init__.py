"""Report: the store in views for people and programs.

- :mod:`~provenance.report.rows`: what a report holds (edges, sites, stories, findings),
  built from the store by :func:`build_report`;
- :mod:`~provenance.report.text`: tables, a legend and traces for a terminal;
- :mod:`~provenance.report.files`: CSV and JSON Lines;
- :mod:`~provenance.report.html`: one self-contained HTML page with charts;
- :mod:`~provenance.report.hygiene`: page text made safe for terminals and spreadsheets.
"""

from __future__ import annotations

from provenance.report.files import write_clusters_csv, write_csv, write_jsonl
from provenance.report.hygiene import csv_cell, printable
from provenance.report.rows import ClusterRow, EdgeRow, Report, SiteSummary, build_report
from provenance.report.text import (
    evidence_value,
    shorten_url,
    write_clusters,
    write_legend,
    write_table,
    write_trace,
)

__all__ = [
    "ClusterRow",
    "EdgeRow",
    "Report",
    "SiteSummary",
    "build_report",
    "csv_cell",
    "evidence_value",
    "printable",
    "shorten_url",
    "write_clusters",
    "write_clusters_csv",
    "write_csv",
    "write_jsonl",
    "write_legend",
    "write_table",
    "write_trace",
]
