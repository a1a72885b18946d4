"""Serves the OFL Noto Sans Khmer font from its PyPI package (fontpkg-noto-sans-khmer) under a plain
name, `fonts/NotoSansKhmer.ttf`, so the font is installed by pip and never copied into the repo."""

from pathlib import Path
from typing import Any

import fontpkg_noto_sans_khmer
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

FONT_DIR = Path(fontpkg_noto_sans_khmer.__file__).parent / "files"
FONTS = {"fonts/NotoSansKhmer.ttf": "NotoSansKhmer[wdth,wght].ttf"}


class _FontStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(location=str(FONT_DIR))
        self.prefix = None

    def path(self, name: str) -> str:
        return super().path(FONTS.get(name, name))


class KhmerFontFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if path in FONTS:
            match = str(FONT_DIR / FONTS[path])
            return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns: Any) -> Any:
        storage = _FontStorage()
        for name in FONTS:
            yield name, storage
