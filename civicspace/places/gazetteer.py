"""Reading an NCDD gazetteer export: parsing only, no database.

Two layouts are read, detected per workbook:

- **one workbook per province** (the 2025 export): one sheet `ProvincialList`, the header on the first
  row, and a row for the capital/province itself;
- **one workbook with a sheet per province** (the 2024 export): sheets named `N. <province>`, a title
  row, the header on row 3 and no province row (the province comes from the sheet name and the table
  `PROVINCES` below).

Both have the columns `Type, Code, Name (Khmer), Name (Latin), Reference, …`. Codes are written without
leading zeros; they are zero-padded here (province 2, district 4, commune 6, village 8 digits), and a
unit's parent is the unit whose code is its code without the last two digits (the NCDD scheme)."""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from .models import AdminUnit

Level = AdminUnit.Level
UnitType = AdminUnit.UnitType

# The Khmer type word of each row -> (level, unit type).
TYPE_WORDS: dict[str, tuple[str, str]] = {
    "រាជធានី": (Level.PROVINCE, UnitType.CAPITAL),
    "ខេត្ត": (Level.PROVINCE, UnitType.PROVINCE),
    "ខណ្ឌ": (Level.DISTRICT, UnitType.KHAN),
    "ក្រុង": (Level.DISTRICT, UnitType.KRONG),
    "ស្រុក": (Level.DISTRICT, UnitType.SROK),
    "សង្កាត់": (Level.COMMUNE, UnitType.SANGKAT),
    "ឃុំ": (Level.COMMUNE, UnitType.KHUM),
    "ភូមិ": (Level.VILLAGE, UnitType.PHUM),
}
CODE_LENGTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 4, Level.COMMUNE: 6, Level.VILLAGE: 8}
LEVELS: list[str] = [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.VILLAGE]  # parents first

# The capital and provinces as the NCDD 2025 export names them, for exports without province rows.
PROVINCES: dict[str, tuple[str, str, str]] = {
    "01": (UnitType.PROVINCE, "ខេត្តបន្ទាយមានជ័យ", "Banteay Meanchey Province"),
    "02": (UnitType.PROVINCE, "ខេត្តបាត់ដំបង", "Battambang Province"),
    "03": (UnitType.PROVINCE, "ខេត្តកំពង់ចាម", "Kampong Cham Province"),
    "04": (UnitType.PROVINCE, "ខេត្តកំពង់ឆ្នាំង", "Kampong Chhnang Province"),
    "05": (UnitType.PROVINCE, "ខេត្តកំពង់ស្ពឺ", "Kampong Speu Province"),
    "06": (UnitType.PROVINCE, "ខេត្តកំពង់ធំ", "Kampong Thom Province"),
    "07": (UnitType.PROVINCE, "ខេត្តកំពត", "Kampot Province"),
    "08": (UnitType.PROVINCE, "ខេត្តកណ្ដាល", "Kandal Province"),
    "09": (UnitType.PROVINCE, "ខេត្តកោះកុង", "Koh Kong Province"),
    "10": (UnitType.PROVINCE, "ខេត្តក្រចេះ", "Kratie Province"),
    "11": (UnitType.PROVINCE, "ខេត្តមណ្ឌលគិរី", "Mondul Kiri Province"),
    "12": (UnitType.CAPITAL, "រាជធានីភ្នំពេញ", "Phnom Penh Capital"),
    "13": (UnitType.PROVINCE, "ខេត្តព្រះវិហារ", "Preah Vihear Province"),
    "14": (UnitType.PROVINCE, "ខេត្តព្រៃវែង", "Prey Veng Province"),
    "15": (UnitType.PROVINCE, "ខេត្តពោធិ៍សាត់", "Pursat Province"),
    "16": (UnitType.PROVINCE, "ខេត្តរតនគិរី", "Ratanak Kiri Province"),
    "17": (UnitType.PROVINCE, "ខេត្តសៀមរាប", "Siemreap Province"),
    "18": (UnitType.PROVINCE, "ខេត្តព្រះសីហនុ", "Preah Sihanouk Province"),
    "19": (UnitType.PROVINCE, "ខេត្តស្ទឹងត្រែង", "Stung Treng Province"),
    "20": (UnitType.PROVINCE, "ខេត្តស្វាយរៀង", "Svay Rieng Province"),
    "21": (UnitType.PROVINCE, "ខេត្តតាកែវ", "Takeo Province"),
    "22": (UnitType.PROVINCE, "ខេត្តឧត្ដរមានជ័យ", "Oddar Meanchey Province"),
    "23": (UnitType.PROVINCE, "ខេត្តកែប", "Kep Province"),
    "24": (UnitType.PROVINCE, "ខេត្តប៉ៃលិន", "Pailin Province"),
    "25": (UnitType.PROVINCE, "ខេត្តត្បូងឃ្មុំ", "Tboung Khmum Province"),
}

