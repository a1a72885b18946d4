"""Checks shared by every upload that the platform opens (outcome documents, ask lists, …)."""

import io
import zipfile
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat

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
