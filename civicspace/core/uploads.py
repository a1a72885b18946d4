"""Checks shared by every upload that the platform opens (outcome documents, ask lists, …)."""

import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# Multipart boundaries and the other fields of an upload form, on top of the file itself.
FORM_OVERHEAD = 64 * 1024


class UploadRejected(Exception):
    """The uploaded file cannot be used. `message` is translated and safe to show to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def declared_length(request: HttpRequest) -> int:
    """The request's declared body length (0 when absent or malformed), readable before Django reads
    the body, so an oversized upload can be refused without receiving it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@dataclass(frozen=True)
class ZipRules:
    """What an Office Open XML file (a zip) must look like before it is opened, and what to say if not.
    `too_big` may use %(size)s."""

    required_member: str
    max_members: int
    max_uncompressed: int
    max_ratio: int
    damaged: str
    too_many_parts: str
    wrong_kind: str
    too_big: str


def check_zip(data: bytes, rules: ZipRules) -> None:
    """Refuse a zip that is damaged, of the wrong kind or would inflate too much (a zip bomb), from its
    directory alone. zipfile never inflates a member beyond its declared size, so those sizes bind."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise UploadRejected(rules.damaged) from exc
    if len(members) > rules.max_members:
        raise UploadRejected(rules.too_many_parts)
    if rules.required_member not in {m.filename for m in members}:
        raise UploadRejected(rules.wrong_kind)
    uncompressed = sum(m.file_size for m in members)
    compressed = max(1, sum(m.compress_size for m in members))
    if uncompressed > rules.max_uncompressed or uncompressed / compressed > rules.max_ratio:
        raise UploadRejected(rules.too_big % {"size": filesizeformat(uncompressed)})


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls
NOT_TEXT = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"MZ", b"\x7fELF", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
            b"Rar!", b"SQLite format")  # fmt: skip


@dataclass(frozen=True)
class SpreadsheetRules:
    """The limits of a CSV or XLSX upload (the tracker's asks, consultation submissions). `too_big`, said
    when a workbook would inflate beyond `max_uncompressed`, may use %(size)s; pass it lazily translated."""

    max_bytes: int
    max_uncompressed: int
    too_big: str | Promise
    max_ratio: int = 100
    max_members: int = 1000

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise UploadRejected(
                _("The file is too large (%(size)s). The largest file that can be imported is %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(self.max_bytes)}
            )

    def refuse_declared(self, request: HttpRequest) -> None:
        """Refuse an oversized upload from the request's declared length, before Django reads the body."""
        declared = declared_length(request)
        if declared > self.max_bytes + FORM_OVERHEAD:
            self.check_size(declared)

    def read(self, upload: UploadedFile) -> bytes:
        """The uploaded file's bytes, refused when too large (never more than max_bytes + 1 read)."""
        self.check_size(upload.size or 0)
        return upload.read(self.max_bytes + 1)

    def check_xlsx(self, data: bytes) -> None:
        """Refuse a zip that is not an Excel workbook, or that would inflate too much, before opening it."""
        check_zip(
            data,
            ZipRules(
                required_member="xl/workbook.xml",
                max_members=self.max_members,
                max_uncompressed=self.max_uncompressed,
                max_ratio=self.max_ratio,
                damaged=_("This file is not an Excel (.xlsx) workbook, or the workbook is damaged."),
                too_many_parts=_("This workbook has too many parts to be imported safely."),
                wrong_kind=_("This is a ZIP archive, not an Excel (.xlsx) workbook. Upload a .csv or .xlsx file."),
                too_big=str(self.too_big),
            ),
        )  # fmt: skip

    def sniff(self, data: bytes) -> str:
        """ "csv" or "xlsx", decided from the content (never from the name); UploadRejected otherwise,
        with what to do about it."""
        self.check_size(len(data))
        if not data.strip():
            raise UploadRejected(_("The file is empty."))
        if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            self.check_xlsx(data)
            return "xlsx"
        if data.startswith(OLE2):
            raise UploadRejected(
                _("This is an old Excel (.xls) file. Save it as .xlsx or as CSV UTF-8 and upload it again.")
            )
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UploadRejected(
                _(
                    "This file is in UTF-16. In Excel, save it as “CSV UTF-8 (comma delimited)” and upload it again."
                )
            )
        if data.startswith(NOT_TEXT) or b"\x00" in data[:4096]:
            raise UploadRejected(
                _("This file is not a spreadsheet that can be imported. Upload a .csv (UTF-8) or .xlsx file.")
            )
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UploadRejected(
                _(
                    "This CSV file is not in UTF-8, so Khmer and accented letters would be lost. In Excel, "
                    "save it as “CSV UTF-8 (comma delimited)” and upload it again."
                )
            ) from exc
        return "csv"
