"""The HTML report in a real browser: Debian's headless Chromium opens it from file://,
runs it, dumps the DOM and takes a screenshot.

The store is the demo corpus plus a story whose title and site name are scripts: they
must show as text, and the script must not run (it would mark <body data-pwned>).  The
page's own one-line script marks <html data-report-ready>, which shows scripts ran, so
the missing data-pwned means something.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from tests.helpers.demo import MIRROR, ORIGIN, RELAY, build_demo_store
from tests.helpers.matchkit import article, credit, text

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="chromium not installed (.ci/run installs it)"
)

PWN = "<script>document.body.setAttribute('data-pwned','1')</script>"
HOSTILE_ORIGIN = "https://hostile.example/story"
HOSTILE_COPY = "https://copier.example/story"


@dataclass(frozen=True)
class Rendered:
    dom: str
    log: str
    screenshot: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    tmp = tmp_path_factory.mktemp("browser")
    body = text(961, 450)
    db = build_demo_store(
        tmp / "demo.db",
        extra=[
            article(HOSTILE_ORIGIN, body, site=f"Evil {PWN}", hours=0, title=PWN),
            article(HOSTILE_COPY, body, site="Copier", hours=2, title=f"Copy: {PWN}",
                    credits=(credit(f"Evil {PWN}"),)),
        ],
    )  # fmt: skip
    report = tmp / "report.html"
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "-o", str(report)])
    assert result.exit_code == 0, result.output
    screenshot = tmp / "x.png"
    run = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,900",
            "--dump-dom",
            f"--screenshot={screenshot}",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return Rendered(run.stdout, run.stderr, screenshot)


def test_the_page_ran_without_console_messages(rendered: Rendered) -> None:
    assert re.search(r'<html[^>]*data-report-ready="1"', rendered.dom)
    console = [line for line in rendered.log.splitlines() if ":CONSOLE" in line]
    assert not console  # no error, no blocked load or script, no message at all
    assert "Uncaught" not in rendered.log


def test_charts_and_the_demo_chain_are_in_the_dom(rendered: Rendered) -> None:
    for chart in ("chart-copies-per-site", "chart-share-credited", "chart-lag"):
        assert re.search(rf'<svg[^>]*id="{chart}"', rendered.dom), chart
    chain = re.search(
        rf'<article class="chain" id="chain-\d+" data-url="{re.escape(MIRROR)}">(.*?)</article>',
        rendered.dom,
        re.S,
    )
    assert chain is not None
    hops = re.findall(r'<li class="hop" data-role="(\w+)">.*?<b>([^<]+)</b>', chain.group(1), re.S)
    assert hops == [
        ("copy", "News Mirror"),
        ("intermediary", "Daily Relay"),
        ("origin", "Harbour Times"),
    ]
    assert RELAY in chain.group(1) and ORIGIN in chain.group(1)


def test_a_script_in_page_text_shows_as_text(rendered: Rendered) -> None:
    assert "data-pwned" not in rendered.dom.split("<body", 1)[1].split(">", 1)[0]
    assert not re.search(r"<body[^>]*data-pwned", rendered.dom)
    shown = PWN.replace("<", "&lt;").replace(">", "&gt;")
    assert f"Copy: {shown}" in rendered.dom  # the copy's title, in its chain
    assert f"Evil {shown}" in rendered.dom  # the site name
    assert rendered.dom.count("<script") == 1  # the page's own line only


def test_screenshot(rendered: Rendered) -> None:
    data = rendered.screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
