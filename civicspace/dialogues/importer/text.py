"""Text helpers of the parser: whitespace, numbers in Arabic, Khmer or Roman digits, and sentences."""

import re
import unicodedata

KHMER_CHAR = re.compile(r"[\u1780-\u17ff]")
ARABIC_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def to_int(digits: str) -> int | None:
    try:
        return int(unicodedata.normalize("NFKC", digits).translate(ARABIC_DIGITS))
    except ValueError:
        return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def numeral(token: str) -> int | None:
    return _ROMAN.get(token.upper()) if token.isalpha() else to_int(token)


# --- sentences -------------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "prof", "no", "nos", "art", "arts", "vs", "st", "h.e",
    "approx", "incl", "cf", "fig", "p", "pp", "para", "paras", "sect", "ref", "vol", "u.s", "u.n", "op",
    "cit", "al", "ed", "est", "dept", "gov", "govt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "hon", "excl", "ltd", "co", "corp", "inc",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+|$)|[។៕]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(paragraph: str) -> list[str]:
    """Split at . ! ? followed by a space and a likely sentence start, and always at ។ and ៕."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        end = m.end()
        mark = m.group(0)
        if mark[0] == ".":
            before = _WORD_BEFORE.search(paragraph[start : m.start()])
            word = before.group(1).lower().rstrip(".") if before else ""
            nxt = paragraph[end:].lstrip()[:1]
            if word in _ABBREVIATIONS or (len(word) == 1 and before and before.group(1).isupper()):
                continue
            if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'(•–-" or KHMER_CHAR.match(nxt)):
                continue
        sentence = clean(paragraph[start:end])
        if sentence:
            sentences.append(sentence)
        start = end
    rest = clean(paragraph[start:])
    if rest:
        sentences.append(rest)
    return sentences
