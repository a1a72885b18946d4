"""Khmer line breaking for PDF layout (core.i18n.khmer_breakable)."""

from civicspace.core.i18n import ZWSP, khmer_breakable


def test_khmer_breakable() -> None:
    text = "CCC: អង្គការសង្គមស៊ីវិលស្នើសុំឱ្យរាជរដ្ឋាភិបាលបង្កើនថវិកា។ OK"
    result = khmer_breakable(text)
    assert result.replace(ZWSP, "") == text  # nothing else changes
    assert "អង្គការ\u200bសង្គម\u200bស៊ីវិល" in result
    assert "CCC: " in result and not result.startswith(ZWSP)
    assert "\u200b។" not in result  # no break before the full stop
    assert khmer_breakable("English only") == "English only"
    assert khmer_breakable(result) == result  # idempotent
