"""Site furniture inside the article container, on original pages in eleven languages.

Each page is ours, modelled on a layout seen on real sites: a gallery with its
controls and one caption under every photo, closing lines (newsletter, tips,
comment policy, rights, follow-us, "report an error"), a press release's company
block and contact, a hover card glued into a sentence, an embedded post, ruby
readings over the words (furigana, pinyin), a short subheading whose words all
occur in the page title, text moved off screen by its inline style, the heading of a
list of related links, camelCase component classes (a timestamp, tag pills), an ad
slot's "continues after the advertisement" label, a closing "get our app" line.  Two
pages end with lines that only look like furniture and must be kept whole.
"""

from __future__ import annotations

import pytest

from provenance.extract import extract
from provenance.extract.content_model import Unit
from provenance.extract.content_tidy import _is_photo_credit, tidy
from provenance.extract.content_walk import _closes, _hidden
from provenance.extract.furniture import (
    is_control,
    photo_label,
    related_heading,
    related_label,
    social_networks,
    tail_cue,
)
from provenance.model import Page
from tests.helpers import FIXTURES

PAGES = FIXTURES / "extract" / "furniture"

CASES = {
    "en_gallery.html": (
        [
            "The ferry that once linked the northern islands",
            "when tourists double the population of the outer islands.",
        ],
        [
            "Image 1 of 4",
            "HIDE CAPTION",
            "less",
            "Close",
            "free morning newsletter",
            "Got a tip?",
            "comment policy",
            "All rights reserved",
            "Top image",
            "Stay in the loop",
        ],
    ),
    "de_pressemitteilung.html": (
        ["Die Stadtwerke Nordhafen haben am Mittwoch", "640 Mitglieder Anteile."],
        ["Über die Stadtwerke Nordhafen", "versorgt seit 1911", "Pressekontakt", "###"],
    ),
    "fr_fin.html": (
        ["la médiathèque du quartier des Hauts", "en horaires décalés."],
        ["Suivez-nous", "abonnez-vous", "Tous droits réservés", "Contactez-nous"],
    ),
    "es_galeria.html": (
        ["La feria del libro de Almendral regresó", "trasladar los conciertos"],
        ["Foto 1 de 12", "Siguiente", "Cerrar", "Síguenos", "Compartir en WhatsApp"],
    ),
    "ru_oshibka.html": (
        ["В субботу в Заречье открыли", "поставить скамейки."],
        ["Ctrl+Enter", "Подписывайтесь", "Фото"],
    ),
    # A table of figures near the end: a cell of figures alone ("+18.4%") is data, not a
    # control line starting a closing block; the two paragraphs after it are the story's.
    "ko_pyo.html": (
        ["+18.4%", "-2.3%", "야간 개관을 시범 운영", "작은 도서관 두 곳을 새로 연다."],
        ["무단 전재", "개인정보처리방침"],
    ),
    # A brief under 500 characters: the relaxed passes would add the page around it
    # (menus, related and most-read links, the footer), not more of the story.
    "en_brief.html": (
        ["The central library will open until 8 p.m.", "keeps its current times."],
        ["Sport", "Book sale raises money", "Road works close the bridge", "Station Road"],
    ),
    # A lead in a div of its own (one paragraph) beside the body: Readability reads such
    # a div as the paragraph it holds, and keeps it
    "pl_lead.html": (
        ["Po dwóch latach budowy", "Most ma czterysta metrów", "jego nawierzchnię i balustrady."],
        ["Wszelkie prawa zastrzeżone", "Sport"],
    ),
    # a call-to-action box inside the story (Ghost's "kg-cta-card") is a promotion
    "en_cta_card.html": (
        ["Three apple orchards", "usually in early May."],
        ["Like reading the Valley Ledger", "five dollars a month"],
    ),
    # an opinion page's breadcrumb ("fil d'Ariane"), a "Lire aussi" box named in French,
    # the author's bio box and the disclaimer under the column
    "fr_tribune.html": (
        ["Depuis trois ans, la municipalité", "Ne pas essayer coûte déjà beaucoup"],
        ["Accueil", "Le budget des transports", "Claire Fontaine est architecte", "engagent"],
    ),
    # Every paragraph in a wrapper component of its own, a subheading in a wrapper of
    # another class that scores highest (its class says "text"): the paragraph wrappers
    # after it are the story's too (their class wraps three paragraphs or more)
    "de_komponenten.html": (
        [
            "Die Stadtwerke wollen bis Ende 2027",
            "Anzeigen, die Abfahrten vorlesen",
            "als Muster umgebaut",
        ],
        ["Anzeige\n", "Stadtkurier GmbH"],
    ),
    "ko_danshin.html": (
        ["야간 개장 시간을 밤 10시까지", "안전 요원을 늘려 운영하겠다"],
        ["많이 본 뉴스", "시내버스 노선 개편", "강원도 동해시", "글자크기"],
    ),
    "ja_tenki.html": (
        ["北浜町の港で六日", "夕方の市も試すという。"],
        ["次へ", "前へ", "無断転載"],
    ),
    # A welcome/cookie banner its own link hides (an onclick that removes it), before
    # the article; a newsletter box inside the article with a Bootstrap close button; a
    # story shown in an overlay with a "Close" link, which is long and stays whole.
    "hu_udvozlo.html": (
        ["Hat év szünet után szombaton reggel", "a vonaton is megválthatók."],
        ["Üdvözöljük a Dombvidéki Hírlap", "sütiket használ", "Bezárás"],
    ),
    "fi_uutiskirje.html": (
        ["Rantakylän lähikirjasto on ensi kuusta", "myös ensi vuonna."],
        ["Tilaa Järviseudun Sanomien", "Voit perua tilauksen"],
    ),
    "en_overlay_story.html": (
        [
            "The tidal pool at the foot of the harbour wall",
            "Repairs took longer than the council had planned.",
            "drain it in an hour rather than a day.",
        ],
        [],
    ),
    # A closing "related" label alone, then only linked headlines: the label and the
    # list go (Korean heading + list, Turkish bold line + linked lines); so does a
    # "related: <linked headline>" line inside the story (another story's headline,
    # which matching would read as carried); a label followed by the story's own
    # sentences stays (English guard).
    "ko_gwanryeon.html": (
        ["남쪽 구간도 연결할 계획이다."],
        [
            "자전거 대여소 열 곳 추가 설치",
            "도심 공영주차장 요금",
            "여름 축제 일정",
            "시내버스 노선",
        ],
    ),
    "tr_ilgili.html": (
        ["Belediye meclisi, sahildeki eski tersane", "meydanda sergileneceğini söyledi."],
        ["İlgili Haberler", "Sahil yolu trafiğe", "Balıkçı barınağına"],
    ),
    "en_see_also_prose.html": (
        ["See also", "will be published next month.", "at the rear ramp."],
        [],
    ),
    # The story's last block carries a BEM modifier class ("cuerpo__bloque
    # cuerpo__bloque--ultimo"): still a block of the story.  A grid's side column
    # ("col col-side" beside "col col-main") is not.
    "es_bloques.html": (
        [
            "El ferri de la isla retomará",
            "devolverá a los abonados",
            "una rampa de repuesto en la isla.",
        ],
        ["Publicidad", "Portada"],
    ),
    "en_grid_columns.html": (
        ["The town library will open until nine", "during the exam season."],
        ["independent paper owned by its readers"],
    ),
    "en_hovercard.html": (
        [
            "Senator Dana Reyes said the bill would let rural co-operatives",
            "Opponents, led by Ali Brenner, argued",
        ],
        [
            "Senator since 2019",
            "Latest from Dana Reyes",
            "Dana ReyesDana Reyes",
            "Representative for the fourth district",
        ],
    ),
    "en_science_citation.html": (
        ["Spores of a common cave moss", "from deserts and high mountains."],
        ["Citation:", "subject to copyright"],
    ),
    "en_portal_homepage.html": (
        ["Regulated rail fares will rise", "before fares could be called fair."],
        ["my homepage", "Open the browser's settings.", "Type the portal's address"],
    ),
    "en_short_teasers.html": (
        ["The café at the end of the pier reopened", "a collection among the town's fishermen."],
        [
            "Local news",
            "More local news",
            "Harbour wall repairs to start in June",
            "Forty stalls of local makers",
            "Share this on WhatsApp",
            "comment policy",
        ],
    ),
    "id_tanggal.html": (
        ["Pasar ikan Tanjung Baru kembali dibuka", "sebelum pasar ditutup tahun lalu."],
        ["14:20 WIB", "Ikuti kami"],
    ),
    "zh_weiwai.html": (
        ["滨江新区首条夜间公交线路于本周一正式开通", "【责任编辑：林晓】"],
        ["【纠错】", "阅读下一篇"],
    ),
    "en_video_cards.html": (
        ["A trial of underwater turbines began", "about twelve thousand homes"],
        ["Harbour Photo Agency", "Watch the turbines being lowered", "03:14"],
    ),
    "ja_furigana.html": (
        [
            "南川町で八日、川沿いの桜並木に新しい歩道ができました。",
            "春には夜の明かりもつける予定です。",
        ],
        ["みなみかわちょう", "かわぞ", "(", "くるまいす"],
    ),
    "zh_pinyin.html": (
        ["老师先讲了横批和对仗", "一直挂到元宵节。"],
        ["héng", "pī", "("],
    ),
    "fr_intertitre.html": (
        [
            "Une condamnation",
            "Le tribunal correctionnel",
            "Dix mises en examen",
            "expertise comptable.",
        ],
        ["Le Journal du Val"],
    ),
    "pl_srodtytul.html": (
        ["Kierowcy czekali\n", "W piątek po południu", "do końca lata."],
        ["Nowy most w Brzezinach otwarty."],
    ),
    "it_nascosto.html": (
        [
            "Dopo due anni di lavori il mercato coperto",
            "cucina. La sindaca ha detto",
            "promette entro l'estate.",
        ],
        [
            "Salta al contenuto",
            "Apre in una nuova finestra",
            "UserAgent",
            "Articoli correlati",
            "Nuove piste ciclabili",
        ],
    ),
    "pt_componentes.html": (
        ["A balsa que liga Porto Seco", "reduz pela metade o tempo de entrega."],
        ["Atualizado", "hoje 10:15", "Transporte", "Cheias"],
    ),
    "pt_publicidade.html": (
        [
            "semente por semente.\n\nA organização estima",
            "no segundo semestre.",
        ],
        ["PUBLICIDADE", "Baixe o app"],
    ),
    "cs_perex.html": (
        ["Rozvodněná Otava v noci zaplavila", "Voda začala stoupat", "narušené zdi sklepů."],
        ["Dnes, 9:15", "Jana Kosová", "Domov"],
    ),
    "th_tidtam.html": (
        ["เช้าวันเสาร์ที่ผ่านมา", "ผลไม้แปรรูปขายมาหลายชั่วอายุคน"],
        ["เรื่องที่เกี่ยวข้อง", "ชุมชนริมคลองฟื้นเรือพายโบราณ", "Facebook", "LINE"],
    ),
    "id_syarat.html": (
        ["Warga Desa Sukamaju kembali", "sedang deras."],
        ["syarat dan ketentuan", "ujaran kebencian"],
    ),
    # a story ending on a privacy policy, in prose with no link, keeps its last line
    "en_privacy_story.html": (["The company said its new privacy policy would take effect"], []),
    "de_abo.html": (
        ["Ab dem ersten Mai fährt", "bei der Vorstellung im Hafen."],
        ["Abonnent", "Hier anmelden"],
    ),
    # "Read also: <linked headline>" in the middle of a story goes (Readability's and
    # newspaper's expected texts keep it; it is another story's headline), and the short
    # paragraphs after it stay (it may not start a closing block); at the end too
    "pt_leia_tambem.html": (
        ["A feira do livro", "a feira abre às dez horas."],
        ["Biblioteca móvel chega", "Teatro municipal reabre"],
    ),
    "ru_foto.html": (
        ["В субботу в Заречном", "закупок у местных издательств.", "до восьми вечера."],
        ["Авторское право", "Иван Соколов", "пресс-служба"],
    ),
    # a story's subheadings classed "subheader" are its own; a "subheader" nav bar and a
    # widget's "module-header" are not
    "es_subtitulos.html": (
        ["Más espacio para la flota de bajura", "Un presupuesto de seis millones"],
        ["Economía", "Lo más leído", "Cortes de agua"],
    ),
    # readers' comments in a section named in German, a print link; a caption closing on
    # its photo credit in parentheses is kept (references disagree on captions, and
    # trafilatura's keeps such a one in ../shared/real)
    "de_kommentare.html": (
        [
            "Am Samstag wurde der neue Spielplatz",
            "ausprobieren (Foto: Stadtverwaltung)",
            "bis zum Einbruch der Dunkelheit geöffnet.",
        ],
        ["Druckversion", "Endlich!", "Schön und gut", "Anwohner77"],
    ),
    # an open letter with a long table of signatories ("Name, role" lines cut by <br>):
    # the list's commas are not prose, and the letter is not lost to it
    "it_lettera_firme.html": (
        [
            "Le redazioni dei piccoli giornali",
            "Chi firma questa lettera",
            "Chiediamo alle",
            "Ester Leone, musicista",
        ],
        [],
    ),
    # a closing date line goes, and the heading left above it; a timeline list stays
    "nl_datum.html": (
        ["De nieuwe fietsbrug", "2011 – plan afgeblazen", "2021 – nieuw ontwerp goedgekeurd"],
        ["Datum 14.09.2024", "Meer over dit onderwerp"],
    ),
    "en_ends_with_heading.html": (["so that the cloves grow roots", "Harvest in July"], []),
    "en_story_ends_like_furniture.html": (
        [
            "She plans to start a weekly newsletter for readers without a computer",
            "Those pages are read more than ever.",
            "Marrow",
            "Dahlias",
        ],
        [],
    ),
}


