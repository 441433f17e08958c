"""W3C PROV export: the copy graph as PROV-JSON or PROV-N, for provenance tools.

The prov package is used only in this module.  What comes in is what the graph export
takes (a :class:`~provenance.report.Report` and the stored documents) plus, optionally,
the chains (:class:`~provenance.link.chain.Trace`, from ``Tracker.chains()``); what goes
out is a :class:`prov.model.ProvDocument`:

- each **document** is an ``entity`` whose identifier is its URL (a namespace per
  scheme and host, so ``https://harbourtimes.example/2026/a`` is
  ``harbourtimes.example:2026/a``), with ``prov:label`` (the title, else the URL),
  ``pv:url``, ``pv:site`` and ``pv:role`` (origin, copy, intermediary, independent or
  credited), and a generation (``wasGeneratedBy``, with no activity) at its
  publication time when that is known.  A credited publisher the store lacks and the
  credit gives no URL for is the entity ``credited:<name>``;
- each **site** is an ``agent`` (``prov:Organization``, ``site:<name>``), and each
  document ``wasAttributedTo`` its site;
- each **hop** (a report row, one per pair of documents) is a relation from the copy
  to its source: ``wasDerivedFrom`` for a copy, ``wasQuotedFrom`` when the copy holds
  only part of the source or the source's text is only part of the copy (an excerpt, a
  round-up quoting a passage: either share below :data:`QUOTATION_BELOW`),
  ``wasDerivedFrom`` with ``pv:relation "credit-only"`` for a credit no stored text
  confirms, and ``wasInfluencedBy`` for two carriers of one wire story (``sibling``:
  neither derives from the other).  Each carries its evidence: ``pv:relation``,
  ``pv:jaccard``, ``pv:containment``, ``pv:copied_share``, ``pv:credited`` (the
  report's ``attributed``), ``pv:lag_seconds`` (left out when unknown),
  ``pv:confidence`` and ``pv:evidence`` (the kinds of evidence, one value each);
- each **chain** adds ``hadPrimarySource`` from the traced copy to its origin (the
  last hop, a credited publisher included), with ``pv:hops`` and ``pv:verified``
  (is the origin a stored text?).

::

    from provenance.export.prov import prov_document, write_prov
    from provenance.export.rows import stored_documents

    with Tracker("news.db", read_only=True) as t:
        report = t.report()
        document = prov_document(report, stored_documents(t.store), t.chains(report))
    with open("copies.prov.json", "wb") as out:
        write_prov(document, "prov-json", out)

On the command line: ``provenance export --format prov-json|prov-n``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import quote, urlsplit

from prov.model import (
    PROV,
    PROV_LABEL,
    PROV_TYPE,
    Namespace,
    ProvDocument,
    QualifiedName,
)

from provenance.errors import ConfigError
from provenance.export.options import PROV_FORMATS, ProvFormat
from provenance.export.rows import COPYING, roles, strongest
from provenance.link.chain import Trace
from provenance.report import EdgeRow, Report
from provenance.store.base import StoredDocument

log = logging.getLogger(__name__)

#: Our vocabulary: the attributes and types this export adds to PROV's own.
PV = Namespace("pv", "urn:x-provenance:vocab#")
#: Sites, as agents.
SITE = Namespace("site", "urn:x-provenance:site:")
#: Credited publishers the store lacks and the credit gives no URL for.
CREDITED = Namespace("credited", "urn:x-provenance:credited:")

#: A copy holding less than this share of its source, or whose own text is less than
#: this share shared, quotes the source (``wasQuotedFrom``) rather than republishing it.
QUOTATION_BELOW = 0.5

_RESERVED = frozenset({"prov", "xsd", "xsi", PV.prefix, SITE.prefix, CREDITED.prefix})
#: What a URL's path may keep as it is in a qualified name's local part; anything
#: else is percent-encoded (``pv:url`` keeps the URL exactly).
_LOCAL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~/?#\[\]@!$&'()*+,;=:%]|%(?![0-9A-Fa-f]{2})")
_PREFIX_UNSAFE = re.compile(r"[^a-z0-9.\-]")


def _local(text: str) -> str:
    return _LOCAL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), text)


class _Names:
    """Qualified names for URLs and sites, with a namespace per scheme and host."""

    def __init__(self, document: ProvDocument) -> None:
        self._document = document
        self._by_uri: dict[str, Namespace] = {}
        self._prefixes: set[str] = set(_RESERVED)

    def _namespace(self, uri: str, host: str) -> Namespace:
        known = self._by_uri.get(uri)
        if known is not None:
            return known
        base = _PREFIX_UNSAFE.sub("-", host.lower()).strip(".-") or "host"
        if not base[0].isalpha():
            base = "h-" + base
        prefix, n = base, 1
        while prefix in self._prefixes:
            n += 1
            prefix = f"{base}-{n}"
        self._prefixes.add(prefix)
        namespace = self._document.add_namespace(prefix, uri)
        self._by_uri[uri] = namespace
        return namespace

    def document(self, url: str) -> QualifiedName:
        """The entity name of a document's URL, or of a ``site:<name>`` credit target."""
        if url.startswith("site:"):
            return CREDITED[quote(url[len("site:") :], safe="")]
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            uri = f"{parts.scheme}://{parts.netloc}/"
            rest = url[len(uri) :] if url.startswith(uri) else ""
            return self._namespace(uri, parts.netloc)[_local(rest)]
        return CREDITED[quote(url, safe="")]

    @staticmethod
    def site(name: str) -> QualifiedName:
        return SITE[quote(name, safe="")]


