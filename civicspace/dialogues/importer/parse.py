"""From the text of an outcome document to a structured extraction: date, place, organisations,
sector sessions and asks. Generic rules (no document-specific tuning):

- date: the first date in the heading (first lines), else the first in the text. English month
  names (both orders), ISO, day-first numeric dates, Khmer "ថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១";
- place: a known Cambodian place in the heading, else near the top; "virtual/online" otherwise;
- organisations: "Full Name (ACRONYM)" pairs, UN entities by acronym, the government and ministries,
  and names from the directory (when one is given). Kind: UN entity or government by name; a name
  with Coalition/Network/Forum/Committee/Partnership/Alliance/Federation/… is a coalition; else CSO.
  A directory match replaces the guessed kind with the directory's;
- sectors: numbered headings at a line start ("Sector 2: …", "Joint Sector 4: …", "Session 3 – …",
  "វិស័យទី២៖ …", and "2. Education" when the document uses no keyword headings);
- asks: sentences that call on someone to act (see ASK_* patterns), plus every list item under a
  "Recommendations" heading. Addressees: the bodies named after the calling verb ("X calls on Y"),
  or anywhere in the sentence for modal asks ("Y should …").
"""

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from . import vocabulary as voc

KINDS = ("cso", "coalition", "un_agency", "government", "other")


# --- the extraction ------------------------------------------------------------------------------


@dataclass
class DirectoryMatch:
    slug: str
    name: str
    kind: str


class Directory(Protocol):
    def match(self, name: str, acronym: str | None) -> DirectoryMatch | None: ...

    def mentions(self, text: str) -> list[tuple[int, str, str | None, DirectoryMatch]]:
        """(position, name, acronym, match) for each directory organisation named in `text`."""
        ...


@dataclass
class FoundOrganisation:
    name: str
    acronym: str | None
    kind: str
    match: DirectoryMatch | None = None
    participant: bool = True

    @property
    def label(self) -> str:
        """How asks name it as an addressee."""
        return self.acronym or self.name


@dataclass
class FoundSector:
    number: int | None
    title: str


@dataclass
class FoundAsk:
    text: str
    sector: int | None
    addressees: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    date: dt.date | None = None
    place: str | None = None
    title: str = ""
    virtual: bool = False
    organisations: list[FoundOrganisation] = field(default_factory=list)
    sectors: list[FoundSector] = field(default_factory=list)
    asks: list[FoundAsk] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Exactly the documented JSON shape (what `import_outcome --json` prints)."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "organisations": [
                {"name": o.name, "acronym": o.acronym, "kind": o.kind} for o in self.organisations
            ],
            "sectors": [{"number": s.number, "title": s.title} for s in self.sectors],
            "asks": [
                {"text": a.text, "sector": a.sector, "addressees": list(a.addressees)} for a in self.asks
            ],
        }

    def to_state(self) -> dict[str, Any]:
        """Everything, JSON-safe (for the web session between upload and review)."""
        state = asdict(self)
        state["date"] = self.date.isoformat() if self.date else None
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "Extraction":
        return cls(
            date=dt.date.fromisoformat(state["date"]) if state.get("date") else None,
            place=state.get("place"),
            title=state.get("title", ""),
            virtual=bool(state.get("virtual")),
            organisations=[
                FoundOrganisation(
                    name=o["name"],
                    acronym=o.get("acronym"),
                    kind=o["kind"],
                    match=DirectoryMatch(**o["match"]) if o.get("match") else None,
                    participant=o.get("participant", True),
                )
                for o in state.get("organisations", [])
            ],
            sectors=[FoundSector(number=s.get("number"), title=s["title"]) for s in state.get("sectors", [])],
            asks=[
                FoundAsk(text=a["text"], sector=a.get("sector"), addressees=list(a.get("addressees", [])))
                for a in state.get("asks", [])
            ],
            warnings=list(state.get("warnings", [])),
        )


# --- helpers ---------------------------------------------------------------------------------------

