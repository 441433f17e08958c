#!/usr/bin/env python3
"""Build the bundled demo corpus: ``demo.warc.gz`` plus ``expected.json``.

A small fictional web of news sites (all on the reserved ``.example`` TLD):
three original outlets, a wire agency, a German paper, two aggregators, a
German aggregator and a content farm.  Article texts live in ``articles/*.txt``
(written for this corpus); every copy page is derived from them here, so the
true provenance chains are known exactly and written to ``expected.json``.

The build is deterministic: fixed WARC-Date values, record IDs derived from
the URL, no randomness.  Rebuilding gives byte-identical ``expected.json`` and
identical (uncompressed) WARC records.

Usage::

    python corpora/demo/build.py [--out DIR]

Only the standard library and warcio are used.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import re
import sys
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
WARC_NAME = "demo.warc.gz"
EXPECTED_NAME = "expected.json"

#: First capture time; every record after it is a fixed number of seconds later.
CRAWL_START = datetime(2026, 3, 11, 8, 0, 0, tzinfo=UTC)
CRAWL_STEP = timedelta(seconds=37)
USER_AGENT = "provenance-demo-crawler/1.0 (+https://example.org/provenance)"


# --------------------------------------------------------------------------- sites


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    home: str  # no trailing slash
    lang: str  # <html lang>
    tagline: str
    theme: str  # wp | newspaper | farm | wire
    nav: tuple[str, ...]
    jsonld: bool = True
    server: str = "nginx"
    wordpress: bool = True

    @property
    def host(self) -> str:
        return self.home.split("://", 1)[1]


SITES = {
    s.key: s
    for s in [
        Site(
            "ap",
            "AP News",
            "https://apnews.example",
            "en",
            "Advancing the power of facts",
            "wire",
            ("World", "U.S.", "Politics", "Business", "Science", "Sports"),
            wordpress=False,
            server="envoy",
        ),
        Site(
            "ht",
            "Harbour Times",
            "https://harbourtimes.example",
            "en-CA",
            "News from Port Ellery and the Calder coast",
            "wp",
            ("Local", "Business", "Arts & Culture", "Opinion", "Sports", "Obituaries"),
        ),
        Site(
            "vl",
            "Valley Ledger",
            "https://valleyledger.example",
            "en-CA",
            "The Tamsin Valley's community newspaper since 1911",
            "wp",
            ("Wrenford", "Tamsin Valley", "Agriculture", "Education", "Letters", "Classifieds"),
            jsonld=False,
            server="Apache",
        ),
        Site(
            "nw",
            "Northwire News",
            "https://northwire-news.example",
            "en-CA",
            "Independent journalism for the north",
            "wp",
            ("News", "Environment", "Transportation", "Community", "Podcast"),
        ),
        Site(
            "rb",
            "Rheinbote",
            "https://rheinbote.example",
            "de-DE",
            "Nachrichten aus Lindenau und dem Rheintal",
            "wp",
            ("Lindenau", "Hallbach", "Region", "Kultur", "Sport", "Service"),
        ),
        Site(
            "dr",
            "Daily Relay",
            "https://dailyrelay.example",
            "en-US",
            "All the news, all the time",
            "newspaper",
            ("World", "Politics", "Business", "Local", "Science", "Entertainment"),
            server="cloudflare",
        ),
        Site(
            "nm",
            "News Mirror",
            "https://newsmirror.example",
            "en-US",
            "Headlines from around the web",
            "wp",
            ("Top Stories", "Regional", "Money", "Tech", "Lifestyle"),
        ),
        Site(
            "cf",
            "Buzz Daily Now",
            "https://contentfarm.example",
            "en",
            "Stories everyone is talking about",
            "farm",
            ("Trending", "Viral", "Money", "Wow"),
            jsonld=False,
            server="Apache/2.4.41 (Ubuntu)",
            wordpress=False,
        ),
        Site(
            "ns",
            "Nachrichtenspiegel",
            "https://nachrichtenspiegel.example",
            "de",
            "Schlagzeilen aus ganz Deutschland",
            "wp",
            ("Politik", "Regional", "Wirtschaft", "Panorama", "Sport"),
            jsonld=False,
        ),
    ]
}

#: Sites whose WordPress install publishes an RSS feed with the Yoast footer.
FEED_SITES = ("ht", "vl", "nw", "rb")


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    key: str
    site: Site
    url: str
    title: str
    author: str
    published: datetime
    section: str
    paragraphs: tuple[str, ...]  # plain text, straight quotes
    #: Raw HTML paragraphs appended to the entry content (credits, "read more").
    extra_html: tuple[str, ...] = ()
    canonical: str | None = None  # defaults to url
    role: str = "origin"
    kind: str = "original"
    lang: str = "en"
    modified: datetime | None = None
    tags: tuple[str, ...] = ()

    @property
    def canonical_url(self) -> str:
        return self.canonical or self.url


def parse_article(name: str) -> dict[str, object]:
    raw = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    meta: dict[str, object] = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    paras = tuple(p.strip().replace("\n", " ") for p in body.split("\n\n") if p.strip())
    meta["paragraphs"] = paras
    return meta


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def short_id(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n]


def post_id(url: str) -> int:
    return 1000 + int(hashlib.sha1(url.encode()).hexdigest()[:6], 16) % 90000


def original(key: str, site_key: str, name: str, url_style: str) -> Page:
    meta = parse_article(name)
    site = SITES[site_key]
    title = str(meta["title"])
    published = datetime.fromisoformat(str(meta["published"]))
    slug = slugify(title)
    if url_style == "date-day":
        url = f"{site.home}/{published:%Y/%m/%d}/{slug}/"
    elif url_style == "date-month":
        url = f"{site.home}/{published:%Y/%m}/{slug}/"
    elif url_style == "section":
        url = f"{site.home}/news/{slugify(str(meta['section']))}/{slug}/"
    elif url_style == "ressort":
        url = f"{site.home}/{slugify(str(meta['section']))}/{slug}/"
    elif url_style == "wire":
        url = f"{site.home}/article/{slug}-{short_id(name, 32)}"
    else:
        raise ValueError(url_style)
    return Page(
        key=key,
        site=site,
        url=url,
        title=title,
        author=str(meta["author"]),
        published=published,
        section=str(meta["section"]),
        paragraphs=meta["paragraphs"],  # type: ignore[arg-type]
        lang=str(meta.get("lang", "en")),
    )


def edit(paragraphs: tuple[str, ...], *pairs: tuple[str, str]) -> tuple[str, ...]:
    """Apply light copy-desk edits; every ``old`` string must occur exactly once."""
    joined = "\n\n".join(paragraphs)
    for old, new in pairs:
        if joined.count(old) != 1:
            raise ValueError(f"edit target not unique: {old!r}")
        joined = joined.replace(old, new)
    return tuple(p for p in joined.split("\n\n") if p)


def excerpt(paragraphs: tuple[str, ...], fraction: float) -> tuple[str, ...]:
    """The first ``fraction`` of the words, cut inside a paragraph like an RSS excerpt."""
    budget = round(sum(len(p.split()) for p in paragraphs) * fraction)
    out: list[str] = []
    for para in paragraphs:
        words = para.split()
        if len(words) <= budget:
            out.append(para)
            budget -= len(words)
            continue
        if budget > 0:
            out.append(" ".join(words[:budget]) + " [\u2026]")
        break
    return tuple(out)


# --------------------------------------------------------------------------- text helpers


def texturize(text: str) -> str:
    """WordPress-style smart quotes for English text."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if prev in " (\u2014" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " (" else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


_WP_ENTITIES = {c: f"&#{ord(c)};" for c in "\u2018\u2019\u201c\u201d\u2014\u2013\u2026"}


def esc(text: str, page_or_site: Page | Site) -> str:
    """Escape text for HTML the way the page's CMS would."""
    site = page_or_site.site if isinstance(page_or_site, Page) else page_or_site
    lang = page_or_site.lang if isinstance(page_or_site, Page) else site.lang
    if not lang.startswith("de"):
        text = texturize(text)
    text = html.escape(text, quote=False)
    if site.wordpress and not lang.startswith("de"):
        text = "".join(_WP_ENTITIES.get(c, c) for c in text)
    return text


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def description(page: Page) -> str:
    first = page.paragraphs[0]
    if len(first) <= 160:
        return first
    cut = first[:157].rsplit(" ", 1)[0]
    return cut + "..."


def yoast_footer(src: Page, *, links: bool = True) -> str:
    """The Yoast SEO RSS footer, as scraped from the source's feed."""
    title = esc(src.title, src)
    name = html.escape(src.site.name)
    if src.lang.startswith("de"):
        if links:
            return (
                f'<p>Der Beitrag <a rel="nofollow" href="{attr(src.url)}">{title}</a> erschien '
                f'zuerst auf <a rel="nofollow" href="{attr(src.site.home)}">{name}</a>.</p>'
            )
        return f"<p>Der Beitrag {title} erschien zuerst auf {name}.</p>"
    if links:
        return (
            f'<p>The post <a rel="nofollow" href="{attr(src.url)}">{title}</a> appeared first '
            f'on <a rel="nofollow" href="{attr(src.site.home)}">{name}</a>.</p>'
        )
    return f"<p>The post {title} appeared first on {name}.</p>"


_TAG = re.compile(r"<[^>]+>")


def plain_text(page: Page) -> str:
    parts = list(page.paragraphs)
    parts += [html.unescape(_TAG.sub("", h)) for h in page.extra_html]
    return "\n".join(parts)


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def containment(copy: Page, source: Page) -> float:
    """Share of the source's 5-word shingles found in the copy."""
    src = shingles(plain_text(source))
    return round(len(src & shingles(plain_text(copy))) / len(src), 2) if src else 0.0


def human_date(dt: datetime, lang: str) -> str:
    if lang.startswith("de"):
        months = [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ]
        return f"{dt.day}. {months[dt.month - 1]} {dt.year}, {dt:%H:%M} Uhr"
    hour = dt.hour % 12 or 12
    ampm = "a.m." if dt.hour < 12 else "p.m."
    return f"{dt:%B} {dt.day}, {dt.year} {hour}:{dt:%M} {ampm}"


def share_count(url: str, salt: str) -> int:
    return int(hashlib.sha1(f"{salt}:{url}".encode()).hexdigest()[:4], 16) % 900 + 3


# --------------------------------------------------------------------------- corpus


def build_pages() -> list[Page]:
    P = original
    ap = P("ap-kelp", "ap", "ap-kelp-licences", "wire")
    ht_ferry = P("ht-ferry", "ht", "ht-gullrock-ferry", "date-day")
    ht_dredge = P("ht-dredge", "ht", "ht-harbour-dredging", "date-day")
    ht_fares = replace(P("ht-fares", "ht", "ht-fare-freeze", "date-day"), role="independent")
    ht_tug = P("ht-tug", "ht", "ht-tug-bellwether", "date-day")
    vl_frost = P("vl-frost", "vl", "vl-cherry-frost", "section")
    vl_water = P("vl-water", "vl", "vl-water-plant", "section")
    vl_fares = replace(P("vl-fares", "vl", "vl-fare-freeze", "section"), role="independent")
    vl_robots = replace(P("vl-robots", "vl", "vl-robotics", "section"), role="independent")
    nw_fire = P("nw-fire", "nw", "nw-wildfire-crews", "date-month")
    nw_rail = P("nw-rail", "nw", "nw-kestrel-rail", "date-month")
    nw_salmon = P("nw-salmon", "nw", "nw-salmon-count", "date-month")
    nw_ski = replace(P("nw-ski", "nw", "nw-ski-hill", "date-month"), role="independent")
    rb_ferry = P("rb-faehre", "rb", "rb-elektrofaehre", "ressort")
    rb_library = replace(P("rb-bibliothek", "rb", "rb-bibliothek", "ressort"), role="independent")
    ap = replace(ap, modified=ap.published + timedelta(minutes=48))
    ht_dredge = replace(ht_dredge, modified=ht_dredge.published + timedelta(hours=2, minutes=5))

    def at(iso: str) -> datetime:
        return datetime.fromisoformat(iso)

    # -- wire carries: the AP story on two member papers, lightly edited
    ht_wire_title = "Kelp farms win approval off Calder coast despite lobster crews' objections"
    ht_wire = Page(
        "ht-wire",
        SITES["ht"],
        f"{SITES['ht'].home}/2026/03/03/{slugify(ht_wire_title)}/",
        ht_wire_title,
        "The Associated Press",
        at("2026-03-03T11:05:00-05:00"),
        "Business",
        ap.paragraphs,
        role="intermediary",
        kind="wire",
        tags=("Associated Press", "fisheries"),
    )
    vl_wire_title = "Offshore kelp farming cleared by federal board"
    vl_wire = Page(
        "vl-wire",
        SITES["vl"],
        f"{SITES['vl'].home}/news/business/{slugify(vl_wire_title)}/",
        vl_wire_title,
        "Associated Press",
        at("2026-03-03T12:40:00-05:00"),
        "Business",
        edit(ap.paragraphs[:-1], ("Not everyone is convinced.", "Not everyone is on board.")),
        role="copy",
        kind="wire",
    )

    # -- Daily Relay: dnyuz-like aggregator reposting full feed items
    dr = SITES["dr"]

    def relay(key: str, src: Page, when: str, **kw: object) -> Page:
        base = Page(
            key,
            dr,
            f"{dr.home}/{at(when):%Y/%m/%d}/{slugify(src.title)}/",
            src.title,
            src.author,
            at(when),
            src.section,
            src.paragraphs,
            extra_html=(yoast_footer(src),),
            role="copy",
            kind="full-copy",
        )
        return replace(base, **kw)  # type: ignore[arg-type]

    dr_ferry = relay("dr-ferry", ht_ferry, "2026-03-02T15:02:00+00:00", role="intermediary")
    dr_frost = relay(
        "dr-frost",
        vl_frost,
        "2026-03-09T16:20:00+00:00",
        extra_html=(yoast_footer(vl_frost, links=False),),
    )
    dr_fire = relay("dr-fire", nw_fire, "2026-03-06T22:10:00+00:00", canonical=nw_fire.url)
    dr_rail = relay(
        "dr-rail",
        nw_rail,
        "2026-03-09T20:45:00+00:00",
        paragraphs=excerpt(nw_rail.paragraphs, 0.35),
        kind="excerpt",
    )
    dr_wire = relay("dr-wire", ht_wire, "2026-03-03T18:30:00+00:00")

    # -- News Mirror: reposts Daily Relay's feed (chained footers) and excerpts
    nm = SITES["nm"]
    nm_ferry = Page(
        "nm-ferry",
        nm,
        f"{nm.home}/news/{slugify(ht_ferry.title)}-2/",
        ht_ferry.title,
        "News Mirror Staff",
        at("2026-03-02T19:45:00+00:00"),
        "Regional",
        ht_ferry.paragraphs,
        extra_html=(yoast_footer(ht_ferry), yoast_footer(dr_ferry)),
        role="copy",
        kind="full-copy",
    )
    nm_water = Page(
        "nm-water",
        nm,
        f"{nm.home}/news/{slugify(vl_water.title)}/",
        vl_water.title,
        vl_water.author,
        at("2026-03-04T15:05:00+00:00"),
        "Regional",
        excerpt(vl_water.paragraphs, 0.60),
        extra_html=(
            f'<p class="read-more"><a href="{attr(vl_water.url)}" target="_blank" '
            f'rel="noopener">Read more at Valley Ledger</a></p>',
        ),
        role="copy",
        kind="excerpt",
    )

    # -- Content farm: no credit, new headline, light rewording
    cf = SITES["cf"]
    cf_dredge_title = "Huge $48M Dredging Deal Will Finally Let Giant Ships Into Port Ellery"
    cf_dredge = Page(
        "cf-dredge",
        cf,
        f"{cf.home}/{slugify(cf_dredge_title)}/",
        cf_dredge_title,
        "Staff Writer",
        # Stated date is two hours BEFORE the original: conflicting evidence.
        at("2026-03-04T19:30:00+00:00"),
        "Money",
        edit(
            ht_dredge.paragraphs,
            ("harbour commission on Wednesday awarded", "harbour commission has awarded"),
            (
                "Commission chair Elspeth Carrow said the project was the single largest",
                "Commission chair Elspeth Carrow stated the project is the single biggest",
            ),
            (
                "The plan has drawn concern from fishers and environmental groups.",
                "Not everyone is happy, though, with fishers and environmental groups raising "
                "concerns.",
            ),
            ("said the group would watch the work closely", "says the group will watch closely"),
        ),
        role="copy",
        kind="scraper",
    )
    cf_salmon_title = "Salmon Are Flooding Back Into This River After A Dam Was Torn Down"
    salmon_paras = list(nw_salmon.paragraphs)
    del salmon_paras[6]  # drop the elder's second quote
    cf_salmon = Page(
        "cf-salmon",
        cf,
        f"{cf.home}/{slugify(cf_salmon_title)}/",
        cf_salmon_title,
        "Staff Writer",
        at("2026-03-10T18:40:00+00:00"),
        "Wow",
        edit(
            tuple(salmon_paras),
            (
                "The figures, published this week by the regional fisheries office,",
                "The numbers, released by the regional fisheries office,",
            ),
            (
                "he cautioned against reading too much into a single year",
                "he warned people not to read too much into one year",
            ),
        ),
        role="copy",
        kind="scraper",
    )

    # -- a weekly roundup on the second aggregator: two lines of one story, under its
    # headline, among items written for the roundup; no credit, no link
    nm = SITES["nm"]
    tug_lede = ht_tug.paragraphs[0].split(", and this weekend")[0] + " [...]"
    nm_roundup_title = "Around the coast: five stories you may have missed this week"
    nm_roundup = Page(
        "nm-roundup",
        nm,
        f"{nm.home}/2026/03/08/{slugify(nm_roundup_title)}/",
        nm_roundup_title,
        "Mirror Desk",
        at("2026-03-08T09:00:00-05:00"),
        "Regional",
        (
            "Our Sunday roundup gathers the week's smaller stories from the towns along "
            "the coast and up the valley, for readers who were busy elsewhere.",
            "Gullrock school choir heads to the national finals",
            "The thirty singers raised their bus fare with a winter concert series and will "
            "perform two pieces written by their music teacher, including one about the "
            "lighthouse keepers who once lived on the point.",
            ht_tug.title,
            tug_lede,
            "Calder pier lights switched to solar power",
            "Twelve lamp posts along the old pier now run on small solar panels and batteries, "
            "which the works department expects to pay for themselves within six years while "
            "keeping the walkway lit through winter storms.",
            "Bakery on Mill Street marks fifty years",
            "The family that opened the bakery in 1976 handed out free cinnamon buns on "
            "Saturday morning, and the queue reached the corner of the square before the "
            "doors even opened.",
            "Volunteers count a record number of seals on the sandbar",
            "Forty-one harbour seals were resting on the sandbar at low tide during the "
            "monthly count, the most since the survey began, and volunteers asked walkers to "
            "keep their dogs on leads near the dunes.",
        ),
        role="copy",
        kind="excerpt",
    )

    # -- German aggregator
    ns = SITES["ns"]
    ns_ferry = Page(
        "ns-faehre",
        ns,
        f"{ns.home}/2026/03/04/{slugify(rb_ferry.title)}/",
        rb_ferry.title,
        "Redaktion",
        at("2026-03-04T08:15:00+01:00"),
        "Regional",
        rb_ferry.paragraphs,
        extra_html=(yoast_footer(rb_ferry),),
        role="copy",
        kind="full-copy",
        lang="de",
    )

    return [
        ap,
        ht_ferry,
        ht_dredge,
        ht_fares,
        ht_wire,
        ht_tug,
        vl_frost,
        vl_water,
        vl_fares,
        vl_wire,
        vl_robots,
        nw_fire,
        nw_rail,
        nw_salmon,
        nw_ski,
        rb_ferry,
        rb_library,
        dr_ferry,
        dr_wire,
        dr_fire,
        dr_rail,
        dr_frost,
        nm_ferry,
        nm_water,
        cf_dredge,
        cf_salmon,
        nm_roundup,
        ns_ferry,
    ]


# (copy key, source key, attributed, direct)
EDGES = [
    ("ht-wire", "ap-kelp", True, True),
    ("vl-wire", "ap-kelp", True, True),
    ("dr-wire", "ht-wire", True, True),
    ("dr-wire", "ap-kelp", True, False),
    ("dr-ferry", "ht-ferry", True, True),
    ("nm-ferry", "dr-ferry", True, True),
    ("nm-ferry", "ht-ferry", True, False),
    ("dr-frost", "vl-frost", True, True),
    ("dr-fire", "nw-fire", True, True),
    ("dr-rail", "nw-rail", True, True),
    ("nm-water", "vl-water", True, True),
    ("cf-dredge", "ht-dredge", False, True),
    ("cf-salmon", "nw-salmon", False, True),
    ("nm-roundup", "ht-tug", False, True),
    ("ns-faehre", "rb-faehre", True, True),
]

#: Copy page -> the pages it descends from, nearest first (origin last).
CHAINS = {
    "ht-wire": ["ap-kelp"],
    "vl-wire": ["ap-kelp"],
    "dr-wire": ["ht-wire", "ap-kelp"],
    "dr-ferry": ["ht-ferry"],
    "nm-ferry": ["dr-ferry", "ht-ferry"],
    "dr-frost": ["vl-frost"],
    "dr-fire": ["nw-fire"],
    "dr-rail": ["nw-rail"],
    "nm-water": ["vl-water"],
    "cf-dredge": ["ht-dredge"],
    "cf-salmon": ["nw-salmon"],
    "nm-roundup": ["ht-tug"],
    "ns-faehre": ["rb-faehre"],
}

#: Pages that share a verbatim quotation but are independent reports.
NOT_LINKED = [("ht-fares", "vl-fares")]


# --------------------------------------------------------------------------- HTML


def jsonld_block(page: Page) -> str:
    site = page.site
    org = {
        "@type": "NewsMediaOrganization" if site.key != "dr" else "Organization",
        "@id": f"{site.home}/#organization",
        "name": site.name,
        "url": f"{site.home}/",
        "logo": {"@type": "ImageObject", "url": f"{site.home}/wp-content/uploads/logo.png"},
    }
    article = {
        "@type": "NewsArticle",
        "@id": f"{page.url}#article",
        "headline": page.title,
        "datePublished": page.published.isoformat(),
        "dateModified": (page.modified or page.published).isoformat(),
        "author": {"@type": "Person", "name": page.author},
        "publisher": {"@type": org["@type"], "@id": org["@id"], "name": site.name},
        "mainEntityOfPage": {"@id": page.url},
        "articleSection": [page.section],
        "inLanguage": page.lang,
        "wordCount": len(" ".join(page.paragraphs).split()),
    }
    if page.author in ("Associated Press", "The Associated Press"):
        article["author"] = {"@type": "Organization", "name": "Associated Press"}
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            article,
            {
                "@type": "WebPage",
                "@id": page.url,
                "url": page.url,
                "name": f"{page.title} | {site.name}",
                "isPartOf": {"@id": f"{site.home}/#website"},
                "breadcrumb": {"@id": f"{page.url}#breadcrumb"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": f"{page.url}#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{site.home}/"},
                    {"@type": "ListItem", "position": 2, "name": page.title},
                ],
            },
            {
                "@type": "WebSite",
                "@id": f"{site.home}/#website",
                "url": f"{site.home}/",
                "name": site.name,
                "publisher": {"@id": f"{site.home}/#organization"},
            },
            org,
        ],
    }
    text = json.dumps(graph, ensure_ascii=False, indent=None).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{text}</script>'


