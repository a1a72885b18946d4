"""Serves the Khmer web font (core/fonts.py) as `fonts/NotoSansKhmer.woff2`: built from the PyPI font
package at install time, never copied into the repository, found by runserver and collectstatic."""

from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from .fonts import khmer_woff2

FONT_NAME = "fonts/NotoSansKhmer.woff2"


class _FontStorage(FileSystemStorage):
    def __init__(self, path: Path) -> None:
        super().__init__(location=str(path.parent))
        self.prefix = None
        self._file = path.name

    def path(self, name: str) -> str:
        return super().path(self._file if name == FONT_NAME else name)


class KhmerFontFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if path == FONT_NAME:
            match = str(khmer_woff2())
            return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns: Any) -> Any:
        yield FONT_NAME, _FontStorage(khmer_woff2())
