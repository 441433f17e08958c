"""Site furniture inside the chosen content, told by what a line says, in many languages.

Scoring and cleaning judge containers by their shape (links, commas, class names).
Some furniture survives them because it sits in the article's own container and
looks like text: gallery controls ("Image 1 of 8", "HIDE CAPTION", "Close"),
captions repeated under every photo, and the lines a site puts after every story
(newsletter and follow-us lines, tip lines, comment policies, "report an error",
copyright notices, press-release "About <company>" and contact blocks).  This module
holds the vocabularies; :mod:`.content_tidy` applies them.

The word lists are data, not rules for one site: each entry is a user-interface
word or phrase that the common news CMSs print, in the languages we have fixtures
for (English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian,
Turkish, Indonesian, Arabic, Chinese, Japanese, Korean, Thai).  Matching is on case-folded text.
"""

from __future__ import annotations

import re
from typing import Final


def _vocabulary(text: str, separator: str | None = None) -> frozenset[str]:
    """The entries of a word list written as text, split on whitespace or on
    ``separator``; lines starting with ``#`` are comments."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    parts = "\n".join(lines).split(separator)
    return frozenset(" ".join(p.split()) for p in parts if p.strip())


#: Words that, alone or with numbers and arrows, make a line a control, not prose.
CONTROL_WORDS: Final = _vocabulary(
    """
    ad ads advertisement advert all audio back caption captions close collapse comment
    comments continue copy down email enlarge expand feedback fullscreen full screen
    gallery hide image images img link listen load loading menu more less mute next of
    open pause photo photos picture pictures play prev previous print reading read
    replay save see share show skip slide slides slideshow sponsored top toggle tweet
    up video videos view watch zoom photograph photographs credit credits getty anzeige
    bild bilder bildergalerie foto fotos galerie mehr weniger schließen weiter zurück
    teilen drucken vergrößern video videos werbung von de du sur di da van z из fermer
    suivant suivante précédent précédente plus moins partager diaporama agrandir voir
    lire la suite publicité vidéo cerrar siguiente anterior más menos imagen imágenes
    compartir galería ver publicidad chiudi successivo successiva precedente altro
    altre immagine immagini condividi galleria pubblicità fechar próximo próxima mais
    imagem imagens compartilhar partilhar galeria sluiten volgende vorige meer minder
    afbeelding afbeeldingen delen zamknij następne następny poprzednie poprzedni więcej
    zdjęcie zdjęcia galeria udostępnij reklama закрыть далее назад ещё еще фото
    фотографии изображение поделиться галерея видео реклама kapat sonraki önceki daha
    fazla paylaş galeri fotoğraf reklam tutup berikutnya sebelumnya lainnya bagikan
    galeri iklan إغلاق التالي السابق المزيد صورة صور مشاركة فيديو إعلان 关闭 下一张 上一张 更多
    图片 图集 分享 广告 视频 閉じる 次へ 前へ 写真 画像 共有 広告 動画
    닫기 다음 이전 더보기 사진 공유 광고 동영상 live publicidade anúncio версия для
    печати печать отправить другу ツイート シェア lineで送る 印刷 글자크기 인쇄 스크랩
    shiriki funga tangazo cetak publicitate hirdetés mainos reklame advertentie inzerce
    oglas aa size font small medium large scroll text to
    """
)

#: Whole lines that embeds and players print, ";"-separated.
CONTROL_LINES: Final = _vocabulary(
    """
    view this post on instagram; view this post on x; view on instagram; watch on youtube;
    watch on tiktok; open in app; tap to unmute; click to expand; continue reading;
    skip advertisement; advertisement - scroll to continue; diesen beitrag auf instagram
    ansehen; voir cette publication sur instagram; ver esta publicación en instagram;
    visualizza questo post su instagram; ver essa foto no instagram; bekijk dit bericht op
    instagram; посмотреть эту публикацию в instagram;
    # the label over an ad slot between two paragraphs: the story goes on after it
    story continues below advertisement; article continues below advertisement;
    story continues below; article continues below; continue reading below;
    continues after advertisement; weiterlesen nach der anzeige;
    artikel wird nach der anzeige fortgesetzt; lesen sie nach der anzeige weiter;
    la suite après cette publicité; la suite après la publicité;
    continúa después de la publicidad; sigue después de la publicidad;
    la noticia continúa después de la publicidad; continua dopo la pubblicità;
    l'articolo continua dopo la pubblicità; continua depois da publicidade;
    continua após a publicidade; continua após o anúncio; lees verder na de advertentie;
    dalsza część artykułu pod reklamą; dalsza część artykułu poniżej;
    dalsza część artykułu pod materiałem wideo; dalsza część artykułu pod galerią;
    продолжение после рекламы; статья продолжится после рекламы;
    haberin devamı reklamdan sonra; berita berlanjut setelah iklan;
    广告后继续阅读; 記事の続きは広告の後で
    """,
    separator=";",
)

#: Promotions a site sets in its stories and after them, ";"-separated: newsletter
#: sign-ups, its app, appeals for support.  A short linked line holding one is furniture
#: wherever it stands; the other closing cues (:data:`TAIL_CUES`) only end a story.
PROMO_CUES: Final = _vocabulary(
    """
    # newsletters and subscriptions: imperatives and "our newsletter", never the bare noun
    our newsletter; our free newsletter; sign up for our; sign up to our; sign up here;
    sign up now; subscribe to our; subscribe now; subscribe here; unseren newsletter;
    newsletter abonnieren; jetzt abonnieren; hier abonnieren; abonnez-vous;
    notre newsletter; notre lettre d'information; suscríbete; inscríbete;
    nuestro boletín; nuestra newsletter; iscriviti; la nostra newsletter;
    assine a newsletter; nossa newsletter; schrijf je in; onze nieuwsbrief; zapisz się;
    nasz newsletter; подпишитесь; подписывайтесь; нашу рассылку; abone ol; bülten;
    buletin kami; نشرتنا; 欢迎订阅; 订阅我们; ご購読; メルマガ; 구독하기;
    # the site's app and appeals for support
    download our app; download the app; get our app; get the app; our mobile app;
    laden sie unsere app; unsere app herunterladen;
    téléchargez notre application; téléchargez l'application; descarga nuestra app;
    descarga la app; descargue nuestra aplicación; scarica la nostra app; scarica l'app;
    baixe o app; baixe nosso app; baixe o aplicativo; download onze app;
    pobierz aplikację; pobierz naszą aplikację; скачайте приложение;
    скачайте наше приложение; uygulamamızı indirin; unduh aplikasi;
    support our journalism; support independent journalism; support our work;
    support local journalism; become a subscriber; subscribe today;
    funded by readers; reader-funded; reader-supported;
    unterstützen sie unseren journalismus; soutenez notre journalisme; soutenez-nous;
    apoya nuestro periodismo; apoya el periodismo; sostieni il nostro giornalismo;
    apoie o jornalismo; apoie nosso jornalismo; steun onze journalistiek;
    wesprzyj nasze dziennikarstwo; поддержите нас;
    """,
    separator=";",
)

#: Cues of the lines a site prints after every story, ";"-separated.  A trailing
#: short line holding one of these (with a link, or short) is furniture.
TAIL_CUES: Final = _vocabulary(
    """
    # following the site
    follow us; folgen sie uns; suivez-nous; síguenos; seguici; siga-nos; volg ons;
    obserwuj nas; следите за нами; следите за новостями; bizi takip; ikuti kami;
    تابعونا; 关注我们; フォローして; 팔로우하세요;
    # tips and contacts
    send us a tip; got a tip; have a tip; news tip; contact us; media contact;
    press contact; media inquiries; pressekontakt; kontaktieren sie uns;
    contactez-nous; contact presse; contáctenos; contacto de prensa; contattaci;
    fale conosco; neem contact; skontaktuj się; свяжитесь с нами; bize ulaşın;
    hubungi kami; اتصل بنا; 联系我们; お問い合わせ; 문의하기;
    # comments
    comment policy; comments policy; community guidelines; leave a comment;
    kommentarrichtlinien; netiquette; charte de modération; normas de participación;
    regole della community; правила комментирования; yorum kuralları; سياسة التعليقات;
    评论规则;
    # correction and read-next labels of Chinese, Japanese and Korean portals (the
    # editor line "责任编辑" is kept: references disagree on it)
    【纠错】; 阅读下一篇; 延伸阅读;
    # corrections
    report an error; spotted an error; spotted a typo; found a typo; fehler gefunden;
    signaler une erreur; reportar un error; segnala un errore; ctrl+enter;
    сообщить об ошибке; ошибка в тексте;
    # photo credits closing a story
    top image:; featured image:; header image:; lead image:; cover photo:; cover image:;
    photo courtesy; photos courtesy; image courtesy; images courtesy; beitragsbild:;
    titelbild:; image d'illustration; imagen de portada; immagine di copertina;
    # portals asking to be the start page
    my homepage; as your homepage; als startseite; comme page d'accueil;
    como página de inicio; come pagina iniziale;
    # sharing and advertising
    share this article; share this story; share this post; share this on; jetzt teilen;
    partager sur; compartir en; condividi su; compartilhe; поделиться в;
    advertise with us; ads by;
    # print and permalink lines
    print this page; print this article; imprimer cette page; diese seite drucken;
    artikel drucken; druckversion; imprimir esta página; imprimir artículo;
    stampa questa pagina; stampa l'articolo; permalink; permalien;
    # app stores named in a closing line ("Get it on Google Play"); inside a story they
    # are where a film streams, so they are no promotion cue there
    on the app store; on google play;
    # paywall notices closing a truncated story (phrases, never a bare "subscribers")
    subscribe to continue reading; subscribe to read the full; to continue reading,;
    already a subscriber; this article is for subscribers; this content is for subscribers;
    exclusive for subscribers; exclusive to subscribers; sind sie bereits abonnent;
    bereits abonnent; dieser artikel ist nur für abonnenten; exklusiv für abonnenten;
    déjà abonné; cet article est réservé aux abonnés; la suite est réservée aux abonnés;
    ¿ya eres suscriptor; ya soy suscriptor; contenido exclusivo para suscriptores;
    sei già abbonato; articolo riservato agli abbonati; contenuto riservato agli abbonati;
    já é assinante; conteúdo exclusivo para assinantes; ben je al abonnee;
    alleen voor abonnees; artykuł dostępny tylko dla; masz już subskrypcję;
    уже есть подписка; материал доступен только подписчикам; 会員限定です; 有料会員限定;
    続きをお読みいただけます; 続きを読むには; 订阅后阅读全文; 付费阅读; 유료회원 전용;
    # Thai (follow us, advertise with; its "related stories" label is in RELATED_LABELS)
    ติดตามเรา; ลงโฆษณากับ;
    """,
    separator=";",
)

#: Names of the pages every site links in its comment policy and footer lines; a
#: closing line is furniture when one of these is a link's text, never as plain prose
#: (a story may end on a company's new privacy policy).
LEGAL_LINK_CUES: Final = _vocabulary(
    """
    privacy policy; privacy notice; cookie policy; terms of use; terms of service;
    terms and conditions; community guidelines; community standards; house rules;
    datenschutz; nutzungsbedingungen; community-richtlinien; politique de confidentialité;
    conditions d'utilisation; conditions générales; charte de modération;
    política de privacidad; aviso de privacidad; términos de uso; condiciones de uso;
    informativa sulla privacy; termini di utilizzo; termini d'uso; política de privacidade;
    termos de uso; privacybeleid; privacyverklaring; gebruiksvoorwaarden;
    polityka prywatności; regulamin; политика конфиденциальности;
    пользовательское соглашение; правила комментирования; gizlilik politikası;
    kullanım koşulları; kebijakan privasi; syarat dan ketentuan; سياسة الخصوصية;
    شروط الاستخدام; شروط استخدام; إرشادات الاستخدام; 隐私政策; 使用条款; 服务条款;
    プライバシーポリシー; 利用規約; 개인정보처리방침; 이용약관; นโยบายความเป็นส่วนตัว
    """,
    separator=";",
)

#: Labels that open a closing line of linked "related" headlines ("Read also: <title>").
RELATED_LABELS: Final = _vocabulary(
    """
    related; related stories; related articles; related coverage; related content;
    read also; also read; read more; see also; more on this; lesen sie auch; mehr zum thema;
    lire aussi; à lire aussi; a lire aussi; lea también; lee también; leer más;
    leggi anche; leia também; leia mais; veja também; lees ook; lees meer; czytaj też;
    czytaj także; zobacz też; читайте также; смотрите также; ayrıca okuyun; ilgili haber;
    ilgili haberler; baca juga; berita terkait; اقرأ أيضا; اقرأ أيضاً; مواضيع ذات صلة;
    相关新闻; 相關新聞; 相关阅读; 関連記事; 관련기사; 관련 기사; เรื่องที่เกี่ยวข้อง;
    อ่านเพิ่มเติม; tin liên quan; đọc thêm
    """,
    separator=";",
)

#: Labels that open a photo's credit or caption line ("Image copyright Jane Doe/AFP",
#: BBC's label in each of its languages, "Foto: dpa"); ";"-separated.
PHOTO_LABELS: Final = _vocabulary(
    """
    image copyright; image source; image caption; photo credit; photo credits;
    photo source; photo by; photos by; image by; image via; photo via;
    picture credit; photograph:; photo:; photos:; picture:; credit:; getty images;
    foto:; fotos:; bild:; bildquelle:; bildrechte:; crédit photo; crédits photo; photo :;
    fotografía:; imagen:; créditos:; derechos de autor de la imagen;
    fuente de la imagen; pie de foto; direitos de imagem; crédito da imagem;
    fonte da imagem; legenda da foto; crediti fotografici; didascalia; fotografie:;
    авторское право на изображение; источник изображения; подпись к фото; фото:;
    görsel:; fotoğraf:; telif hakkı; sumber gambar; kredit foto; keterangan gambar;
    حقوق الصورة; مصدر الصورة; التعليق على الصورة; 图片来源; 图像来源; 图片版权; 图片说明;
    圖片來源; 圖像來源; 圖片說明; 画像提供; 写真提供; 画像のキャプション; 사진 출처;
    사진 설명; ဓာတ်ပုံ မူပိုင်; ဓာတ်ပုံ ရင်းမြစ်; ဓာတ်ပုံ စာတန်း; แหล่งที่มาของภาพ;
    คำบรรยายภาพ; nguồn hình ảnh; chú thích ảnh; छवि स्रोत; तस्वीर का कैप्शन
    """,
    separator=";",
)

#: The social networks a follow-us line lists (host -> network).
_SOCIAL: Final = re.compile(
    r"(?<![\w.-])(?:www\.|m\.)?(facebook\.com|fb\.me|fb\.com|twitter\.com|x\.com"
    r"|instagram\.com|youtube\.com|youtu\.be|t\.me|telegram\.me|line\.me|tiktok\.com"
    r"|linkedin\.com|vk\.com|threads\.net|bsky\.app|wa\.me|whatsapp\.com|weibo\.com"
    r"|pinterest\.com|mastodon\.social)(?![\w.-])",
    re.I,
)
_SAME_NETWORK: Final = {
    "fb.me": "facebook.com",
    "fb.com": "facebook.com",
    "x.com": "twitter.com",
    "youtu.be": "youtube.com",
    "telegram.me": "t.me",
    "wa.me": "whatsapp.com",
}

#: Rights notices and disclaimers: closing lines that may run longer (a publisher's
#: copyright paragraph is often 40-60 words).
RIGHTS_CUES: Final = _vocabulary(
    """
    # rights and disclaimers
    all rights reserved; alle rechte vorbehalten; tous droits réservés;
    todos los derechos reservados; tutti i diritti riservati;
    todos os direitos reservados; alle rechten voorbehouden;
    wszelkie prawa zastrzeżone; все права защищены; tüm hakları saklıdır;
    hak cipta dilindungi; جميع الحقوق محفوظة; 版权所有; 版權所有; 無断転載; 무단 전재;
    subject to copyright; views expressed in this; opinions expressed in this;
    do not necessarily reflect; لا تعبر عن رأي;
    """,
    separator=";",
)

#: Headings that open a press release's closing company block ("About Acme Corp").
ABOUT_HEADING: Final = re.compile(
    r"^(about|über|à propos d[e']|acerca de|sobre|informazioni su|over|o firmie|о компании"
    r"|hakkında|tentang)\s+\S",
    re.I,
)


def _alternation(cues: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))


_TAIL: Final = _alternation(PROMO_CUES | TAIL_CUES | RIGHTS_CUES)
_PROMO: Final = _alternation(PROMO_CUES)
_RIGHTS: Final = _alternation(RIGHTS_CUES)
_TOKEN: Final = re.compile(r"\w+")
_NOT_CONTROL: Final = re.compile(r"[^\W\d]", re.UNICODE)
#: A small letter followed by a capital, where two words were run together.
_GLUED_WORDS: Final = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def fold(text: str) -> str:
    """``text`` case-folded, with Turkish dotted capital I folded to a plain "i"
    (``"İlgili".casefold()`` is "i" + a combining dot, which no cue would match)."""
    return text.casefold().replace("i\u0307", "i")


def is_control(text: str) -> bool:
    """A line of user-interface words, numbers and arrows only ("Image 1 of 8", "‹ ›")."""
    if len(text) > 60:
        return False
    folded = fold(_GLUED_WORDS.sub(" ", text))  # a row of buttons run together: "ShareTweet"
    if folded.rstrip(" .…>›»") in CONTROL_LINES:
        return True
    words = _TOKEN.findall(folded)
    if len(words) > 6:
        return False
    if not words:
        return not any(ch.isalnum() for ch in text)
    return all(
        w in CONTROL_WORDS or not _NOT_CONTROL.search(w) or w.replace("_", "") == "" for w in words
    )


def tail_cue(text: str) -> bool:
    """Whether ``text`` holds a cue of the lines sites print after every story."""
    return _TAIL.search(fold(text)) is not None


def promo_cue(text: str) -> bool:
    """Whether ``text`` holds a newsletter, app or support promotion's cue."""
    return _PROMO.search(fold(text)) is not None