def nav_html(site: Site) -> str:
    items = "".join(
        f'<li class="menu-item menu-item-type-taxonomy"><a href="{site.home}/category/'
        f'{slugify(n)}/">{html.escape(n)}</a></li>'
        for n in site.nav
    )
    return (
        f'<nav id="site-navigation" class="main-navigation" aria-label="Primary">'
        f'<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu'
        f'</button><ul id="primary-menu" class="menu">{items}</ul></nav>'
    )


def share_html(page: Page) -> str:
    de = page.lang.startswith("de")
    u = quote(page.url, safe="")
    fb, xx, li = (share_count(page.url, s) for s in ("fb", "x", "li"))
    return (
        '<div class="share-buttons" aria-label="Share">'
        f'<a class="share-btn share-facebook" href="https://www.facebook.com/sharer/sharer.php'
        f'?u={u}" target="_blank" rel="noopener">{"Teilen" if de else "Share"} '
        f'<span class="share-count">{fb}</span></a>'
        f'<a class="share-btn share-x" href="https://x.com/intent/post?url={u}" target="_blank" '
        f'rel="noopener">{"Posten" if de else "Post"} <span class="share-count">{xx}</span></a>'
        f'<a class="share-btn share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/'
        f'?url={u}" target="_blank" rel="noopener">LinkedIn <span class="share-count">{li}</span>'
        f'</a><a class="share-btn share-email" href="mailto:?subject={attr(page.title)}&amp;'
        f'body={u}">E-Mail</a><span class="share-total">{fb + xx + li} '
        f"{'Mal geteilt' if de else 'shares'}</span></div>"
    )


