"""Shared CLI plumbing: exit statuses, logging set-up, messages on stderr, the progress
line and option decorators."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

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
                **({"traceback": self.formatException(record.exc_info)} if record.exc_info else {}),
            },
            ensure_ascii=False,
        )


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to stderr, clearing the progress line first so a log line never lands on it."""

    def emit(self, record: logging.LogRecord) -> None:
        _clear_progress()
        super().emit(record)


def configure_logging(verbosity: int, quiet: bool, log_format: str) -> None:
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbosity == 1:
        level = logging.INFO
    elif verbosity >= 2:
        level = logging.DEBUG
    handler = _Handler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("provenance: %(levelname)s: %(message)s"))
    root = logging.getLogger("provenance")
    root.handlers = [h for h in root.handlers if isinstance(h, logging.NullHandler)]
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    # In json mode a Python warning (a dependency's, say) is a JSON line like the rest.
    logging.captureWarnings(log_format == "json")
    warnings_log = logging.getLogger("py.warnings")
    warnings_log.handlers = [h for h in warnings_log.handlers if not isinstance(h, _Handler)]
    if log_format == "json":
        warnings_log.addHandler(handler)
        warnings_log.propagate = False
        sys.excepthook = _json_excepthook  # a bug's traceback is one JSON line too
    elif sys.excepthook is _json_excepthook:
        sys.excepthook = sys.__excepthook__


def _json_excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
    """In json mode an uncaught exception (a bug) is logged as one JSON line, its
    traceback in the ``traceback`` field, instead of Python's lines of text."""
    logging.getLogger("provenance").critical(
        "uncaught %s: %s; this is a bug, please report it", kind.__name__, value,
        exc_info=(kind, value, tb),
    )  # fmt: skip


def _root_params() -> dict[str, Any]:
    """The group's options (-q, --log-format) of the command running, if one is."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params if ctx is not None else {}


def json_logs() -> bool:
    """Does this run write its stderr as JSON lines (``--log-format json``)?"""
    return _root_params().get("log_format") == "json"


_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}


def say(message: str, level: str = "error", *, label: str | None = None) -> None:
    """Tell the person running the command something on stderr: ``provenance: message``
    (``provenance: label: message`` with a label), or under ``--log-format json`` one
    JSON object line like the logs' (``{"level": ..., "message": ...}``, the label
    leading the message unless it only repeats the level).  Shown
    whatever -q says: these are the run's errors and outcomes, not chatter."""
    _clear_progress()
    if json_logs():
        text = f"{label}: {message}" if label and label != level else message
        record = logging.LogRecord("provenance.cli", _LEVELS[level], __file__, 0, text, None, None)
        click.echo(_JsonFormatter().format(record), err=True)
    else:
        click.echo(f"provenance: {label + ': ' if label else ''}{message}", err=True)


#: What a progress stage counts, when it does not name it itself ("items", "sources").
_UNITS = {"ingest": "docs", "match": "docs"}


#: Cells of the bar drawn when a total is known.
_BAR_WIDTH = 20


def _bar(share: float) -> str:
    """``[#######-------------]``: ``share`` (0..1) of the way."""
    filled = round(max(0.0, min(1.0, share)) * _BAR_WIDTH)
    return "[" + "#" * filled + "-" * (_BAR_WIDTH - filled) + "]"


class ProgressLine:
    """One status line redrawn in place on a terminal (carriage return), at most every
    ``interval`` seconds: ``ingest: 1,200 docs, 340 docs/s`` or, with a total,
    ``match: 300/1,000 docs (30%), 85 docs/s``.  Call it as a progress hook,
    ``line(stage, done)`` or ``line(stage, done, total)``; :meth:`close` clears it."""

    def __init__(
        self,
        label: str,
        stream: TextIO | None = None,
        *,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        self._clock = clock
        self._totals: dict[str, int] = {}
        self._stage = ""
        self._start = clock()
        self._last = -float("inf")
        self._shown = 0

    def expect(self, stage: str, total: int) -> None:
        """Show ``stage``'s counts out of ``total`` (when its hook does not pass one)."""
        self._totals[stage] = total

    def __call__(self, stage: str, done: int, total: int | None = None) -> None:
        now = self._clock()
        if stage != self._stage:  # a new stage: its rate counts from now
            if self._stage:
                self._start = now
            self._stage, self._last = stage, -float("inf")
        if now - self._last < self._interval:
            return
        self._last = now
        self._draw(self.render(stage, done, total, now - self._start))

    def render(self, stage: str, done: int, total: int | None, elapsed: float) -> str:
        """The line's text: label, stage, count (of the total), share and rate."""
        unit = _UNITS.get(stage, stage)
        head = f"{self.label}:" if stage in (self.label, unit) else f"{self.label}: {stage}"
        total = total if total is not None else self._totals.get(stage)
        count = f"{done:,}/{total:,} {unit} ({done / total:.0%})" if total else f"{done:,} {unit}"
        if total:
            head = f"{head} {_bar(done / total)}"
        if elapsed < 0.05:  # too soon to tell a rate
            return f"{head} {count}"
        rate = done / elapsed
        per_second = f"{rate:,.1f}" if rate < 10 else f"{rate:,.0f}"
        return f"{head} {count}, {per_second} {unit}/s"

    def _draw(self, text: str) -> None:
        global _active
        _active = self
        width = max(10, shutil.get_terminal_size().columns - 1)
        text = text[:width]
        pad = " " * max(0, self._shown - len(text))
        self._stream.write(f"\r{text}{pad}")
        self._stream.flush()
        self._shown = len(text)

    def clear(self) -> None:
        """Wipe the line (it comes back at the next update)."""
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0
            self._last = -float("inf")

    def close(self) -> None:
        global _active
        self.clear()
        if _active is self:
            _active = None


#: The progress line on the terminal now, cleared before anything else is written there.
_active: ProgressLine | None = None


def _clear_progress() -> None:
    if _active is not None:
        _active.clear()


def show_progress() -> bool:
    """A progress line only for a person watching: stderr is a terminal, and neither
    -q nor --log-format json was given (under cron stderr is a file or a pipe)."""
    params = _root_params()
    if params.get("quiet") or params.get("log_format") == "json":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


@contextmanager
def progress_line(label: str) -> Iterator[ProgressLine | None]:
    """A :class:`ProgressLine` on stderr when :func:`show_progress`, else None; cleared
    on the way out, however the block ends."""
    line = ProgressLine(label) if show_progress() else None
    try:
        yield line
    finally:
        if line is not None:
            line.close()


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
    """Print a library error as one line on stderr (JSON under ``--log-format json``) and
    return the Exit to raise."""
    say(str(exc), "error", label="error")
    return click.exceptions.Exit(status)
