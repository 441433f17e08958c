"""What a report holds, built from the store: every edge (credit-only ones included), a
per-site summary, the story clusters and the findings."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from provenance.attribution.negatives import rank
from provenance.evidence import Evidence, Finding
from provenance.link.clusters import StoryCluster, rounded_median, story_clusters
from provenance.link.direction import credit_names, is_credit
from provenance.model import COPYING, Attribution, Relation
from provenance.sites import host_of
from provenance.store.base import EdgeRecord, Store, StoredDocument


@dataclass(frozen=True, slots=True)
class EdgeRow:
    copy_url: str
    source_url: str
    copy_site: str
    source_site: str
    relation: Relation
    jaccard: float
    #: Estimated containment of the copy's text in the source's.
    containment: float
    #: Does the copy credit the source?
    attributed: bool
    lag_seconds: float | None
    direction_evidence: tuple[Evidence, ...]
    confidence: float
    #: Estimated share of the source's text found in the copy: how much was copied.
    copied_share: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "copy_url": self.copy_url,
            "source_url": self.source_url,
            "copy_site": self.copy_site,
            "source_site": self.source_site,
            "relation": self.relation,
            "jaccard": self.jaccard,
            "containment": self.containment,
            "copied_share": self.copied_share,
            "attributed": self.attributed,
            "lag_seconds": self.lag_seconds,
            "direction_evidence": [e.to_dict() for e in self.direction_evidence],
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class SiteSummary:
    site: str
    #: Edges where this site's page is the copy.
    reposts: int
    #: Distinct sites it copied from.
    sources_copied: int
    share_attributed: float
    median_lag_seconds: float | None
    median_containment: float | None
    #: Edges where this site's page is the source.
    copied_by: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "reposts": self.reposts,
            "sources_copied": self.sources_copied,
            "share_attributed": self.share_attributed,
            "median_lag_seconds": self.median_lag_seconds,
            "median_containment": self.median_containment,
            "copied_by": self.copied_by,
        }


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """One story as the report shows it (:class:`~provenance.link.clusters.StoryCluster`)."""

    cluster_id: int
    #: The headline of the stored origin.
    title: str | None
    #: Where the members' chains end; not verified when the origin credits a page the
    #: store lacks (then it is that page, or ``site:<name>``).
    origin_url: str
    origin_site: str
    origin_verified: bool
    #: Stored documents of the story, and the distinct sites among them (origin included).
    documents: int
    sites: int
    #: Share of the documents other than the origin that credit it.
    credited_share: float
    median_lag_seconds: float | None
    max_lag_seconds: float | None

    @classmethod
    def of(cls, cluster: StoryCluster) -> ClusterRow:
        return cls(
            cluster_id=cluster.id,
            title=cluster.title,
            origin_url=cluster.origin_url,
            origin_site=cluster.origin_site,
            origin_verified=cluster.origin_verified,
            documents=cluster.size,
            sites=len(cluster.sites),
            credited_share=cluster.credited_share,
            median_lag_seconds=cluster.median_lag_seconds,
            max_lag_seconds=cluster.max_lag_seconds,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "title": self.title,
            "origin_url": self.origin_url,
            "origin_site": self.origin_site,
            "origin_verified": self.origin_verified,
            "documents": self.documents,
            "sites": self.sites,
            "credited_share": self.credited_share,
            "median_lag_seconds": self.median_lag_seconds,
            "max_lag_seconds": self.max_lag_seconds,
        }


@dataclass(frozen=True, slots=True)
class Report:
    edges: tuple[EdgeRow, ...]
    sites: tuple[SiteSummary, ...]
    findings: tuple[Finding, ...]
    #: Story clusters, the largest first.
    clusters: tuple[ClusterRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "edges": [e.to_dict() for e in self.edges],
            "sites": [s.to_dict() for s in self.sites],
            "findings": [f.to_dict() for f in self.findings],
            "clusters": [c.to_dict() for c in self.clusters],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def copy_urls(self) -> list[str]:
        """Every page that copies a text or credits a source, once, by URL."""
        return sorted({row.copy_url for row in self.edges if row.relation in COPYING})


#: Documents read per batch when looking for credit-only provenance.
_BATCH = 500


def credit_only_rows(
    store: Store, edges: list[EdgeRecord], edge_docs: dict[int, StoredDocument]
) -> list[EdgeRow]:
    """A row for every page whose best credit names a publisher that no stored text
    confirms: the source is the credited URL if there is one, else the credited site.

    ``edge_docs`` holds the documents at both ends of ``edges`` (the report has read
    them already); a page's text-confirmed sources are looked up there."""
    sources_of: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        sources_of[e.copy_id].add(e.source_id)
    ids = list(store.iter_document_ids())
    rows: list[EdgeRow] = []
    for start in range(0, len(ids), _BATCH):
        docs = store.get_documents(ids[start : start + _BATCH])
        for doc in docs.values():
            credits = sorted((a for a in doc.attributions if is_credit(a)), key=rank)
            if doc.status != "ok" or not credits:
                continue
            att = credits[0]
            linked = (edge_docs[i] for i in sources_of.get(doc.id, ()))
            if any(credit_names(att, src) for src in linked):
                continue
            rows.append(_credit_row(doc, att))
    return rows


