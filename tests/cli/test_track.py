"""`provenance ingest | match | trace | report`: JSON Lines input, formats, exit statuses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import cli
from provenance.fingerprint.minhash import FingerprintParams
from provenance.tracker import Tracker
from tests.helpers.matchkit import text

ORIGINAL = text(60, 400)


def _rows(path: Path) -> Path:
    rows = [
        {"url": "https://origin.example/a", "text": ORIGINAL, "site_name": "Origin Post",
         "published": "2026-02-01T08:00:00+00:00", "title": "A story"},
        {"url": "https://relay.example/a",
         "text": ORIGINAL + "\n\nThe post A story appeared first on Origin Post.",
         "published": "2026-02-01T10:00:00+00:00"},
        {"url": "https://broken.example/x"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def test_ingest_match_trace_report(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "t.db")
    docs = _rows(tmp_path / "docs.jsonl")
    result = runner.invoke(cli, ["ingest", str(docs), "--db", db])
    assert result.exit_code == 1, result.output  # the row without text failed
    summary = json.loads(result.stdout)
    assert summary["added"] == 2 and summary["failed"] == 1
    assert "docs.jsonl:3" in result.stderr

    assert runner.invoke(cli, ["match", "--db", db]).exit_code == 0
    traced = runner.invoke(
        cli, ["trace", "https://relay.example/a", "--db", db, "--format", "json"]
    )
    assert traced.exit_code == 0, traced.output
    chain = json.loads(traced.stdout)["chain"]
    assert [h["url"] for h in chain] == ["https://relay.example/a", "https://origin.example/a"]
    assert [h["role"] for h in chain] == ["copy", "origin"]
    assert any(e["kind"] == "credit" for e in chain[1]["evidence"])

    as_csv = runner.invoke(cli, ["report", "--db", db, "--format", "csv"])
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert row["copy_url"] == "https://relay.example/a" and row["attributed"] == "True"
    assert float(row["lag_seconds"]) == 7200
    out = tmp_path / "report.json"
    assert (
        runner.invoke(cli, ["report", "--db", db, "--format", "json", "-o", str(out)]).exit_code
        == 0
    )
    assert json.loads(out.read_text())["edges"][0]["source_url"] == "https://origin.example/a"
    table = runner.invoke(cli, ["report", "--db", db])
    assert "Origin Post" in table.stdout


def test_ingest_is_idempotent_and_keeps_revisions(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "t.db")
    docs = _rows(tmp_path / "docs.jsonl")
    runner.invoke(cli, ["ingest", str(docs), "--db", db])
    rerun = runner.invoke(cli, ["ingest", str(docs), "--db", db])
    assert rerun.exit_code == 1  # the bad row is still bad
    again = json.loads(rerun.stdout)
    assert again["added"] == 0 and again["failed_inputs"] == 1
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({"url": "https://origin.example/a", "text": text(61, 300)}))
    revised = json.loads(runner.invoke(cli, ["ingest", str(changed), "--db", db]).stdout)
    assert revised["revisions"] == 1


def test_store_with_other_parameters_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Tracker(db, FingerprintParams(normaliser_version=0)):
        pass
    result = CliRunner().invoke(cli, ["match", "--db", str(db)])
    assert result.exit_code == 4
    assert "normaliser_version" in result.stderr and "new --db" in result.stderr


def test_store_with_other_tunable_parameters_is_adopted(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Tracker(db, FingerprintParams(num_perm=64, lsh_bands=32)):
        pass
    result = CliRunner().invoke(cli, ["match", "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_trace_of_an_unknown_document_is_a_usage_error(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    missing = CliRunner().invoke(cli, ["trace", "https://nowhere.example/", "--db", db])
    assert missing.exit_code == 2 and "no store at" in missing.stderr
    assert not (tmp_path / "t.db").exists()  # a read-only command creates nothing
    assert CliRunner().invoke(cli, ["match", "--db", db]).exit_code == 0
    result = CliRunner().invoke(cli, ["trace", "https://nowhere.example/", "--db", db])
    assert result.exit_code == 2
    assert "nowhere.example" in result.stderr


def test_report_on_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "missing.db" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_newer_schema_and_damaged_store_exit_4(tmp_path: Path) -> None:
    import sqlite3

    from provenance.store.schema import SCHEMA_VERSION

    db = tmp_path / "s.db"
    assert CliRunner().invoke(cli, ["match", "--db", str(db)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    newer = CliRunner().invoke(cli, ["match", "--db", str(db)])
    assert newer.exit_code == 4 and "schema version 99" in newer.stderr
    assert "Traceback" not in newer.output
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )
        conn.execute("UPDATE meta SET value = '{not json' WHERE key = 'params'")
    damaged = CliRunner().invoke(cli, ["report", "--db", str(db)])
    assert damaged.exit_code == 4 and "damaged" in damaged.stderr
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    broken = CliRunner().invoke(cli, ["report", "--db", str(garbage)])
    assert broken.exit_code == 4 and "garbage.db" in broken.stderr


def test_readers_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """report and trace open the store read-only: a long write transaction elsewhere
    (a match batch) does not make them wait 30 s and fail."""
    import sqlite3

    db = tmp_path / "s.db"
    assert CliRunner().invoke(cli, ["match", "--db", str(db)]).exit_code == 0
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a match batch does
        writer.execute("INSERT INTO meta(key, value) VALUES ('busy', 'yes')")
        result = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["edges"] == []
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    docs = _rows(tmp_path / "docs.jsonl")
    CliRunner().invoke(cli, ["ingest", str(docs)], env={"PROVENANCE_DB": str(db)})
    assert db.exists()


def test_trace_fetch_verifies_a_credited_original(tmp_path: Path, local_server: str) -> None:
    from tests.helpers.pages import ORIGINAL_BODY

    original = f"{local_server}/original"
    copy_html = (
        f"<html><body><article>{ORIGINAL_BODY}<p>The post <a href='{original}'>Weir survey</a>"
        f" appeared first on <a href='{local_server}/'>River Gazette</a>.</p>"
        "</article></body></html>"
    )
    docs = tmp_path / "copy.jsonl"
    docs.write_text(json.dumps({"url": "https://relay.example/weirs", "html": copy_html}))
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(docs), "--db", db]).exit_code == 0

    refused = runner.invoke(cli, ["trace", "https://relay.example/weirs", "--db", db, "--fetch",
                                  "--format", "json"])  # fmt: skip
    assert refused.exit_code == 0
    assert "loopback" in refused.stderr or "private" in refused.stderr
    assert json.loads(refused.stdout)["chain"][-1]["doc_id"] is None

    fetched = runner.invoke(cli, ["trace", "https://relay.example/weirs", "--db", db, "--fetch",
                                  "--allow-private", "--format", "json"])  # fmt: skip
    assert fetched.exit_code == 0, fetched.output
    chain = json.loads(fetched.stdout)["chain"]
    assert chain[-1]["url"] == original and chain[-1]["doc_id"] is not None
    assert chain[-1]["role"] == "origin"


def test_report_output_format_follows_the_file_extension(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    docs = _rows(tmp_path / "docs.jsonl")
    CliRunner().invoke(cli, ["ingest", str(docs), "--db", db])
    CliRunner().invoke(cli, ["match", "--db", db])
    for name, check in (
        ("out.csv", lambda t: t.startswith("copy_url,source_url")),
        ("out.json", lambda t: "edges" in json.loads(t)),
        ("out.jsonl", lambda t: json.loads(t.splitlines()[0])["type"] == "edge"),
        ("out.txt", lambda t: t.startswith("COPY")),
    ):
        out = tmp_path / name
        result = CliRunner().invoke(cli, ["report", "--db", db, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert check(out.read_text()), name


_READ_AS_NOBODY = """
import encodings.idna, json, os, sys
from click.testing import CliRunner
from provenance.cli import cli
import provenance.cli.track, provenance.report, provenance.report.html, provenance.tracker
from provenance.sites import registrable_domain
registrable_domain("warm.example.com")  # load the suffix list before giving up root
# Import first (the interpreter may live under /root), then become nobody, who cannot
# write the store's folder.
if os.geteuid() == 0:
    os.setgid(65534); os.setuid(65534)
r = CliRunner().invoke(cli, ["report", "--format", "json", "--db", sys.argv[1]])
print(json.dumps([r.exit_code, r.stderr, r.stdout]))
"""


def test_a_store_in_a_read_only_folder_can_be_reported(demo_store: Path) -> None:
    """report opens the store read-only, even where no -shm or -wal file can be made."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(dir="/tmp" if os.geteuid() == 0 else None))
    try:
        shutil.copy(demo_store, folder / "s.db")
        (folder / "s.db").chmod(0o644)
        folder.chmod(0o555)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        out = subprocess.run(
            [sys.executable, "-c", _READ_AS_NOBODY, str(folder / "s.db")],
            capture_output=True, text=True, env=env, timeout=120, check=True,
        )  # fmt: skip
        code, err, report = json.loads(out.stdout)
        assert code == 0, err
        assert json.loads(report)["edges"]
        assert sorted(p.name for p in folder.iterdir()) == ["s.db"]  # nothing written
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
