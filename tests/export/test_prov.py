"""`provenance export --format prov-json|prov-n`: W3C PROV, read back with prov's own readers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import prov
import pytest
from click.testing import CliRunner
from prov.model import (
    PROV,
    ProvAgent,
    ProvAttribution,
    ProvDerivation,
    ProvDocument,
    ProvEntity,
    ProvGeneration,
    ProvInfluence,
)

from provenance.cli import cli
from provenance.export import format_for
from provenance.export.prov import is_quotation, prov_document, write_prov
from provenance.export.rows import stored_documents
from provenance.report import EdgeRow
from provenance.tracker import Tracker
from tests.helpers.demo import MIRROR as DEMO_MIRROR, ORIGIN as DEMO_ORIGIN, RELAY as DEMO_RELAY
from tests.helpers.matchkit import article, credit, excerpt, text

ORIGIN = "https://origin.example/story"
RELAY = "https://relay.example/story"
MIRROR = "https://mirror.example/story"
EXCERPT = "https://excerpt.example/story"
CREDITED = "https://credits.example/wire"
LONELY = "https://lonely.example/own"
WIRE = "urn:x-provenance:credited:Wire%20Agency"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An original; a copy crediting it; a copy of the copy crediting the copy; an excerpt
    crediting nobody; a page crediting a wire the store lacks; one page of its own."""
    body = text(901, 500)
    path = tmp_path_factory.mktemp("prov") / "p.db"
    with Tracker(path) as t:
        t.ingest(
            [
                article(ORIGIN, body, site="Origin Daily", hours=0, title="The story"),
                article(RELAY, body, site="Relay News", hours=2,
                        credits=(credit("Origin Daily", hop=1),)),
                article(MIRROR, body, site="Mirror Post", hours=5,
                        credits=(credit("Relay News", hop=1),)),
                article(EXCERPT, excerpt(body, 0.3), site="Excerpt Bay", hours=6),
                article(CREDITED, text(902, 400), site="Credits Weekly", hours=1,
                        credits=(credit("Wire Agency"),)),
                article(LONELY, text(903, 400), site="Lonely", hours=3),
            ]
        )  # fmt: skip
        t.match()
    return str(path)