def _credit_row(doc: StoredDocument, att: Attribution) -> EdgeRow:
    detail = f"{att.kind}: {att.text.strip()[:160]!r}; no stored text confirms it"
    return EdgeRow(
        copy_url=doc.url,
        source_url=att.url or att.site_url or f"site:{att.site}",
        copy_site=doc.site_label,
        source_site=att.site or host_of(att.url or att.site_url) or "?",
        relation="credit-only",
        jaccard=0.0,
        containment=0.0,
        attributed=True,
        lag_seconds=None,
        direction_evidence=(Evidence("credit-only", detail, 0.0),),
        confidence=round(att.confidence, 3),
    )


def build_report(store: Store) -> Report:
    """Every stored edge with URLs, credit-only provenance, a summary per copying site,
    all findings and the story clusters."""
    rows: list[EdgeRow] = []
    edges = list(store.iter_edges())
    docs = store.get_documents(sorted({e.copy_id for e in edges} | {e.source_id for e in edges}))
    for e in edges:
        c, s = docs[e.copy_id], docs[e.source_id]
        rows.append(
            EdgeRow(
                copy_url=c.url,
                source_url=s.url,
                copy_site=c.site_label,
                source_site=s.site_label,
                relation=e.relation,
                jaccard=e.jaccard,
                containment=e.containment,
                attributed=e.attributed,
                lag_seconds=e.lag_seconds,
                direction_evidence=e.direction_evidence,
                confidence=e.confidence,
                copied_share=e.containment_source,
            )
        )
    rows.extend(credit_only_rows(store, edges, docs))
    by_site: dict[str, list[EdgeRow]] = defaultdict(list)
    copied_by: dict[str, int] = defaultdict(int)
    for r in rows:
        by_site[r.copy_site].append(r)
        copied_by[r.source_site] += 1
    sites = []
    for site in sorted(set(by_site) | set(copied_by)):
        mine = by_site.get(site, [])
        lags = [r.lag_seconds for r in mine if r.lag_seconds is not None]
        sites.append(
            SiteSummary(
                site=site,
                reposts=len(mine),
                sources_copied=len({r.source_site for r in mine}),
                share_attributed=round(sum(r.attributed for r in mine) / len(mine), 4)
                if mine
                else 0.0,
                median_lag_seconds=rounded_median(lags),
                median_containment=rounded_median([r.containment for r in mine]),
                copied_by=copied_by.get(site, 0),
            )
        )
    sites.sort(key=lambda s: (-s.reposts, s.site))
    clusters = tuple(ClusterRow.of(c) for c in story_clusters(store, edges=edges, docs=docs))
    return Report(tuple(rows), tuple(sites), tuple(store.findings()), clusters)


def uncredited_copies(report: Report) -> list[Finding]:
    """An ``uncredited-copy`` finding for each page that copies a text and credits
    nobody: none of its rows is credited and the store has no conflicting credit
    (``credit-mismatch``) for it."""
    conflicting = {f.url for f in report.findings if f.kind == "credit-mismatch"}
    rows: dict[str, list[EdgeRow]] = defaultdict(list)
    for row in report.edges:
        if row.relation in COPYING:
            rows[row.copy_url].append(row)
    out: list[Finding] = []
    for url in sorted(rows):
        mine = rows[url]
        if any(r.attributed for r in mine) or url in conflicting:
            continue
        best = max(mine, key=lambda r: r.confidence)
        out.append(
            Finding(
                "uncredited-copy",
                f"copies {best.source_url} ({best.source_site}) and credits nobody",
                url=url,
                other_url=best.source_url,
            )
        )
    return out


def all_findings(report: Report) -> list[Finding]:
    """The store's findings and the uncredited copies, the copies first."""
    return [*uncredited_copies(report), *report.findings]
