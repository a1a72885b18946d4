"""The spreadsheet channel: input given on paper, by phone or by SMS, typed into a CSV or XLSX file, one row
per person. This module turns a row into the intake's `SubmissionData` and describes the columns: the
header's names and their problems (`header_name`, `unknown_column`, `missing_columns`) and one row
(`parse_row` on a core.imports `Row`; `parse_record` on cells by column name: pure, Hypothesis-tested).
Reading a file, checking all of its rows and saving them is the import pipeline (core.imports, declared
in imports.py). The offline capture page uses the same columns (channels/offline.py).

The column layout (docs: the import page and `template_columns`):

    row_id        required: the number written on the paper form, or any id unique in the consultation;
                  it becomes the submission's idempotency key ("import-<row_id>"), so importing the same
                  file twice stores nothing twice
    captured_at   when the input was given: YYYY-MM-DD (noon, Phnom Penh time) or YYYY-MM-DD HH:MM
    gender        woman / man / other (or w, f, m, o, x, or the label in English or Khmer); empty: not given
    age_band      under_18, 18_24, 25_34, 35_44, 45_59, 60_up, or an age in years; empty: not given
    wg_seeing … wg_communication
                  the Washington Group Short Set: none / some / a_lot / cannot, or 1–4; empty: not given
    place         the NCDD code of the province (2 digits), district (4) or commune (6); empty: not given
    consent       yes / no (also y, n, 1, 0, true, false, x, បាទ, ចាស, យល់ព្រម, ទេ)
    <code>:comment, <code>:rank, <code>:points
                  for each budget item (its code), as the consultation asks

Formulas are never evaluated: a cell holding one is an error."""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicspace.core.i18n import to_arabic_digits
from civicspace.core.imports import Row, RowError, ValidationReport
from civicspace.core.imports.reading import clean

from ..intake import WG_DOMAINS, Answer, SubmissionData, age_band_of
from ..models import BudgetItem, Consultation, Submission

MAX_CELL = 4000  # characters in one cell (a comment may have 2,000)
MAX_ROW_ID = 90
KEY_PREFIX = "import-"
PP = dt.timezone(dt.timedelta(hours=7), "Asia/Phnom_Penh")  # Cambodia has no daylight saving time

WG_COLUMNS = tuple(f"wg_{d}" for d in WG_DOMAINS)
BASE_COLUMNS = ("row_id", "captured_at", "gender", "age_band", *WG_COLUMNS, "place", "consent")
ALIASES = {
    "idempotency_key": "row_id",
    "key": "row_id",
    "id": "row_id",
    "place_code": "place",
    "date": "captured_at",
}
QUESTIONS = ("comment", "rank", "points")

_ROW_ID = re.compile(r"^[\x21-\x7e]+$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")

# Built lazily: translated only when a cell is wrong (parse_record runs once per row of large files).
GENDER_MESSAGE = gettext_lazy("Write woman, man or other, or leave it empty.")
AGE_MESSAGE = gettext_lazy("Write an age group (such as 25_34) or an age, or leave it empty.")
DIFFICULTY_MESSAGE = gettext_lazy("Write none, some, a_lot or cannot (or 1 to 4), or leave it empty.")

YES = {"yes", "y", "true", "1", "x", "✓", "ok", "បាទ", "ចាស", "យល់ព្រម", "ព្រម"}
NO = {"no", "n", "false", "0", "ទេ", "មិនព្រម"}


# --- the layout -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """What a consultation asks, as the row parser needs it (no database)."""

    item_codes: tuple[str, ...]
    asks_comments: bool
    asks_ranking: bool
    asks_points: bool

    @classmethod
    def of(cls, consultation: Consultation, items: Iterable[BudgetItem] | None = None) -> "Layout":
        items = list(items) if items is not None else list(consultation.items.all())
        return cls(tuple(i.code for i in items), consultation.asks_comments, consultation.asks_ranking,
                   consultation.asks_points)  # fmt: skip

    def questions(self) -> tuple[str, ...]:
        asked = {"comment": self.asks_comments, "rank": self.asks_ranking, "points": self.asks_points}
        return tuple(q for q in QUESTIONS if asked[q])

    def columns(self) -> list[str]:
        return [*BASE_COLUMNS, *(f"{code}:{q}" for code in self.item_codes for q in self.questions())]


def template_columns(consultation: Consultation) -> list[str]:
    return Layout.of(consultation).columns()


def header_name(value: Any, layout: Layout) -> str:
    """The canonical column name: base names case-insensitive (with aliases), item codes as the
    consultation writes them (matched case-insensitively), question names lower-case."""
    raw = clean(value)
    if ":" in raw:
        code, _sep, question = raw.rpartition(":")
        code, question = code.strip(), question.strip().casefold()
        for known in layout.item_codes:
            if known.casefold() == code.casefold():
                code = known
                break
        return f"{code}:{question}"
    name = re.sub(r"[\s\-]+", "_", raw.casefold()).strip("_")
    return ALIASES.get(name, name)


