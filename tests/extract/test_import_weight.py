"""Extraction stays light to start: no numpy, datasketch, scipy or httpx on its path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import FIXTURES

#: Loaded only by the commands that need them (matching, the store, fetching, dates
#: printed as text): never by `import provenance.extract` or `provenance extract PAGE`.
HEAVY = (
    "datasketch",
    "scipy",
    "numpy",
    "httpx",
    "networkx",
    "warcio",
    "dateparser",
    "feedparser",
)

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _loaded_after(body: str) -> list[str]:
    code = _PROBE.format(body=body, heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "body",
    [
        "import provenance",
        "import provenance.extract",
        "import provenance.cli",
    ],
)
def test_imports_stay_light(body: str) -> None:
    assert _loaded_after(body) == []


def test_cli_extract_of_a_page_stays_light() -> None:
    page = FIXTURES / "metadata" / "graph.html"
    body = f"""
import contextlib, io
from provenance.cli import cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        cli(["extract", {str(page)!r}], prog_name="provenance")
    except SystemExit as exc:
        assert exc.code == 0, exc.code
assert '"published": "2023-04-11T08:30:00+01:00"' in out.getvalue(), out.getvalue()
"""
    assert _loaded_after(body) == []


def test_version_loads_no_extraction() -> None:
    body = """
from provenance.cli import cli
try:
    cli(["--version"], prog_name="provenance")
except SystemExit:
    pass
assert "provenance.extract" not in sys.modules
"""
    assert _loaded_after(body) == []
