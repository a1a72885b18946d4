"""The organisation directory as the parser sees it: match a found name/acronym to an existing
organisation, and find directory organisations named in a text."""

from dataclasses import dataclass

from civicspace.core.i18n import contains_khmer
from civicspace.organisations.models import Organisation

from . import vocabulary as voc
from .extraction import DirectoryMatch


def _normalise(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@dataclass(frozen=True)
class _Entry:
    slug: str
    kind: str
    name_en: str
    name_km: str
    acronym_en: str
    acronym_km: str

    @property
    def match(self) -> DirectoryMatch:
        name = self.name_en or self.name_km
        acronym = self.acronym_en or self.acronym_km
        return DirectoryMatch(slug=self.slug, name=f"{name} ({acronym})" if acronym else name, kind=self.kind)


class OrganisationDirectory:
    """Case-insensitive lookups by acronym (English or Khmer), English name and Khmer name."""

    MIN_NAME_EN = 12  # shorter English names are too likely to occur by chance in running text
    MIN_NAME_KM = 6

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        self.by_acronym: dict[str, _Entry] = {}
        self.by_name: dict[str, _Entry] = {}
        for e in entries:
            for acronym in (e.acronym_en, e.acronym_km):
                if acronym:
                    self.by_acronym.setdefault(acronym.casefold(), e)
            for name in (e.name_en, e.name_km):
                if name:
                    self.by_name.setdefault(_normalise(name), e)

    @classmethod
    def from_database(cls) -> "OrganisationDirectory":
        rows = Organisation.objects.values_list(
            "slug", "kind", "name_en", "name_km", "acronym_en", "acronym_km"
        ).order_by("pk")
        return cls([_Entry(*row) for row in rows])

    def match(self, name: str, acronym: str | None) -> DirectoryMatch | None:
        entry = self.by_name.get(_normalise(name))
        if entry is None and acronym:
            entry = self.by_acronym.get(acronym.casefold())
        if entry is None:
            entry = self._by_alias(name, acronym)
        if entry is None and contains_khmer(name):
            entry = self._by_khmer_start(name)
        return entry.match if entry else None

    def _by_alias(self, name: str, acronym: str | None) -> _Entry | None:
        """The UN system and the government go by many names ("the UN", "UN agencies", "UNCT", "RGC",
        "the Government", អ.ស.ប …): any of them finds the directory entry named by any other."""
        keys = {_normalise(name), (acronym or "").casefold()} - {""}
        for group in voc.ALIASES:
            if keys & group:
                for key in group:
                    entry = self.by_name.get(key) or self.by_acronym.get(key)
                    if entry is not None:
                        return entry
        return None

    def _by_khmer_start(self, name: str) -> _Entry | None:
        """A Khmer name cut at a space ("ក្រសួងសេដ្ឋកិច្ច" of "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ"): Khmer
        writes no space between words, so the parser may find only the first part of a name."""
        key = "".join(name.split())
        if len(key) < self.MIN_NAME_KM * 2:
            return None
        found = [e for e in self.entries if e.name_km and "".join(e.name_km.split()).startswith(key)]
        return found[0] if len(found) == 1 else None

    def mentions(self, text: str) -> list[tuple[int, str, str | None, DirectoryMatch]]:
        found: list[tuple[int, str, str | None, DirectoryMatch]] = []
        lowered = text.replace("’", "'").lower()
        for e in self.entries:
            acronym = e.acronym_en or e.acronym_km or None
            if len(e.name_en) >= self.MIN_NAME_EN:
                pos = lowered.find(e.name_en.replace("’", "'").lower())
                if pos >= 0:
                    found.append((pos, e.name_en, acronym, e.match))
                    continue
            if len(e.name_km) >= self.MIN_NAME_KM:
                pos = text.find(e.name_km)
                if pos >= 0:
                    found.append((pos, e.name_km, acronym, e.match))
        return found