def related_html(page: Page, pages: list[Page]) -> str:
    de = page.lang.startswith("de")
    siblings = [p for p in pages if p.site is page.site and p.url != page.url][:4]
    if not siblings:
        return ""
    items = "".join(
        f'<li class="related-post"><a href="{attr(p.url)}">{esc(p.title, p)}</a>'
        f'<span class="post-date">{human_date(p.published, p.lang).split(",")[0]}</span></li>'
        for p in siblings
    )
    heading = "Weitere Artikel" if de else "Related Stories"
    return (
        f'<section class="widget widget_related_posts"><h2 class="widget-title">{heading}</h2>'
        f"<ul>{items}</ul></section>"
    )


def entry_content(page: Page) -> str:
    paras = "\n".join(f"<p>{esc(p, page)}</p>" for p in page.paragraphs)
    extra = "\n".join(page.extra_html)
    return paras + ("\n" + extra if extra else "")


def byline_html(page: Page) -> str:
    de = page.lang.startswith("de")
    when = human_date(page.published.astimezone(page.published.tzinfo), page.lang)
    by = "Von" if de else "By"
    mod = ""
    if page.modified:
        mod = (
            f' <time class="updated" datetime="{page.modified.isoformat()}">'
            f"{'Aktualisiert' if de else 'Updated'} {human_date(page.modified, page.lang)}</time>"
        )
    return (
        f'<div class="entry-meta"><span class="byline">{by} <span class="author vcard">'
        f'<a class="url fn n" href="{page.site.home}/author/{slugify(page.author)}/">'
        f"{html.escape(page.author)}</a></span></span> "
        f'<span class="posted-on"><time class="entry-date published" '
        f'datetime="{page.published.isoformat()}">{when}</time>{mod}</span></div>'
    )


