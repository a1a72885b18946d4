"""Hypothesis on the code normalisation and row parsing: any cell gives a unit or a clear ValueError."""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.places.gazetteer import (
    CODE_LENGTH,
    TYPE_WORDS,
    GazetteerError,
    ParsedUnit,
    clean_text,
    header_columns,
    normalise_code,
    parse_row,
)
from civicspace.places.models import AdminUnit
from civicspace.places.services import gazetteer_load

from .workbooks import HEADER, V1, per_province

COLUMNS: dict[str, int] = header_columns(HEADER) or {}
LEVELS = list(CODE_LENGTH)
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**10), max_value=10**10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20),  # what a workbook can hold
    st.sampled_from([*TYPE_WORDS, "", " ", "\u200b", "១០២", "0102", "1e3", "01.0"]),
)


@given(
    level=st.sampled_from(LEVELS),
    number=st.integers(min_value=1, max_value=25),
    rest=st.integers(min_value=0),
)
def test_a_code_is_padded_to_its_level(level: str, number: int, rest: int) -> None:
    length = CODE_LENGTH[level]
    code = str(number) + (str(rest % 10 ** (length - 2)).zfill(length - 2) if length > 2 else "")
    for written in (code, int(code), f" {code}\u200b", float(int(code))):
        padded = normalise_code(written, level)
        assert len(padded) == length and int(padded) == int(code) and padded.isdigit()


@given(value=cells, level=st.sampled_from(LEVELS))
def test_any_cell_is_a_code_or_a_clear_error(value: Any, level: str) -> None:
    try:
        padded = normalise_code(value, level)
    except ValueError as exc:
        assert str(exc).startswith(("the code", "unknown"))  # noqa: PT017  # Hypothesis: no pytest.raises per example
    else:
        assert len(padded) == CODE_LENGTH[level] and padded.isascii() and padded.isdigit()
        assert padded[:2] != "00"


@given(row=st.lists(cells, min_size=0, max_size=9))
def test_any_row_is_a_unit_nothing_or_a_clear_error(row: list[Any]) -> None:
    try:
        unit = parse_row(row, COLUMNS)
    except ValueError as exc:
        assert str(exc)  # noqa: PT017  # Hypothesis: either outcome is fine, the error must say something
    else:
        if unit is not None:
            assert isinstance(unit, ParsedUnit)
            assert len(unit.code) == CODE_LENGTH[unit.level]
            assert "\u200b" not in unit.name_km + unit.name_en
            assert unit.name_km or unit.name_en


@given(st.text())
def test_clean_text_strips_invisible_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert "\u200b" not in cleaned and "\ufeff" not in cleaned
    assert cleaned == cleaned.strip()


@pytest.mark.django_db
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.lists(st.lists(cells, min_size=1, max_size=7), min_size=1, max_size=5))
def test_a_workbook_with_garbage_rows_saves_nothing(tmp_path: Path, garbage: list[list[Any]]) -> None:
    for level in reversed(LEVELS):  # a clean table for each example (parents are protected)
        AdminUnit.objects.filter(level=level).delete()
    rows = [*V1, *garbage]
    path = per_province(tmp_path / "garbage.xlsx", rows)
    try:
        result = gazetteer_load(paths=[path], release="fuzz")
    except GazetteerError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)  # noqa: PT017  # either outcome
        assert not AdminUnit.objects.exists()
    else:
        # every garbage row was blank or a valid unit: what was loaded is exactly the export
        assert AdminUnit.objects.count() == sum(result.counts.values())