_KHMER_CHAR = re.compile(r"[\u1780-\u17ff]")
_ARABIC_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _to_int(digits: str) -> int | None:
    try:
        return int(unicodedata.normalize("NFKC", digits).translate(_ARABIC_DIGITS))
    except ValueError:
        return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _number(token: str) -> int | None:
    return _ROMAN.get(token.upper()) if token.isalpha() else _to_int(token)


# --- dates -----------------------------------------------------------------------------------------

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
    ascii_digits = text.translate(_ARABIC_DIGITS)  # same length: positions stay valid
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(ascii_digits):
            month = _month(m.group("m"))
            day, year = _to_int(m.group("d")), _to_int(m.group("y"))
            if month is None or day is None or year is None or not 1950 <= year <= 2100:
                continue
            try:
                found.append((m.start(), dt.date(year, month, day)))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item[0])


# --- places ----------------------------------------------------------------------------------------

_PLACE_EN = re.compile(r"\b(" + "|".join(re.escape(p) for p in voc.PLACES_EN) + r")\b", re.I)
_PLACE_KM = re.compile("|".join(re.escape(p) for p in sorted(voc.PLACES_KM, key=len, reverse=True)))
_VIRTUAL = re.compile(r"\b(virtual|online|zoom|webinar|video ?conference)\b|អនឡាញ|តាមប្រព័ន្ធ|វីដេអូ", re.I)
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
            if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'(•–-" or _KHMER_CHAR.match(nxt)):
                continue
        sentence = _clean(paragraph[start:end])
        if sentence:
            sentences.append(sentence)
        start = end
    rest = _clean(paragraph[start:])
    if rest:
        sentences.append(rest)
    return sentences


# --- organisations ---------------------------------------------------------------------------------

_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-./]*(?: [A-Z][A-Za-z0-9&\-./]*){0,3}$")
_ACRONYM_KM = re.compile(r"^[\u1780-\u17ff]{1,6}(?:\.[\u1780-\u17ff]{1,6}){1,6}\.?$")
_NOT_ORG_ACRONYMS = {
    "CSO",
    "CSOS",
    "NGO",
    "NGOS",
    "COVID",
    "COVID-19",
    "SDG",
    "SDGS",
    "PDF",
    "USD",
    "KHR",
    "ID",
}
_NOT_ORG_WORDS = {
    "law", "act", "plan", "strategy", "policy", "framework", "goals", "goal", "agenda", "report", "review",
    "declaration", "convention", "covenant", "index", "survey", "project", "programme", "program", "system",
    "mechanism", "principles", "guidelines", "meeting", "dialogue", "conference", "workshop", "session",
}  # fmt: skip
_CONNECTORS = {
    "and",
    "of",
    "for",
    "in",
    "on",
    "the",
    "de",
    "du",
    "des",
    "la",
    "le",
    "to",
    "&",
    "with",
    "against",
}
_NAME_TOKEN = re.compile(r"[\w’'&.\-]+|[^\w\s]")
_UN_AGENCY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a).replace(r"\ ", r"[ \-]") for a in voc.UN_AGENCIES) + r")(?![\w-])"
)
_UN_ACRONYMS = {a.replace("-", " ").upper(): a for a in voc.UN_AGENCIES}
_UN_SYSTEM_RE = re.compile(
    r"\b(?:the\s+)?United\s+Nations\b(?!\s+(?:[A-Z][a-z]|Children|Population|Development|Educational))"
    r"|\bUN\b(?=\s*(?:agenc|system|country|/|family|in\s+Cambodia))|\bthe\s+UN\b"
)
_GOVERNMENT_RE = re.compile(
    r"\bRoyal\s+Government(?:\s+of\s+Cambodia)?\b|\bRGC\b|\b(?:the|Cambodian?|national)\s+government\b", re.I
)
_MINISTRY_RE = re.compile(r"\bMinistry\s+(?:of|for)(?:\s+(?:[A-Z][\w’'\-]*|and|of|the|for|,))+")


def _un_acronym(found: str) -> str:
    return _UN_ACRONYMS.get(found.replace("-", " ").upper(), found)


