"""`provenance attributions --list`: what the attribution stage recognises."""

from __future__ import annotations

import json
import sys

import click

from provenance.attribution import list_patterns


@click.command()
@click.option("--list", "list_", is_flag=True, help="List every recognised credit pattern.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def attributions(list_: bool, fmt: str) -> None:
    """Show the credit patterns (footers, credit lines, head signals) that are recognised.

    Patterns are data: provenance/attribution/patterns.toml.  Adding a locale or a
    credit family means adding one entry there.
    """
    if not list_:
        raise click.UsageError("say what to show: --list")
    infos = list_patterns()
    if fmt == "json":
        rows = [
            {
                "name": i.name,
                "kind": i.kind,
                "lang": i.lang,
                "example": i.example,
                "description": i.description,
            }
            for i in infos
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(i.name) for i in infos)
    for i in infos:
        sys.stdout.write(f"{i.name:<{width}}  {i.kind:<20} {i.lang:<3} {i.example}\n")