def unknown_column(name: str, layout: Layout) -> str:
    """What is wrong with a column name that is not one of the layout's (the header is row 1)."""
    if ":" not in name:
        return _("This column is not one the import knows.")
    code, _sep, question = name.rpartition(":")
    if code not in layout.item_codes:
        return _("There is no budget item with the code %(code)s.") % {"code": code[:40]}
    if question in QUESTIONS:
        return _("This consultation does not ask for this (%(question)s).") % {"question": question}
    return _("After the item code, write :comment, :rank or :points.")


def missing_columns(names: Iterable[str], layout: Layout) -> list[RowError]:
    """The problems of a header naming these columns (known or not): no row_id, or no item column."""
    errors: list[RowError] = []
    names = set(names)
    if "row_id" not in names:
        errors.append(
            RowError(
                1,
                "row_id",
                _("The file needs a row_id column, so that importing it twice stores nothing twice."),
            )
        )
    if not any(":" in n for n in names):
        errors.append(RowError(1, "", _("The file has no column for the budget items (such as %(example)s).")
                               % {"example": (layout.columns()[len(BASE_COLUMNS):] or ["CODE:comment"])[0]}))  # fmt: skip
    return errors


@dataclass
class Vocabulary:
    """Words accepted for the choice columns, lower-cased: values, English and Khmer labels, short forms."""

    gender: dict[str, str]
    age_band: dict[str, str]
    difficulty: dict[str, str]

    @classmethod
    def build(cls) -> "Vocabulary":
        def words(choices: Any) -> dict[str, str]:
            found: dict[str, str] = {}
            for language in ("en", "km"):
                with translation.override(language):
                    for choice in choices:
                        found[str(choice.label).casefold()] = str(choice.value)
            for choice in choices:
                found[str(choice.value).casefold()] = str(choice.value)
            return found

        gender = words(Submission.Gender)
        gender.update({"w": "woman", "f": "woman", "female": "woman", "ស្រី": "woman", "m": "man", "male": "man",
                       "ប្រុស": "man", "o": "other", "x": "other"})  # fmt: skip
        age = words(Submission.AgeBand)
        age.update({k.replace("–", "-"): v for k, v in age.items()})
        difficulty = words(Submission.Difficulty)
        difficulty.update({"1": "none", "2": "some", "3": "a_lot", "4": "cannot", "a lot": "a_lot"})
        return cls(gender, age, difficulty)


_VOCABULARY: dict[str, Vocabulary] = {}


def vocabulary() -> Vocabulary:
    if "v" not in _VOCABULARY:
        _VOCABULARY["v"] = Vocabulary.build()
    return _VOCABULARY["v"]


def _whole(text: str) -> int:
    if len(text) <= 9 and text.isascii() and text.isdigit():  # the usual case, without a regex
        return int(text)
    text = to_arabic_digits(text)
    if re.fullmatch(r"\d{1,9}(\.0+)?", text):
        return int(text.split(".")[0])
    raise ValueError(text)


