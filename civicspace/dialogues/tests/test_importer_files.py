"""The outcome importer refuses bad files (hostile, damaged, encrypted, scanned, too large) with a
clear message, and never crashes on arbitrary bytes."""

import time
from pathlib import Path

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from civicspace.core.uploads import UploadRejected
from civicspace.dialogues.importer import (
    extract_path,
    extract_text,
)

from .importer_documents import BAD_FILES, zip_bytes

# --- bad files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_with_a_clear_message(case: str) -> None:
    make, filename, message = BAD_FILES[case]
    data = make()
    start = time.perf_counter()
    with pytest.raises(UploadRejected, match=message) as info:
        extract_text(data, filename)
    assert time.perf_counter() - start < 2
    assert len(info.value.message) > 20


def test_fifty_megabytes_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: nothing is written
    start = time.perf_counter()
    with pytest.raises(UploadRejected, match="too large"):
        extract_path(path)
    assert time.perf_counter() - start < 0.5


@override_settings(OUTCOME_IMPORT_MAX_BYTES=1000)
def test_size_limit_is_a_setting() -> None:
    with pytest.raises(UploadRejected, match="too large"):
        extract_text(b"a" * 1001, "a.txt")


def test_cp1252_text_is_read_with_a_warning() -> None:
    extracted = extract_text("Café meeting\nThe UN should act.".encode("cp1252"), "a.txt")
    assert "Café" in extracted.text and extracted.warnings


_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
    st.dictionaries(
        st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels", "x"]),
        st.binary(max_size=300),
    ).map(zip_bytes),
)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BYTES, st.sampled_from(["a.txt", "a.pdf", "a.docx", "a", "a.doc"]))
def test_arbitrary_bytes_never_crash(data: bytes, filename: str) -> None:
    try:
        extracted = extract_text(data, filename)
    except UploadRejected as exc:
        message = exc.message
    else:
        message = ""
        assert isinstance(extracted.text, str)
    assert message or extracted
