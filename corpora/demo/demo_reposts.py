"""Stories copied by the aggregators and the content farm.

News Mirror reposts Daily Relay's feed (chained footers), posts an excerpt and a
weekly roundup; the content farm rewords without credit; Nachrichtenspiegel
reposts Rheinbote.  Each function takes the story's first report and returns the
whole :class:`~demo_graph.Story`; ``demo_stories`` puts them together.
"""

from __future__ import annotations

from demo_copies import at, edit, excerpt, relay, yoast_footer
from demo_graph import Story
from demo_pages import Page
from demo_sites import SITES
from demo_text import attr, slugify


def ferry(ht_ferry: Page) -> Story:
    """Harbour Times → Daily Relay → News Mirror, each repost keeping the footers."""
    dr_ferry = relay("dr-ferry", ht_ferry, "2026-03-02T15:02:00+00:00")
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
        kind="full-copy",
        source=dr_ferry,
        attributed=True,
    )
    return Story("gullrock ferry", (ht_ferry, dr_ferry, nm_ferry))


def water(vl_water: Page) -> Story:
    """News Mirror's 60% excerpt with a "Read more" link."""
    nm = SITES["nm"]
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
        kind="excerpt",
        source=vl_water,
        attributed=True,
    )
    return Story("water plant", (vl_water, nm_water))


def dredge(ht_dredge: Page) -> Story:
    """Content farm: no credit, new headline, light rewording, a date before the original."""
    cf = SITES["cf"]
    title = "Huge $48M Dredging Deal Will Finally Let Giant Ships Into Port Ellery"
    cf_dredge = Page(
        "cf-dredge",
        cf,
        f"{cf.home}/{slugify(title)}/",
        title,
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
        kind="scraper",
        source=ht_dredge,
    )
    return Story("harbour dredging", (ht_dredge, cf_dredge))


def salmon(nw_salmon: Page) -> Story:
    """Content farm: no credit, new headline, one paragraph dropped, two rewordings."""
    cf = SITES["cf"]
    title = "Salmon Are Flooding Back Into This River After A Dam Was Torn Down"
    paras = list(nw_salmon.paragraphs)
    del paras[6]  # drop the elder's second quote
    cf_salmon = Page(
        "cf-salmon",
        cf,
        f"{cf.home}/{slugify(title)}/",
        title,
        "Staff Writer",
        at("2026-03-10T18:40:00+00:00"),
        "Wow",
        edit(
            tuple(paras),
            (
                "The figures, published this week by the regional fisheries office,",
                "The numbers, released by the regional fisheries office,",
            ),
            (
                "he cautioned against reading too much into a single year",
                "he warned people not to read too much into one year",
            ),
        ),
        kind="scraper",
        source=nw_salmon,
    )
    return Story("salmon count", (nw_salmon, cf_salmon))


#: The roundup's own text, written for it: an intro, then (headline, text) items
#: before and after the copied story.
ROUNDUP_INTRO = (
    "Our Sunday roundup gathers the week's smaller stories from the towns along "
    "the coast and up the valley, for readers who were busy elsewhere."
)
ROUNDUP_BEFORE = (
    "Gullrock school choir heads to the national finals",
    "The thirty singers raised their bus fare with a winter concert series and will "
    "perform two pieces written by their music teacher, including one about the "
    "lighthouse keepers who once lived on the point.",
)
ROUNDUP_AFTER = (
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
)


def tug(ht_tug: Page) -> Story:
    """A weekly roundup carries two lines of the story under its headline; no credit, no link."""
    nm = SITES["nm"]
    lede = ht_tug.paragraphs[0].split(", and this weekend")[0] + " [...]"
    title = "Around the coast: five stories you may have missed this week"
    nm_roundup = Page(
        "nm-roundup",
        nm,
        f"{nm.home}/2026/03/08/{slugify(title)}/",
        title,
        "Mirror Desk",
        at("2026-03-08T09:00:00-05:00"),
        "Regional",
        (ROUNDUP_INTRO, *ROUNDUP_BEFORE, ht_tug.title, lede, *ROUNDUP_AFTER),
        kind="excerpt",
        source=ht_tug,
    )
    return Story("tug bellwether", (ht_tug, nm_roundup))


def faehre(rb_ferry: Page) -> Story:
    """The German aggregator's repost, with the German Yoast footer."""
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
        kind="full-copy",
        lang="de",
        source=rb_ferry,
        attributed=True,
    )
    return Story("electric ferry", (rb_ferry, ns_ferry))
