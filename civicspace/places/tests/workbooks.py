"""Small NCDD-style workbooks written with openpyxl, for tests that must not depend on /work/shared."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

HEADER = ["Type", "Code", "Name (Khmer)", "Name (Latin)", "Reference", "Official Note", "Note (by Checker)"]
Row = Sequence[Any]


def per_province(path: Path, rows: Sequence[Row], *, header: Sequence[str] = HEADER) -> Path:
    """The 2025 layout: one sheet ProvincialList, header on row 1, a province row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "ProvincialList"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def multi_sheet(path: Path, sheets: dict[str, Sequence[Row]]) -> Path:
    """The 2024 layout: one sheet per province named 'N. Name', a title row, the header on row 3."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # the default sheet
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        ws.append([f'List of Gazetter Code for "{title}"'])
        ws.append([])
        ws.append(HEADER)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


# Banteay Meanchey, small: two districts, three communes (codes unpadded, as NCDD writes them).
V1: list[Row] = [
    ("ខេត្ត", 1, "ខេត្តបន្ទាយមានជ័យ", "Banteay Meanchey Province", "ប្រកាសលេខ ៤៩៣ ប្រ.ក", None, None),
    ("ស្រុក", "102", "មង្គលបូរី", "Mongkol Borei", "", "", ""),
    ("ឃុំ", "10201", "បន្ទាយនាង", "Banteay Neang", "", "", ""),
    ("ឃុំ", "10202", "បត់ត្រង់", "Bat Trang", "", "", ""),
    ("ភូមិ", "1020101", "អូរធំ", "Ou Thum", "", "", ""),
    ("ស្រុក", "103", "ភ្នំស្រុក", "Phnum Srok", "", "", ""),
    ("ឃុំ", "10301", "ណាំតៅ", "Nam Tau", "", "", ""),
]
# The next release: 10201 renamed (with a zero-width space in the file), 10202 becomes a sangkat,
# 103 and its commune are gone, a new commune 10203 appears.
V2: list[Row] = [
    V1[0],
    V1[1],
    ("ឃុំ", "10201", "បន្ទាយ\u200bនាងថ្មី", "Banteay Neang Thmei", "", "", ""),
    ("សង្កាត់", "10202", "បត់ត្រង់", "Bat Trang", "", "", ""),
    ("ឃុំ", "10203", "គោកបល្ល័ង្គ", "Kouk Ballangk", "", "", ""),
    V1[4],
]