def classify(name: str, acronym: str | None) -> str:
    lower = name.lower()
    if acronym and _un_acronym(acronym) in voc.UN_AGENCIES:
        return "un_agency"
    if lower.startswith(("united nations", "un ")) or "of the united nations" in lower:
        return "un_agency"
    if lower.startswith(voc.GOVERNMENT_STARTS) or "ministry" in lower or name.startswith(voc.GOVERNMENT_KM):
        return "government"
    if name.startswith(voc.MINISTRY_KM):
        return "government"
    if any(w in lower for w in voc.COALITION_WORDS) or any(w in name for w in voc.COALITION_WORDS_KM):
        return "coalition"
    return "cso"


def _name_before(text: str, acronym: str) -> str | None:
    """The capitalised name just before "(ACRONYM)": walk back over Capitalised words and connectors."""
    segment = text[-200:]
    stripped = segment.rstrip()
    if stripped and _KHMER_CHAR.match(stripped[-1]):
        return _khmer_name_before(segment)
    tokens = _NAME_TOKEN.findall(segment)
    words: list[str] = []
    i = len(tokens) - 1
    while i >= 0 and len(words) < 14:
        tok = tokens[i]
        if (
            tok[0].isupper()
            or tok.lower() in _CONNECTORS
            or (tok == "," and i > 0 and tokens[i - 1][0].isupper())
        ):
            words.append(tok)
        else:
            break
        i -= 1
    words.reverse()
    while words and (words[0].lower() in _CONNECTORS or words[0] == ","):
        words.pop(0)
    initial = acronym[0].lower()
    for j, w in enumerate(words):
        if w[0].lower() == initial:
            words = words[j:]
            break
    else:
        if "," in words:
            words = words[len(words) - words[::-1].index(",") :]
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) < 2:
        return None
    if words[0].lower() in _NOT_ORG_WORDS or words[-1].lower() in _NOT_ORG_WORDS:
        return None
    return " ".join(words).replace(" ,", ",")


