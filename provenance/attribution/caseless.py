"""Where a credited name stands in scripts without letter case.

No capital marks a name in Arabic, Persian, Hebrew, the Indic scripts, Thai, Chinese,
Japanese or Korean, so the words a credit cue ties to are found by position instead:
after the cue in languages that put the object after the verb, between two cues in
verb-final ones, without the prepositions, particles, postpositions and auxiliaries
that stand around the name.  :func:`caseless_candidates` gives the raw word groups;
:mod:`.naming` cleans them and judges whether they read as a publication's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_CASELESS_SPLIT = re.compile(r"[.,;!?。、，！？()（）\[\]【】「」:：]")
#: A one-letter preposition glued to a name with a hyphen: Hebrew "ב-", "ל-", "מ-".
GLUED_PREFIX = re.compile(r"^[\u05d0-\u05ea]-")

#: Scripts without letter case, where no capital marks a name: Hebrew, Arabic (and
#: its supplements), the Indic scripts (Devanagari to Sinhala), Thai, kana, CJK, Hangul.
UNCASED_SCRIPT = re.compile(
    r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u0900-\u0dff\u0e00-\u0e7f"
    r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
#: Words that stand between a credit cue and the name in scripts without case, where
#: no capital tells where the name starts: prepositions ("on", "in", "at", "via") and
#: "the website / the page of" in Arabic, Persian, Urdu and Hebrew ("على موقع X",
#: "در سایت X", "באתר X").
_LEAD_WORDS = frozenset(
    [
        "على",
        "في",
        "من",
        "عبر",
        "إلى",
        "لدى",
        "موقع",
        "الموقع",
        "بموقع",
        "صفحة",
        "بصفحة",
        "در",
        "از",
        "روی",
        "به",
        "سایت",
        "وبسایت",
        "وب\u200cسایت",
        "تارنمای",
        "پایگاه",
        "برای",
        "با",
        "بر",
        "تا",
        "پر",
        "میں",
        "سے",
        "ویب",
        "سائٹ",
        "ב",
        "ל",
        "מ",
        "אתר",
        "באתר",
        "לאתר",
        "מאתר",
        "בעמוד",
    ]
)


#: A Chinese preposition glued between a cue and the name ("发表于晨报网", "转载自X").
_GLUED_PREPOSITION = re.compile(r"^(?:于|於|自|在|至|到|为|為)")
#: Words between a name and the cue after it in verb-final scripts: particles written
#: as words of their own ("<site> に 最初に", "<site> 에 처음").
_PARTICLE_WORDS = frozenset(("に", "で", "へ", "の", "から", "より", "에", "에서", "의", "로"))
#: Topic and subject markers: the name follows the last of them ("投稿 <title> は <site>").
_TOPIC_WORDS = frozenset(("は", "が", "も", "는", "은", "이", "가"))
#: The same markers glued to the start of the words after the subject ("は朝日ニュース").
_LEAD_PARTICLE = re.compile(r"^(?:は|が|も|는|은|이|가)")
#: Hindi and Urdu postpositions after a name ("X पर", "X में"), and Persian "را".
_TAIL_WORDS = frozenset(
    ["पर", "में", "से", "के", "की", "का", "को", "ने", "पे", "پر", "میں", "سے", "کے", "کی", "کا", "را"]
)
#: "That" / "which" ending a clause before a verb-final cue (Persian, Urdu, Hindi).
_CONJUNCTIONS = frozenset(("که", "کہ", "कि", "जो", "जिसे"))
#: Scripts and letters of verb-final languages: the Indic scripts, kana, Hangul, and the
#: letters Persian and Urdu add to the Arabic alphabet (پ چ ژ ک گ ی ٹ ڈ ڑ ں ے).
_VERB_FINAL = re.compile(
    r"[\u0900-\u0dff\u3040-\u30ff\uac00-\ud7af"
    r"\u067e\u0686\u0698\u06a9\u06af\u06cc\u0679\u0688\u0691\u06ba\u06d2]"
)
#: Auxiliary verbs that end a verb-final credit ("प्रकाशित हुआ था", "منتشر شد"): never
#: a name after the cue.
_AUXILIARIES = frozenset(
    [
        "है",
        "हैं",
        "था",
        "थी",
        "थे",
        "हुआ",
        "हुई",
        "हुए",
        "गया",
        "गई",
        "गए",
        "किया",
        "की",
        "जा",
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "تھے",
        "ہوا",
        "ہوئی",
        "گیا",
        "گئی",
        "شد",
        "شده",
        "است",
        "بود",
        "بوده",
        "گردید",
        "گرديد",
        "می\u200cشود",
        "شده\u200cاست",
        "হয়েছে",
        "হয়েছিল",
        "ছিল",
        "হয়",
    ]
)


def _after_words(text: str, end: int) -> list[str]:
    """The words after a cue in a script without case, up to the clause's end."""
    rest = text[end:]
    after = _CASELESS_SPLIT.split(rest.lstrip(" :：\u3000"))[0]
    words = after.split()
    if words and not rest[:1].isspace() and rest[:1] not in ":：":
        # the rest of the word the cue is glued to: verb endings ("されました"), or a
        # preposition (in the cue, "发表于|晨报网", or after it, "发表|于晨报网") and
        # then the name
        glued = _GLUED_PREPOSITION.sub("", words[0], count=1)
        if glued != words[0] or _GLUED_PREPOSITION.search(text[end - 1 : end]):
            words = ([glued] if glued else []) + words[1:]
        else:
            words = words[1:]
    while words and (words[0] in _LEAD_WORDS or GLUED_PREFIX.sub("", words[0]) in _LEAD_WORDS):
        words = words[1:]
    if words and words[0].rstrip(".。।۔") in _AUXILIARIES:
        return []
    return words


