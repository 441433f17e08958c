"""`provenance extract`."""

from __future__ import annotations

import json
import sys

import click

from provenance.cli._common import EXIT_OK, EXIT_PARTIAL, say
from provenance.model import Article
from provenance.read.articles import ReadOptions, read_articles
from provenance.read.sources import url_fetcher
from provenance.sites import is_http_url


def _text_record(article: Article) -> str:
    from provenance.report import printable  # the store and numpy: not for jsonl output

    lines = [f"# {article.title or '(no title)'}"]
    for label, value in (
        ("url", article.url),
        ("source", article.source),
        ("site", article.site_name),
        ("published", article.published.isoformat() if article.published else None),
        ("authors", ", ".join(article.authors) or None),
        ("error", article.error),
    ):
        if value:
            lines.append(f"{label}: {value}")
    for credit in article.attributions:
        named = " ".join(part for part in (credit.site, credit.url) if part)
        lines.append(f"credit: [{credit.kind}] {named}".rstrip())
    lines.append("")
    lines.append(article.text)
    return printable("\n".join(lines) + "\n")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one object per line; json: one array; text: readable.",
)
@click.option("--url", help="The page URL, for a single local file or stdin.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Fetch URLs on loopback, private and link-local addresses (refused by default).",
)
def extract(sources: tuple[str, ...], fmt: str, url: str | None, allow_private: bool) -> None:
    """Extract article text, metadata and credits from pages.

    SOURCE is an HTML file, a folder (searched for *.html, *.htm), a WARC file,
    an http(s) URL, or - for HTML on stdin.  A URL on a loopback, private or
    link-local address is refused unless --allow-private.

    Exit status: 0 all inputs extracted, 1 some failed (each has "error" set
    and a message on stderr), 2 usage error.
    """
    if url and (len(sources) != 1 or is_http_url(sources[0])):
        raise click.UsageError("--url applies to a single local file or '-' only")
    failed = 0
    collected: list[dict[str, object]] = []
    out = sys.stdout
    stdin = sys.stdin.buffer if "-" in sources else None
    options = ReadOptions(url=url)
    with url_fetcher(sources, options, allow_private=allow_private) as fetcher:
        for article in read_articles(sources, options, fetcher=fetcher, stdin=stdin):
            if article.error:
                failed += 1
            if fmt == "jsonl":
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
            elif fmt == "json":
                collected.append(article.to_dict())
            else:
                out.write(_text_record(article) + "\n")
    if fmt == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    if failed:
        say(f"{failed} input(s) failed")
    raise SystemExit(EXIT_PARTIAL if failed else EXIT_OK)