def _khmer_name_before(segment: str) -> str | None:
    part = re.split(r"[,;:()\n។៖]", segment.rstrip())[-1].strip()
    chunks = part.split(" ")
    name = chunks.pop() if chunks else ""
    while chunks and name.startswith("និង"):
        name = chunks.pop() + " " + name
    for prefix in ("និង", "ដូចជា", "រួមមាន"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    name = name.strip()
    return name if len(name) >= 3 and _KHMER_CHAR.search(name) else None


@dataclass
class _Mention:
    pos: int
    end: int
    label: str


class _OrganisationFinder:
    def __init__(self, directory: Directory | None) -> None:
        self.directory = directory
        self.found: dict[str, tuple[int, FoundOrganisation]] = {}

    def _key(self, org: FoundOrganisation) -> str:
        if org.match:
            return "slug:" + org.match.slug
        return (org.acronym or org.name).casefold()

    def add(self, pos: int, name: str, acronym: str | None, kind: str | None = None) -> None:
        name = _clean(name)[:200]
        acronym = _clean(acronym)[:32] if acronym else None
        if not name:
            return
        org = FoundOrganisation(name=name, acronym=acronym or None, kind=kind or classify(name, acronym))
        if self.directory is not None:
            org.match = self.directory.match(name, acronym)
            if org.match and org.match.kind in KINDS:
                org.kind = org.match.kind
        org.participant = org.kind in ("cso", "coalition", "un_agency") and (acronym or "").upper() != "UN"
        key = self._key(org)
        alt = (org.acronym or "").casefold()
        for other_key, (other_pos, other) in list(self.found.items()):
            if key == other_key or (alt and (other.acronym or "").casefold() == alt):
                if other.acronym is None and org.acronym:  # keep the richer entry, first position
                    self.found[other_key] = (min(pos, other_pos), org)
                return
        self.found[key] = (pos, org)

    def scan(self, flat: str) -> None:
        for m in _PAREN.finditer(flat):
            inner = m.group(1).strip()
            if _ACRONYM.match(inner) and inner.upper() not in _NOT_ORG_ACRONYMS:
                if sum(c.isupper() for c in inner) < 2:
                    continue
                name = _name_before(flat[: m.start()], inner)
                if name:
                    self.add(m.start(), name, inner)
            elif _ACRONYM_KM.match(inner):
                name = _khmer_name_before(flat[: m.start()])
                if name:
                    self.add(m.start(), name, inner)
        for m in _UN_AGENCY_RE.finditer(flat):
            acronym = _un_acronym(m.group(1))
            self.add(m.start(), voc.UN_AGENCIES[acronym], acronym, "un_agency")
        for km_name, acronym in voc.UN_AGENCIES_KM.items():
            pos = flat.find(km_name)
            if pos >= 0:
                self.add(pos, voc.UN_AGENCIES[acronym], acronym, "un_agency")
        for m in _MINISTRY_RE.finditer(flat):
            name = re.sub(r"(?:\s+(?:and|of|the|for)|,)+$", "", m.group(0))
            self.add(m.start(), name, None, "government")
        for m in re.finditer(voc.MINISTRY_KM + r"[\u1780-\u17ff]+", flat):
            self.add(m.start(), m.group(0), None, "government")
        gov = _GOVERNMENT_RE.search(flat)
        gov_km = min((p for p in (flat.find(w) for w in voc.GOVERNMENT_KM) if p >= 0), default=-1)
        if gov or gov_km >= 0:
            self.add(gov.start() if gov else gov_km, voc.GOVERNMENT["name"], voc.GOVERNMENT["acronym"])
        un = _UN_SYSTEM_RE.search(flat)
        un_km = min((p for p in (flat.find(w) for w in voc.UN_SYSTEM_KM) if p >= 0), default=-1)
        if un or un_km >= 0:
            self.add(
                un.start() if un else un_km, voc.UN_SYSTEM["name"], voc.UN_SYSTEM["acronym"], "un_agency"
            )
        if self.directory is not None:
            for pos, found_name, found_acronym, _match in self.directory.mentions(flat):
                self.add(pos, found_name, found_acronym)

    def organisations(self) -> list[FoundOrganisation]:
        return [org for _pos, org in sorted(self.found.values(), key=lambda item: item[0])]


# --- addressees ------------------------------------------------------------------------------------


class _MentionFinder:
    """Where organisations are named inside a sentence, as (start, end, label)."""

    def __init__(self, organisations: list[FoundOrganisation]) -> None:
        patterns: list[tuple[re.Pattern[str], str]] = []
        for org in organisations:
            if org.acronym in ("UN", "RGC") and org.kind in ("un_agency", "government"):
                continue  # found by the generic UN / government patterns below
            label = org.label
            if org.acronym:
                patterns.append((re.compile(r"(?<![\w-])" + re.escape(org.acronym) + r"(?![\w-])"), label))
            if len(org.name) >= 4:
                patterns.append((re.compile(re.escape(org.name), re.I), label))
        self.patterns = patterns

    def find(self, sentence: str) -> list[_Mention]:
        mentions: list[_Mention] = []
        for pattern, label in self.patterns:
            mentions.extend(_Mention(m.start(), m.end(), label) for m in pattern.finditer(sentence))
        for m in _UN_AGENCY_RE.finditer(sentence):
            mentions.append(_Mention(m.start(), m.end(), _un_acronym(m.group(1))))
        for km_name, acronym in voc.UN_AGENCIES_KM.items():
            for m in re.finditer(re.escape(km_name), sentence):
                mentions.append(_Mention(m.start(), m.end(), acronym))
        for m in re.finditer(r"\b(?:the\s+)?United\s+Nations\b|\bUN\b", sentence):
            mentions.append(_Mention(m.start(), m.end(), "UN"))
        for word in voc.UN_SYSTEM_KM:
            for m in re.finditer(re.escape(word), sentence):
                mentions.append(_Mention(m.start(), m.end(), "UN"))
        for m in re.finditer(
            r"\bRoyal\s+Government(?:\s+of\s+Cambodia)?\b|\bRGC\b|\bgovernment\b", sentence, re.I
        ):
            mentions.append(_Mention(m.start(), m.end(), "Government"))
        for word in voc.GOVERNMENT_KM:
            for m in re.finditer(re.escape(word), sentence):
                mentions.append(_Mention(m.start(), m.end(), "Government"))
        # Longer mentions win over those inside them ("United Nations Children's Fund" over "UN").
        mentions.sort(key=lambda x: (x.pos, -(x.end - x.pos)))
        kept: list[_Mention] = []
        for mention in mentions:
            if kept and mention.pos < kept[-1].end:
                continue
            kept.append(mention)
        return kept


# --- asks ------------------------------------------------------------------------------------------

# Calling verbs: the addressees are named after the verb ("CSOs call on UNICEF to …").
ASK_CALLING = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+(?:on|upon|for)|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|recommend(?:s|ed|ing)?"
    r"|ask(?:s|ed|ing)?|appeal(?:s|ed|ing)?\s+(?:to|for|on)|(?:would|'d)\s+like|invites?|encourag(?:e|es|ed)"
    r"|demand(?:s|ed)?|propos(?:e|es|ed)\s+that|implore[sd]?)\b"
    r"|ស្នើ|ទាមទារ|អំពាវនាវ|សូម|ជំរុញ|លើកទឹកចិត្ត|អនុសាសន៍",
    re.I,
)
# Modal asks: whoever is named in the sentence is asked to act ("The UN should …").
ASK_MODAL = re.compile(
    r"\b(?:should|shall|must|ought\s+to|needs?\s+to|have\s+to|has\s+to"
    r"|(?:is|are)\s+(?:also\s+|urgently\s+|therefore\s+)?(?:needed|necessary|required|essential|crucial|vital)"
    r"|continue\s+and\s+(?:increase|strengthen|expand|scale\s+up)"
    r"|it\s+is\s+(?:important|essential|necessary|crucial|vital|urgent)\s+(?:that|to|for))\b"
    r"|គួរតែ|គួរ|ត្រូវតែ|ចាំបាច់",
    re.I,
)
_NOT_ASK = [
    re.compile(r"\bas\s+(?:called|requested|recommended|asked|urged|proposed)\b[^,;.]*", re.I),
    re.compile(r"\b(?:requested|recommended|asked|called|proposed|urged)\s+by\b", re.I),
    re.compile(r"\bask(?:s|ed)?\s+(?:a\s+|some\s+|many\s+|several\s+)?questions?\b", re.I),
    re.compile(
        r"\b(?:would|'d)\s+like\s+to\s+(?:thank|express|welcome|acknowledge|congratulate|share|note|"
        r"highlight|inform|present|recognise|recognize|appreciate)\b",
        re.I,
    ),
    re.compile(r"\b(?:should|must|shall)\s+have\b", re.I),
    re.compile(r"សូម(?:ថ្លែង|អរគុណ|ស្វាគមន៍|ជម្រាប|ចូលរួមរំលែក)"),
]
_REPORTED = re.compile(
    r"\b(?:discussed|debated|wondered|considered|explained|described|asked|questioned|examined)\s+"
    r"(?:how|whether|what|why|if|when|who|which)\b",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:Ensure|Provide|Increase|Establish|Support|Allocate|Strengthen|Promote|Develop|Adopt|Review|Release|"
    r"Guarantee|Consult|Include|Involve|Create|Fund|Finance|Invest|Protect|Respect|Repeal|Amend|Prioriti[sz]e|"
    r"Expand|Improve|Engage|Set up|Make|Publish|Monitor|Train|Recognise|Recognize|End|Stop|Remove|Reduce|"
    r"Continue|Facilitate|Enable|Implement|Take)\b"
)  # fmt: skip


