"""The story graph: which story is first reported where, who copies whom, with what credit, when.

Each :class:`Story` is one news event: the page(s) that first reported it, then
every copy in the order it was made.  A copy names the page it was copied from
(``Page.source``) and whether it credits it (``Page.attributed``); the expected
roles, chains, edges and conflicts in ``expected.json`` are all read off these
links (see ``demo_expected``), so they cannot drift from the pages.

The copies made by the aggregators and the content farm live in ``demo_reposts``.
``CRAWL_ORDER`` is the order the crawler fetched the pages in (the WARC order).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from demo_copies import at, edit, excerpt, relay, yoast_footer
from demo_graph import Story, in_order
from demo_pages import Page, original
from demo_reposts import dredge, faehre, ferry, salmon, tug, water
from demo_sites import SITES
from demo_text import slugify

#: Every first report: (page key, site key, ``articles/`` file, URL style).
ORIGINALS = (
    ("ap-kelp", "ap", "ap-kelp-licences", "wire"),
    ("ht-ferry", "ht", "ht-gullrock-ferry", "date-day"),
    ("ht-dredge", "ht", "ht-harbour-dredging", "date-day"),
    ("ht-fares", "ht", "ht-fare-freeze", "date-day"),
    ("ht-tug", "ht", "ht-tug-bellwether", "date-day"),
    ("vl-frost", "vl", "vl-cherry-frost", "section"),
    ("vl-water", "vl", "vl-water-plant", "section"),
    ("vl-fares", "vl", "vl-fare-freeze", "section"),
    ("vl-robots", "vl", "vl-robotics", "section"),
    ("nw-fire", "nw", "nw-wildfire-crews", "date-month"),
    ("nw-rail", "nw", "nw-kestrel-rail", "date-month"),
    ("nw-salmon", "nw", "nw-salmon-count", "date-month"),
    ("nw-ski", "nw", "nw-ski-hill", "date-month"),
    ("rb-faehre", "rb", "rb-elektrofaehre", "ressort"),
    ("rb-bibliothek", "rb", "rb-bibliothek", "ressort"),
)

#: First reports updated after publication, and how long after.
UPDATED = {"ap-kelp": timedelta(minutes=48), "ht-dredge": timedelta(hours=2, minutes=5)}

#: The order the crawler fetched the pages in: by site, as the WARC records them.
CRAWL_ORDER = (
    *("ap-kelp", "ht-ferry", "ht-dredge", "ht-fares", "ht-wire", "ht-tug"),
    *("vl-frost", "vl-water", "vl-fares", "vl-wire", "vl-robots"),
    *("nw-fire", "nw-rail", "nw-salmon", "nw-ski", "rb-faehre", "rb-bibliothek"),
    *("dr-ferry", "dr-wire", "dr-fire", "dr-rail", "dr-frost"),
    *("nm-ferry", "nm-water", "cf-dredge", "cf-salmon", "nm-roundup", "ns-faehre"),
)


def originals() -> dict[str, Page]:
    """The first reports, read from ``articles/``, by page key."""
    out: dict[str, Page] = {}
    for key, site_key, name, url_style in ORIGINALS:
        page = original(key, site_key, name, url_style)
        if key in UPDATED:
            page = replace(page, modified=page.published + UPDATED[key])
        out[key] = page
    return out


def kelp(o: dict[str, Page]) -> Story:
    """The AP wire story, carried by two member papers; Daily Relay copies one carrier."""
    ap = o["ap-kelp"]
    ht, vl = SITES["ht"], SITES["vl"]
    ht_title = "Kelp farms win approval off Calder coast despite lobster crews' objections"
    ht_wire = Page(
        "ht-wire",
        ht,
        f"{ht.home}/2026/03/03/{slugify(ht_title)}/",
        ht_title,
        "The Associated Press",
        at("2026-03-03T11:05:00-05:00"),
        "Business",
        ap.paragraphs,
        kind="wire",
        tags=("Associated Press", "fisheries"),
        source=ap,
        attributed=True,
    )
    vl_title = "Offshore kelp farming cleared by federal board"
    vl_wire = Page(
        "vl-wire",
        vl,
        f"{vl.home}/news/business/{slugify(vl_title)}/",
        vl_title,
        "Associated Press",
        at("2026-03-03T12:40:00-05:00"),
        "Business",
        edit(ap.paragraphs[:-1], ("Not everyone is convinced.", "Not everyone is on board.")),
        kind="wire",
        source=ap,
        attributed=True,
    )
    dr_wire = relay("dr-wire", ht_wire, "2026-03-03T18:30:00+00:00")
    return Story("kelp licences", (ap, ht_wire, vl_wire, dr_wire))


def relayed(o: dict[str, Page]) -> list[Story]:
    """Single feed reposts on Daily Relay, each showing one way of keeping the credit."""
    frost, fire, rail = o["vl-frost"], o["nw-fire"], o["nw-rail"]
    dr_frost = relay(
        "dr-frost",
        frost,
        "2026-03-09T16:20:00+00:00",
        extra_html=(yoast_footer(frost, links=False),),
    )
    dr_fire = relay("dr-fire", fire, "2026-03-06T22:10:00+00:00", canonical=fire.url)
    dr_rail = relay(
        "dr-rail",
        rail,
        "2026-03-09T20:45:00+00:00",
        paragraphs=excerpt(rail.paragraphs, 0.35),
        kind="excerpt",
    )
    return [
        Story("cherry frost", (frost, dr_frost)),
        Story("wildfire crews", (fire, dr_fire)),
        Story("kestrel rail", (rail, dr_rail)),
    ]


def independent(o: dict[str, Page]) -> list[Story]:
    """Stories nobody copied; the two fare-freeze reports share only an official statement."""
    return [
        Story("fare freeze", (o["ht-fares"], o["vl-fares"])),
        Story("robotics team", (o["vl-robots"],)),
        Story("ski hill", (o["nw-ski"],)),
        Story("library hours", (o["rb-bibliothek"],)),
    ]


def build_stories() -> list[Story]:
    """Every story, copied ones first in the order ``expected.json`` lists their edges."""
    o = originals()
    return [
        kelp(o),
        ferry(o["ht-ferry"]),
        *relayed(o),
        water(o["vl-water"]),
        dredge(o["ht-dredge"]),
        salmon(o["nw-salmon"]),
        tug(o["ht-tug"]),
        faehre(o["rb-faehre"]),
        *independent(o),
    ]


def build_pages() -> list[Page]:
    """Every page of every story, in crawl order."""
    return in_order(build_stories(), CRAWL_ORDER)
