"""The crawl config: typed, checked, errors naming the file and key (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from provenance.crawl import CrawlConfigError, load_config

GOOD = """
[crawl]
min_delay = 2
max_pages = 10
follow_credits = 1
user_agent = "testbot/1.0"
max_body_bytes = 1000000

[crawl.resolve]
"a.test" = "127.0.0.1:8080"

[[source]]
url = "https://a.test/feed.xml"
kind = "rss"
role = "aggregator"
name = "A"

[[source]]
url = "https://b.test/sitemap.xml"
"""


def test_good_config_is_typed(tmp_path: Path) -> None:
    path = tmp_path / "crawl.toml"
    path.write_text(GOOD)
    cfg = load_config(path)
    assert [s.url for s in cfg.sources] == ["https://a.test/feed.xml", "https://b.test/sitemap.xml"]
    assert cfg.sources[1].kind is None
    assert cfg.fetch.min_delay == 2.0 and cfg.fetch.max_bytes == 1_000_000
    assert cfg.fetch.user_agent == "testbot/1.0"
    assert cfg.fetch.resolve == {"a.test": "127.0.0.1:8080"}
    assert cfg.max_pages == 10 and cfg.follow_credits == 1


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[[source]]\nurl = 'https://a.test/'\nkidn = 'rss'\n", "kidn"),
        ("[[source]]\nurl = 'https://a.test/'\nkind = 'json'\n", "source[0].kind"),
        ("[[source]]\nurl = 'ftp://a.test/'\n", "source[0].url"),
        ("[[source]]\nurl = 'https://a.test/'\nowner = 'x'\n", "source[0]: unknown key 'owner'"),
        ("[crawl]\nmin_delay = 'slow'\n[[source]]\nurl = 'https://a.test/'\n", "crawl.min_delay"),
        ("[crawl]\ndelay = 1\n[[source]]\nurl = 'https://a.test/'\n", "crawl.delay"),
        ("[crawl]\nretries = -1\n[[source]]\nurl = 'https://a.test/'\n", "crawl.retries"),
        ("[crawl]\n", "[[source]]"),
        ("[[source]\nurl = ", "not valid TOML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "crawl.toml"
    path.write_text(text)
    with pytest.raises(CrawlConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and needle in str(info.value)


def test_cli_exits_2_on_bad_config(tmp_path: Path) -> None:
    path = tmp_path / "crawl.toml"
    path.write_text("[[source]]\nurl = 'https://a.test/'\nkidn = 'rss'\n")
    code = "from provenance.cli.crawl import crawl; crawl(prog_name='provenance crawl')"
    args = ["--config", str(path), "--db", str(tmp_path / "x.db")]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 2
    assert "kidn" in proc.stderr and str(path) in proc.stderr
    assert not (tmp_path / "x.db").exists()
    missing = subprocess.run(
        [sys.executable, "-c", code, "--config", str(tmp_path / "nope.toml")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert missing.returncode == 2 and "nope.toml" in missing.stderr


def test_old_role_and_name_keys_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "crawl.toml"
    path.write_text("[[source]]\nurl = 'https://a.test/'\nrole = 'publisher'\nname = 'A'\n")
    cfg = load_config(path)
    assert [s.url for s in cfg.sources] == ["https://a.test/"]
    assert "source[0].role is ignored" in caplog.text
    assert "source[0].name is ignored" in caplog.text