def _export(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _entities(doc: ProvDocument) -> dict[str, ProvEntity]:
    return {e.identifier.uri: e for e in doc.get_records(ProvEntity)}


def _one(record: Any, name: str) -> Any:
    values = record.get_attribute(name)
    assert len(values) == 1, (name, values)
    return next(iter(values))


def _relations(doc: ProvDocument, cls: type) -> dict[tuple[str, str], list[Any]]:
    out: dict[tuple[str, str], list[Any]] = {}
    for record in doc.get_records(cls):
        a, b = record.args[0], record.args[1]
        out.setdefault((a.uri, b.uri), []).append(record)
    return out


def _derivations(doc: ProvDocument, kind: str | None) -> dict[tuple[str, str], Any]:
    """Derivations of one PROV subtype (Quotation, PrimarySource), or plain ones."""
    out = {}
    for key, records in _relations(doc, ProvDerivation).items():
        for record in records:
            types = record.get_attribute("prov:type")
            if (kind is None and not types) or (kind is not None and PROV[kind] in types):
                out[key] = record
    return out


def _check(doc: ProvDocument) -> None:
    entities = _entities(doc)
    assert set(entities) == {ORIGIN, RELAY, MIRROR, EXCERPT, CREDITED, LONELY, WIRE}
    origin = entities[ORIGIN]
    assert _one(origin, "prov:label") == "The story"
    assert _one(origin, "pv:url") == ORIGIN and _one(origin, "pv:site") == "Origin Daily"
    assert _one(origin, "pv:role") == "origin"
    assert _one(entities[RELAY], "pv:role") == "intermediary"
    assert _one(entities[LONELY], "pv:role") == "independent"
    assert _one(entities[WIRE], "pv:role") == "credited"
    assert _one(entities[WIRE], "prov:type").uri == "urn:x-provenance:vocab#CreditedSource"

    agents = {a.identifier.uri: a for a in doc.get_records(ProvAgent)}
    assert _one(agents["urn:x-provenance:site:Origin%20Daily"], "prov:label") == "Origin Daily"
    assert PROV["Organization"] in agents["urn:x-provenance:site:Relay%20News"].get_attribute(
        "prov:type"
    )
    attributed = _relations(doc, ProvAttribution)
    assert (ORIGIN, "urn:x-provenance:site:Origin%20Daily") in attributed
    assert (WIRE, "urn:x-provenance:site:Wire%20Agency") in attributed
    generated = {r.args[0].uri: r.args[2] for r in doc.get_records(ProvGeneration)}
    assert generated[ORIGIN].isoformat() == "2024-05-01T08:00:00+00:00"
    assert CREDITED in generated and WIRE not in generated

    copies = _derivations(doc, None)
    assert {(RELAY, ORIGIN), (MIRROR, RELAY), (MIRROR, ORIGIN), (CREDITED, WIRE)} <= set(copies)
    relay = copies[RELAY, ORIGIN]
    assert _one(relay, "pv:relation") == "copy" and _one(relay, "pv:credited") is True
    assert _one(relay, "pv:lag_seconds") == 7200.0
    assert _one(relay, "pv:containment") > 0.9 and _one(relay, "pv:copied_share") > 0.9
    assert 0.0 < _one(relay, "pv:confidence") <= 1.0
    assert {"credit", "published"} <= relay.get_attribute("pv:evidence")
    wire = copies[CREDITED, WIRE]
    assert _one(wire, "pv:relation") == "credit-only" and _one(wire, "pv:credited") is True
    assert not wire.get_attribute("pv:lag_seconds")  # unknown: left out

    quoted = _derivations(doc, "Quotation")
    assert (EXCERPT, ORIGIN) in quoted and (RELAY, ORIGIN) not in quoted
    excerpt_hop = quoted[EXCERPT, ORIGIN]
    assert _one(excerpt_hop, "pv:credited") is False
    assert _one(excerpt_hop, "pv:copied_share") < 0.5

    primary = _derivations(doc, "PrimarySource")
    assert _one(primary[MIRROR, ORIGIN], "pv:hops") == 2
    assert _one(primary[MIRROR, ORIGIN], "pv:verified") is True
    assert _one(primary[RELAY, ORIGIN], "pv:hops") == 1
    assert _one(primary[CREDITED, WIRE], "pv:verified") is False
    assert (ORIGIN, RELAY) not in primary and LONELY not in {a for a, _ in primary}


def test_prov_json_reads_back(db: str, tmp_path: Path) -> None:
    out = tmp_path / "copies.prov.json"
    _export(db, "--format", "prov-json", "-o", str(out))
    assert "wasDerivedFrom" in json.loads(out.read_text("utf-8"))
    doc = prov.read(out, format="json")
    assert isinstance(doc, ProvDocument)
    _check(doc)


def test_prov_n_reads_back(db: str, tmp_path: Path) -> None:
    out = tmp_path / "copies.provn"
    _export(db, "-o", str(out))  # the format from the extension
    text_ = out.read_text("utf-8")
    assert text_.startswith("document") and "wasDerivedFrom(" in text_
    doc = ProvDocument.deserialize(content=text_, format="provn")
    _check(doc)


def test_both_formats_hold_the_same_document(db: str) -> None:
    as_json = ProvDocument.deserialize(content=_export(db, "--format", "prov-json"))
    as_n = ProvDocument.deserialize(content=_export(db, "--format", "prov-n"), format="provn")
    assert as_json == as_n


def test_demo_store(demo_store: Path) -> None:
    """The demo: every stored page an entity, the News Mirror copy's chain through Daily
    Relay to Harbour Times, and wire siblings as influence, not derivation."""
    doc = ProvDocument.deserialize(content=_export(str(demo_store), "--format", "prov-json"))
    entities = _entities(doc)
    assert len(entities) == 28
    assert _one(entities[DEMO_RELAY], "pv:role") == "intermediary"
    copies = _derivations(doc, None)
    assert _one(copies[DEMO_MIRROR, DEMO_RELAY], "pv:credited") is True
    assert _one(copies[DEMO_RELAY, DEMO_ORIGIN], "pv:relation") == "copy"
    primary = _derivations(doc, "PrimarySource")
    assert _one(primary[DEMO_MIRROR, DEMO_ORIGIN], "pv:hops") == 2
    siblings = _relations(doc, ProvInfluence)
    assert siblings and all(
        _one(r, "pv:relation") == "sibling" for rs in siblings.values() for r in rs
    )
    assert not set(siblings) & set(copies)
    assert {a.identifier.uri for a in doc.get_records(ProvAgent)} >= {
        "urn:x-provenance:site:Harbour%20Times",
        "urn:x-provenance:site:Daily%20Relay",
    }


def test_hostile_page_text_round_trips(tmp_path: Path) -> None:
    """Quotes, backslashes, newlines, markup and PROV-N metacharacters in titles, URLs and
    site names survive both formats unchanged, and prov warns about nothing."""
    url = "https://odd.example/a b/ü?x=1&y=(2),z;w:v'%zz[1]."
    title = 'He said "no" \\ then <script>alert(1)</script>\nsecond line'
    site = 'Ünïcode & <Co> "Press" 100%'
    body = text(904, 400)
    with Tracker(tmp_path / "h.db") as t:
        t.ingest(
            [
                article(url, body, site=site, hours=0, title=title),
                article("https://copy.example/-lead.", body, site="Copy", hours=1),
            ]
        )
        t.match()
        report = t.report()
        document = prov_document(report, stored_documents(t.store), t.chains(report))
    for fmt in ("prov-json", "prov-n"):
        path = tmp_path / f"h.{fmt}"
        with path.open("wb") as out:
            write_prov(document, fmt, out)  # type: ignore[arg-type]
        back = prov.read(path, format="json" if fmt == "prov-json" else "provn")
        assert isinstance(back, ProvDocument)
        by_url = {_one(e, "pv:url"): e for e in back.get_records(ProvEntity)}
        assert set(by_url) == {url, "https://copy.example/-lead."}
        assert _one(by_url[url], "prov:label") == title
        assert _one(by_url[url], "pv:site") == site
        assert {_one(a, "prov:label") for a in back.get_records(ProvAgent)} == {site, "Copy"}
        assert len(_derivations(back, None)) == 1


def test_quotation_rule() -> None:
    def row(containment: float, share: float, relation: str = "copy") -> EdgeRow:
        return EdgeRow(
            "https://a.example/", "https://b.example/", "a", "b", relation,  # type: ignore[arg-type]
            0.5, containment, False, None, (), 0.9, share,
        )  # fmt: skip

    assert not is_quotation(row(1.0, 1.0))
    assert is_quotation(row(1.0, 0.3))  # an excerpt of the source
    assert is_quotation(row(0.2, 0.9))  # a round-up quoting the source
    assert not is_quotation(row(0.2, 0.2, "sibling"))


def test_formats_and_usage(db: str, tmp_path: Path) -> None:
    assert format_for("g.prov.json") == "prov-json" and format_for("g.PROVN") == "prov-n"
    assert format_for("g.json") == "json-graph"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "prov-json", "--by-site"])
    assert result.exit_code == 2 and "--by-site" in result.stderr
