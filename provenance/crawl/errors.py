"""Crawl errors: a bad config file and a lock held by another run."""

from __future__ import annotations

from provenance.errors import ProvenanceError


class CrawlConfigError(ProvenanceError):
    """The crawl config file is missing, not TOML, or has a bad key or value."""


class LockHeld(ProvenanceError):
    """Another crawl holds the store's lock."""


__all__ = ["CrawlConfigError", "LockHeld"]
