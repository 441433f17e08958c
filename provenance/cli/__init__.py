"""The command-line interface: arguments in, library calls, output and exit status out.

A thin shell over the library; click is used only here."""

from __future__ import annotations

import importlib
import signal
from collections.abc import Sequence
from typing import Any

import click

from provenance._version import __version__
from provenance.cli._common import configure_logging, say

#: Each subcommand's module, imported only when the command runs (or help lists it), so
#: ``provenance --version`` and ``provenance extract`` do not load the store, numpy,
#: datasketch or httpx.
_COMMANDS = {
    "attributions": "provenance.cli.attributions",
    "audit": "provenance.cli.track",
    "copy-store": "provenance.cli.store",
    "crawl": "provenance.cli.crawl",
    "eval": "provenance.cli.evaluate",
    "export": "provenance.cli.export",
    "extract": "provenance.cli.extract",
    "ingest": "provenance.cli.track",
    "match": "provenance.cli.track",
    "report": "provenance.cli.track",
    "trace": "provenance.cli.track",
}
#: The function name of each command whose name differs from it.
_FUNCTIONS = {"eval": "evaluate", "copy-store": "copy_store"}


class _LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module = importlib.import_module(_COMMANDS[cmd_name])
            command = getattr(module, _FUNCTIONS.get(cmd_name, cmd_name))
            if not isinstance(command, click.Command):
                raise TypeError(f"{_COMMANDS[cmd_name]}.{cmd_name} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        given = list(args)  # parsing consumes ``args``
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:  # a bad global option
            if not _asks_for_json(given):
                raise
            _json_error(exc)
            raise click.exceptions.Exit(exc.exit_code) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Under --log-format json a usage error is a JSON line too, not click's text."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.Abort) as exc:
            if ctx.params.get("log_format") != "json":
                raise
            _json_error(exc)
            code = exc.exit_code if isinstance(exc, click.ClickException) else 1
            raise click.exceptions.Exit(code) from None


def _asks_for_json(args: Sequence[str]) -> bool:
    pairs = zip(args, [*args[1:], ""], strict=True)
    return "--log-format=json" in args or ("--log-format", "json") in pairs


def _json_error(exc: click.ClickException | click.Abort) -> None:
    """One JSON line for click's own error (which it would print as usage text)."""
    with click.Context(cli, obj={}) as ctx:
        ctx.params["log_format"] = "json"
        say(exc.format_message() if isinstance(exc, click.ClickException) else "aborted")


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
      130, 143  stopped by Ctrl-C or SIGTERM (the next run resumes)
    """
    configure_logging(verbose, quiet, log_format)


def _terminate(signum: int, frame: object) -> None:
    """Ctrl-C and SIGTERM end the run with status 128 + the signal (130, 143), as a
    shell reports a process the signal killed: stores and worker pools close on the
    way out.  (Left to Python and click, Ctrl-C would exit 1, "some inputs failed".)"""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    cli(prog_name="provenance")


__all__ = ["cli", "main"]