URLS = {
    "en_science_citation.html": "https://science-digest.example/news/2026-03-moss-winter-hull.html"
}


def _text(name: str) -> str:
    url = URLS.get(name, f"https://site.example/{name}")
    page = Page(content=(PAGES / name).read_bytes(), url=url)
    return extract(page).text


@pytest.mark.parametrize("name", sorted(CASES))
def test_article_text_without_the_site_furniture(name: str) -> None:
    text = _text(name)
    keep, drop = CASES[name]
    for snippet in keep:
        assert snippet in text, f"{name}: lost {snippet!r}"
    for snippet in drop:
        assert snippet not in text, f"{name}: kept {snippet!r}"


def test_embedded_posts_are_in_the_text_once() -> None:
    """A post embedded with the platforms' standard markup (an X/Twitter blockquote, an
    Instagram one) is part of the story: its words are kept, once."""
    text = _text("pt_post_incorporado.html")
    post = "Trecho do farol concluído! Faltam a sinalização e a iluminação."
    assert text.count(post) == 1
    assert text.count("Primeiro pôr do sol na ciclovia nova") == 1
    assert "Ver essa foto no Instagram" not in text  # the embed's own button
    assert "Moradores reclamam da falta de estacionamento" in text


def test_a_table_keeps_its_repeated_cells() -> None:
    text = _text("en_story_ends_like_furniture.html")
    assert text.count("1") >= 3


