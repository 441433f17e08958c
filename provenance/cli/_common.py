"""Shared CLI plumbing: exit statuses, logging set-up and option decorators."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from provenance.errors import ProvenanceError

#: Everything worked.
EXIT_OK = 0
#: The run finished, but some inputs failed (each is logged and reported).
EXIT_PARTIAL = 1
#: Usage or configuration error: nothing was done.
EXIT_USAGE = 2
#: Another run holds the store's lock (reserved for `crawl`).
EXIT_LOCKED = 3
#: The run could not go on: the store is unusable or refuses the parameters.
EXIT_FATAL = 4

F = TypeVar("F", bound=Callable[..., Any])


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
            },
            ensure_ascii=False,
        )


def configure_logging(verbosity: int, quiet: bool, log_format: str) -> None:
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbosity == 1:
        level = logging.INFO
    elif verbosity >= 2:
        level = logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("provenance: %(levelname)s: %(message)s"))
    root = logging.getLogger("provenance")
    root.handlers = [h for h in root.handlers if isinstance(h, logging.NullHandler)]
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="PATH|URL",
        default=lambda: os.environ.get("PROVENANCE_DB", "provenance.db"),
        show_default="./provenance.db or $PROVENANCE_DB",
        help="The store: a SQLite file, or a postgresql://user@host/dbname URL.",
    )(func)


def fail(exc: ProvenanceError, status: int = EXIT_FATAL) -> click.exceptions.Exit:
    """Print a library error as one line on stderr and return the Exit to raise."""
    click.echo(f"provenance: error: {exc}", err=True)
    return click.exceptions.Exit(status)