def parse_datetime(value: Any, now: dt.datetime) -> dt.datetime:
    """A date (noon, Phnom Penh time, or now if that is later than now) or a date and time (Phnom Penh
    time unless it says otherwise). ValueError if it is neither."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=PP)
    if isinstance(value, dt.date):
        return min(dt.datetime.combine(value, dt.time(12), tzinfo=PP), now)
    text = to_arabic_digits(clean(value))
    match = _DATETIME.match(text)
    if not match:
        parsed = dt.datetime.fromisoformat(text)  # ISO 8601 with an offset, as the offline page sends
        return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=PP)
    day = dt.date.fromisoformat(match.group(1))
    if match.group(2) is None:
        return min(dt.datetime.combine(day, dt.time(12), tzinfo=PP), now)
    time = dt.time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
    return dt.datetime.combine(day, time, tzinfo=PP)


def parse_record(
    values: Mapping[str, Any], layout: Layout, *, row: int, now: dt.datetime, key_prefix: str = KEY_PREFIX
) -> tuple[SubmissionData | None, list[RowError]]:
    """One person's input from cells named by canonical column names (the offline page's fields, say).
    Never raises for bad values: each problem is a RowError. See `parse_row`."""
    report: ValidationReport[SubmissionData] = ValidationReport()
    data = parse_row(Row(row, dict(values), report, MAX_CELL), layout, now=now, key_prefix=key_prefix)
    return (None if report.error_count else data), report.errors


def parse_row(
    row: Row, layout: Layout, *, now: dt.datetime, key_prefix: str = KEY_PREFIX
) -> SubmissionData | None:
    """One person's input from a row of the file (its cells already clean text, with the problems of
    the cells themselves, such as a formula, among its errors), or None when it has any error: each
    problem goes to `row.error(column, message)`. The key is `key_prefix` + row_id (row_id is required)."""
    words = vocabulary()
    error = row.error
    text = row.cells

    row_id = text.get("row_id", "")
    if not row_id:
        error("row_id", _("Give each row an id (such as the number on the paper form), so that importing the file again does not store it twice."))  # fmt: skip
    elif len(row_id) > MAX_ROW_ID or not _ROW_ID.match(row_id):
        error(
            "row_id",
            _("A row id is at most %(n)d letters, digits or signs, without spaces.") % {"n": MAX_ROW_ID},
        )

    captured_at: dt.datetime | None = None
    if text.get("captured_at"):
        try:
            raw_date = row.raw("captured_at")
            captured_at = parse_datetime(
                raw_date if isinstance(raw_date, dt.date) else text["captured_at"], now
            )
        except (ValueError, TypeError, OverflowError):
            error("captured_at", _("“%(value)s” is not a date written as YYYY-MM-DD (or YYYY-MM-DD HH:MM).")
                  % {"value": text["captured_at"][:40]})  # fmt: skip

    def choice(column: str, table: dict[str, str], message: Any) -> str:
        value = text.get(column, "")
        if not value:
            return ""
        found = table.get(value.casefold()) or table.get(to_arabic_digits(value).casefold())
        if found is None:
            error(column, message)
            return ""
        return found

    gender = choice("gender", words.gender, GENDER_MESSAGE)
    age_band = ""
    if text.get("age_band"):
        try:
            age = _whole(text["age_band"])
        except ValueError:
            age_band = choice("age_band", words.age_band, AGE_MESSAGE)
        else:
            if age > 120:
                error("age_band", _("An age is at most 120."))
            else:
                age_band = age_band_of(age)
    disability: dict[str, str] = {}
    for domain, column in zip(WG_DOMAINS, WG_COLUMNS, strict=True):
        difficulty = choice(column, words.difficulty, DIFFICULTY_MESSAGE)
        if difficulty:
            disability[domain] = difficulty
    place = to_arabic_digits(text.get("place", ""))
    if place and not re.fullmatch(r"\d{2}|\d{4}|\d{6}", place):
        error("place", _("A place is an NCDD code of 2, 4 or 6 digits."))
        place = ""
    consent = False
    if text.get("consent"):
        word = text["consent"].casefold()
        if word in YES:
            consent = True
        elif word not in NO:
            error("consent", _("Write yes or no."))

    answers: list[Answer] = []
    by_code: dict[str, Answer] = {}
    for name, cell in text.items():
        if ":" not in name or not cell:
            continue
        code, _sep, question = name.rpartition(":")
        answer = by_code.get(code)
        if answer is None:
            answer = by_code[code] = Answer(item_code=code)
            answers.append(answer)
        if question == "comment":
            answer.comment = cell
            continue
        try:
            number = _whole(cell)
        except ValueError:
            error(name, _("“%(value)s” is not a whole number.") % {"value": cell[:20]})
            continue
        if question == "rank":
            if not 1 <= number <= max(1, len(layout.item_codes)):
                error(name, _("Ranks go from 1 to %(n)d.") % {"n": len(layout.item_codes)})
                continue
            answer.rank = number
        else:
            answer.points = number
    if row.failed:
        return None
    return SubmissionData(answers=answers, gender=gender, age_band=age_band, disability=disability,
                          place_code=place, consent=consent, captured_at=captured_at,
                          idempotency_key=f"{key_prefix}{row_id}")  # fmt: skip


# The intake's fields (the keys of intake.validate's problems) as the columns they come from.
FIELD_COLUMNS = {"gender": "gender", "age_band": "age_band", "place": "place", "consent": "consent",
                 "captured_at": "captured_at", "idempotency_key": "row_id", "answers": "", "": "",
                 "disability": "wg_seeing"}  # fmt: skip


def column_help(consultation: Consultation) -> list[tuple[str, str]]:
    """Each column of the layout and what to write in it (shown on the import page and in the template)."""
    rows = [
        ("row_id", _("Required. The number written on the paper form, or any id unique in this consultation. A row imported before with the same id is skipped.")),
        ("captured_at", _("When the input was given: YYYY-MM-DD, or YYYY-MM-DD HH:MM (Phnom Penh time).")),
        ("gender", _("woman, man or other; empty if not given.")),
        ("age_band", _("under_18, 18_24, 25_34, 35_44, 45_59 or 60_up, or the age in years; empty if not given.")),
        ("wg_seeing … wg_communication", _("Washington Group questions: none, some, a_lot or cannot (or 1 to 4); empty if not given.")),
        ("place", _("The NCDD code of the province (2 digits), district (4) or commune (6); empty if not given.")),
        ("consent", _("yes or no: the person agreed to the consent text.")),
    ]  # fmt: skip
    for item in consultation.items.all():
        for question in Layout.of(consultation, [item]).questions():
            what = {"comment": _("a comment (at most 2,000 characters)"),
                    "rank": _("a rank, 1 = most important"),
                    "points": _("points, out of %(n)d for all items") % {"n": consultation.points_total}}[question]  # fmt: skip
            rows.append((f"{item.code}:{question}", f"{item.title} — {what}"))
    return rows
