import uuid
from pathlib import Path
from typing import Any, overload

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def job_file_path(instance: "FileJob", filename: str) -> str:
    """Where a job keeps its file: the job model's folder, the job's id and the file's suffix."""
    return f"{instance.files_folder}/{instance.pk}{Path(filename).suffix.lower()[:8]}"


class FileJob(models.Model):
    """What a background import or export of a file keeps (core/imports and each module's job model).
    The random id is the address of its status page; `done`/`total` report progress; `report` holds an
    import's validation report; `file` the uploaded (or written) file, in the model's `files_folder`.
    One set of states for every job: an import goes queued → checking → (review →) saving → done, an
    export queued → running → done; any may end failed, and an import waiting in review cancelled."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking the rows")
        REVIEW = "review", _("Waiting for your decision")
        SAVING = "saving", _("Saving")
        RUNNING = "running", _("Running")  # an export being written
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    FINISHED = frozenset({State.DONE, State.FAILED, State.CANCELLED})
    files_folder = "jobs"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    format = models.CharField(_("format"), max_length=8)
    language = models.CharField(_("language"), max_length=8, default="en")
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    file = models.FileField(_("file"), upload_to=job_file_path, blank=True, max_length=200)
    original_name = models.CharField(_("uploaded file name"), max_length=200, blank=True)
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")) | Q(total=0),
                name="%(app_label)s_%(class)s_done_le_total",
            )
        ]

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def in_progress(self) -> bool:
        """Neither finished nor waiting for a person's decision: its page polls for progress."""
        return not self.finished and self.state != self.State.REVIEW

    def update(self, **fields: Any) -> None:
        """Set these fields here and in the database at once (a job reports as it goes, outside the
        transaction of the work it reports on)."""
        for name, value in fields.items():
            setattr(self, name, value)
        type(self)._default_manager.filter(pk=self.pk).update(**fields)

    @property
    def progress_key(self) -> str:
        """The cache key under which a job that is saving counts the rows saved so far."""
        return f"{self._meta.label_lower}:{self.pk}:saved"

    def live_done(self) -> int:
        """Rows done, with the progress of a job that is saving (kept in the cache meanwhile)."""
        if self.state == self.State.SAVING:
            return min(self.total, max(self.done, int(cache.get(self.progress_key) or 0)))
        return self.done

    def percent(self, done: int | None = None) -> int:
        """Progress in % of `total`, from `done` (a live count) or the stored one; 100 once done."""
        done = self.done if done is None else done
        if self.state == self.State.DONE:
            return 100
        return min(100, done * 100 // self.total) if self.total else 0


def bilingual(obj: object, field: str) -> str:
    """The value of `<field>_<lang>` in the active language, falling back to the other language.

    Content fields are stored once per language (`name_en`, `name_km`) so both are always visible
    to editors and to the API; see docs/decisions/0005-bilingual-content-fields.md."""
    lang = "km" if (get_language() or "en").startswith("km") else "en"
    other = "en" if lang == "km" else "km"
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_{other}", "") or ""


class Bilingual:
    """`name = Bilingual()` in a class with `name_en` and `name_km`: `obj.name` is `bilingual(obj, "name")`,
    the value in the active language, falling back to the other one."""

    field = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> "Bilingual": ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> str: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> "str | Bilingual":
        return self if obj is None else bilingual(obj, self.field)


class AuditEntry(models.Model):
    """One create, update or delete of a core record, written by the service in the same transaction."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=255)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