@pytest.mark.parametrize(
    "line",
    [
        "Image 3 of 12",
        "HIDE CAPTION",
        "‹ ›",
        "Foto 2 de 9",
        "Bild 4 von 7",
        "Photo 2 sur 5",
        "写真",
        "图集",
        "8:09",
        "Story continues below advertisement",
        "La suite après cette publicité",
        "Dalsza część artykułu pod reklamą",
        "Продолжение после рекламы",
        "Publicidade",
        "Версия для печати | Отправить другу",
        "ツイート シェア LINEで送る",
        "글자크기 인쇄 공유",
        "Shiriki",
        "LIVE",
        "Dalsza część artykułu pod materiałem wideo",
        # a row of buttons whose words were run together
        "ShareTweetPrint",
        "- Publicitate -",
        "Advertisement · Scroll to continue",
        "Back to top",
        "Text size: Small Medium Large",
        "Hirdetés",
        "Mainos",
        "ZdjęciaUdostępnij",
    ],
)
def test_controls(line: str) -> None:
    assert is_control(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 40 people came.",
        "Photos of the flood were shared by thousands of residents.",
        "Next year the ferry will run daily.",
        "Live music returns to the harbour.",
        "YouTube",
        "iPhone sales fell.",
        "Go to sleep early.",
        "Small business loans rise",
        "Для печати нужна бумага.",
    ],
)
def test_prose_is_not_a_control(line: str) -> None:
    assert not is_control(line)