def rights_cue(text: str) -> bool:
    """Whether ``text`` holds a rights notice or a disclaimer."""
    return _RIGHTS.search(fold(text)) is not None


#: Scripts written without spaces between words: a label in them may run into its text.
_UNSPACED: Final = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]$")
#: What may stand between a "related" label and its headline.
_LABEL_MARKS: Final = ":：»›>-–—| 】]」』)〕》"
#: Brackets that may open a label line ("【関連記事】").
_LABEL_OPENERS: Final = "【[「『〔《 "


def _labels(vocabulary: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The labels longest first, and those that need no word boundary after them (in
    an unspaced script, or ending in a colon).  Labels are tested with ``startswith``:
    compiling them into one regex cost more at import than all the tests of a page."""
    ordered = tuple(sorted(vocabulary, key=len, reverse=True))
    open_ended = frozenset(c for c in ordered if _UNSPACED.search(c) or c.endswith(":"))
    return ordered, open_ended


_RELATED_LABELS, _RELATED_OPEN = _labels(RELATED_LABELS)
_PHOTO_LABELS, _PHOTO_OPEN = _labels(PHOTO_LABELS)


def _label_end(folded: str, labels: tuple[str, ...], open_ended: frozenset[str]) -> int:
    """Where the longest label of ``labels`` that opens ``folded`` ends (0: none does).
    A label must end on a word boundary unless it is open-ended.  An opening bracket
    before it is skipped ("【関連記事】", "[Read also]")."""
    lead = len(folded) - len(folded.lstrip(_LABEL_OPENERS))
    if not folded.startswith(labels, lead):
        return 0
    for label in labels:  # longest first
        if folded.startswith(label, lead):
            n = lead + len(label)
            if label in open_ended or n == len(folded) or not folded[n].isalnum():
                return n
    return 0


def photo_label(text: str) -> bool:
    """Whether ``text`` opens with the label of a photo's credit or caption."""
    return _label_end(fold(text), _PHOTO_LABELS, _PHOTO_OPEN) > 0


def legal_link(link_text: str) -> bool:
    """Whether a link's text names a site's legal or community page ("Privacy policy")."""
    folded = fold(link_text)
    return any(cue in folded for cue in LEGAL_LINK_CUES)


def related_label(text: str) -> bool:
    """Whether ``text`` opens with a "related" label followed by more text."""
    folded = fold(text)
    n = _label_end(folded, _RELATED_LABELS, _RELATED_OPEN)
    return n > 0 and bool(folded[n:].lstrip(_LABEL_MARKS))


def related_heading(text: str) -> bool:
    """Whether ``text`` is a "related" label alone ("Related stories", "Read also:")."""
    folded = fold(text)
    n = _label_end(folded, _RELATED_LABELS, _RELATED_OPEN)
    return n > 0 and not folded[n:].strip(_LABEL_MARKS)


def social_networks(texts: list[str]) -> int:
    """How many different social networks the texts (hrefs, or a line's text) name."""
    hosts = {m.lower() for t in texts for m in _SOCIAL.findall(t)}
    return len({_SAME_NETWORK.get(h, h) for h in hosts})


__all__ = [
    "ABOUT_HEADING",
    "CONTROL_LINES",
    "CONTROL_WORDS",
    "LEGAL_LINK_CUES",
    "PHOTO_LABELS",
    "PROMO_CUES",
    "RELATED_LABELS",
    "RIGHTS_CUES",
    "TAIL_CUES",
    "is_control",
    "legal_link",
    "photo_label",
    "promo_cue",
    "related_heading",
    "related_label",
    "rights_cue",
    "social_networks",
    "tail_cue",
]
