"""Khmer orthography checks for text extracted from PDFs.

PDF text extraction often returns Khmer in glyph order instead of logical (Unicode) order: pre-base
vowels move in front of their consonant, the coeng (U+17D2) loses the subscript it belongs to, signs
float away from their syllable (see docs: anchors/khmer.md, C6). Such text cannot be trusted, so we
detect it from sequences that Khmer spelling never produces, counted per orthographic cluster.

A Khmer syllable (cluster) in logical order is: a base (consonant or independent vowel), then any
number of coeng + consonant (subscripts), an optional register shifter, at most one dependent vowel,
then signs (nikahit, reahmuk, bantoc, …). The invalid sequences we count are:

1. a coeng not followed by a consonant (or followed by nothing);
2. a coeng not preceded by a consonant or independent vowel (e.g. after a vowel: "សេ្តី"; "ឱ្យ"
   is fine);
3. a dependent vowel or sign at the start of a word: after a space, punctuation or a non-Khmer
   character, or at the start of the text;
4. two dependent vowels in a row ("េី");
5. a dependent vowel after a sign ("ំា");
6. a register shifter (muusikatoan U+17C9, triisap U+17CA) that does not sit between a consonant
   and a vowel or sign ("ស៊ី", "ម៉ោង", "ប៉ះ" are fine). WeasyPrint's Khmer PDFs put a triisap where
   the vowel u (U+17BB) was written ("មិថ៊នា" for "មិថុនា"), which rules 1-5 do not see;
7. a word that starts with a consonant and a bantoc ("ក់", "ល់" after a space): the bantoc shortens
   a syllable that needs one before it, so such a "word" is the end of one split by a stray space;
8. a second subscript that is not ro or yo ("ដ្ឋ្ម"): Khmer stacks two subscripts only as in
   "ស្ត្រី" or "ង្ក្យ".
"""

import re

_CONSONANT = "\u1780-\u17a2"
_INDEP_VOWEL = "\u17a3-\u17b3"
COENG = "\u17d2"
_SHIFTERS = {"\u17c9", "\u17ca"}


def _is_consonant(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17a2"


def _is_base(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17b3"


def _is_vowel(ch: str) -> bool:
    return "\u17b6" <= ch <= "\u17c5"


def _is_sign(ch: str) -> bool:
    return ("\u17c6" <= ch <= "\u17d1" and ch not in _SHIFTERS) or ch in ("\u17d3", "\u17dd")


def _is_mark(ch: str) -> bool:
    """Anything that must follow a base in the same cluster."""
    return _is_vowel(ch) or _is_sign(ch) or ch in _SHIFTERS or ch == COENG


_JOINERS = {"\u200c", "\u200d"}  # ZWNJ/ZWJ may sit inside a cluster
_BANTOC = "\u17cb"
_SECOND_SUBSCRIPTS = {"\u179a", "\u1799"}  # ro, yo


def khmer_orthography_errors(text: str) -> tuple[int, int]:
    """(invalid sequences, clusters) in `text`'s Khmer: see the module docstring for the rules."""
    errors = 0
    clusters = 0
    prev = ""
    n = len(text)
    for i, ch in enumerate(text):
        if _is_base(ch):
            if prev != COENG:
                clusters += 1
        elif ch == COENG:
            nxt = text[i + 1] if i + 1 < n else ""
            if not _is_consonant(nxt):
                errors += 1
            if not _is_base(prev) and prev not in _SHIFTERS:
                errors += 1
            if i >= 2 and text[i - 2] == COENG and nxt not in _SECOND_SUBSCRIPTS:
                errors += 1
        elif ch == _BANTOC and _is_consonant(prev) and (i < 2 or not "\u1780" <= text[i - 2] <= "\u17dd"):
            errors += 1
        elif ch in _SHIFTERS:
            nxt = text[i + 1] if i + 1 < n else ""
            if not _is_consonant(prev) or not (_is_vowel(nxt) or _is_sign(nxt)):
                errors += 1
        elif _is_vowel(ch) or _is_sign(ch):
            attached = prev != "" and ("\u1780" <= prev <= "\u17dd" or prev in _JOINERS)
            if not attached or (_is_vowel(ch) and (_is_vowel(prev) or _is_sign(prev))):
                errors += 1
        if ch not in _JOINERS:
            prev = ch
    return errors, clusters


# Share of clusters with an invalid sequence above which text counts as scrambled. Correctly encoded
# Khmer has none; a stray typo in a long document stays far below this.
SCRAMBLED_RATIO = 0.03
SCRAMBLED_MIN_ERRORS = 2
_KHMER = re.compile(f"[{_CONSONANT}{_INDEP_VOWEL}]")


def khmer_text_looks_scrambled(text: str) -> bool:
    """True when the Khmer in `text` breaks Khmer spelling too often to be the original text."""
    if not text or not _KHMER.search(text):
        return False
    errors, clusters = khmer_orthography_errors(text)
    if clusters == 0:
        return errors > 0
    return errors >= SCRAMBLED_MIN_ERRORS and errors / clusters >= SCRAMBLED_RATIO