def _between_words(text: str, lo: int, start: int) -> list[str]:
    """The words between the previous cue (ending at ``lo``) and a cue at ``start``,
    without the particles and postpositions that tie them to the cue."""
    chunk = _CASELESS_SPLIT.split(text[lo:start])[-1]
    while chunk[:1] and unicodedata.category(chunk[0]).startswith("M"):
        chunk = chunk[1:]  # the vowel sign of a cue's last letter ("से" matched as "स")
    if lo and chunk[:1] and not chunk[:1].isspace() and not text[lo - 1 : lo].isspace():
        # the previous cue's word goes on ("기사는"): drop the rest of it
        chunk = (
            chunk.split(maxsplit=1)[1] if len(chunk.split()) > 1 else _LEAD_PARTICLE.sub("", chunk)
        )
    words = chunk.split()
    while words and (
        words[-1] in _TAIL_WORDS
        or words[-1] in _PARTICLE_WORDS
        or words[-1] in _AUXILIARIES
        or words[-1] in _CONJUNCTIONS
    ):
        words = words[:-1]
    topic = [i for i, w in enumerate(words) if w in _TOPIC_WORDS]
    if topic:  # "投稿 <title> は <site> に": the name follows the topic marker
        words = words[topic[-1] + 1 :]
    while words and (words[0] in _LEAD_WORDS or GLUED_PREFIX.sub("", words[0]) in _LEAD_WORDS):
        words = words[1:]
    if words:
        words[0] = _LEAD_PARTICLE.sub("", words[0]) or words[0]
    return words[-3:]


def caseless_candidates(
    text: str, cue: tuple[int, int], bounds: Sequence[tuple[int, int]], subject: bool
) -> list[str]:
    """The word groups a cue at ``cue`` may tie to in a script without case, best first:
    after the cue (a Chinese "最先出现在 X" or "发表于X", an Arabic "على X"), unless the
    language is verb-final or only an auxiliary follows; then the words between the
    previous cue (any of ``bounds``) and this one, as verb-final languages put the name
    before the verb (Japanese "この記事は X に最初に掲載", Hindi "X पर प्रकाशित", Persian
    "در X منتشر شد").  Unless the line's subject is the article itself (``subject``),
    only a name the cue introduces with a colon ("来源：X") is offered: without case
    nothing tells a name from narrative ("the rash first appeared on his arms").
    """
    start, end = cue
    colon = text[end:].lstrip(" \u3000")[:1] in (":", "：")
    if not subject and not colon:
        return []
    candidates = []
    # verb-final languages put the name before the verb: what follows a cue there is
    # the rest of the sentence ("पहली बार पढ़ने वालों के लिए"), unless a colon
    # introduces it ("स्रोत: X")
    words_after = _after_words(text, end) if colon or not _VERB_FINAL.search(text) else []
    if words_after:
        candidates.append(" ".join(words_after[:3]))
    lo = max((e for s, e in bounds if e <= start), default=0)
    between = _between_words(text, lo, start) if subject else []
    if between:
        candidates.append(" ".join(between))
    return candidates


__all__ = ["GLUED_PREFIX", "UNCASED_SCRIPT", "caseless_candidates"]
