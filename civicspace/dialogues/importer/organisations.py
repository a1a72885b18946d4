"""Organisations named in an outcome document, and where a sentence names them.

Found: "Full Name (ACRONYM)" pairs (English or Khmer), UN entities by acronym, the government and
ministries, and names from the directory (when one is given). Kind: UN entity or government by name;
a name with Coalition/Network/Forum/Committee/Partnership/Alliance/Federation/… is a coalition; else
CSO. A directory match replaces the guessed kind with the directory's."""

import re
from dataclasses import dataclass

from . import vocabulary as voc
from .extraction import KINDS, Directory, FoundOrganisation
from .text import KHMER_CHAR, clean

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
_CODE = re.compile(r"^[A-Z]+-\d+$")  # SHA-256, COVID-19, ISO-9001: codes, not organisations
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
    if stripped and KHMER_CHAR.match(stripped[-1]):
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
    return name if len(name) >= 3 and KHMER_CHAR.search(name) else None


@dataclass
class _Mention:
    pos: int
    end: int
    label: str


class OrganisationFinder:
    def __init__(self, directory: Directory | None) -> None:
        self.directory = directory
        self.found: dict[str, tuple[int, FoundOrganisation]] = {}

    def _key(self, org: FoundOrganisation) -> str:
        if org.match:
            return "slug:" + org.match.slug
        return (org.acronym or org.name).casefold()

    def add(self, pos: int, name: str, acronym: str | None, kind: str | None = None) -> None:
        name = clean(name)[:200]
        acronym = clean(acronym)[:32] if acronym else None
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
            if _ACRONYM.match(inner) and inner.upper() not in _NOT_ORG_ACRONYMS and not _CODE.match(inner):
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


class MentionFinder:
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
