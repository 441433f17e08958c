"""Shared pytest fixtures: real HTTP servers on 127.0.0.1 (a plain one and the crawl web)
and a WARC builder.  Helpers that tests import directly live in :mod:`tests.helpers`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.crawlweb import CrawlWeb, serve
from tests.helpers.demo import build_demo_store
from tests.helpers.localserver import serve_local
from tests.helpers.warc import write_warc


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    """A real threaded HTTP server on 127.0.0.1; yields its base URL."""
    with serve_local() as base_url:
        yield base_url


@pytest.fixture
def warc_factory(tmp_path: Path) -> Callable[[list[tuple[str, str]]], Path]:
    def make(pages: list[tuple[str, str]], name: str = "pages.warc.gz") -> Path:
        path = tmp_path / name
        write_warc(path, pages)
        return path

    return make


@pytest.fixture(scope="module")
def web_server() -> Iterator[CrawlWeb]:
    with serve() as web:
        yield web


@pytest.fixture
def web(web_server: CrawlWeb) -> CrawlWeb:
    web_server.reset()
    return web_server


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, ingested and matched once per session; open it read-only."""
    return build_demo_store(tmp_path_factory.mktemp("demo-store") / "demo.db")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server (see :mod:`tests.helpers.postgres`)."""
    import os

    from tests.helpers import postgres

    reason = postgres.missing_reason()
    if reason is not None:
        if os.environ.get(postgres.ENV_REQUIRED):
            pytest.fail(f"PostgreSQL is required here but {reason}")
        pytest.skip(reason)
    with postgres.server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server."""
    from tests.helpers.postgres import fresh_database

    with fresh_database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new store goes, once per backend: the store tests run on both."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("postgres_url"))
