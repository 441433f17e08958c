"""provenance: find where syndicated news comes from.

A notebook does what the CLI does::

    from provenance import Tracker, read_articles

    with Tracker("news.db") as tracker:
        tracker.ingest(read_articles(["crawl.warc.gz"]))
        tracker.match()
        print(tracker.trace("https://aggregator.example/story").to_dict())
"""

from __future__ import annotations

import logging

from provenance._version import __version__ as __version__
from provenance.attribution import (
    find_attributions as find_attributions,
    list_patterns as list_patterns,
)
from provenance.errors import (
    BodyTooLarge as BodyTooLarge,
    ConfigError as ConfigError,
    CrawlConfigError as CrawlConfigError,
    DocumentNotFound as DocumentNotFound,
    EvaluationError as EvaluationError,
    ExtractionError as ExtractionError,
    FetchError as FetchError,
    FingerprintError as FingerprintError,
    HTTPStatusError as HTTPStatusError,
    LockHeld as LockHeld,
    ParameterMismatch as ParameterMismatch,
    ProvenanceError as ProvenanceError,
    RefusedURL as RefusedURL,
    RobotsDisallowed as RobotsDisallowed,
    SourceError as SourceError,
    StoreError as StoreError,
    StoreNotFound as StoreNotFound,
    UnexpectedContentType as UnexpectedContentType,
)
from provenance.evidence import Evidence as Evidence, Finding as Finding
from provenance.extract import ExtractOptions as ExtractOptions
from provenance.fingerprint import (
    Fingerprint as Fingerprint,
    FingerprintParams as FingerprintParams,
)
from provenance.link.chain import Hop as Hop, Trace as Trace
from provenance.link.match import MatchConfig as MatchConfig, MatchResult as MatchResult
from provenance.model import (
    Article as Article,
    Attribution as Attribution,
    Block as Block,
    Link as Link,
    Metadata as Metadata,
    Page as Page,
)
from provenance.pipeline import IngestResult as IngestResult
from provenance.read.articles import (
    article_from_text as article_from_text,
    read_articles as read_articles,
    read_items as read_items,
)
from provenance.read.items import ReadOptions as ReadOptions
from provenance.report import EdgeRow as EdgeRow, Report as Report, SiteSummary as SiteSummary
from provenance.tracker import Tracker as Tracker

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Attribution",
    "Block",
    "BodyTooLarge",
    "ConfigError",
    "CrawlConfigError",
    "DocumentNotFound",
    "EdgeRow",
    "EvaluationError",
    "Evidence",
    "ExtractOptions",
    "ExtractionError",
    "FetchError",
    "Finding",
    "Fingerprint",
    "FingerprintError",
    "FingerprintParams",
    "HTTPStatusError",
    "Hop",
    "IngestResult",
    "Link",
    "LockHeld",
    "MatchConfig",
    "MatchResult",
    "Metadata",
    "Page",
    "ParameterMismatch",
    "ProvenanceError",
    "ReadOptions",
    "RefusedURL",
    "Report",
    "RobotsDisallowed",
    "SiteSummary",
    "SourceError",
    "StoreError",
    "StoreNotFound",
    "Trace",
    "Tracker",
    "UnexpectedContentType",
    "__version__",
    "article_from_text",
    "find_attributions",
    "list_patterns",
    "read_articles",
    "read_items",
]
