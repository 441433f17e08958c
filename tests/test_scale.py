"""The vectorised fingerprint scheme, parallel ingest and scheme refusal (behaviour only)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from provenance.errors import ParameterMismatch
from provenance.fingerprint.minhash import (
    HASH_SCHEME,
    FingerprintParams,
    estimate_jaccard,
    exact_scores,
    fingerprint,
    shingle_hash_array,
)
from provenance.model import Article
from provenance.store.sqlite import SQLiteStore
from provenance.tracker import Tracker
from tests.helpers import ROOT
from tests.helpers.matchkit import excerpt, text


def test_signature_is_the_same_in_another_process() -> None:
    body = text(31, 400) + " Ünïcode café — “quotes” naïve"
    code = (
        "import sys; from provenance.fingerprint.minhash import fingerprint; "
        "print(fingerprint(sys.stdin.read()).signature.hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=body,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert out.stdout.strip() == fingerprint(body).signature.hex()


def test_matches_datasketch_affine32_on_the_same_shingle_hashes() -> None:
    params = FingerprintParams()
    body = text(32, 300)
    top32 = (np.unique(shingle_hash_array(body, params)) >> np.uint64(32)).astype(np.uint32)
    mh = MinHash(
        num_perm=params.num_perm, seed=params.seed, scheme="affine32", hashfunc=lambda x: x
    )
    mh.update_batch(top32.tolist())
    fp = fingerprint(body, params)
    assert np.array_equal(fp.hashvalues, np.asarray(mh.hashvalues, dtype=np.uint32))
    assert fp.shingle_count == len(top32) == len(set(shingle_hash_array(body).tolist()))


def test_estimates_close_to_exact_jaccard_on_synthetic_pairs() -> None:
    errors = []
    for i in range(12):
        full = text(40 + i, 500)
        part = excerpt(full, 0.2 + 0.07 * i)
        j = exact_scores(part, full)[0]
        errors.append(estimate_jaccard(fingerprint(part), fingerprint(full)) - j)
    assert abs(float(np.mean(errors))) < 0.03
    assert max(abs(e) for e in errors) < 0.15


def test_ascii_fast_path_and_general_path_agree() -> None:
    body = text(33, 200)
    # a non-ASCII character that normalises to a separator forces the general path
    assert np.array_equal(shingle_hash_array(body + " \u2014"), shingle_hash_array(body + " -"))


def _content(db: Path) -> list[object]:
    con = sqlite3.connect(db)
    rows: list[object] = []
    for q in (
        "SELECT id, url, content_hash, status, text, attributions FROM documents ORDER BY id",
        "SELECT * FROM signatures ORDER BY doc_id",
        "SELECT * FROM bands ORDER BY band, key, doc_id",
    ):
        rows.extend(con.execute(q).fetchall())
    con.close()
    return rows


def test_parallel_ingest_stores_the_same_content(tmp_path: Path) -> None:
    arts = [
        Article(url=f"https://s{i % 4}.example/{i}", text=text(50 + i // 2, 120 + i))
        for i in range(40)
    ]
    arts.append(Article.failed("x.html", "https://bad.example/x", "no text"))
    for jobs in (1, 2):
        with Tracker(tmp_path / f"j{jobs}.db", batch_size=7) as t:
            res = t.ingest(arts, jobs=jobs)
            assert res.added == 40 and res.failed == 1
    assert _content(tmp_path / "j1.db") == _content(tmp_path / "j2.db")


def test_cli_ingest_jobs_option(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(
        "".join(
            json.dumps({"url": f"https://a.example/{i}", "text": text(60 + i)}) + "\n"
            for i in range(6)
        )
    )
    for jobs in ("1", "2"):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "provenance",
                "ingest",
                str(src),
                "--db",
                str(tmp_path / f"c{jobs}.db"),
                "--jobs",
                jobs,
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        assert json.loads(out.stdout)["added"] == 6
    assert _content(tmp_path / "c1.db") == _content(tmp_path / "c2.db")


def test_store_of_an_older_hash_scheme_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    SQLiteStore(db).close()
    con = sqlite3.connect(db)
    (raw,) = con.execute("SELECT value FROM meta WHERE key = 'params'").fetchone()
    stored = json.loads(raw)
    assert stored["hash_scheme"] == HASH_SCHEME
    stored["hash_scheme"] = "blake2b64+datasketch-affine64"
    con.execute("UPDATE meta SET value = ? WHERE key = 'params'", (json.dumps(stored),))
    con.commit()
    con.close()
    with pytest.raises(ParameterMismatch, match="hash_scheme"):
        SQLiteStore(db)
