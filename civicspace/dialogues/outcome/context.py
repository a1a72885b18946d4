"""What every format of an outcome document walks: the content of a version, as blocks and texts.

Three languages: "en", "km", and "bi" (English and Khmer side by side, block by block). Everything
here reads only the content dict and the version's metadata, never the live meeting, so a rendered
version always shows what was signed.

The document is a list of blocks (header, summary, sections, participants, sessions, closing,
colophon). Each block has one column per language; "bi" has two. The HTML templates (`html`, `pdf`),
the DOCX writer (`docx`) and the comparison (`compare`) walk the same blocks, so the formats cannot
drift apart.

Khmer has no spaces between words and the PDF engine does not break lines inside a Khmer run, so
the PDF path asks for `breakable` text: U+200B at word boundaries (`core.i18n.khmer_breakable`);
stored data never changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from civicspace.core.i18n import ZWSP, khmer_breakable, to_khmer_digits
from civicspace.dialogues.models import CoChair, Meeting, OutcomeVersion, Participant
from civicspace.organisations.models import Organisation

LANGS = ("en", "km", "bi")
TZ = ZoneInfo("Asia/Phnom_Penh")

# Fixed strings of the document. Evaluated under translation.override(lang) for each column.
LABELS: dict[str, Any] = {
    "document": _("Outcome document"),
    "cycle": _("Dialogue cycle"),
    "dates": _("Dates"),
    "venue": _("Venue"),
    "mode": _("Mode"),
    "summary": _("Summary"),
    "conveners": _("Conveners"),
    "co_chairs": _("Co-chairs"),
    "participants": _("Participants"),
    "attendance": _("Attendance"),
    "by_kind": _("Organisations by kind"),
    "by_gender": _("People by gender"),
    "kind": _("Kind"),
    "gender": _("Gender"),
    "number": _("Number"),
    "total": _("Total"),
    "sessions": _("Sector sessions"),
    "sector": _("Sector"),
    "moderator": _("Moderator"),
    "concerns": _("Concerns"),
    "notes": _("Notes"),
    "asks": _("Asks"),
    "addressed_to": _("Addressed to"),
    "addressed_to_colon": _("Addressed to:"),
    "closing": _("Closing commitments"),
    "version": _("Version"),
    "status": _("Status"),
    "digest": _("Digest (SHA-256)"),
    "adopted_on": _("Adopted on"),
    "permalink": _("Permanent link"),
}


def _column_langs(lang: str) -> tuple[str, ...]:
    if lang not in LANGS:
        raise ValueError(f"unknown outcome language {lang!r}; expected one of {LANGS}")
    return ("en", "km") if lang == "bi" else (lang,)


@dataclass(frozen=True)
class Text:
    """A piece of content text in the language it is really written in; `fallback` when it is the
    other language's text shown because this language's is empty."""

    value: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", self.value) if p.strip()]


@dataclass
class Block:
    kind: str
    cols: list[dict[str, Any]] = field(default_factory=list)


class _Lang:
    """Picks and formats content for one column language."""

    def __init__(self, lang: str, breakable: bool) -> None:
        self.lang = lang
        self.other = "en" if lang == "km" else "km"
        self.breakable = breakable

    def clean(self, value: str) -> str:
        value = (value or "").strip()
        return khmer_breakable(value) if self.breakable else value

    def pick(self, obj: dict[str, Any], name: str, *, fallback: bool = True) -> Text:
        value = obj.get(f"{name}_{self.lang}") or ""
        if value.strip():
            return Text(self.clean(value), self.lang)
        other = obj.get(f"{name}_{self.other}") or ""
        if fallback and other.strip():
            return Text(self.clean(other), self.other, fallback=True)
        return Text("", self.lang)

    def digits(self, value: object) -> str:
        return to_khmer_digits(value) if self.lang == "km" else str(value)

    def org(self, org: dict[str, Any]) -> Text:
        name = self.pick(org, "name")
        acronym = self.pick(org, "acronym").value
        if acronym and acronym != name.value:
            return Text(f"{name.value} ({acronym})", name.lang, name.fallback)
        return name

    def date(self, value: datetime) -> str:
        return self.digits(date_format(value.astimezone(TZ), "DATE_FORMAT"))

    def dates(self, starts: datetime, ends: datetime) -> str:
        starts, ends = starts.astimezone(TZ), ends.astimezone(TZ)
        if starts.date() == ends.date():
            text = f"{date_format(starts, 'DATE_FORMAT')}, {starts:%H:%M}–{ends:%H:%M}"
        else:
            text = f"{date_format(starts, 'DATE_FORMAT')} – {date_format(ends, 'DATE_FORMAT')}"
        return self.digits(text)


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _column(content: dict[str, Any], lang: str, meta: dict[str, Any], breakable: bool) -> dict[str, Any]:
    """Everything one language column shows, block by block (lists for repeated blocks)."""
    p = _Lang(lang, breakable)
    with translation.override(lang):
        labels = {key: str(label) for key, label in LABELS.items()}
        base = {"lang": lang, "labels": labels}
        meeting = content.get("meeting", {})
        starts, ends = _parse_dt(meeting.get("starts_at")), _parse_dt(meeting.get("ends_at"))
        co_chairs = [
            {
                "name": c.get("name", ""),
                "organisation": p.org(c.get("organisation", {})),
                "side": _choice_label(CoChair.Side, c.get("side", "")),
            }
            for c in content.get("co_chairs", [])
        ]
        groups: dict[str, list[Text]] = {}
        for org in content.get("participants", []):
            groups.setdefault(_choice_label(Organisation.Kind, org.get("kind", "")), []).append(p.org(org))
        attendance = content.get("attendance", {})
        by_kind = [
            {"label": _choice_label(Organisation.Kind, k), "count": p.digits(n)}
            for k, n in attendance.get("by_kind", {}).items()
        ]
        by_gender = [
            {"label": _choice_label(Participant.Gender, k), "count": p.digits(n)}
            for k, n in attendance.get("by_gender", {}).items()
        ]
        head = {
            **base,
            "title": p.pick(meeting, "title"),
            "cycle": p.pick(meeting, "cycle"),
            "dates": p.dates(starts, ends) if starts and ends else "",
            "venue": p.pick(meeting, "venue"),
            "mode": _choice_label(Meeting.Mode, meeting.get("mode", "")),
            "conveners": [p.org(o) for o in content.get("conveners", [])],
            "co_chairs": co_chairs,
        }
        summary = {**base, "text": p.pick(meeting, "summary")}
        participants = {
            **base,
            "groups": list(groups.items()),
            "by_kind": by_kind,
            "by_kind_total": p.digits(sum(attendance.get("by_kind", {}).values())),
            "by_gender": by_gender,
            "by_gender_total": p.digits(sum(attendance.get("by_gender", {}).values())),
        }
        sessions: list[dict[str, Any]] = []
        for s in content.get("sessions", []):
            number = s.get("order", len(sessions) + 1)
            title = p.pick(s, "title")
            sector = p.pick(s, "sector")
            sessions.append(
                {
                    **base,
                    "number": p.digits(number),
                    "title": title or sector,
                    "sector": sector if title else Text("", lang),
                    "moderator": s.get("moderator", ""),
                    "concerns": p.pick(s, "concerns"),
                    "notes": p.pick(s, "notes"),
                    "asks": [
                        {
                            "number": p.digits(f"{number}.{i}"),
                            "text": p.pick(a, "text"),
                            "addressees": ", ".join(a.get("addressees", [])),
                        }
                        for i, a in enumerate(s.get("asks", []), start=1)
                    ],
                }
            )
        sections: dict[str, list[dict[str, Any]]] = {"intro": [], "closing": []}
        for x in content.get("sections", []):
            heading = p.pick(x, "heading")
            if not heading and x.get("is_closing"):
                heading = Text(labels["closing"], lang)
            sections["closing" if x.get("is_closing") else "intro"].append(
                {**base, "heading": heading, "body": p.pick(x, "body")}
            )
        adopted_at = meta.get("adopted_at")
        colophon = {
            **base,
            "version": p.digits(meta.get("number", content.get("version", ""))),
            "status": _choice_label(OutcomeVersion.Status, meta.get("status", "")),
            "adopted_on": p.date(adopted_at) if adopted_at else "",
            "sha256": meta.get("sha256", ""),
            "permalink": meta.get("permalink", ""),
        }
        sessions_heading = {**base, "text": labels["sessions"]}
    return {
        "head": head,
        "summary": summary,
        "intro": sections["intro"],
        "participants": participants,
        "sessions_heading": sessions_heading,
        "sessions": sessions,
        "closing": sections["closing"],
        "colophon": colophon,
    }


def _blocks(columns: Sequence[dict[str, Any]]) -> list[Block]:
    first = columns[0]
    blocks = [Block("head", [c["head"] for c in columns])]
    if any(c["summary"]["text"] for c in columns):
        blocks.append(Block("summary", [c["summary"] for c in columns]))
    blocks += [Block("section", [c["intro"][i] for c in columns]) for i in range(len(first["intro"]))]
    blocks.append(Block("participants", [c["participants"] for c in columns]))
    if first["sessions"]:
        blocks.append(Block("sessions_heading", [c["sessions_heading"] for c in columns]))
    blocks += [Block("session", [c["sessions"][i] for c in columns]) for i in range(len(first["sessions"]))]
    blocks += [Block("section", [c["closing"][i] for c in columns]) for i in range(len(first["closing"]))]
    blocks.append(Block("colophon", [c["colophon"] for c in columns]))
    return blocks


def outcome_context(
    content: dict[str, Any],
    lang: str,
    *,
    sha256: str,
    number: int,
    status: str,
    adopted_at: datetime | None,
    permalink: str,
    breakable: bool = False,
) -> dict[str, Any]:
    """What the outcome templates need. `breakable` inserts U+200B between Khmer words (PDF only)."""
    langs = _column_langs(lang)
    meta = {"sha256": sha256, "number": number, "status": status, "adopted_at": adopted_at,
            "permalink": permalink}  # fmt: skip
    columns = [_column(content, code, meta, breakable) for code in langs]
    titles = [c["head"]["title"] for c in columns]
    return {
        "lang": lang,
        "html_lang": "km" if lang == "km" else "en",
        "bilingual": lang == "bi",
        "langs": langs,
        "blocks": _blocks(columns),
        "title": " · ".join(dict.fromkeys(t.value.replace(ZWSP, "") for t in titles if t)),
        "meta": meta,
        "version_label": columns[0]["colophon"]["version"],
    }
