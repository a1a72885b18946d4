"""Where a meeting took place: a known Cambodian place (English or Khmer), or a virtual meeting."""

import re

from . import vocabulary as voc

_PLACE_EN = re.compile(r"\b(" + "|".join(re.escape(p) for p in voc.PLACES_EN) + r")\b", re.I)
_PLACE_KM = re.compile("|".join(re.escape(p) for p in sorted(voc.PLACES_KM, key=len, reverse=True)))
VIRTUAL = re.compile(r"\b(virtual|online|zoom|webinar|video ?conference)\b|អនឡាញ|តាមប្រព័ន្ធ|វីដេអូ", re.I)
_CANONICAL_PLACE = {p.lower(): p for p in voc.PLACES_EN}


def find_place(text: str) -> str | None:
    hits: list[tuple[int, str]] = []
    for m in _PLACE_EN.finditer(text):
        hits.append((m.start(), _CANONICAL_PLACE.get(m.group(1).lower(), m.group(1))))
        break
    for m in _PLACE_KM.finditer(text):
        hits.append((m.start(), voc.PLACES_KM[m.group(0)]))
        break
    return min(hits)[1] if hits else None