@pytest.mark.parametrize(
    "line",
    [
        "Residents can sign up for the programme at the library.",
        "The company said it would share the data on request.",
        "Customers who subscribe to the service pay less.",
        "The town will become a member of the regional transport authority.",
    ],
)
def test_prose_about_subscriptions_has_no_closing_cue(line: str) -> None:
    assert not tail_cue(line)


def test_credit_lines_survive_tidying() -> None:
    class Owner:  # the fields of content_model.El that tidying reads
        tag = "p"
        attrs_s = ""
        parent = None

    def unit(text: str, credit: bool = False) -> Unit:
        u = Unit.__new__(Unit)
        u.text, u.owner, u.links, u.credit = text, Owner(), [], credit  # type: ignore[assignment]
        u.link_len = 0.0
        return u

    units = [
        unit("The story's only paragraph, long enough to be prose and not a label at all."),
        unit("The post Ferry returns appeared first on Harbour Ledger.", credit=True),
        unit("Follow us on the social networks"),
    ]
    kept = [u.text for u in tidy(units)]
    assert kept == [units[0].text, units[1].text]


def test_a_page_of_short_lines_is_not_emptied() -> None:
    """Tidying judges lines around a story; a page it would leave nearly empty (here
    a contact page of short lines ending in contact cues) keeps its text."""

    class Owner:  # the fields of content_model.El that tidying reads
        tag = "p"
        attrs_s = ""
        parent = None

    def unit(text: str) -> Unit:
        u = Unit.__new__(Unit)
        u.text, u.owner, u.links, u.credit = text, Owner(), [], False  # type: ignore[assignment]
        u.link_len = 0.0
        return u

    lines = [
        "Opening hours of the harbour office",
        "Monday to Friday, nine to five",
        "Saturday mornings in summer only",
        "Write to the harbour master at office@harbour.example",
        "Contact us by phone on weekdays",
        "Follow us for tide tables and notices",
        "Media contact: the town hall press desk",
        "All rights reserved by the port authority",
        "Send us a tip about the harbour",
        "Leave a comment below the notice",
    ]
    units = [unit(t) for t in lines]
    assert [u.text for u in tidy(units)] == lines


