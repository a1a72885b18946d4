"""The Noto Sans Khmer font: the whole file for PDFs, and the Khmer web font made small for slow links.

The OFL Noto Sans Khmer variable font comes from PyPI (fontpkg-noto-sans-khmer, 360 KB as TTF).
We cut it to the Khmer block that our @font-face `unicode-range` covers, pin its width axis to
normal (we only vary the weight) and save it as WOFF2: about 44 KB. The result is built once per
font version into var/fonts/ and served by core.finders; nothing is copied into the repository."""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import fontpkg_noto_sans_khmer
from django.conf import settings

FONT_FAMILY = "Noto Sans Khmer"
# The whole variable TTF (Khmer and Latin glyphs): what PDFs embed, and the source of the web subset.
FONT_PATH = Path(fontpkg_noto_sans_khmer.__file__).parent / "files" / "NotoSansKhmer[wdth,wght].ttf"
# Must match the unicode-range of the @font-face in static/css/site.css.
UNICODE_RANGES = [(0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC)]
LATIN_BASICS = [(0x0020, 0x0020), (0x00A0, 0x00A0)]  # space and no-break space for line layout


def _codepoints() -> list[int]:
    return [c for start, end in UNICODE_RANGES + LATIN_BASICS for c in range(start, end + 1)]


@lru_cache(maxsize=1)
def khmer_woff2() -> Path:
    """Path of the subset WOFF2, built on first use (a few seconds) and then reused."""
    digest = hashlib.sha256(FONT_PATH.read_bytes()).hexdigest()[:12]
    target = Path(settings.VAR_DIR) / "fonts" / f"NotoSansKhmer-{digest}.woff2"
    if target.exists():
        return target
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    pinned = instancer.instantiateVariableFont(TTFont(str(FONT_PATH)), {"wdth": 100})  # keep the weight axis
    buffer = io.BytesIO()
    pinned.save(buffer)  # reload before subsetting: the instancer leaves lazily loaded tables behind
    buffer.seek(0)
    font = TTFont(buffer)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every OpenType feature: Khmer shaping needs them
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_codepoints())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    font.flavor = "woff2"
    font.save(str(partial))
    partial.replace(target)  # atomic: a reader never sees half a file
    return target
