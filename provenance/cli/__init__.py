"""The command-line interface: arguments in, library calls, output and exit status out.

A thin shell over the library; click is used only here."""

from __future__ import annotations

import signal

import click

from provenance._version import __version__
from provenance.cli._common import configure_logging
from provenance.cli.attributions import attributions
from provenance.cli.crawl import crawl
from provenance.cli.evaluate import evaluate
from provenance.cli.export import export
from provenance.cli.extract import extract
from provenance.cli.store import copy_store
from provenance.cli.track import audit, ingest, match, report, trace


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json gives one object per log line, for log collectors.",
)
def cli(verbose: int, quiet: bool, log_format: str) -> None:
    """Find where syndicated news comes from.

    \b
    Exit status:
      0  success
      1  the run finished but some inputs failed (or an evaluation fell below its floor)
      2  usage or configuration error
      3  another run holds the store's lock
      4  fatal: the store is unusable or was written with other parameters
    """
    configure_logging(verbose, quiet, log_format)


cli.add_command(extract)
cli.add_command(attributions)
cli.add_command(evaluate)
cli.add_command(export)
cli.add_command(copy_store)
for _command in (ingest, match, trace, audit, report, crawl):
    cli.add_command(_command)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C: stores and worker pools close on the way out."""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="provenance")


__all__ = ["cli", "main"]