def head_html(page: Page) -> str:
    site = page.site
    og_locale = {"en-CA": "en_CA", "en-US": "en_US", "de-DE": "de_DE", "de": "de_DE"}.get(
        site.lang, "en_US"
    )
    lines = [
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(page.title, page)} | {html.escape(site.name)}</title>",
        f'<meta name="description" content="{attr(texturize(description(page)))}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<link rel="canonical" href="{attr(page.canonical_url)}">',
        f'<meta property="og:locale" content="{og_locale}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(page.title)}">',
        f'<meta property="og:description" content="{attr(description(page))}">',
        f'<meta property="og:url" content="{attr(page.url)}">',
        f'<meta property="og:site_name" content="{attr(site.name)}">',
        f'<meta property="article:published_time" content="{page.published.isoformat()}">',
    ]
    if page.modified:
        lines.append(
            f'<meta property="article:modified_time" content="{page.modified.isoformat()}">'
        )
    lines += [
        f'<meta property="article:section" content="{attr(page.section)}">',
        f'<meta property="og:image" content="{site.home}/{uploads(site)}/2026/03/'
        f'{slugify(page.title)[:40]}-1200x675.jpg">',
        f'<meta name="author" content="{attr(page.author)}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    if site.wordpress:
        lines += [
            '<meta name="generator" content="WordPress 6.7.1">',
            f'<link rel="alternate" type="application/rss+xml" title="{attr(site.name)} '
            f'&raquo; Feed" href="{site.home}/feed/">',
            f'<link rel="https://api.w.org/" href="{site.home}/wp-json/">',
            f'<link rel="shortlink" href="{site.home}/?p={post_id(page.url)}">',
        ]
    lines.append(
        f'<link rel="stylesheet" id="theme-css" href="{site.home}/assets/{site.theme}/style.css'
        f'?ver=3.{len(site.name)}.2" media="all">'
    )
    if site.jsonld:
        lines.append(jsonld_block(page))
    return "\n".join(lines)


def footer_html(site: Site, lang: str) -> str:
    if lang.startswith("de"):
        links = ("Impressum", "Datenschutz", "Kontakt", "Abo", "Werbung")
        rights = "Alle Rechte vorbehalten."
    else:
        links = ("About Us", "Contact", "Privacy Policy", "Terms of Use", "Advertise")
        rights = "All rights reserved."
    items = " ".join(f'<a href="{site.home}/{slugify(x)}/">{x}</a>' for x in links)
    return (
        f'<footer id="colophon" class="site-footer"><nav class="footer-navigation">{items}</nav>'
        f'<div class="site-info">&copy; 2026 {html.escape(site.name)}. {rights}</div></footer>'
    )


def render(page: Page, pages: list[Page]) -> str:
    site = page.site
    de = page.lang.startswith("de")
    pid = post_id(page.url)
    submit = "Kommentar abschicken" if de else "Post Comment"
    today = "Mittwoch, 11. März 2026" if de else "Wednesday, March 11, 2026"
    article = (
        f'<article id="post-{pid}" class="post-{pid} post type-post status-publish '
        f'format-standard has-post-thumbnail hentry category-{slugify(page.section)}">\n'
        f'<header class="entry-header"><span class="cat-links"><a href="{site.home}/category/'
        f'{slugify(page.section)}/" rel="category tag">{html.escape(page.section)}</a></span>\n'
        f'<h1 class="entry-title">{esc(page.title, page)}</h1>\n{byline_html(page)}</header>\n'
        f"{share_html(page)}\n"
        f'<figure class="post-thumbnail"><img src="{site.home}/{uploads(site)}/2026/03/'
        f'{slugify(page.title)[:40]}-1200x675.jpg" width="1200" height="675" alt="" '
        f'loading="lazy"></figure>\n'
        f'<div class="entry-content">\n{entry_content(page)}\n</div>\n'
    )
    if page.tags:
        tags = ", ".join(
            f'<a href="{site.home}/tag/{slugify(t)}/" rel="tag">{html.escape(t)}</a>'
            for t in page.tags
        )
        article += (
            f'<footer class="entry-footer"><span class="tags-links">Tags: {tags}</span></footer>\n'
        )
    article += "</article>"

    sidebar = (
        '<aside id="secondary" class="widget-area">'
        f'<section class="widget widget_search"><form role="search" method="get" '
        f'action="{site.home}/"><input type="search" name="s" placeholder="'
        f'{"Suche" if de else "Search"} &hellip;"></form></section>'
        f"{related_html(page, pages)}"
        '<section class="widget widget_text"><h2 class="widget-title">'
        'Newsletter</h2><div class="textwidget"><p>'
        + (
            f"Die wichtigsten Nachrichten von {html.escape(site.name)} jeden Morgen per E-Mail."
            if de
            else f"Get the morning briefing from {html.escape(site.name)} in your inbox."
        )
        + "</p></div></section></aside>"
    )
    comments = ""
    if site.wordpress:
        comments = (
            '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
            f'<h3 id="reply-title" class="comment-reply-title">'
            f"{'Schreibe einen Kommentar' if de else 'Leave a Reply'}</h3>"
            f'<form action="{site.home}/wp-comments-post.php" method="post" id="commentform">'
            '<textarea id="comment" name="comment" rows="6"></textarea>'
            f'<input name="submit" type="submit" value="{submit}">'
            f'<input type="hidden" name="comment_post_ID" value="{pid}"></form></div></div>'
        )

    top = ""
    if site.theme == "newspaper":
        top = (
            '<div class="td-header-top-menu"><div class="td-header-sp-top-menu">'
            '<span class="td_data_time">Wednesday, March 11, 2026</span></div></div>'
            '<div class="td-a-rec td-a-rec-id-header"><span class="td-adspot-title">'
            "- Advertisement -</span></div>"
        )
    elif site.theme == "farm":
        top = (
            '<div class="ad-slot ad-leaderboard">Advertisement</div>'
            '<div class="cookie-banner">We use cookies to improve your experience. '
            "<button>Accept</button></div>"
        )
    elif site.theme == "wire":
        top = '<div class="Page-header-trending">Trending: Kelp farming &middot; Weather</div>'
    else:
        top = (
            f'<div class="top-bar"><span class="top-date">{today}'
            f'</span> <a href="{site.home}/subscribe/">{"Abonnieren" if de else "Subscribe"}</a> '
            f'<a href="{site.home}/my-account/">{"Anmelden" if de else "Sign in"}</a></div>'
        )
    body_class = {
        "wp": "post-template-default single single-post single-format-standard",
        "newspaper": "post-template-default single single-post td-standard-pack "
        "global-block-template-1",
        "farm": "single-article",
        "wire": "Page-body StoryPage",
    }[site.theme]
    return (
        "<!doctype html>\n"
        f'<html lang="{site.lang if site.lang.startswith(page.lang) else page.lang}">\n<head>\n'
        f"{head_html(page)}\n</head>\n"
        f'<body class="{body_class} postid-{pid}">\n<div id="page" class="site">\n'
        '<a class="skip-link screen-reader-text" href="#content">'
        f"{'Zum Inhalt springen' if de else 'Skip to content'}</a>\n{top}\n"
        '<header id="masthead" class="site-header"><div class="site-branding">'
        f'<p class="site-title"><a href="{site.home}/" rel="home">{html.escape(site.name)}</a></p>'
        f'<p class="site-description">{html.escape(site.tagline)}</p></div>{nav_html(site)}'
        "</header>\n"
        '<div id="content" class="site-content"><main id="primary" class="site-main">\n'
        f"{article}\n{comments}</main>\n{sidebar}</div>\n"
        f"{footer_html(site, page.lang)}\n</div>\n"
        f'<script src="{site.home}/assets/{site.theme}/app.js?ver=3.2" defer></script>\n'
        "</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- RSS


def uploads(site: Site) -> str:
    return "wp-content/uploads" if site.wordpress else "images"


def rfc822(dt: datetime) -> str:
    return format_datetime(dt.astimezone(UTC)).replace("-0000", "+0000")


def rss_feed(site: Site, pages: list[Page]) -> str:
    items = sorted((p for p in pages if p.site is site), key=lambda p: p.published, reverse=True)
    parts = []
    for p in items:
        footer = yoast_footer(p)
        first = esc(p.paragraphs[0], p)
        parts.append(
            "\t<item>\n"
            f"\t\t<title>{html.escape(texturize(p.title) if p.lang == 'en' else p.title)}</title>\n"
            f"\t\t<link>{html.escape(p.url)}</link>\n"
            f"\t\t<dc:creator><![CDATA[{p.author}]]></dc:creator>\n"
            f"\t\t<pubDate>{rfc822(p.published)}</pubDate>\n"
            f"\t\t<category><![CDATA[{p.section}]]></category>\n"
            f'\t\t<guid isPermaLink="false">{site.home}/?p={post_id(p.url)}</guid>\n'
            f"\t\t<description><![CDATA[<p>{first} [&#8230;]</p>\n{footer}\n]]></description>\n"
            f"\t\t<content:encoded><![CDATA[{entry_content(p)}\n{footer}\n]]></content:encoded>\n"
            "\t</item>\n"
        )
    last = rfc822(items[0].published)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n<channel>\n'
        f"\t<title>{html.escape(site.name)}</title>\n"
        f'\t<atom:link href="{site.home}/feed/" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{site.home}</link>\n"
        f"\t<description>{html.escape(site.tagline)}</description>\n"
        f"\t<lastBuildDate>{last}</lastBuildDate>\n"
        f"\t<language>{site.lang}</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        "\t<generator>https://wordpress.org/?v=6.7.1</generator>\n"
        + "".join(parts)
        + "</channel>\n</rss>\n"
    )


# --------------------------------------------------------------------------- WARC


def record_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}:{url}')}>"


