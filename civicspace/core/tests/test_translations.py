"""The Khmer catalogue is complete, compiled, keeps every placeholder, and is what Khmer pages show.

civicspace/locale/km/LC_MESSAGES/django.po holds our own strings and the Django and django-allauth
strings our pages show (civicspace/core/library_strings.py), so these checks cover both."""

import re
from collections import Counter
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "km" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# %(name)s, %(n)d, %s, %d … (printf-style, as Python's % operator reads them); %% is a literal percent.
PRINTF = re.compile(r"%(?:\(\w+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]|%%")
# {{ name }} template variables, in case a msgid ever keeps one.
TEMPLATE_VAR = re.compile(r"\{\{\s*[^{}]+?\s*\}\}")
# {name} for python-brace-format strings (str.format).
BRACE = re.compile(r"(?<!\{)\{\w*\}(?!\})")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _label(entry: polib.POEntry) -> str:
    return f"[{entry.msgctxt}] {entry.msgid!r}" if entry.msgctxt else repr(entry.msgid)


def _msgstrs(entry: polib.POEntry) -> list[str]:
    return (
        [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        if entry.msgid_plural
        else [entry.msgstr]
    )


def _placeholders(text: str, entry: polib.POEntry) -> Counter[str]:
    found = PRINTF.findall(text) + TEMPLATE_VAR.findall(text)
    if "python-brace-format" in entry.flags:
        found += BRACE.findall(text)
    return Counter(found)


def test_header_declares_khmer_with_one_plural_form(catalogue: polib.POFile) -> None:
    assert catalogue.metadata["Language"] == "km"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not catalogue.metadata_is_fuzzy


def test_every_entry_is_translated_and_not_fuzzy(catalogue: polib.POFile) -> None:
    entries = [e for e in catalogue if not e.obsolete]
    untranslated = [_label(e) for e in entries if not all(s.strip() for s in _msgstrs(e))]
    fuzzy = [_label(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated and not fuzzy, (
        f"{len(untranslated)} untranslated entries:\n"
        + "\n".join(untranslated)
        + f"\n{len(fuzzy)} fuzzy entries:\n"
        + "\n".join(fuzzy)
    )


def test_plural_entries_have_exactly_one_form(catalogue: polib.POFile) -> None:
    wrong = [_label(e) for e in catalogue if e.msgid_plural and sorted(e.msgstr_plural) != [0]]
    assert not wrong, "Khmer has one plural form; fill msgstr[0] only:\n" + "\n".join(wrong)


def _pairs(entries: Any) -> set[tuple[str | None, str, str | None, tuple[str, ...]]]:
    return {
        (e.msgctxt, e.msgid, e.msgid_plural or None, tuple(_msgstrs(e)))
        for e in entries
        if e.msgid  # the header is stored as the entry with an empty msgid
    }


def test_committed_mo_matches_the_po(catalogue: polib.POFile, tmp_path: Path) -> None:
    assert MO_PATH.exists(), "compile the catalogue: manage.py compilemessages --ignore='.venv/*'"
    fresh = tmp_path / "django.mo"
    catalogue.save_as_mofile(str(fresh))
    expected = _pairs(polib.mofile(str(fresh)))
    committed = _pairs(polib.mofile(str(MO_PATH)))
    stale = sorted(repr(p[1]) for p in expected - committed)
    extra = sorted(repr(p[1]) for p in committed - expected)
    assert not stale and not extra, (
        "django.mo is out of date; run manage.py compilemessages --ignore='.venv/*'\n"
        f"missing or changed in .mo: {stale}\nonly in .mo: {extra}"
    )


def test_placeholders_are_kept(catalogue: polib.POFile) -> None:
    problems = []
    for entry in catalogue:
        if not entry.msgid:
            continue
        # With one plural form msgstr[0] is used for every count, so it follows the plural msgid.
        source = entry.msgid_plural or entry.msgid
        wanted = _placeholders(source, entry)
        for text in _msgstrs(entry):
            got = _placeholders(text, entry)
            if got != wanted:
                problems.append(
                    f"{_label(entry)}: expected {sorted(wanted.elements())}, got {sorted(got.elements())}"
                )
    assert not problems, "placeholders differ between msgid and msgstr:\n" + "\n".join(problems)


def test_directory_page_is_in_khmer(client: Any, db: Any) -> None:
    response = client.get("/km/organisations/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="km">' in html
    for khmer in ("បញ្ជីឈ្មោះអង្គការ", "ស្វែងរកជាភាសាអង់គ្លេស ឬភាសាខ្មែរ", "ចូលគណនី", "ទាញយកជា Popolo JSON"):
        assert khmer in html
    for english in (
        "Directory of organisations",
        "Search in English or Khmer",
        "Log in",
        "Sign In",
        "Password",
    ):
        assert english not in html


def test_login_page_is_in_khmer(client: Any, db: Any) -> None:
    response = client.get("/km/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    # allauth's own template: heading and button, field labels (with the Khmer colon ៖), help link.
    for khmer in ("ចូលគណនី", "ពាក្យសម្ងាត់៖", "អ៊ីមែល៖", "ភ្លេចពាក្យសម្ងាត់?", "ចងចាំខ្ញុំ"):
        assert khmer in html
    for english in ("Sign In", "Password", "Forgot your password?", "Remember Me", "sign up"):
        assert english not in html


def test_login_errors_are_in_khmer(client: Any, db: Any) -> None:
    """Validation messages come from Django and allauth; our catalogue translates them."""
    empty = client.post("/km/accounts/login/", {}).content.decode()
    assert "ប្រអប់នេះត្រូវតែបំពេញ។" in empty
    assert "This field is required." not in empty
    wrong = client.post(
        "/km/accounts/login/", {"login": "nobody@example.org", "password": "not-the-password"}
    ).content.decode()
    assert "អាសយដ្ឋានអ៊ីមែល និង/ឬពាក្យសម្ងាត់ដែលអ្នកបានបញ្ចូលមិនត្រឹមត្រូវទេ។" in wrong
    assert "The email address and/or password you specified are not correct." not in wrong


# A technical token keeps its Latin digits: a file format or standard (UTF-8, .xlsx, IPv4, SHA-256), a
# code a user types (BC7, 25_34, siem-reap-2026): any run of letters, digits, "_", "-" and "." that
# holds a Latin letter or joins digits with "_".
TECHNICAL = re.compile(r"[\w.\-]*(?:[A-Za-z][\w.\-]*|\d_\d[\w.\-]*)")


def _khmer_prose_numbers(text: str, entry: polib.POEntry) -> list[str]:
    for placeholder in _placeholders(text, entry):
        text = text.replace(placeholder, " ")
    text = TECHNICAL.sub(" ", re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"[0-9][0-9,]*", text)


def test_numbers_in_khmer_text_are_written_in_khmer_digits(catalogue: polib.POFile) -> None:
    """Khmer text writes its numbers with Khmer digits (០–៩); the importers and forms read them back
    (core.i18n.to_arabic_digits, Decimal). Codes and standard names keep theirs."""
    latin = [
        f"{_label(entry)}: {numbers}"
        for entry in catalogue
        if entry.msgid
        for text in _msgstrs(entry)
        if (numbers := _khmer_prose_numbers(text, entry))
    ]
    assert not latin, f"{len(latin)} Khmer strings with Latin digits:\n" + "\n".join(latin)
