"""Dates in an outcome document: English month names (both orders), ISO, day-first numeric dates and
Khmer ("ថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១"), in Arabic or Khmer digits."""

import datetime as dt
import re

from . import vocabulary as voc
from .text import ARABIC_DIGITS, to_int

_MONTH_EN = "|".join(sorted(voc.MONTHS_EN, key=len, reverse=True))
_MONTH_KM = "|".join(sorted(voc.MONTHS_KM, key=len, reverse=True))
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<m>{_MONTH_EN})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH_EN})\.?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})\b"),
    re.compile(
        rf"(?:ថ្ងៃទី|ទី)?\s*(?P<d>[0-9]{{1,2}})\s*ខែ\s*(?P<m>{_MONTH_KM})\s*(?:ឆ្នាំ)?\s*(?:គ\.ស\.?)?\s*(?P<y>[0-9]{{4}})"
    ),
]


def _month(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    return voc.MONTHS_EN.get(value.lower()) or voc.MONTHS_KM.get(value)


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in `text` with its position, in text order."""
    ascii_digits = text.translate(ARABIC_DIGITS)  # same length: positions stay valid
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(ascii_digits):
            month = _month(m.group("m"))
            day, year = to_int(m.group("d")), to_int(m.group("y"))
            if month is None or day is None or year is None or not 1950 <= year <= 2100:
                continue
            try:
                found.append((m.start(), dt.date(year, month, day)))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item[0])
