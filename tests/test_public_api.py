"""The public surface: what `import provenance` offers, and that it stays importable."""

from __future__ import annotations

import subprocess
import sys

import provenance


def test_all_names_exist_and_are_sorted() -> None:
    for name in provenance.__all__:
        assert hasattr(provenance, name), name
    assert list(provenance.__all__) == sorted(provenance.__all__)


def test_all_is_exactly_the_public_names() -> None:
    """Both ways, as httpx checks it: nothing public is left out of ``__all__``."""
    import types

    public = {
        name
        for name, value in ((n, getattr(provenance, n)) for n in dir(provenance))
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"annotations", "logging"}
    }
    assert public | {"__version__"} == set(provenance.__all__)


def test_every_error_is_exported_from_the_root_and_drawn_in_the_tree() -> None:
    from provenance import errors

    leaves = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(leaves) >= 16
    for error in leaves:
        assert issubclass(error, provenance.ProvenanceError), error
        assert error.__name__ in provenance.__all__, error
        assert error.__name__ in (errors.__doc__ or ""), error
    assert set(errors.__all__) == {e.__name__ for e in leaves}


def test_library_logs_only_through_a_null_handler() -> None:
    code = (
        "import logging, provenance;"
        "handlers = logging.getLogger('provenance').handlers;"
        "print([type(h).__name__ for h in handlers])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['NullHandler']"


def test_third_party_libraries_stay_at_their_seams() -> None:
    """httpx only in fetch, selectolax only in extract, click only in the CLI, sqlite3 in store,
    networkx in export, prov in export/prov.py, feedparser in crawl/feeds.py."""
    import pathlib
    import re

    root = pathlib.Path(provenance.__file__).parent
    seams = {
        "httpx": ("fetch",),
        "selectolax": ("extract",),
        "click": ("cli",),
        "sqlite3": ("store", "crawl/state.py"),
        "datasketch": ("fingerprint/",),
        "warcio": ("read/", "fetch"),
        "networkx": ("export/",),
        "prov": ("export/prov.py",),
        "dateparser": ("extract/printed_dates.py",),
        "feedparser": ("crawl/feeds.py",),
        "psycopg": ("store/postgres.py",),
    }
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        source = path.read_text("utf-8")
        for lib, allowed in seams.items():
            if re.search(rf"^\s*(?:import|from)\s+{lib}\b", source, re.M):
                assert rel.startswith(allowed), f"{rel} imports {lib}"


def test_subpackages_are_not_shadowed_by_functions() -> None:
    import importlib
    import types

    for name in (
        "read",
        "fetch",
        "extract",
        "attribution",
        "fingerprint",
        "store",
        "link",
        "report",
    ):
        module = importlib.import_module(f"provenance.{name}")
        assert isinstance(getattr(provenance, name), types.ModuleType), name
        assert getattr(provenance, name) is module
