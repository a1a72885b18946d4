"""Which directory sector a session is about, from its title (and the "Sector: …" line that
civicspace's own documents put under it).

In order: the directory sector's own name (English or Khmer) in the label or the title; then the
synonym table `SECTOR_SYNONYMS` (words that outcome documents use for a field of work, in English
and Khmer; the earliest one in the title wins: "Governance and Human Rights" is about governance);
then the words of the sector's English name (at least half of them, by their first five letters)."""

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from civicspace.core.i18n import contains_khmer

from .extraction import Extraction

# Directory sector (slug, see organisations/data/sectors.json) → terms in session titles. Data, not
# rules: add a term here when a document names a field in a way we have not seen.
SECTOR_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "civic-space": {
        "en": ("civic space", "enabling environment", "freedom of association", "freedom of expression",
               "fundamental freedoms", "civil society space", "space for civil society", "cso law", "lango"),
        "km": ("លំហពលរដ្ឋ", "បរិយាកាសអំណោយផល", "សេរីភាពនៃការបញ្ចេញមតិ", "សេរីភាពសមាគម", "លំហសង្គមស៊ីវិល"),
    },
    "human-rights": {
        "en": ("human rights", "human rights defenders", "rule of law", "justice", "access to justice",
               "prisoners of conscience"),
        "km": ("សិទ្ធិមនុស្ស", "នីតិរដ្ឋ", "យុត្តិធម៌"),
    },
    "education": {
        "en": ("education", "schools", "schooling", "learning", "teachers", "literacy"),
        "km": ("អប់រំ", "សាលារៀន", "ការសិក្សា"),
    },
    "health": {
        "en": ("health", "covid", "vaccination", "vaccine", "nutrition", "medical", "hiv", "sanitation"),
        "km": ("សុខាភិបាល", "សុខភាព", "វ៉ាក់សាំង", "អាហារូបត្ថម្ភ"),
    },
    "children": {
        "en": ("children", "child rights", "child protection", "child"),
        "km": ("កុមារ", "សិទ្ធិកុមារ"),
    },
    "women-gender": {
        "en": ("women", "gender", "gender-based violence", "gbv"),
        "km": ("ស្ត្រី", "យេនឌ័រ"),
    },
    "disability": {
        "en": ("disability", "disabilities", "persons with disabilities", "disabled"),
        "km": ("ពិការភាព", "ជនពិការ", "ជនមានពិការភាព"),
    },
    "transparency-governance": {
        "en": ("governance", "good governance", "transparency", "accountability", "anti-corruption",
               "corruption", "decentralisation", "decentralization", "public administration"),
        "km": ("អភិបាលកិច្ច", "តម្លាភាព", "គណនេយ្យភាព", "អំពើពុករលួយ", "វិមជ្ឈការ"),
    },
    "democratic-development": {
        "en": ("democracy", "democratic", "elections", "electoral", "political participation"),
        "km": ("លទ្ធិប្រជាធិបតេយ្យ", "ប្រជាធិបតេយ្យ", "ការបោះឆ្នោត"),
    },
    "public-finance": {
        "en": ("public finance", "budget", "budgets", "budgeting", "financing", "finance", "funding",
               "fiscal", "tax", "taxation", "resource mobilisation", "resource mobilization"),
        "km": ("ហិរញ្ញវត្ថុសាធារណៈ", "ថវិកា", "ហិរញ្ញប្បទាន", "មូលនិធិ", "ពន្ធ"),
    },
    "social-protection": {
        "en": ("social protection", "social security", "cash transfer", "cash transfers", "social assistance",
               "poverty", "social"),
        "km": ("កិច្ចគាំពារសង្គម", "សន្តិសុខសង្គម", "ភាពក្រីក្រ", "សង្គមកិច្ច"),
    },
    "environment-land": {
        "en": ("environment", "land", "natural resources", "climate", "climate change", "forest", "forests",
               "fisheries", "water", "housing"),
        "km": ("បរិស្ថាន", "ដីធ្លី", "ធនធានធម្មជាតិ", "ការប្រែប្រួលអាកាសធាតុ", "ព្រៃឈើ"),
    },
    "labour": {
        "en": ("labour", "labor", "workers", "employment", "decent work", "trade unions", "migration",
               "migrant workers"),
        "km": ("ការងារ", "កម្មករ", "ពលកម្ម", "ចំណាកស្រុក", "សហជីព"),
    },
    "youth": {
        "en": ("youth", "young people", "adolescents"),
        "km": ("យុវជន",),
    },
}  # fmt: skip


class _Sector(Protocol):
    slug: str
    name_en: str
    name_km: str


S = TypeVar("S", bound=_Sector)
_STOP_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "with"}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP_WORDS and len(w) > 2}


def _position(term: str, text: str) -> int:
    """Where `term` starts in `text` as whole words (Khmer: anywhere), or -1."""
    if contains_khmer(term):
        return text.find(term)
    m = re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text, re.I)
    return m.start() if m else -1


def match_sector(title: str, sectors: Iterable[S], label: str = "") -> S | None:
    """The directory sector a session titled `title` (with the "Sector: …" `label`, if any) is about."""
    sectors = list(sectors)
    for text in (label, title):
        text = " ".join(text.split())
        if not text:
            continue
        for sector in sectors:  # the directory's own name, whole
            if text.casefold() in (sector.name_en.casefold(), sector.name_km):
                return sector
    for text in (label, title):
        found = _by_synonym(" ".join(text.split()), sectors)
        if found is not None:
            return found
    return _by_stems(label or title, sectors)


def _by_synonym(text: str, sectors: list[S]) -> S | None:
    if not text:
        return None
    by_slug = {s.slug: s for s in sectors}
    best: tuple[int, int] | None = None
    found: S | None = None
    for slug, terms in SECTOR_SYNONYMS.items():
        sector = by_slug.get(slug)
        if sector is None:
            continue
        for term in (sector.name_en.lower(), sector.name_km, *terms["en"], *terms["km"]):
            pos = _position(term, text) if term else -1
            if pos >= 0 and (best is None or (pos, -len(term)) < best):
                best, found = (pos, -len(term)), sector
    return found


def _by_stems(title: str, sectors: list[S]) -> S | None:
    words = _stems(title)
    best: S | None = None
    best_score = (0, 0.0)
    for sector in sectors:
        name = _stems(sector.name_en)
        common = len(words & name)
        if not name or not common:
            continue
        score = (common, common / len(name))
        if score[1] >= 0.5 and score > best_score:
            best, best_score = sector, score
    return best


def assign_sectors(extraction: Extraction, sectors: Iterable[_Sector]) -> None:
    """Set each found session's directory sector (its slug), where one matches."""
    sectors = list(sectors)
    for found in extraction.sectors:
        if found.sector is None:
            match = match_sector(found.title, sectors, found.label) or (
                match_sector(found.title_other, sectors) if found.title_other else None
            )
            found.sector = match.slug if match else None
