"""provenance: find where syndicated news comes from."""

from __future__ import annotations

import logging

from .errors import (
    EvaluationError as EvaluationError,
    ExtractionError as ExtractionError,
    FetchError as FetchError,
    FingerprintError as FingerprintError,
    ParameterMismatch as ParameterMismatch,
    ProvenanceError as ProvenanceError,
    SourceError as SourceError,
    StoreError as StoreError,
)
from .extract import ExtractOptions as ExtractOptions, extract as extract
from .model import (
    Article as Article,
    Attribution as Attribution,
    Block as Block,
    Link as Link,
    Metadata as Metadata,
    Page as Page,
)

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Attribution",
    "Block",
    "EvaluationError",
    "ExtractOptions",
    "ExtractionError",
    "FetchError",
    "FingerprintError",
    "Link",
    "Metadata",
    "Page",
    "ParameterMismatch",
    "ProvenanceError",
    "SourceError",
    "StoreError",
    "__version__",
    "extract",
]