def warc_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_pair(
    writer: WARCWriter, site: Site, url: str, body: bytes, content_type: str, when: datetime
) -> None:
    path = url.split(site.host, 1)[1] or "/"
    req_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", site.host),
            ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "en-US,en;q=0.8,de;q=0.6"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    http_date = format_datetime(when.astimezone(UTC), usegmt=True)
    resp_list = [
        ("Date", http_date),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
        ("Server", site.server),
        ("Cache-Control", "max-age=300, must-revalidate"),
        ("Vary", "Accept-Encoding"),
    ]
    if site.wordpress and "html" in content_type:
        resp_list.append(("Link", f'<{site.home}/wp-json/>; rel="https://api.w.org/"'))
    resp_headers = StatusAndHeaders("200 OK", resp_list, protocol="HTTP/1.1")
    date = warc_date(when)
    resp = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=resp_headers,
        warc_headers_dict={"WARC-Record-ID": record_id("response", url), "WARC-Date": date},
    )
    req = writer.create_warc_record(
        url,
        "request",
        http_headers=req_headers,
        warc_headers_dict={"WARC-Record-ID": record_id("request", url), "WARC-Date": date},
    )
    writer.write_request_response_pair(req, resp)


def write_warc(path: Path, pages: list[Page]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")
        info = (
            b"software: provenance corpora/demo/build.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            b"description: Fictional demo corpus of syndicated news on .example domains\r\n"
            b"isPartOf: provenance-demo\r\n"
        )
        rec = writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", WARC_NAME),
                "WARC-Date": warc_date(CRAWL_START),
                "WARC-Filename": WARC_NAME,
            },
        )
        writer.write_record(rec)
        when = CRAWL_START
        for page in pages:
            when += CRAWL_STEP
            if when <= page.published:
                raise ValueError(f"capture before publication: {page.url}")
            body = render(page, pages).encode("utf-8")
            ctype = "text/html" if page.site.key == "cf" else "text/html; charset=UTF-8"
            write_pair(writer, page.site, page.url, body, ctype, when)
        for key in FEED_SITES:
            when += CRAWL_STEP
            site = SITES[key]
            body = rss_feed(site, pages).encode("utf-8")
            write_pair(
                writer,
                site,
                f"{site.home}/feed/",
                body,
                "application/rss+xml; charset=UTF-8",
                when,
            )


