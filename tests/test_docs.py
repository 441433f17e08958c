"""The README stays in sync with the CLI and with CI."""

from __future__ import annotations

import pathlib
import re

import click
import pytest

from provenance.cli import cli
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def _subcommands(group: click.Group) -> list[tuple[str, click.Command]]:
    """Every subcommand, the lazily imported ones included."""
    ctx = click.Context(group)
    found = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    return sorted((name, command) for name, command in found if command is not None)


def _commands(group: click.Group, prefix: str = "provenance") -> list[str]:
    names = []
    for name, command in _subcommands(group):
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix} {name}"))
    return names


def test_every_command_is_documented() -> None:
    for command in _commands(cli):
        last = command.split()[-1]
        parent = " ".join(command.split()[:-1])
        assert command in README or (parent != "provenance" and last in README), command


def _leaf_commands(
    group: click.Group, prefix: str = "provenance"
) -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in _subcommands(group):
        if isinstance(command, click.Group):
            out.extend(_leaf_commands(command, f"{prefix} {name}"))
        else:
            out.append((f"{prefix} {name}", command))
    return out


def test_every_option_of_every_command_is_documented() -> None:
    """As sqlite-utils checks its CLI reference: each command's --help options appear in
    the README (a long option name, as typed)."""
    missing = [
        (name, option.opts)
        for name, command in _leaf_commands(cli)
        for option in command.params
        if isinstance(option, click.Option)
        and (longs := [o for o in option.opts if o.startswith("--")])
        and not any(o in README for o in longs)
    ]
    assert not missing


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    lines = [ln for ln in first_block.group(1).splitlines() if ln and not ln.startswith("#")]
    assert len(lines) == 2
    assert "provenance audit corpora/demo/demo.warc.gz" in lines[0]
    assert "pytest" in lines[1]


def test_ci_runs_the_readme_test_command() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    test_command = next(ln for ln in first_block.group(1).splitlines() if "pytest" in ln)
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_exit_status_is_documented() -> None:
    for status in range(5):
        assert re.search(rf"^\| {status} \|", README, re.M), status


def test_every_python_block_of_the_readme_runs(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's library examples run as written, from a checkout, on the demo corpus."""
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    (tmp_path / "corpora").symlink_to(ROOT / "corpora")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "('origin', 'Harbour Times')" in out
    assert "Noorderlicht" in out
