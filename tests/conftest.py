"""Shared pytest fixtures: real HTTP servers on 127.0.0.1 (a plain one and the crawl web)
and a WARC builder.  Helpers that tests import directly live in :mod:`tests.helpers`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.crawlweb import CrawlWeb, serve
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
