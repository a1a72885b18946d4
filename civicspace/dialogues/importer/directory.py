"""The organisation directory as the parser sees it: match a found name/acronym to an existing
organisation, and find directory organisations named in a text."""

from dataclasses import dataclass

from civicspace.organisations.models import Organisation

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
        return entry.match if entry else None

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