# --------------------------------------------------------------------------- expected.json


def expected(pages: list[Page]) -> dict[str, object]:
    by_key = {p.key: p for p in pages}
    documents = [{"url": p.url, "site": p.site.name, "role": p.role, "kind": p.kind} for p in pages]
    chains = []
    for p in pages:
        if p.key not in CHAINS:
            continue
        hops = CHAINS[p.key]
        chain = [{"url": p.url, "role": "copy"}]
        chain += [{"url": by_key[k].url, "role": "intermediary"} for k in hops[:-1]]
        chain.append({"url": by_key[hops[-1]].url, "role": "origin"})
        chains.append({"url": p.url, "chain": chain})
    edges = [
        {
            "copy_url": by_key[c].url,
            "source_url": by_key[s].url,
            "attributed": attributed,
            "approx_containment": containment(by_key[c], by_key[s]),
            "direct": direct,
        }
        for c, s, attributed, direct in EDGES
    ]
    not_linked = [[by_key[a].url, by_key[b].url] for a, b in NOT_LINKED]
    conflicts = []
    for p in pages:
        for c, s, _, direct in EDGES:
            src = by_key[s]
            if c == p.key and direct and p.published < src.published:
                conflicts.append(
                    {
                        "copy_url": p.url,
                        "source_url": src.url,
                        "type": "copy-published-before-source",
                        "copy_published": p.published.isoformat(),
                        "source_published": src.published.isoformat(),
                        # The stated dates are the only direction evidence and they point
                        # the wrong way: a correct tool links the pair and flags the
                        # conflict, but cannot be expected to get the direction right.
                        "direction_resolvable": False,
                    }
                )
    return {
        "documents": documents,
        "chains": chains,
        "edges": edges,
        "not_linked": not_linked,
        "conflicts": conflicts,
    }


def build(out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = build_pages()
    warc = out_dir / WARC_NAME
    write_warc(warc, pages)
    exp = out_dir / EXPECTED_NAME
    exp.write_text(json.dumps(expected(pages), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return warc, exp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: here)")
    args = ap.parse_args(argv)
    warc, exp = build(args.out)
    print(f"wrote {warc} ({warc.stat().st_size} bytes) and {exp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
