"""`provenance crawl`: fetch new items from feeds and sitemaps, unattended."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from provenance.cli._common import (
    EXIT_FATAL,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    db_option,
    fail,
    progress_line,
    say,
)
from provenance.crawl import CrawlConfigError, LockHeld, load_config, run_crawl
from provenance.errors import ProvenanceError


@click.command()
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The crawl config (TOML with [[source]] tables and a [crawl] table).",
)
@db_option
@click.option(
    "--archive",
    "archive_dir",
    type=click.Path(file_okay=False),
    help="Write every request and response to a WARC file in this folder (one per run).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow loopback, private and link-local addresses (refused by default).",
)
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False),
    help="Write the run summary JSON here instead of stdout.",
)
def crawl(
    config_path: str,
    db: str,
    archive_dir: str | None,
    allow_private: bool,
    summary_path: str | None,
) -> None:
    """Crawl feeds, sitemaps and pages into the store, then match and follow credits.

    Each run reads every source, fetches only items not seen before (by
    GUID/URL and conditional GET), ingests and matches them, follows credit
    links to originals missing from the store, and writes a JSON summary.
    Safe under cron: one run per store at a time, and a killed run resumes.

    \b
    Exit status:
      0  success
      1  the run finished but some items failed (listed in the summary)
      2  usage or configuration error (nothing was done)
      3  another crawl holds the store's lock (nothing was done)
      4  fatal: the store is unusable
    """
    try:
        config = load_config(config_path)
    except CrawlConfigError as exc:
        raise fail(exc, EXIT_USAGE) from None
    try:
        with progress_line("crawl") as progress:
            summary = run_crawl(
                config, db, archive_dir=archive_dir, allow_private=allow_private, progress=progress
            )
    except LockHeld as exc:
        raise fail(exc, EXIT_LOCKED) from None
    except ProvenanceError as exc:
        raise fail(exc, EXIT_FATAL) from None
    text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if summary_path:
        try:
            Path(summary_path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise fail(
                ProvenanceError(f"{summary_path}: cannot write: {exc}"), EXIT_FATAL
            ) from None
    else:
        sys.stdout.write(text)
    if summary.dead:
        say(
            f"all {summary.sources} source(s) failed or were refused; check the config's URLs",
            label="crawl",
        )
    elif not summary.ok:
        say(f"{summary.failed} item(s) failed", label="crawl")
    raise SystemExit(EXIT_OK if summary.ok else EXIT_PARTIAL)