@pytest.mark.parametrize(
    ("style", "hidden"),
    [
        ("display: none", True),
        ("position:absolute; left:-100rem; height:0; width:0; overflow:hidden", True),
        ("height: 0 !important; overflow: hidden", True),
        ("overflow:hidden;max-height:0px", True),
        ("position: absolute; left: -9999px", True),
        ("text-indent:-9999px;position:absolute", True),
        ("line-height:0; overflow:hidden", False),
        ("height:0.5em; overflow:hidden", False),
        ("height:10px; overflow:hidden", False),
        ("position:absolute; left:-10px", False),
        ("position:relative; left:-1000px", False),
        ("margin-left:-200px", False),
    ],
)
def test_inline_styles_that_hide_text(style: str, hidden: bool) -> None:
    assert _hidden({"style": style}) is hidden


@pytest.mark.parametrize(
    ("texts", "networks"),
    [
        (["https://www.facebook.com/a", "https://fb.me/a"], 1),
        (["https://x.com/a", "https://twitter.com/a", "https://line.me/R/ti/p/@a"], 2),
        (["Síguenos en instagram.com/diario y youtube.com/@diario"], 2),
        (["https://example.com/box.com", "notfacebook.com", "facebook.community"], 0),
    ],
)
def test_social_networks_are_counted_once_each(texts: list[str], networks: int) -> None:
    assert social_networks(texts) == networks


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Read also: The bridge reopens", True),
        ("Lesen Sie auch » Neue Fähre", True),
        ("اقرأ أيضاً: عنوان", True),
        ("【関連記事】魚市場、再び浸水", True),  # a bracketed label
        ("[Read also] The bridge reopens", True),
        ("Related", False),  # a bare label, nothing after it
        ("Relatedly, the council voted against it.", False),
    ],
)
def test_related_labels(text: str, label: bool) -> None:
    assert related_label(text) is label


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Related stories", True),
        ("Read also:", True),
        ("İLGİLİ HABERLER", True),  # Turkish dotted capitals fold to a plain "i"
        ("관련기사", True),
        ("Read also: The bridge reopens", False),  # a label with its headline
        ("Relatedly", False),
    ],
)
def test_related_headings(text: str, heading: bool) -> None:
    assert related_heading(text) is heading


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Image copyright Jane Doe/AFP", True),
        ("Foto: dpa", True),
        ("图片来源：新华社", True),
        ("Photographers gathered outside the court.", False),
        ("Credits rolled before the mayor arrived.", False),
        ("Image sources close to the band say otherwise.", False),
    ],
)
def test_photo_labels(text: str, label: bool) -> None:
    assert photo_label(text) is label


