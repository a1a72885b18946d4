"""Text out of an uploaded outcome document (.txt, .docx, .pdf).

The real type is decided from the content (magic bytes), not from the file name. Anything we cannot
read safely raises `UploadRejected` with a message for the person who uploaded it. Limits:

- the upload itself: settings.OUTCOME_IMPORT_MAX_BYTES (10 MB by default), checked before reading;
- a DOCX is a zip: its members are counted and their declared sizes checked *before* python-docx
  opens it (zipfile never inflates a member beyond its declared size, so the declared sizes bind);
- a PDF must have a text layer (scans need OCR first) and, where it holds Khmer, that Khmer must be
  in a readable order (see khmer.py).
"""

import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from civicspace.core.uploads import UploadRejected, ZipRules, check_zip

from .khmer import khmer_text_looks_scrambled

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# A DOCX whose parts inflate beyond this, or by more than this ratio, is refused unopened.
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_MAX_MEMBERS = 1000
# Fewer non-space characters per page than this: the PDF has no usable text layer.
PDF_MIN_CHARS_PER_PAGE = 25
PDF_MAX_PAGES = 500
TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}

_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"MZ",  # Windows executable
    b"\x7fELF",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"RIFF",
    b"\x00\x00\x01\x00",  # icon
    b"\xca\xfe\xba\xbe",
    b"SQLite format",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls


@dataclass
class ExtractedText:
    text: str
    format: str  # "txt", "docx" or "pdf"
    warnings: list[str] = field(default_factory=list)


