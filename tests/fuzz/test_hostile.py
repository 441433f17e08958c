"""Property test: no hostile input makes a command fail with a traceback, every good
input beside it is kept, and the failures are counted (hardening issue).

CI runs a few examples; ``python benchmarks/fuzz_hostile.py --examples 2000`` runs long.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from provenance.cli import cli
from tests.fuzz.hostile import hostile_page, hostile_row
from tests.helpers.matchkit import text

EXAMPLES = int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES", "15"))
GOOD_PAGE = (
    "<html><head><title>Good</title></head><body><article>"
    + "".join(f"<p>{text(900 + i, 40)}</p>" for i in range(5))
    + "</article></body></html>"
)
GOOD_ROW = json.dumps({"url": "https://good.example/row", "text": text(901, 200)})


def _no_traceback(result: object) -> None:
    exc = getattr(result, "exception", None)
    assert exc is None or isinstance(exc, SystemExit), repr(exc)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pages=st.lists(hostile_page(), min_size=1, max_size=3), rows=st.lists(hostile_row(), max_size=5)
)
def test_ingest_keeps_good_inputs_beside_hostile_ones(pages: list[bytes], rows: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for i, page in enumerate(pages):
            (folder / f"bad{i}.html").write_bytes(page)
            names.append(str(folder / f"bad{i}.html"))
        (folder / "good.html").write_text(GOOD_PAGE)
        (folder / "rows.jsonl").write_text("\n".join([*rows, GOOD_ROW]) + "\n", "utf-8")
        sources = [*names, str(folder / "good.html"), str(folder / "rows.jsonl")]
        db = str(folder / "f.db")
        result = CliRunner().invoke(cli, ["ingest", *sources, "--db", db, "--jobs", "1"])
        _no_traceback(result)
        assert result.exit_code in (0, 1), result.output
        summary = json.loads(result.stdout)
        assert summary["added"] + summary["unchanged"] + summary["revisions"] >= 2
        listed = CliRunner().invoke(cli, ["trace", "https://good.example/row", "--db", db])
        assert listed.exit_code == 0, listed.output
        extracted = CliRunner().invoke(cli, ["extract", *names, "--format", "text"])
        _no_traceback(extracted)
        assert extracted.exit_code in (0, 1)