@pytest.mark.parametrize(
    ("attrs", "closes"),
    [
        ({"class": "close"}, True),
        ({"class": "btn-close"}, True),
        ({"class": "modal__close"}, True),
        ({"class": "closeButton"}, True),  # camelCase read as words
        ({"id": "dismiss-banner"}, True),
        ({"data-bs-dismiss": "alert"}, True),
        ({"onclick": "$(this).closest('.notice').slideUp(); return false;"}, True),
        ({"onclick": "box.fadeOut(200)"}, True),
        ({"class": "photo close-up"}, False),
        ({"class": "closeup"}, False),
        ({"class": "is-closed"}, False),
        ({"class": "disclosure"}, False),
        ({"onclick": "showMore()"}, False),
    ],
)
def test_close_controls(attrs: dict[str, str | None], closes: bool) -> None:
    assert _closes(attrs) is closes


def test_a_pull_quote_repeating_the_story_is_in_the_text_once() -> None:
    """A pull quote (by its class) repeating a sentence of the story is dropped; a pull
    quote saying something the story does not, and a repeated line that is no pull
    quote, stay."""
    story = "".join(
        f"<p>Paragraph {n} tells how the harbour ferry came back after two years, what "
        f"the council paid for the new landing stage and when the boats will run.</p>"
        for n in range(5)
    )
    said = (
        "“It has been a long two years for the island,” said councillor Mary Stone, who "
        "chairs the transport committee."
    )
    page = (
        f"<html><body><article><h1>Ferry returns</h1>{story}"
        '<blockquote class="pull-quote"><p>“It has been a long two years for the '
        "island,” said councillor Mary Stone.</p></blockquote>"
        f"<p>{said}</p>"
        '<aside class="pullquote-wrap"><p>A quote the story itself never prints.</p></aside>'
        "<p>Paragraph 0 tells how the harbour ferry came back</p>"
        "</article></body></html>"
    )
    text = extract(Page(content=page.encode())).text
    assert text.count("long two years for the island") == 1
    assert said in text
    assert "Paragraph 0 tells how the harbour ferry came back\n" in text + "\n"