REQUIRED_COLUMNS = ("Type", "Code", "Name (Khmer)", "Name (Latin)")
OPTIONAL_COLUMNS = ("Reference",)
HEADER_SEARCH_ROWS = 10  # the header is on row 1 (2025) or row 3 (2024)
MAX_ERRORS = 50  # a broken file reports this many problems, then stops
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SHEET_PROVINCE = re.compile(r"^\s*(\d{1,2})\s*\.")
PROVINCIAL_SHEET = "ProvincialList"


class GazetteerError(ValueError):
    """An export that cannot be loaded; `errors` lists every problem found (with file, sheet and row)."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__("; ".join(self.errors[:5]) + more)


@dataclass(frozen=True)
class ParsedUnit:
    code: str
    level: str
    unit_type: str
    name_km: str
    name_en: str
    reference_km: str = ""
    # True for a province made from the sheet name (an export without province rows): its legal
    # reference is unknown, so the stored one is kept.
    from_sheet_name: bool = False

    @property
    def parent_code(self) -> str | None:
        return self.code[:-2] or None


@dataclass
class Export:
    """The units of one export, by code, and what it covers."""

    units: dict[str, ParsedUnit] = field(default_factory=dict)
    provinces: set[str] = field(default_factory=set)  # province codes the export covers
    levels: set[str] = field(default_factory=set)  # levels that were read
    formats: set[str] = field(default_factory=set)  # "per-province workbook", "multi-sheet workbook"
    sources: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(sorted(self.levels, key=LEVELS.index), 0)
        for unit in self.units.values():
            out[unit.level] = out.get(unit.level, 0) + 1
        return out


def clean_text(value: Any) -> str:
    """A cell as text: zero-width characters removed, runs of white space made one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(INVISIBLE.sub("", str(value)).split())


def unit_kind(value: Any) -> tuple[str, str]:
    """(level, unit type) for a Khmer type word such as ឃុំ; ValueError for anything else."""
    word = clean_text(value)
    if word not in TYPE_WORDS:
        raise ValueError(f"unknown unit type {word!r} (expected one of {', '.join(TYPE_WORDS)})")
    return TYPE_WORDS[word]


def normalise_code(value: Any, level: str) -> str:
    """An NCDD code zero-padded to its level's length ('10201' as a commune -> '010201').

    Accepts digits as text or as a whole number (the 2025 export writes province codes as numbers);
    anything else, or a code that does not fit the level, is a ValueError."""
    if isinstance(value, bool) or value is None:
        raise ValueError("the code is empty" if value is None else f"the code {value!r} is not a number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"the code {value!r} is not a whole number")
        value = int(value)
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"the code {value!r} is not a positive number")
        text = str(value)
    elif isinstance(value, str):
        text = clean_text(value)
    else:
        raise ValueError(f"the code {value!r} is not a number")
    if not text:
        raise ValueError("the code is empty")
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"the code {text!r} is not made of digits")
    length = CODE_LENGTH[level]
    if len(text) > length or len(text) < length - 1:
        raise ValueError(f"the code {text!r} has {len(text)} digits; a {level} code has {length}")
    padded = text.zfill(length)
    if padded[:2] == "00" or int(padded[:2]) == 0:
        raise ValueError(f"the code {text!r} has no province part")
    return padded


def header_columns(row: Sequence[Any]) -> dict[str, int] | None:
    """Column positions by header name, if this row is a header row (its first cell says Type)."""
    names = [clean_text(c) for c in row]
    if not names or names[0].casefold() != "type":
        return None
    return {name: i for i, name in enumerate(names) if name}


def parse_row(row: Sequence[Any], columns: dict[str, int]) -> ParsedUnit | None:
    """One data row as a unit, or None for an empty row; ValueError says what is wrong with it."""
    if all(clean_text(c) == "" for c in row):
        return None

    def cell(name: str) -> Any:
        i = columns[name]
        return row[i] if i < len(row) else None

    level, unit_type = unit_kind(cell("Type"))
    code = normalise_code(cell("Code"), level)
    name_km, name_en = clean_text(cell("Name (Khmer)")), clean_text(cell("Name (Latin)"))
    if not name_km and not name_en:
        raise ValueError(f"unit {code} has no name")
    max_name = AdminUnit._meta.get_field("name_en").max_length or 200
    if len(name_km) > max_name or len(name_en) > max_name:
        raise ValueError(f"unit {code}: a name is longer than {max_name} characters")
    reference = clean_text(cell("Reference")) if "Reference" in columns else ""
    max_ref = AdminUnit._meta.get_field("reference_km").max_length or 300
    return ParsedUnit(code, level, unit_type, name_km, name_en, reference[:max_ref])


