"""The ``<body>`` of an article page: site chrome around the article, per theme.

``render`` assembles a full HTML document for one page; the other functions
write its parts (masthead navigation, byline, share buttons, entry content,
sidebar, comment form, footer).  ``entry_content`` is shared with the RSS feeds.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from demo_head import head_html
from demo_pages import Page, esc
from demo_sites import Site, uploads
from demo_text import attr, human_date, post_id, share_count, slugify


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


def article_html(page: Page) -> str:
    site = page.site
    pid = post_id(page.url)
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
    return article + "</article>"


def sidebar_html(page: Page, pages: list[Page]) -> str:
    site = page.site
    de = page.lang.startswith("de")
    return (
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


def comments_html(page: Page) -> str:
    site = page.site
    if not site.wordpress:
        return ""
    de = page.lang.startswith("de")
    submit = "Kommentar abschicken" if de else "Post Comment"
    pid = post_id(page.url)
    return (
        '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
        f'<h3 id="reply-title" class="comment-reply-title">'
        f"{'Schreibe einen Kommentar' if de else 'Leave a Reply'}</h3>"
        f'<form action="{site.home}/wp-comments-post.php" method="post" id="commentform">'
        '<textarea id="comment" name="comment" rows="6"></textarea>'
        f'<input name="submit" type="submit" value="{submit}">'
        f'<input type="hidden" name="comment_post_ID" value="{pid}"></form></div></div>'
    )


def top_bar_html(page: Page) -> str:
    site = page.site
    de = page.lang.startswith("de")
    if site.theme == "newspaper":
        return (
            '<div class="td-header-top-menu"><div class="td-header-sp-top-menu">'
            '<span class="td_data_time">Wednesday, March 11, 2026</span></div></div>'
            '<div class="td-a-rec td-a-rec-id-header"><span class="td-adspot-title">'
            "- Advertisement -</span></div>"
        )
    if site.theme == "farm":
        return (
            '<div class="ad-slot ad-leaderboard">Advertisement</div>'
            '<div class="cookie-banner">We use cookies to improve your experience. '
            "<button>Accept</button></div>"
        )
    if site.theme == "wire":
        return '<div class="Page-header-trending">Trending: Kelp farming &middot; Weather</div>'
    today = "Mittwoch, 11. März 2026" if de else "Wednesday, March 11, 2026"
    return (
        f'<div class="top-bar"><span class="top-date">{today}'
        f'</span> <a href="{site.home}/subscribe/">{"Abonnieren" if de else "Subscribe"}</a> '
        f'<a href="{site.home}/my-account/">{"Anmelden" if de else "Sign in"}</a></div>'
    )


BODY_CLASS = {
    "wp": "post-template-default single single-post single-format-standard",
    "newspaper": "post-template-default single single-post td-standard-pack "
    "global-block-template-1",
    "farm": "single-article",
    "wire": "Page-body StoryPage",
}


def render(page: Page, pages: list[Page]) -> str:
    """The whole HTML document for ``page``; ``pages`` feeds the related-posts widget."""
    site = page.site
    de = page.lang.startswith("de")
    return (
        "<!doctype html>\n"
        f'<html lang="{site.lang if site.lang.startswith(page.lang) else page.lang}">\n<head>\n'
        f"{head_html(page)}\n</head>\n"
        f'<body class="{BODY_CLASS[site.theme]} postid-{post_id(page.url)}">\n'
        '<div id="page" class="site">\n'
        '<a class="skip-link screen-reader-text" href="#content">'
        f"{'Zum Inhalt springen' if de else 'Skip to content'}</a>\n{top_bar_html(page)}\n"
        '<header id="masthead" class="site-header"><div class="site-branding">'
        f'<p class="site-title"><a href="{site.home}/" rel="home">{html.escape(site.name)}</a></p>'
        f'<p class="site-description">{html.escape(site.tagline)}</p></div>{nav_html(site)}'
        "</header>\n"
        '<div id="content" class="site-content"><main id="primary" class="site-main">\n'
        f"{article_html(page)}\n{comments_html(page)}</main>\n{sidebar_html(page, pages)}</div>\n"
        f"{footer_html(site, page.lang)}\n</div>\n"
        f'<script src="{site.home}/assets/{site.theme}/app.js?ver=3.2" defer></script>\n'
        "</body>\n</html>\n"
    )
