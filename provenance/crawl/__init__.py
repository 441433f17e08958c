"""Crawl: a config of feeds, sitemaps and pages in; new documents in the store and a
run summary out.  Unattended, for cron.

``run_crawl(load_config("crawl.toml"), "news.db")`` runs once and returns a
:class:`CrawlSummary`; see :mod:`provenance.crawl.config` for the file format.
"""

from __future__ import annotations

from provenance.crawl.config import CrawlConfig, SourceConfig, load_config, parse_config
from provenance.crawl.runner import run_crawl
from provenance.crawl.summary import CrawlSummary, CreditFollowed, EdgeFound, Failure
from provenance.errors import CrawlConfigError, LockHeld

__all__ = [
    "CrawlConfig",
    "CrawlConfigError",
    "CrawlSummary",
    "CreditFollowed",
    "EdgeFound",
    "Failure",
    "LockHeld",
    "SourceConfig",
    "load_config",
    "parse_config",
    "run_crawl",
]