def ask_trigger(sentence: str) -> tuple[bool, int] | None:
    """(is a calling verb, position) of what makes `sentence` an ask, or None if it is not one."""
    if sentence.rstrip().endswith("?") or _REPORTED.search(sentence):
        return None
    probe = sentence
    for pattern in _NOT_ASK:
        probe = pattern.sub(lambda m: " " * len(m.group(0)), probe)
    calling = ASK_CALLING.search(probe)
    modal = ASK_MODAL.search(probe)
    if calling and (not modal or calling.start() <= modal.start()):
        return True, calling.start()
    if modal:
        return False, modal.start()
    return None


# --- sector headings -------------------------------------------------------------------------------

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
    number = _number(m.group("num"))
    rest = m.group("rest").strip()
    if not rest or number is None:
        return None
    if not (rest[0].isupper() or rest[0].isdigit() or _KHMER_CHAR.match(rest[0])):
        return None
    parts = _TITLE_END.split(rest, maxsplit=1)
    title, body = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    words = title.split()
    if bare:
        if body or len(words) > 8 or rest.endswith(_TERMINAL) or ask_trigger(rest) or _IMPERATIVE.match(rest):
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


# --- the parser ------------------------------------------------------------------------------------


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


def _paragraphs(lines: list[str], sectors: list[FoundSector]) -> list[_Paragraph]:
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
            previous_ended and _looks_like_heading(line) and (line[0].isupper() or _KHMER_CHAR.match(line[0]))
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