def _hop_attributes(row: EdgeRow) -> list[tuple[QualifiedName, object]]:
    attrs: list[tuple[QualifiedName, object]] = [
        (PV["relation"], row.relation),
        (PV["jaccard"], float(row.jaccard)),
        (PV["containment"], float(row.containment)),
        (PV["copied_share"], float(row.copied_share)),
        (PV["credited"], bool(row.attributed)),
        (PV["confidence"], float(row.confidence)),
    ]
    if row.lag_seconds is not None:
        attrs.append((PV["lag_seconds"], float(row.lag_seconds)))
    kinds = dict.fromkeys(e.kind for e in row.direction_evidence)
    attrs.extend((PV["evidence"], kind) for kind in kinds)
    return attrs


def is_quotation(row: EdgeRow) -> bool:
    """Does the copy quote part of its source rather than republish it?"""
    return row.relation == "copy" and min(row.containment, row.copied_share) < QUOTATION_BELOW


def prov_document(
    report: Report,
    documents: Iterable[StoredDocument] = (),
    chains: Iterable[Trace] = (),
) -> ProvDocument:
    """The report's documents, sites, hops and chains as a W3C PROV document."""
    document = ProvDocument()
    for namespace in (PV, SITE, CREDITED):
        document.add_namespace(namespace)
    names = _Names(document)
    docs = {doc.url: doc for doc in documents}
    rows = strongest(report.edges)
    chains = list(chains)
    sites: dict[str, str] = {url: doc.site_label for url, doc in docs.items()}
    for row in rows.values():
        sites.setdefault(row.copy_url, row.copy_site)
        sites.setdefault(row.source_url, row.source_site)
    for trace in chains:
        for hop in trace.chain:
            sites.setdefault(hop.url, hop.site or "?")
    role_of = roles(rows.values(), docs)
    for url in sorted(sites):
        doc = docs.get(url)
        role = role_of.get(url) or ("credited" if doc is None else "independent")
        title = doc.title if doc is not None and doc.title else url
        kind = PV["CreditedSource"] if doc is None and role == "credited" else PV["Article"]
        attrs: list[tuple[QualifiedName, object]] = [
            (PROV_TYPE, kind),
            (PROV_LABEL, title),
            (PV["url"], url),
            (PV["site"], sites[url]),
            (PV["role"], role),
        ]
        entity = document.entity(names.document(url), attrs)
        if doc is not None and doc.published is not None:
            document.wasGeneratedBy(entity, None, doc.published)
    for site in sorted(set(sites.values()) - {"?"}):
        document.agent(names.site(site), [(PROV_TYPE, PROV["Organization"]), (PROV_LABEL, site)])
    for url in sorted(sites):
        if sites[url] != "?":
            document.wasAttributedTo(names.document(url), names.site(sites[url]))
    for key in sorted(rows):
        row = rows[key]
        copy, source = names.document(row.copy_url), names.document(row.source_url)
        attributes = _hop_attributes(row)
        if row.relation == "sibling":
            document.wasInfluencedBy(copy, source, other_attributes=attributes)
        elif is_quotation(row):
            document.wasQuotedFrom(copy, source, other_attributes=attributes)
        elif row.relation in COPYING:
            document.wasDerivedFrom(copy, source, other_attributes=attributes)
    for trace in chains:
        if len(trace.chain) < 2:
            continue
        first, origin = trace.chain[0], trace.origin
        document.hadPrimarySource(
            names.document(first.url),
            names.document(origin.url),
            other_attributes=[
                (PV["hops"], len(trace.chain) - 1),
                (PV["verified"], origin.verified),
            ],
        )
    log.debug("PROV document: %d entities, %d hops", len(sites), len(rows))
    return document


def write_prov(document: ProvDocument, fmt: ProvFormat, out: BinaryIO) -> None:
    """Write ``document`` as PROV-JSON or PROV-N, UTF-8."""
    formats = {"prov-json": "json", "prov-n": "provn"}
    if fmt not in formats:
        raise ConfigError(f"unknown PROV format {fmt!r}; use one of {', '.join(PROV_FORMATS)}")
    buffer = io.StringIO()
    if fmt == "prov-json":
        document.serialize(buffer, format="json", indent=2)
    else:
        document.serialize(buffer, format="provn")
    text = buffer.getvalue()
    out.write(text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n"))


__all__ = [
    "CREDITED",
    "PV",
    "QUOTATION_BELOW",
    "SITE",
    "is_quotation",
    "prov_document",
    "write_prov",
]
