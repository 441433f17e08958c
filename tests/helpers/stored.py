"""Building :class:`~provenance.store.base.StoredDocument` records directly, for unit tests
of the linking stage that need no store."""

from __future__ import annotations

from datetime import datetime, timedelta

from provenance.model import Attribution
from provenance.sites import host_of
from provenance.store.base import StoredDocument
from tests.helpers.matchkit import T0


def _when(value: datetime | float | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return T0 + timedelta(hours=value)


def stored_doc(
    url: str,
    *,
    id: int = 1,
    site: str | None = None,
    published: datetime | float | None = None,
    first_seen: datetime | float = 0.0,
    attributions: tuple[Attribution, ...] = (),
    canonical_url: str | None = None,
    og_url: str | None = None,
    title: str | None = None,
    text: str | None = None,
) -> StoredDocument:
    """A stored, matched-ready document.  ``published`` and ``first_seen`` take a datetime,
    or a number of hours after :data:`tests.helpers.matchkit.T0`."""
    seen = _when(first_seen)
    assert seen is not None
    return StoredDocument(
        id=id,
        url=url,
        revision=1,
        content_hash=f"hash-{id}",
        status="ok",
        error=None,
        site=site,
        domain=host_of(url),
        title=title,
        lang="en",
        published=_when(published),
        first_seen=seen,
        fetched_at=seen,
        canonical_url=canonical_url,
        og_url=og_url,
        attributions=attributions,
        matched=False,
        source=url,
        text=text,
    )


__all__ = ["stored_doc"]