def _addressees(sentence: str, calling: bool, position: int, finder: _MentionFinder) -> list[str]:
    labels: list[str] = []
    for mention in finder.find(sentence):
        if calling and mention.pos < position:
            continue
        if mention.label not in labels:
            labels.append(mention.label)
    return labels


def parse_outcome(text: str, directory: Directory | None = None) -> Extraction:
    """Structure the text of an outcome document. Never raises for any input text."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = text.split("\n")
    nonblank = [line.strip() for line in lines if line.strip()]
    head = "\n".join(nonblank[:6])
    extraction = Extraction(title=_clean(nonblank[0])[:200] if nonblank else "")

    dates = find_dates(head) or find_dates(text)
    extraction.date = dates[0][1] if dates else None
    extraction.virtual = bool(_VIRTUAL.search(head) or _VIRTUAL.search(text[:1500]))
    extraction.place = find_place(head) or find_place(text[:1000])
    if extraction.place is None and extraction.virtual:
        extraction.place = "Online"

    sectors: list[FoundSector] = []
    paragraphs = _paragraphs(lines, sectors)
    extraction.sectors = sectors

    finder = _OrganisationFinder(directory)
    finder.scan("\n".join(p.text for p in paragraphs))
    extraction.organisations = finder.organisations()

    mentions = _MentionFinder(extraction.organisations)
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph.text):
            if len(sentence.split()) < 4 and not (_KHMER_CHAR.search(sentence) and len(sentence) >= 12):
                continue
            trigger = ask_trigger(sentence)
            if (
                trigger is None
                and paragraph.list_item
                and (paragraph.recommendations or _IMPERATIVE.match(sentence))
            ):
                trigger = (False, 0)
            if trigger is None:
                continue
            calling, position = trigger
            extraction.asks.append(
                FoundAsk(
                    text=sentence,
                    sector=paragraph.sector,
                    addressees=_addressees(sentence, calling, position, mentions),
                )
            )
    _infer_missing_addressees(extraction.asks)
    return extraction


def _infer_missing_addressees(asks: list[FoundAsk]) -> None:
    """An ask that names nobody is addressed to whom the asks around it are: the previous ask of the
    same sector, else the document's main counterpart (the addressee named most often). Outcome
    documents of a dialogue state the counterpart once ("we call on the UN …") and then list asks.
    The reviewer sees and can correct the result before anything is saved."""
    counts = Counter(name for ask in asks for name in ask.addressees)
    counterpart = [counts.most_common(1)[0][0]] if counts else []
    previous: dict[int | None, list[str]] = {}
    for ask in asks:
        if ask.addressees:
            previous[ask.sector] = ask.addressees
        else:
            ask.addressees = list(previous.get(ask.sector) or counterpart)
