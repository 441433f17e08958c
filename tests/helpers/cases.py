"""Case tables: JSON Lines files under tests/data, read into ``pytest.param`` lists.

Each line is one case: an object with a unique, readable ``id`` (the test id), the
fields the test takes, and optionally a ``note``.  A line with a missing or an unknown
field fails collection with the file and line named, so a typo cannot drop a case.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.helpers import DATA

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

OPTIONAL = frozenset({"note"})


def _numbered_rows(name: str) -> list[tuple[str, dict[str, Any]]]:
    path = DATA / name
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{where}: not valid JSON ({err})") from err
        if not isinstance(row, dict):
            raise ValueError(f"{where}: expected a JSON object")
        rows.append((where, row))
    if not rows:
        raise ValueError(f"{path}: no cases")
    return rows


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """The rows of ``tests/data/<name>``, blank lines skipped."""
    return [row for _, row in _numbered_rows(name)]


def cases(name: str, *fields: str) -> list[ParameterSet]:
    """One ``pytest.param(*fields, id=row["id"])`` per row of ``tests/data/<name>``."""
    params, seen = [], set()
    for where, row in _numbered_rows(name):
        missing = {"id", *fields} - row.keys()
        unknown = row.keys() - {"id", *fields} - OPTIONAL
        if missing or unknown:
            raise ValueError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        if row["id"] in seen:
            raise ValueError(f"{where}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        params.append(pytest.param(*(row[f] for f in fields), id=row["id"]))
    return params


__all__ = ["cases", "read_jsonl"]
