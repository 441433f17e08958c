"""`provenance attributions`: listing the credit patterns."""

from __future__ import annotations

import json

from click.testing import CliRunner

from provenance.cli import cli


def test_attributions_list_names_every_locale() -> None:
    result = CliRunner().invoke(cli, ["attributions", "--list", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    langs = {r["lang"] for r in rows if r["kind"] == "appeared-first-on"}
    assert {"en", "de", "fr", "es", "ru", "pl", "nl", "it", "pt"} <= langs
    assert CliRunner().invoke(cli, ["attributions"]).exit_code == 2
