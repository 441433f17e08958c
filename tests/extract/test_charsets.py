"""Pages that declare no charset are decoded by detection (charset-normalizer), never
when the page or the HTTP headers say what they are.  Texts written for these tests."""

from __future__ import annotations

import pytest

from provenance.extract import extract
from provenance.extract.decode import decode_html
from provenance.model import Page

TEXTS = {
    "cp1251": (
        "Паром в гавани будет ходить и ночью с начала июня, сообщил городской совет. "
        "Жители давно просили продлить расписание, особенно в летние месяцы."
    ),
    "shift_jis": (
        "港のフェリーは六月から夜も運航すると市議会が発表した。住民は以前から夏の間の"
        "運航時間の延長を求めていた。新しい時刻表は来週公開される予定だ。"
    ),
    "gbk": (
        "市议会宣布，港口渡轮将从六月起在夜间运行。居民们一直要求延长夏季的运营时间，"
        "新的时刻表将于下周公布。议会表示这项计划得到了广泛支持。"
    ),
    "euc-kr": (
        "시의회는 항구 여객선이 6월부터 밤에도 운항한다고 발표했다. 주민들은 오래전부터 "
        "여름철 운항 시간 연장을 요구해 왔다. 새 시간표는 다음 주에 공개된다."
    ),
}


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for _ in range(4))
    head = "<html><head><title>Ferry</title></head>"
    return f"{head}<body><article>{paragraphs}</article></body></html>"


@pytest.mark.parametrize("charset", sorted(TEXTS))
def test_undeclared_charsets_are_detected(charset: str) -> None:
    raw = _page(TEXTS[charset]).encode(charset)
    article = extract(Page(content=raw, url="https://harbour.example/ferry"))
    assert TEXTS[charset][:20] in article.text


def test_a_declared_charset_wins_over_detection() -> None:
    raw = _page(TEXTS["cp1251"]).encode("cp1251")
    # declared (wrongly) as cp1252: the declaration is obeyed, not second-guessed
    text = decode_html(raw, "text/html; charset=windows-1252")
    assert TEXTS["cp1251"][:20] not in text
