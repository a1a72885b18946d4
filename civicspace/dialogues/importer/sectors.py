"""Sector sessions: numbered headings at a line start ("Sector 2: …", "Joint Sector 4: …",
"Session 3 – …", "វិស័យទី២៖ …", and "2. Education" when the document uses no keyword headings), and the
document cut into paragraphs, each under the sector heading before it."""

import re
from dataclasses import dataclass

from .asks import ADDRESSEE_LABEL, IMPERATIVE, ask_trigger
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
_HEADING_BARE = re.compile(r"^(?P<num>[0-9០-៩]{1,2})[.)]\s+(?P<rest>\S.*)$")
_TITLE_END = re.compile(r"\s*[:៖។]\s*|\.\s+|\.$")
_LIST_ITEM = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2})+\.?|\(?[a-z][.)]|[•\-–*▪●○·])\s+"
    r"|^[០-៩]{1,2}(?:\.[០-៩]{1,2})*[.)]?\s*(?=[\u1780-\u17dd])"
)
# "1.2" / "១.២": an item numbered under its section ("ask 2 of session 1").
_SUB_NUMBER = re.compile(r"^\(?([0-9០-៩]{1,2})\.([0-9០-៩]{1,2})(?![0-9០-៩])")
# "Sector: Health" (or "Sector Health" in a PDF table) on the line under a session heading.
_SECTOR_LABEL = re.compile(
    r"^(?:sector|field|thematic\s+area|theme|វិស័យ)\s*[:៖]?\s*(?P<name>[^\d\s:៖][^:៖]{1,100})$", re.I
)
# Page furniture of PDFs: "Page 2 of 3" (with whatever the footer line holds before it), lone bullets.
_PAGE_NUMBER = re.compile(r"(?:\bpage|ទំព័រ)\s*[0-9០-៩]{1,4}\s*(?:of|/|នៃ)\s*[0-9០-៩]{1,4}\s*$", re.I)
_STRAY_NAMES = re.compile(r"^[A-Z][A-Za-z\-]{1,15}(?:,\s*[A-Z][A-Za-z\-]{1,15})+,?$")
_LONE_BULLET = re.compile(r"^[•▪●○·\-–*]+$")
_REC_HEADING = re.compile(
    r"recommendation|\basks\b|\brequests\b|\bcalls?\s+to\s+action\b|\bdemands\b|\bproposals\b"
    r"|សំណើ|អនុសាសន៍|ការស្នើ",
    re.I,
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
    number: str | None = None  # "1.2" for an item numbered under its section


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


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Without PDF page furniture: "Page 2 of 3" lines, the running header/footer line just before
    them when it repeats on several pages, and lone bullet characters."""
    stripped = [line.strip() for line in lines]
    pages = [i for i, line in enumerate(stripped) if _PAGE_NUMBER.search(line) and len(line.split()) <= 30]
    before = [stripped[i - 1] for i in pages if i > 0 and stripped[i - 1]]
    running = {line for line in before if before.count(line) >= 2}
    drop = set(pages) | {i - 1 for i in pages if i > 0 and stripped[i - 1] in running}
    return [line for i, line in enumerate(lines) if i not in drop and not _LONE_BULLET.match(stripped[i])]


def _sub_number(line: str) -> str | None:
    m = _SUB_NUMBER.match(line)
    if not m:
        return None
    return f"{numeral(m.group(1))}.{numeral(m.group(2))}"


def split_paragraphs(lines: list[str], sectors: list[FoundSector]) -> list[_Paragraph]:
    """The document as paragraphs, each under the sector heading before it. Side effects: the
    sectors found are appended to `sectors` (a bilingual document's second-language heading with a
    number seen already gives that sector's `title_other`; a "Sector: …" line under a heading its
    `label`)."""
    lines = drop_page_furniture(lines)
    keyword_headings = any(_HEADING_EN.match(s.strip()) or _HEADING_KM.match(s.strip()) for s in lines)
    paragraphs: list[_Paragraph] = []
    current: int | None = None
    recommendations = False
    sub_items = False  # the current section numbers its items "1.1", "1.2": "2. …" starts the next one
    buffer: list[str] = []
    buffer_list = False
    buffer_number: str | None = None
    previous_ended = True
    under_heading: FoundSector | None = None
    by_number: dict[int | None, FoundSector] = {}

    labelled = False  # the item in the buffer has its "Addressed to:" label

    def flush() -> None:
        nonlocal buffer, buffer_list, buffer_number, labelled
        if buffer:
            paragraphs.append(_Paragraph(_join(buffer), current, buffer_list, recommendations, buffer_number))
        buffer, buffer_list, buffer_number, labelled = [], False, None, False

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            previous_ended = True
            continue
        # A bare "2. Title" whose number follows the current section's (or "1. …" before any) starts
        # the next section even where a PDF glued it to the line before; after "1.1", "1.2" items
        # too, and a bilingual document's "១. …" repeats the current one.
        bare = _HEADING_BARE.match(line)
        bare_number = numeral(bare.group("num")) if bare else None
        in_sequence = bare_number is not None and bare_number == (current or 0) + 1
        next_section = bare_number is not None and (in_sequence or (sub_items and bare_number == current))
        bare_allowed = not keyword_headings and (not recommendations or (sub_items and next_section))
        heading = _heading(line, bare_allowed=bare_allowed)
        if heading and (previous_ended or not buffer or next_section):
            flush()
            number, title, body = heading
            if number not in by_number:
                found = FoundSector(number=number, title=title)
                sectors.append(found)
                by_number[number] = found
            elif bool(KHMER_CHAR.search(title)) != bool(KHMER_CHAR.search(by_number[number].title)):
                by_number[number].title_other = by_number[number].title_other or title
            under_heading = by_number[number]
            current, recommendations, sub_items = number, bool(_REC_HEADING.search(title)), False
            if body:
                buffer = [body]
            previous_ended = not body or body.endswith(_TERMINAL)
            continue
        if buffer_list and buffer and (labelled or ADDRESSEE_LABEL.search(line)):
            # "Addressed to: …" ends an item (on its own line in a narrow PDF column, its names
            # wrapped after a comma); whatever comes after it is not part of the item.
            if not labelled or buffer[-1].endswith((",", ":", "៖")):
                buffer.append(line)
                labelled = True
                if not line.endswith((",", ":", "៖")):
                    flush()
                    previous_ended = True
                continue
            flush()
        label = _SECTOR_LABEL.match(line) if under_heading is not None and not buffer else None
        if label and len(label.group("name").split()) <= 10:
            under_heading.label = under_heading.label or label.group("name").strip()  # type: ignore[union-attr]
            under_heading = None
            continue
        under_heading = None
        if _LIST_ITEM.match(line):
            flush()
            buffer_number = _sub_number(line)
            sub_items = sub_items or buffer_number is not None
            buffer, buffer_list = [_LIST_ITEM.sub("", line, count=1)], True
            labelled = bool(ADDRESSEE_LABEL.search(line))
            if labelled and not line.endswith((",", ":", "៖")):
                flush()
                previous_ended = True
                continue
        elif previous_ended and _STRAY_NAMES.match(line):
            # Acronyms alone on a line: the wrapped end of a column a PDF lost (its other-language
            # half); kept as text, but it neither starts nor ends a section.
            flush()
            paragraphs.append(_Paragraph(line, current, False, False))
            continue
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
