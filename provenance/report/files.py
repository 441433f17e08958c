"""A report as files for other programs: CSV (cells neutralised) and JSON Lines."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from provenance.report.hygiene import csv_cell
from provenance.report.rows import Report

_CSV_FIELDS = (
    "copy_url",
    "source_url",
    "copy_site",
    "source_site",
    "relation",
    "jaccard",
    "containment",
    "copied_share",
    "attributed",
    "lag_seconds",
    "confidence",
    "direction_evidence",
)


def write_csv(report: Report, out: TextIO) -> None:
    """One CSV row per edge; ``direction_evidence`` as a JSON list."""
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in report.edges:
        d = r.to_dict()
        d["direction_evidence"] = json.dumps(d["direction_evidence"], ensure_ascii=False)
        writer.writerow({k: csv_cell(d[k]) for k in _CSV_FIELDS})


_CLUSTER_CSV_FIELDS = (
    "cluster_id",
    "title",
    "origin_url",
    "origin_site",
    "origin_verified",
    "documents",
    "sites",
    "credited_share",
    "median_lag_seconds",
    "max_lag_seconds",
)


def write_clusters_csv(report: Report, out: TextIO) -> None:
    """One CSV row per story cluster (the edges' CSV is :func:`write_csv`)."""
    writer = csv.DictWriter(out, fieldnames=_CLUSTER_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in report.clusters:
        d = c.to_dict()
        writer.writerow({k: csv_cell(d[k]) for k in _CLUSTER_CSV_FIELDS})


def write_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line, each tagged with ``type``: edge, site, finding or cluster."""
    for kind, items in (
        ("edge", report.edges),
        ("site", report.sites),
        ("finding", report.findings),
        ("cluster", report.clusters),
    ):
        for item in items:
            out.write(json.dumps({"type": kind, **item.to_dict()}, ensure_ascii=False) + "\n")
