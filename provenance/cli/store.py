"""``provenance copy-store``: move a store between SQLite and PostgreSQL."""

from __future__ import annotations

import json

import click

from provenance.cli._common import EXIT_FATAL, EXIT_USAGE, fail
from provenance.errors import ProvenanceError, StoreNotFound


@click.command("copy-store")
@click.argument("source")
@click.argument("destination")
def copy_store(source: str, destination: str) -> None:
    """Copy the store SOURCE into a new or empty store DESTINATION, whole.

    Each is a SQLite file or a postgresql:// URL: every document, edge and finding
    is copied with its id.  Prints the rows copied per table as JSON.
    """
    from provenance.store.copy import copy_store as run_copy

    try:
        result = run_copy(source, destination)
    except StoreNotFound as exc:
        raise fail(exc, EXIT_USAGE) from exc
    except ProvenanceError as exc:
        raise fail(exc, EXIT_FATAL) from exc
    click.echo(json.dumps({"copied": result.rows}))
