"""Sector sessions: numbered headings at a line start ("Sector 2: …", "Joint Sector 4: …",
"Session 3 – …", "វិស័យទី២៖ …", and "2. Education" when the document uses no keyword headings), and the
document cut into paragraphs, each under the sector heading before it."""

import re
from dataclasses import dataclass

from .asks import IMPERATIVE, ask_trigger
from .extraction import FoundSector
from .text import KHMER_CHAR, numeral

_KEYWORD = (
    r"(?:joint\s+|thematic\s+|parallel\s+|breakout\s+)?(?:sector|session|theme|topic|pillar|panel|workshop"
    r"|working\s+group|group|area|track|cluster)"
)
_HEADING_EN = re.compile(
    rf"^{_KEYWORD}\s+(?P<num>\d{{1,2}}|[IVX]{{1,4}})(?![\w.]\w)\s*(?P<sep>[:.\-–—)]\s*)?(?P<rest>.*)$", re.I
)
_HEADING_KM = re.compile(
    r"^(?:វិស័យ|សម័យប្រជុំ|ប្រធានបទ|ផ្នែក|ក្រុម)\s*(?:ទី)?\s*(?P<num>[0-9០-៩]{1,2})\s*(?P<sep>[៖:.\-–—]\s*)?(?P<rest>.*)$"
)
_HEADING_BARE = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
_TITLE_END = re.compile(r"\s*[:៖។]\s*|\.\s+|\.$")
_LIST_ITEM = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[•\-–*▪●○·])\s+|^[០-៩]{1,2}[.)]\s*")
_REC_HEADING = re.compile(
    r"recommendation|\basks\b|\brequests\b|\bcalls?\s+to\s+action\b|សំណើ|អនុសាសន៍|ការស្នើ", re.I
)
_TERMINAL = (".", "!", "?", "។", "៕", ",", ";")


def _heading(line: str, bare_allowed: bool) -> tuple[int | None, str, str] | None:
    """(number, title, rest of the line after the title) if `line` starts a sector."""
    m = _HEADING_EN.match(line) or _HEADING_KM.match(line)
    bare = False
    if not m and bare_allowed:
        m = _HEADING_BARE.match(line)
        bare = True
    if not m:
        return None
    number = numeral(m.group("num"))
    rest = m.group("rest").strip()
    if not rest or number is None:
        return None
    if not (rest[0].isupper() or rest[0].isdigit() or KHMER_CHAR.match(rest[0])):
        return None
    parts = _TITLE_END.split(rest, maxsplit=1)
    title, body = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    words = title.split()
    if bare:
        if body or len(words) > 8 or rest.endswith(_TERMINAL) or ask_trigger(rest) or IMPERATIVE.match(rest):
            return None
    elif len(words) > 12:
        title, body = " ".join(words[:12]), rest
    elif not m.group("sep") and ask_trigger(rest):
        return None
    if not title:
        return None
    return number, title[:250], body


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 10 and not line.endswith(_TERMINAL) and not _LIST_ITEM.match(line)


@dataclass
class _Paragraph:
    text: str
    sector: int | None
    list_item: bool
    recommendations: bool


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


def split_paragraphs(lines: list[str], sectors: list[FoundSector]) -> list[_Paragraph]:
    keyword_headings = any(_HEADING_EN.match(s) or _HEADING_KM.match(s) for s in lines)
    paragraphs: list[_Paragraph] = []
    current: int | None = None
    recommendations = False
    buffer: list[str] = []
    buffer_list = False
    previous_ended = True

    def flush() -> None:
        nonlocal buffer, buffer_list
        if buffer:
            paragraphs.append(_Paragraph(_join(buffer), current, buffer_list, recommendations))
        buffer, buffer_list = [], False

    seen_numbers: set[int | None] = set()
    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            previous_ended = True
            continue
        heading = _heading(line, bare_allowed=not keyword_headings and not recommendations)
        if heading and (previous_ended or not buffer):
            flush()
            number, title, body = heading
            if number not in seen_numbers:
                sectors.append(FoundSector(number=number, title=title))
                seen_numbers.add(number)
            current, recommendations = number, bool(_REC_HEADING.search(title))
            if body:
                buffer = [body]
            previous_ended = not body or body.endswith(_TERMINAL)
            continue
        if _LIST_ITEM.match(line):
            flush()
            buffer, buffer_list = [_LIST_ITEM.sub("", line, count=1)], True
        elif (
            previous_ended and _looks_like_heading(line) and (line[0].isupper() or KHMER_CHAR.match(line[0]))
        ):
            flush()
            recommendations = bool(_REC_HEADING.search(line))
            paragraphs.append(_Paragraph(line, current, False, False))
            previous_ended = True
            continue
        else:
            buffer.append(line)
        previous_ended = line.endswith(_TERMINAL) or line.endswith(":")
    flush()
    return paragraphs
