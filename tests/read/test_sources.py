"""Reading sources: files, folders, WARCs, stdin and JSON Lines, broken ones included
(URL sources: tests/fetch/test_fetcher.py)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from provenance.model import Article, Page
from provenance.read.articles import ReadOptions, read_articles
from provenance.read.items import TextDocument
from provenance.read.sources import iter_sources
from tests.helpers.pages import ARTICLE_HTML

WarcFactory = Callable[[list[tuple[str, str]]], Path]


def test_directory_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.html").write_text(ARTICLE_HTML)
    (tmp_path / "two.HTM").write_text(ARTICLE_HTML)
    (tmp_path / "notes.txt").write_text("not a page")
    items = list(iter_sources([str(tmp_path)]))
    assert sorted(Path(i.source).name for i in items if isinstance(i, Page)) == [
        "one.html",
        "two.HTM",
    ]


def test_warc_response_records_carry_target_uri(warc_factory: WarcFactory) -> None:
    path = warc_factory(
        [("https://a.example/1", ARTICLE_HTML), ("https://a.example/2", ARTICLE_HTML)]
    )
    pages = [i for i in iter_sources([str(path)]) if isinstance(i, Page)]
    assert [p.url for p in pages] == ["https://a.example/1", "https://a.example/2"]
    assert pages[0].fetched_at is not None and pages[0].fetched_at.year == 2026
    assert all(p.content == ARTICLE_HTML.encode() for p in pages)
    assert pages[0].content_type is not None and "text/html" in pages[0].content_type


def test_truncated_warc_keeps_earlier_records_and_reports_the_rest(
    warc_factory: WarcFactory,
) -> None:
    path = warc_factory([(f"https://a.example/{n}", ARTICLE_HTML * 20) for n in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    items = list(iter_sources([str(path)]))
    pages = [i for i in items if isinstance(i, Page)]
    failures = [i for i in items if isinstance(i, Article)]
    assert [p.url for p in pages] == ["https://a.example/0", "https://a.example/1"]
    assert all(p.content == (ARTICLE_HTML * 20).encode() for p in pages)
    assert len(failures) == 1
    assert str(path) in failures[0].error and "truncated" in failures[0].error
    assert failures[0].url in (None, "https://a.example/2")


def test_missing_path_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    [item] = list(iter_sources([str(tmp_path / "nope.html")]))
    assert isinstance(item, Article) and "nope.html" in item.error


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.seek(60 * 1024 * 1024)
        f.write(b"<p>x</p>")
    [item] = list(iter_sources([str(big)]))
    assert isinstance(item, Article)
    assert "big.html" in item.error and "32 MiB page limit" in item.error


def test_stdin_page_takes_the_given_url() -> None:
    [item] = list(
        iter_sources(["-"], ReadOptions(url="https://x.example/p"), stdin=io.BytesIO(b"<p>hi</p>"))
    )
    assert isinstance(item, Page) and item.url == "https://x.example/p"


def test_jsonl_rows_become_documents_and_bad_rows_failures(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    rows = [
        json.dumps(
            {"url": "https://a.example/1", "text": "Body one.", "published": "2026-01-02T03:04:05Z"}
        ),
        "{not json",
        json.dumps({"text": "no url"}),
        json.dumps({"url": "https://a.example/2", "html": ARTICLE_HTML}),
        '{"url": "https://a.example/3", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ]
    path.write_text("\n".join(rows) + "\n")
    items = list(iter_sources([str(path)], ReadOptions()))
    assert isinstance(items[0], TextDocument) and items[0].published is not None
    assert isinstance(items[1], Article) and "docs.jsonl:2" in items[1].error
    assert isinstance(items[2], Article) and "url" in items[2].error
    assert isinstance(items[3], Page) and items[3].url == "https://a.example/2"
    assert isinstance(items[4], Article) and "nested too deeply" in items[4].error


def test_read_articles_reads_jsonl_as_the_readme_shows(tmp_path: Path) -> None:
    """The README's library example passes a JSON Lines export to read_articles."""
    path = tmp_path / "export.jsonl"
    text = (
        "A ferry adds night sailings this summer.\n\n"
        "The post Ferry appeared first on Harbour Times."
    )
    path.write_text(json.dumps({"url": "https://a.example/1", "text": text}) + "\n")
    [article] = list(read_articles([str(path)]))
    assert article.error is None and article.url == "https://a.example/1"
    assert [a.site for a in article.attributions] == ["Harbour Times"]
    assert "appeared first" not in article.text


def test_every_bad_input_is_reported_and_the_rest_extracted(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(ARTICLE_HTML)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    png = tmp_path / "image.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "hello")
    truncated = tmp_path / "truncated.html"
    truncated.write_text(ARTICLE_HTML[: len(ARTICLE_HTML) // 2])
    latin = tmp_path / "latin.html"
    sentence = "Caf\u00e9 owners in M\u00fcnster said \u201cno\u201d."
    latin.write_bytes(f"<html><body><p>{sentence}</p></body></html>".encode("cp1252"))
    names = [good, empty, png, archive, truncated, latin]
    articles = list(read_articles([str(p) for p in names], ReadOptions()))
    by_name = {Path(a.source).name: a for a in articles}
    assert by_name["good.html"].error is None
    assert "empty" in (by_name["empty.html"].error or "")
    assert "PNG" in (by_name["image.html"].error or "")
    assert "zip" in (by_name["pages.zip"].error or "")
    assert by_name["truncated.html"].error is None
    assert "forty years" in by_name["truncated.html"].text
    assert by_name["latin.html"].error is None
    assert sentence in by_name["latin.html"].text


_LIST_FOLDER = """
import json, os, sys
from provenance.read.sources import iter_sources
from provenance.model import Page
# Import first (the interpreter may live under /root), then become nobody: root reads
# every folder, nobody does not.
os.setgid(65534); os.setuid(65534)
items = iter_sources([sys.argv[1]])
rows = [[type(i).__name__, i.source, getattr(i, "error", None)] for i in items]
print(json.dumps(rows))
"""


def test_an_unreadable_subfolder_is_one_counted_failure(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import tempfile

    top = Path(tempfile.mkdtemp(dir="/tmp" if os.geteuid() == 0 else tmp_path))
    try:
        (top / "ok").mkdir()
        (top / "ok" / "one.html").write_text(ARTICLE_HTML)
        (top / "closed").mkdir()
        (top / "closed" / "two.html").write_text(ARTICLE_HTML)
        for folder in (top, top / "ok"):
            folder.chmod(0o755)
        (top / "ok" / "one.html").chmod(0o644)
        (top / "closed").chmod(0o000)
        if os.geteuid() == 0:  # list it as an unprivileged user, in a child process
            repo = str(Path(__file__).resolve().parents[2])
            env = {**os.environ, "PYTHONPATH": repo}
            out = subprocess.run(
                [sys.executable, "-c", _LIST_FOLDER, str(top)],
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
                check=True,
            ).stdout
            rows = json.loads(out)
        else:
            rows = [
                [type(i).__name__, i.source, getattr(i, "error", None)]
                for i in iter_sources([str(top)])
            ]
    finally:
        (top / "closed").chmod(0o755)
        import shutil

        shutil.rmtree(top)
    kinds = sorted((kind, Path(source).name) for kind, source, _ in rows)
    assert kinds == [("Article", "closed"), ("Page", "one.html")]
    [error] = [e for kind, _, e in rows if kind == "Article"]
    assert "cannot list this folder" in error and "closed" in error