def test_a_layout_tables_controls_are_dropped_and_a_data_tables_figures_kept() -> None:
    """A cell holding the story's paragraphs is a layout cell: its "Print | Share | Email"
    line is a control.  A cell holding only "+4.5%" is a data table's."""
    story = "".join(
        f"<p>{s}</p>"
        for s in (
            "The old fire tower on the market square has reopened after two years of"
            " repairs, the regional office said on Thursday.",
            "Visitors can climb to the gallery again from May, and a small museum of the"
            " town's fire brigade opens on the ground floor.",
            "The repairs cost the regional budget more than planned because the brick"
            " walls needed new foundations.",
        )
    )
    page = (
        "<html><head><title>Fire tower reopens</title></head><body>"
        '<table width="760"><tr><td width="160"><a href="/">Home</a></td><td>'
        f"<h1>Fire tower reopens</h1>{story}"
        '<table class="figures"><tr><th>Year</th><th>Visitors</th><th>Change</th></tr>'
        "<tr><td>2023</td><td>41,200</td><td>+4.5%</td></tr></table>"
        '<br><a href="/print/1">Print</a> | <a href="/share/1">Share</a> | <a href="/e/1">Email</a>'
        "</td></tr></table></body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert "walls needed new foundations." in text
    assert "+4.5%" in text
    assert "Share" not in text


@pytest.mark.parametrize(
    "line",
    [
        "Support local journalism",
        "Your subscription pays for our reporters. Subscribe today for just $2.99 a month.",
        "The Courier is reader-funded: every story is free to read.",
    ],
)
def test_appeals_for_support_are_closing_cues(line: str) -> None:
    assert tail_cue(line)


@pytest.mark.parametrize(
    "caption",
    [
        "Boats at the harbour wall at low tide. Photograph: Jane Doe for the Courier",
        "Ilustrační snímek. Foto: Kurýr/Jan Novák",
        "Будинок після реставрації. Фото: Вісник",
        "Tortul de Crăciun. Foto: Gazeta Văii",
    ],
)
def test_a_caption_ending_with_its_photo_credit_is_dropped(caption: str) -> None:
    story = " ".join(
        f"<p>{s}</p>"
        for s in (
            "The harbour wall will be raised by half a metre before the winter storms, the"
            " port authority said on Monday, after two floods in as many years.",
            "Work starts in September and should take four months. The quay stays open to"
            " fishing boats, but the car park behind it will close while cranes are used.",
        )
    )
    page = (
        "<html><head><title>Harbour wall to be raised</title></head><body><article>"
        f'<h1>Harbour wall to be raised</h1><figure><img src="/a.jpg"><figcaption>{caption}'
        f"</figcaption></figure>{story}<p>Residents can see the plans at the town hall.</p>"
        "</article></body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert caption.split(".")[0] not in text
    assert "Residents can see the plans at the town hall." in text


def test_a_paragraph_ending_on_photos_as_a_subject_is_kept() -> None:
    line = "The council met on Tuesday. Photos of the cracked bridge were shown to members."
    assert not _is_photo_credit(line)


def test_a_section_heading_classed_header_is_the_storys() -> None:
    """A heading element whose class names it a header ("header-h2", "section-heading")
    is the story's section heading; a div so classed is still the site's header."""
    paras = "".join(
        f"<p>{s}</p>"
        for s in (
            "The metro line will close at ten on weeknights from March while crews replace"
            " the signals between the two central stations, the city said on Friday.",
            "Night buses will run every fifteen minutes along the closed stretch, and the"
            " last trains will leave the terminus at half past nine instead.",
            "The works should end in September, when the new signals let trains run closer"
            " together at rush hour and cut waiting times on the busiest platforms.",
        )
    )
    page = (
        "<html><head><title>Metro to close early for signal works</title></head><body>"
        '<div class="site-header"><a href="/">City Daily</a> <a href="/news">News</a></div>'
        "<article><h1>Metro to close early for signal works</h1>"
        f'<div class="article-body">{paras}<h2 class="header-h2">Night maintenance</h2>'
        "<p>Crews will work from eleven at night until five in the morning, the operator"
        " said, so that the first trains can run as usual.</p></div></article></body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert "Night maintenance" in text
    assert "City Daily" not in text


def test_components_named_in_data_attributes() -> None:
    """React-built pages name their components in data-testid / data-component, not in
    classes ("css-1x2y3z"): a newsletter promo or a related-links module so named is
    furniture like one so classed."""
    paras = "".join(
        f'<p class="css-at9mc1">{s}</p>'
        for s in (
            "Little brown bats returned to three barns in the valley this spring, a survey"
            " by the state wildlife office found, after a fungal disease had emptied them.",
            "Biologists counted more than four hundred bats in the largest colony, against"
            " fewer than fifty five years ago, and found pups in two of the three barns.",
        )
    )
    page = (
        "<html><head><title>Bats return to valley barns</title></head><body><main>"
        f'<article><h1>Bats return to valley barns</h1><section name="articleBody">{paras}'
        '<div class="css-1x2y3z" data-testid="newsletter-promo"><p class="css-4abc">Get the'
        " Nature Notes newsletter every Tuesday for news about the animals near you.</p></div>"
        f"{paras.replace('Little', 'Big').replace('Biologists', 'Scientists')}"
        '<div class="css-9q8w7e" data-component="related-links"><p>Owls nest again in the old'
        " church tower after twenty years away from the village green</p></div>"
        "</section></article></main></body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert "Scientists counted" in text
    assert "Nature Notes newsletter" not in text
    assert "Owls nest again" not in text


def test_a_promotion_between_paragraphs_is_dropped_and_a_streaming_line_kept() -> None:
    """A short linked line with a newsletter or app cue is a promotion wherever it
    stands; where a film streams ("on Google Play") is the story's own line."""
    paras = [
        "Oil prices rose for a third day on Tuesday as refiners drew down stocks faster"
        " than traders had expected ahead of the summer driving season.",
        "Brent crude futures gained 1.2% to settle at their highest level in six weeks,"
        " while U.S. crude rose a little less on a stronger dollar.",
        '<a href="/film/harbour">Harbour Lights</a> is streaming on Hulu and available to'
        " rent on Google Play and YouTube.",
        "Analysts said the rally could stall if producers raise output next month, as"
        " several of them signalled at a meeting last week.",
    ]
    promo = (
        "The Energy Brief newsletter gives you the week in oil and gas. "
        '<a href="/newsletters/energy">Sign up here.</a>'
    )
    body = "".join(f"<p>{p}</p>" for p in paras[:2]) + f"<p>{promo}</p>"
    body += "".join(f"<p>{p}</p>" for p in paras[2:])
    page = (
        "<html><head><title>Oil rises for third day</title></head><body><article>"
        f"<h1>Oil rises for third day</h1><div class='body'>{body}</div></article></body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert "Energy Brief newsletter" not in text
    assert "available to rent on Google Play" in text
    assert "several of them signalled" in text


def test_an_article_in_a_column_classed_like_a_sidebar_is_not_taken_for_furniture() -> None:
    """The strict pass drops a main column classed "sidebar-1"; what a relaxed pass adds
    from it is prose, the story, so a short block found first does not win."""
    story = "".join(
        f"<p>{s}</p>"
        for s in (
            "The regional council approved a plan on Thursday to reopen the branch railway"
            " to the coast, closed for passengers since 1968, after a study found that"
            " trains could run every hour in summer and every two hours in winter.",
            "Work on the track and the three stations would start next spring and take two"
            " years, the council said, with most of the cost shared by the national rail"
            " agency and a European fund for regional transport in rural areas.",
            "Residents of the villages along the line have campaigned for the reopening for"
            " more than a decade, collecting signatures at every market day and inviting"
            " engineers to walk the overgrown track with them each autumn.",
            "Opponents on the council said buses would serve the villages at a fraction of"
            " the cost, but the plan passed by a wide margin after the study was published"
            " and the rail agency promised to run the line for at least fifteen years.",
        )
    )
    page = (
        "<html><head><title>Coast railway to reopen</title></head><body>"
        '<div class="intro"><p>Welcome to the Valley Post, the independent paper of the'
        " upper valley since 1921, published every Thursday and online every day of the"
        " week for readers at home and away.</p></div>"
        f'<div class="sidebar-1"><h1>Coast railway to reopen</h1>{story}</div>'
        "</body></html>"
    )
    text = extract(Page(content=page.encode("utf-8"))).text
    assert "every hour in summer" in text
    assert "at least fifteen years" in text
