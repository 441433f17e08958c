"""The RSS 2.0 feeds of the WordPress sites, each item ending in the Yoast footer.

The crawl captures one ``/feed/`` per site in ``FEED_SITES``; every item carries
an excerpt in ``<description>`` and the full text in ``<content:encoded>``.
"""

from __future__ import annotations

import html

from demo_copies import yoast_footer
from demo_html import entry_content
from demo_pages import Page, esc
from demo_sites import Site
from demo_text import post_id, rfc822, texturize


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
