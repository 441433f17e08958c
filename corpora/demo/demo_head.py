"""The ``<head>`` of an article page: title, description, Open Graph and JSON-LD.

``head_html`` writes the meta tags every CMS in the demo web emits (plus the
WordPress extras), and ``jsonld_block`` the Yoast-style ``@graph`` for sites that
publish JSON-LD.
"""

from __future__ import annotations

import html
import json

from demo_pages import Page, esc
from demo_sites import Site, uploads
from demo_text import attr, post_id, slugify, texturize


def description(page: Page) -> str:
    first = page.paragraphs[0]
    if len(first) <= 160:
        return first
    cut = first[:157].rsplit(" ", 1)[0]
    return cut + "..."


def organization(site: Site) -> dict[str, object]:
    return {
        "@type": "NewsMediaOrganization" if site.key != "dr" else "Organization",
        "@id": f"{site.home}/#organization",
        "name": site.name,
        "url": f"{site.home}/",
        "logo": {"@type": "ImageObject", "url": f"{site.home}/wp-content/uploads/logo.png"},
    }


def news_article(page: Page, org: dict[str, object]) -> dict[str, object]:
    author = {"@type": "Person", "name": page.author}
    if page.author in ("Associated Press", "The Associated Press"):
        author = {"@type": "Organization", "name": "Associated Press"}
    return {
        "@type": "NewsArticle",
        "@id": f"{page.url}#article",
        "headline": page.title,
        "datePublished": page.published.isoformat(),
        "dateModified": (page.modified or page.published).isoformat(),
        "author": author,
        "publisher": {"@type": org["@type"], "@id": org["@id"], "name": page.site.name},
        "mainEntityOfPage": {"@id": page.url},
        "articleSection": [page.section],
        "inLanguage": page.lang,
        "wordCount": len(" ".join(page.paragraphs).split()),
    }


def jsonld_block(page: Page) -> str:
    site = page.site
    org = organization(site)
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            news_article(page, org),
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
