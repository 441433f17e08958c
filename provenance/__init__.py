"""provenance: find where syndicated news comes from.

A notebook does what the CLI does::

    from provenance import Tracker, read_articles

    with Tracker("news.db") as tracker:
        tracker.ingest(read_articles(["crawl.warc.gz"]))
        tracker.match()
        print(tracker.trace("https://aggregator.example/story").to_dict())
"""

from __future__ import annotations

import importlib
import logging
import typing

from provenance._version import __version__ as __version__
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
from provenance.model import (
    Article as Article,
    Attribution as Attribution,
    Block as Block,
    Link as Link,
    Metadata as Metadata,
    Page as Page,
)

if typing.TYPE_CHECKING:
    from provenance.attribution import (
        find_attributions as find_attributions,
        list_patterns as list_patterns,
    )
    from provenance.evidence import Evidence as Evidence, Finding as Finding
    from provenance.extract import ExtractOptions as ExtractOptions
    from provenance.fingerprint import (
        Fingerprint as Fingerprint,
        FingerprintParams as FingerprintParams,
    )
    from provenance.link.chain import Hop as Hop, Trace as Trace
    from provenance.link.match import MatchConfig as MatchConfig, MatchResult as MatchResult
    from provenance.pipeline import IngestResult as IngestResult
    from provenance.read.articles import (
        article_from_text as article_from_text,
        read_articles as read_articles,
        read_items as read_items,
    )
    from provenance.read.items import ReadOptions as ReadOptions
    from provenance.report import EdgeRow as EdgeRow, Report as Report, SiteSummary as SiteSummary
    from provenance.tracker import Tracker as Tracker

#: Public names imported on first use, so `import provenance.extract` or
#: `provenance --version` does not load numpy, datasketch or httpx (PEP 562).
_LAZY: dict[str, str] = {
    "find_attributions": "provenance.attribution",
    "list_patterns": "provenance.attribution",
    "Evidence": "provenance.evidence",
    "Finding": "provenance.evidence",
    "ExtractOptions": "provenance.extract",
    "Fingerprint": "provenance.fingerprint",
    "FingerprintParams": "provenance.fingerprint",
    "Hop": "provenance.link.chain",
    "Trace": "provenance.link.chain",
    "MatchConfig": "provenance.link.match",
    "MatchResult": "provenance.link.match",
    "IngestResult": "provenance.pipeline",
    "article_from_text": "provenance.read.articles",
    "read_articles": "provenance.read.articles",
    "read_items": "provenance.read.articles",
    "ReadOptions": "provenance.read.items",
    "EdgeRow": "provenance.report",
    "Report": "provenance.report",
    "SiteSummary": "provenance.report",
    "Tracker": "provenance.tracker",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
