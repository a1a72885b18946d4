"""Khmer helpers: digits, word segmentation for search, and line breaking for PDF layout.

Khmer is written without spaces between words, so search and line breaking need a segmenter.
We use khmercut (Apache-2.0, CRF model shipped in the wheel, works offline); see ADR 0006."""

import re
import unicodedata
from functools import lru_cache

from django.utils.translation import get_language

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
ARABIC_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_KHMER_RUN = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]+")
_WORD = re.compile(r"\w+", re.UNICODE)
ZWSP = "\u200b"


def to_khmer_digits(value: object) -> str:
    return str(value).translate(KHMER_DIGITS)


def khmer_active() -> bool:
    return (get_language() or "").startswith("km")


def local_digits(value: object) -> str:
    """`value` as text with its digits in the script of the active language (០១២ in Khmer): the one
    number formatter for text, templates (the `digits` filter) and charts."""
    text = "" if value is None else str(value)
    return to_khmer_digits(text) if khmer_active() else text


def to_arabic_digits(value: str) -> str:
    return value.translate(ARABIC_DIGITS)


def contains_khmer(text: str) -> bool:
    return bool(_KHMER_RUN.search(text or ""))


@lru_cache(maxsize=4096)
def _segment_run(run: str) -> tuple[str, ...]:
    from khmercut import tokenize

    return tuple(t for t in tokenize(run) if t.strip())


def segment(text: str) -> list[str]:
    """Split text into words: Khmer runs by the segmenter, everything else at non-word characters."""
    text = unicodedata.normalize("NFC", text or "").replace(ZWSP, " ")
    words: list[str] = []
    pos = 0
    for match in _KHMER_RUN.finditer(text):
        words.extend(_WORD.findall(text[pos : match.start()]))
        words.extend(_segment_run(match.group()))
        pos = match.end()
    words.extend(_WORD.findall(text[pos:]))
    return words


def search_terms(text: str) -> list[str]:
    """Normalised search terms for a query or a document: segmented, case-folded, digits unified."""
    return [to_arabic_digits(w).casefold() for w in segment(text)]


def search_document(*parts: str) -> str:
    """A space-separated, segmented, case-folded text for substring search on any database."""
    return " " + " ".join(t for part in parts if part for t in search_terms(part)) + " "


# --- Khmer line breaking (PDF layout) ---------------------------------------------------------

# A token that starts with a dependent vowel, a sign or a coeng belongs to the previous cluster; one
# that starts with ។ ៕ ៖ ៗ must not begin a line.
_NO_BREAK_BEFORE = re.compile(r"^[\u17B6-\u17D3\u17D4-\u17D7\u17DA\u17DD]")


@lru_cache(maxsize=16384)
def _breakable_run(run: str) -> str:
    if len(run) < 4:
        return run
    from khmercut import tokenize

    tokens = [t for t in tokenize(run) if t]
    if "".join(tokens) != run:  # the segmenter changed the text: leave it alone rather than corrupt it
        return run
    words: list[str] = []
    for token in tokens:
        if words and (_NO_BREAK_BEFORE.match(token) or words[-1].endswith("\u17d2")):
            words[-1] += token
        else:
            words.append(token)
    return ZWSP.join(words)


def khmer_breakable(text: str) -> str:
    """`text` with U+200B between Khmer words (inside Khmer runs only), so that a layout engine can
    wrap long Khmer lines at word boundaries. Existing U+200B are replaced by the segmenter's."""
    if not text or not contains_khmer(text):
        return text
    return _KHMER_RUN.sub(lambda m: _breakable_run(m.group()), text.replace(ZWSP, ""))
