"""`provenance ingest | match | trace | audit | report`: the store-backed commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

import click

from provenance.cli._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    ProgressLine,
    db_option,
    fail,
    progress_line,
    say,
)
from provenance.errors import DocumentNotFound, ProvenanceError, StoreNotFound
from provenance.fetch import FetchSettings, HttpClient
from provenance.link.chain import Trace
from provenance.link.match import MatchResult
from provenance.model import Page
from provenance.pipeline import IngestResult, default_jobs
from provenance.read.articles import ReadOptions, read_items
from provenance.read.sources import url_fetcher
from provenance.report import Report, write_csv, write_jsonl, write_table, write_trace
from provenance.report.html import HtmlOptions, write_html
from provenance.tracker import Fetch, Tracker


@contextmanager
def _tracker(db: str, *, read_only: bool = False) -> Iterator[Tracker]:
    """The tracker a command works with; read-only commands never write (nor wait for
    a writer), and a missing store is a usage error for them, not a new empty one."""
    try:
        tracker = Tracker(db, read_only=read_only)
    except StoreNotFound as exc:
        raise fail(exc, EXIT_USAGE) from exc
    except ProvenanceError as exc:
        raise fail(exc, EXIT_FATAL) from exc
    try:
        yield tracker
    except ProvenanceError as exc:
        raise fail(exc, EXIT_FATAL) from exc
    finally:
        tracker.close()


def _ingest(
    tracker: Tracker,
    sources: tuple[str, ...],
    jobs: int | None = None,
    *,
    allow_private: bool = False,
    progress: ProgressLine | None = None,
) -> IngestResult:
    """Ingest on ``jobs`` processes (all cores by default); URLs under the typed-URL policy."""
    stdin = sys.stdin.buffer if "-" in sources else None
    options = ReadOptions()
    with url_fetcher(sources, options, allow_private=allow_private) as fetcher:
        items = read_items(sources, options, fetcher=fetcher, stdin=stdin)
        return tracker.ingest(items, progress, jobs=jobs or default_jobs())


def _match(tracker: Tracker, progress: ProgressLine | None = None) -> MatchResult:
    """Match, counting the documents done out of those waiting."""
    if progress is not None:
        progress.expect("match", tracker.store.counts()["unmatched"])
    return tracker.match(progress)


_jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes extracting and fingerprinting (default: every core).",
)
_allow_private_option = click.option(
    "--allow-private",
    is_flag=True,
    help="Fetch URLs on loopback, private and link-local addresses (refused by default).",
)


def _summary(result: IngestResult) -> dict[str, object]:
    data = result.to_dict()
    data.pop("doc_ids", None)
    return data


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@_jobs_option
@_allow_private_option
def ingest(sources: tuple[str, ...], db: str, jobs: int | None, allow_private: bool) -> None:
    """Store documents: anything `extract` reads, plus JSON Lines of extracted articles.

    A JSON Lines row has "url" and "text" (or "html"), and optionally "title",
    "published" and "site_name".  The same URL with the same text is stored once;
    changed text becomes a new revision.  Prints a JSON summary.  Exit status:
    0 all stored, 1 some inputs failed, 4 the store is unusable.
    """
    with _tracker(db) as tracker, progress_line("ingest") as progress:
        result = _ingest(tracker, sources, jobs, allow_private=allow_private, progress=progress)
    sys.stdout.write(json.dumps(_summary(result), indent=2) + "\n")
    if result.failed_inputs:
        say(f"{result.failed_inputs} input(s) failed")
    raise SystemExit(EXIT_PARTIAL if result.failed_inputs else EXIT_OK)


@click.command()
@db_option
def match(db: str) -> None:
    """Link every document not matched yet (incremental).  Prints a JSON summary."""
    with _tracker(db) as tracker, progress_line("match") as progress:
        result = _match(tracker, progress)
    sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")


def _fetch_page(fetcher: HttpClient, url: str) -> Page | None:
    try:
        return fetcher.fetch(url).page
    except ProvenanceError as exc:
        say(str(exc), "warning")
        return None


def _trace_fetch(stack: ExitStack, target: str, allow_private: bool) -> Fetch:
    """Fetch ``target`` as a typed URL and anything else (credit links) as named URLs."""
    typed = stack.enter_context(
        HttpClient(FetchSettings.for_typed_url(allow_private=allow_private))
    )
    named = stack.enter_context(
        HttpClient(FetchSettings.for_named_url(allow_private=allow_private))
    )
    return lambda url: _fetch_page(typed if url == target else named, url)


@click.command()
@click.argument("target")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--fetch",
    "do_fetch",
    is_flag=True,
    help="Fetch a credited original the store lacks, ingest it and verify it by text.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="With --fetch: allow loopback, private and link-local addresses (refused by default).",
)
def trace(target: str, db: str, fmt: str, do_fetch: bool, allow_private: bool) -> None:
    """The chain from a document (URL or id) back to its origin, with the evidence.

    With --fetch, a TARGET URL the store lacks is fetched, and credit links are
    followed like the crawler follows them (robots.txt obeyed).  Unless
    --allow-private, loopback, private and link-local addresses are refused.
    """
    ref: str | int = int(target) if target.isdigit() else target
    with _tracker(db, read_only=not do_fetch) as tracker, ExitStack() as stack:
        fetch = _trace_fetch(stack, target, allow_private) if do_fetch else None
        try:
            result = tracker.trace(ref, fetch=fetch)
        except DocumentNotFound as exc:
            raise fail(exc, EXIT_USAGE) from exc
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        write_trace(result, sys.stdout)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl", "json", "html"]),
    default=None,
    help="Output format (default: from the -o file's extension: .txt, .csv, .jsonl, .json, "
    ".html; else table).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def report(db: str, fmt: str | None, output: Path | None) -> None:
    """Copy edges and a per-site summary.

    One row per copy edge: copy_url, source_url, jaccard, containment (of the
    copy in the source), attributed, lag_seconds, direction_evidence and
    confidence; then reposts, sources copied, share attributed, median lag and
    median containment per site; then one line per story cluster (the documents
    copy edges join): its headline, origin, sites, share crediting the origin,
    median and max lag ("clusters" in JSON, "cluster" rows in JSON Lines).

    \b
    --format html writes one self-contained page (it loads nothing, opens
    offline): charts of copies, credit and lag per site, every chain with its
    evidence, the sites, the edges and the findings.
    """
    fmt = fmt or _format_of(output)
    chains: list[Trace] = []
    total = 0
    with _tracker(db, read_only=True) as tracker:
        result = tracker.report()
        if fmt == "html":
            total = len(result.copy_urls())
            chains = tracker.chains(result, limit=HtmlOptions().max_chains)
    if output is None:
        _write_report(result, fmt, sys.stdout, chains, total)
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            _write_report(result, fmt, out, chains, total)


_EXTENSIONS = {
    ".txt": "table",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def _format_of(output: Path | None) -> str:
    """The report format a file name asks for (``out.csv`` → csv), else the table."""
    return _EXTENSIONS.get(output.suffix.lower(), "table") if output is not None else "table"


def _write_report(
    result: Report, fmt: str, out: TextIO, chains: list[Trace] | None = None, total: int = 0
) -> None:
    if fmt == "table":
        write_table(result, out)
    elif fmt == "csv":
        write_csv(result, out)
    elif fmt == "jsonl":
        write_jsonl(result, out)
    elif fmt == "html":
        write_html(result, out, chains or (), total_chains=total)
    else:
        out.write(result.to_json() + "\n")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@_jobs_option
@_allow_private_option
def audit(sources: tuple[str, ...], db: str, jobs: int | None, allow_private: bool) -> None:
    """Ingest, match and print a readable report: edges, site summary, story clusters
    and every chain.

    Exit status: 0 all inputs stored, 1 some failed, 4 the store is unusable.
    """
    with _tracker(db) as tracker:
        with progress_line("audit") as progress:
            ingested = _ingest(
                tracker, sources, jobs, allow_private=allow_private, progress=progress
            )
            matched = _match(tracker, progress)
        result = tracker.report()
        traces = tracker.chains(result)
    out = sys.stdout
    out.write(
        f"ingested {ingested.added} new, {ingested.revisions} revised, "
        f"{ingested.unchanged} unchanged, {ingested.failed_inputs} failed, "
        f"{ingested.too_short} too short to match; "
        f"matched {matched.documents} documents, {matched.edges} new edges\n\n"
    )
    write_table(result, out)
    out.write("\nCHAINS (origin last)\n")
    for item in traces:
        out.write("\n")
        write_trace(item, out)
    raise SystemExit(EXIT_PARTIAL if ingested.failed_inputs else EXIT_OK)
