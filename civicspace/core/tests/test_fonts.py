from fontTools.ttLib import TTFont

from civicspace.core.finders import FONT_NAME, KhmerFontFinder
from civicspace.core.fonts import UNICODE_RANGES, khmer_woff2


def test_khmer_web_font_is_a_small_woff2_that_keeps_shaping_and_weights() -> None:
    path = khmer_woff2()
    assert path.read_bytes()[:4] == b"wOF2"
    assert path.stat().st_size < 60_000  # the whole TTF is 360 KB
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    for start, _end in UNICODE_RANGES:
        assert start in cmap  # every range of the CSS unicode-range is really covered
    assert all(c in cmap for c in range(0x1780, 0x17DD))  # consonants, vowels, signs
    scripts = {rec.ScriptTag for rec in font["GSUB"].table.ScriptList.ScriptRecord}
    assert "khmr" in scripts  # Khmer shaping rules survived the subset
    assert [a.axisTag for a in font["fvar"].axes] == ["wght"]  # width pinned, weight kept


def test_finder_serves_the_font_under_a_plain_name() -> None:
    finder = KhmerFontFinder()
    assert finder.find(FONT_NAME) == str(khmer_woff2())
    assert finder.find("fonts/other.woff2") is None
    [(name, storage)] = list(finder.list([]))
    assert name == FONT_NAME and storage.path(name) == str(khmer_woff2())