def _sheet_rows(
    ws: Any, where: str, errors: list[str]
) -> Iterator[tuple[int, Sequence[Any], dict[str, int]]]:
    columns: dict[str, int] | None = None
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if columns is None:
            columns = header_columns(row)
            if columns is not None:
                missing = [c for c in REQUIRED_COLUMNS if c not in columns]
                if missing:
                    errors.append(f"{where}, row {number}: missing column(s) {', '.join(missing)}")
                    return
            elif number >= HEADER_SEARCH_ROWS:
                errors.append(
                    f"{where}: no header row (Type, Code, …) in the first {HEADER_SEARCH_ROWS} rows"
                )
                return
            continue
        yield number, row, columns
    if columns is None:
        errors.append(f"{where}: no header row (Type, Code, …)")


def read_export(paths: Iterable[str | Path], *, villages: bool = False) -> Export:
    """Every unit in these workbooks (either layout, detected per workbook). Villages are read only
    with `villages=True`. Raises GazetteerError listing every problem found; nothing is half-read."""
    export = Export(
        levels={Level.PROVINCE, Level.DISTRICT, Level.COMMUNE} | ({Level.VILLAGE} if villages else set())
    )
    errors: list[str] = []
    files = [Path(p) for p in paths]
    if not files:
        raise GazetteerError(["no workbook given"])
    for path in files:
        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            errors.append(f"{path.name}: not a readable .xlsx workbook ({exc.__class__.__name__})")
            continue
        try:
            export.sources.append(path.name)
            if PROVINCIAL_SHEET in wb.sheetnames:
                export.formats.add("per-province workbook")
                sheets: list[tuple[Any, str | None]] = [(wb[PROVINCIAL_SHEET], None)]
            else:
                export.formats.add("multi-sheet workbook")
                sheets = []
                for ws in wb.worksheets:
                    match = SHEET_PROVINCE.match(ws.title)
                    province = match.group(1).zfill(2) if match else None
                    if province not in PROVINCES:
                        errors.append(
                            f"{path.name}: sheet {ws.title!r} is not named 'N. <province>' (N = 1–25)"
                        )
                        continue
                    sheets.append((ws, province))
            for ws, province in sheets:
                where = f"{path.name}, sheet {ws.title!r}"
                if province is not None:
                    made = ParsedUnit(province, Level.PROVINCE, *PROVINCES[province], from_sheet_name=True)
                    _add(export, made, where, errors)
                for number, row, columns in _sheet_rows(ws, where, errors):
                    try:
                        unit = parse_row(row, columns)
                    except ValueError as exc:
                        errors.append(f"{where}, row {number}: {exc}")
                    else:
                        if unit is not None and unit.level in export.levels:
                            if province is not None and unit.code[:2] != province:
                                errors.append(
                                    f"{where}, row {number}: unit {unit.code} is not in province {province}"
                                )
                            else:
                                _add(export, unit, f"{where}, row {number}", errors)
                    if len(errors) >= MAX_ERRORS:
                        raise GazetteerError(errors)
        finally:
            wb.close()
    for unit in export.units.values():
        parent = unit.parent_code
        if parent is not None and parent not in export.units:
            errors.append(f"unit {unit.code} ({unit.name_en}): its parent {parent} is not in the export")
        elif parent is not None and export.units[parent].level != LEVELS[LEVELS.index(unit.level) - 1]:
            errors.append(f"unit {unit.code}: its parent {parent} is a {export.units[parent].level}")
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise GazetteerError(errors)
    export.provinces = {code for code, u in export.units.items() if u.level == Level.PROVINCE}
    return export


def _add(export: Export, unit: ParsedUnit, where: str, errors: list[str]) -> None:
    if unit.code in export.units:
        if export.units[unit.code] != unit:
            errors.append(f"{where}: code {unit.code} appears twice with different contents")
        return
    export.units[unit.code] = unit


def release_name(paths: Sequence[str | Path]) -> str:
    """A release name from the file names: the export date (2024.10.14 or 14_Sep_2025) as YYYY-MM-DD."""
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    for p in paths:
        stem = Path(p).name
        if m := re.search(r"(20\d\d)[._-](\d\d)[._-](\d\d)", stem):
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        if m := re.search(r"(\d{1,2})[._ -]([A-Za-z]{3})[A-Za-z]*[._ -](20\d\d)", stem):
            month = m.group(2).lower()
            if month in months:
                return f"{m.group(3)}-{months.index(month) + 1:02d}-{int(m.group(1)):02d}"
    return Path(paths[0]).stem[:40] if paths else "unnamed"