def max_bytes() -> int:
    return int(getattr(settings, "OUTCOME_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise UploadRejected(
            _("The file is too large (%(size)s). The largest file that can be imported is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def extract_file(fileobj: IO[bytes], filename: str, size: int | None = None) -> ExtractedText:
    """Like extract_text, for an open file: the size is checked before the content is read, and at
    most one byte more than the limit is ever read."""
    if size is not None:
        check_size(size)
    limit = max_bytes()
    data = fileobj.read(limit + 1)
    check_size(len(data))
    return extract_text(data, filename)


def extract_path(path: str | os.PathLike[str]) -> ExtractedText:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            return extract_file(fh, os.fspath(path), size=size)
    except OSError as exc:
        raise UploadRejected(_("The file could not be opened: %(error)s") % {"error": exc.strerror}) from exc


def extract_text(data: bytes, filename: str) -> ExtractedText:
    """The text of an outcome document, whatever its format. Raises UploadRejected for bad files."""
    check_size(len(data))
    ext = os.path.splitext(filename or "")[1].lower()
    head = data[:1024]
    if b"%PDF-" in head:
        result = _extract_pdf(data)
    elif data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        result = _extract_docx(data)
    elif data.startswith(_OLE2):
        raise UploadRejected(
            _("This is an old Word (.doc) or Excel file. Please save it as .docx and upload it again.")
        )
    elif any(data.startswith(sig) for sig in _BINARY_SIGNATURES):
        raise UploadRejected(_not_a_document())
    elif ext == ".pdf":
        raise UploadRejected(_("This file is not a PDF, or the PDF is damaged."))
    elif ext == ".docx":
        raise UploadRejected(_("This file is not a Word (.docx) document, or the document is damaged."))
    elif ext in TEXT_EXTENSIONS:
        result = _extract_txt(data)
    else:
        raise UploadRejected(_not_a_document())
    result.text = normalise(result.text)
    if not result.text.strip():
        raise UploadRejected(_("The document contains no text."))
    return result


def _not_a_document() -> str:
    return _("This file is not a document that can be imported. Upload a .docx, .pdf or .txt file.")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def normalise(text: str) -> str:
    """NFC, Unix line ends, no soft hyphens, no-break spaces or stray control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\x0b", "\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\ufeff", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text)


# --- plain text ----------------------------------------------------------------------------------


def _extract_txt(data: bytes) -> ExtractedText:
    warnings: list[str] = []
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRejected(_not_a_document())
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UploadRejected(_not_a_document()) from exc
        warnings.append(
            _("The text file is not in UTF-8; it was read as Windows-1252. Check accented letters.")
        )
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > 0.02:
        raise UploadRejected(_not_a_document())
    return ExtractedText(text=text, format="txt", warnings=warnings)


# --- DOCX -----------------------------------------------------------------------------------------


def check_docx_zip(data: bytes) -> None:
    """Refuse a zip that is not a Word document, or that would inflate too much, before opening it."""
    check_zip(
        data,
        ZipRules(
            required_member="word/document.xml",
            max_members=DOCX_MAX_MEMBERS,
            max_uncompressed=DOCX_MAX_UNCOMPRESSED,
            max_ratio=DOCX_MAX_RATIO,
            damaged=_("This file is not a Word (.docx) document, or the document is damaged."),
            too_many_parts=_("This Word document has too many parts to be imported safely."),
            wrong_kind=_(
                "This is a ZIP archive, not a Word (.docx) document. Upload a .docx, .pdf or .txt file."
            ),
            too_big=_(
                "This Word document expands to %(size)s when opened, which is more than a real outcome "
                "document needs. It was not opened."
            ),
        ),
    )


def _extract_docx(data: bytes) -> ExtractedText:
    check_docx_zip(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
    except UploadRejected:
        raise
    except Exception as exc:  # python-docx/lxml raise many types for a damaged document
        logger.info("DOCX rejected: %r", exc)
        raise UploadRejected(
            _("This file is not a Word (.docx) document, or the document is damaged.")
        ) from exc
    return ExtractedText(text="\n\n".join(blocks), format="docx")


def _docx_blocks(container: Any, depth: int = 0) -> Iterator[str]:
    """Paragraphs and table cells in document order; each table cell's text is one block."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            if depth > 5:
                continue
            # A merged cell appears once per grid column. Keep the elements alive while comparing ids:
            # lxml frees an element's proxy once unreferenced, and a new one may reuse its id.
            seen: dict[int, Any] = {}
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen[id(cell._tc)] = cell._tc
                    yield from _docx_blocks(cell, depth + 1)
        else:
            text = item.text.strip()
            if text:
                yield text


# --- PDF ------------------------------------------------------------------------------------------


def _extract_pdf(data: bytes) -> ExtractedText:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    damaged = _("This PDF is damaged and cannot be read. Export it again, or upload the Word original.")
    encrypted = _(
        "This PDF is protected with a password. Remove the protection, or upload the Word original."
    )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UploadRejected(encrypted)
            except (FileNotDecryptedError, DependencyError, NotImplementedError) as exc:
                raise UploadRejected(encrypted) from exc
        pages = reader.pages
        count = len(pages)
        if count == 0:
            raise UploadRejected(damaged)
        if count > PDF_MAX_PAGES:
            raise UploadRejected(
                _("This PDF has %(count)d pages; at most %(limit)d can be imported.")
                % {"count": count, "limit": PDF_MAX_PAGES}
            )
        texts = [page.extract_text() or "" for page in pages]
    except UploadRejected:
        raise
    except FileNotDecryptedError as exc:
        raise UploadRejected(encrypted) from exc
    except Exception as exc:  # pypdf raises many types for a damaged file
        logger.info("PDF rejected: %r", exc)
        raise UploadRejected(damaged) from exc
    text = "\n".join(texts)
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < PDF_MIN_CHARS_PER_PAGE * count:
        raise UploadRejected(
            _(
                "This PDF has no text layer: it looks like a scan or a picture of pages. Run it through "
                "text recognition (OCR) first, or upload the Word original."
            )
        )
    warnings: list[str] = []
    if khmer_text_looks_scrambled(text):
        text = _english_part_of_scrambled(text)
        warnings.append(
            _(
                "The Khmer text in this PDF cannot be read reliably and was left out: only its English "
                "text was imported. Upload the Word (.docx) original to import the Khmer text too."
            )
        )
    return ExtractedText(text=text, format="pdf", warnings=warnings)


_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_LATIN = re.compile(r"[A-Za-z]")


def _english_part_of_scrambled(text: str) -> str:
    """The lines without Khmer of a PDF whose Khmer is scrambled, when the PDF is bilingual (its
    English holds at least half as many letters as its Khmer); otherwise the PDF is refused, so that
    no garbled Khmer (organisation names, asks) is ever proposed (ADR 0024)."""
    kept = [line for line in text.split("\n") if not _KHMER.search(line)]
    english = "\n".join(kept)
    if len(_LATIN.findall(english)) * 2 < len(_KHMER.findall(text)):
        raise UploadRejected(
            _(
                "The Khmer text in this PDF cannot be read reliably: PDF files often store Khmer letters "
                "out of order. Please upload the Word (.docx) or text original instead."
            )
        )
    return english
