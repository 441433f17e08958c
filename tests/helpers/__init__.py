"""Shared test helpers, importable as ``tests.helpers``; pytest fixtures stay in conftest.py.

``ROOT`` is the repository, ``FIXTURES`` the sample pages and files the tests read, and
``DATA`` the case tables some tests are parametrised from.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (holds README.md, benchmarks/ and corpora/).
ROOT = Path(__file__).resolve().parents[2]
#: tests/fixtures: sample pages and labelled files.
FIXTURES = ROOT / "tests" / "fixtures"
#: tests/data: case tables (JSON Lines) that parametrise tests.
DATA = ROOT / "tests" / "data"

__all__ = ["DATA", "FIXTURES", "ROOT"]
