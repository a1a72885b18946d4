"""What the parser finds in an outcome document: the extraction, and the organisation directory it
matches names against (`directory.OrganisationDirectory` is the one backed by the database)."""

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

KINDS = ("cso", "coalition", "un_agency", "government", "other")


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
    # The same title in the other language (a bilingual document repeats each session).
    title_other: str = ""
    # What a "Sector: …" line under the heading names (civicspace's own documents have one).
    label: str = ""
    # The directory sector (its slug) the session is about: see `sector_match.assign_sectors`.
    sector: str | None = None


@dataclass
class FoundAsk:
    text: str
    sector: int | None
    addressees: list[str] = field(default_factory=list)
    # "1.2" when the document numbers its asks; the same ask in the other language, when the document
    # is bilingual and numbers them alike.
    number: str | None = None
    translation: str = ""


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
    # The uploaded file's name, kept on the meeting as where it was imported from.
    source: str = ""

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
            sectors=[
                FoundSector(
                    number=s.get("number"),
                    title=s["title"],
                    title_other=s.get("title_other", ""),
                    label=s.get("label", ""),
                    sector=s.get("sector"),
                )
                for s in state.get("sectors", [])
            ],
            asks=[
                FoundAsk(
                    text=a["text"],
                    sector=a.get("sector"),
                    addressees=list(a.get("addressees", [])),
                    number=a.get("number"),
                    translation=a.get("translation", ""),
                )
                for a in state.get("asks", [])
            ],
            warnings=list(state.get("warnings", [])),
            source=state.get("source", ""),
        )
