"""The recommendations tracker's core record: an ask. Dialogues create asks; the tracker (responses,
commitments, progress) builds on this model."""

import hashlib
import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import Bilingual, FileJob, TimeStampedModel, bilingual
from civicspace.core.validators import not_in_future
from civicspace.organisations.models import Organisation, Sector


class Theme(models.Model):
    """A managed taxonomy: SDG targets, human-rights mechanisms and topics (data/themes.json)."""

    class Kind(models.TextChoices):
        SDG_TARGET = "sdg_target", _("SDG target")
        HR_MECHANISM = "hr_mechanism", _("Human-rights mechanism")
        TOPIC = "topic", _("Topic")

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200)

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    name = Bilingual()


class Ask(TimeStampedModel):
    """Something civil society asked someone to do, with where it was raised and to whom."""

    class SourceKind(models.TextChoices):
        DIALOGUE = "dialogue", _("CSO–UN dialogue")
        UPR = "upr", _("Universal Periodic Review")
        JOINT_STATEMENT = "joint_statement", _("Joint statement")
        LETTER = "letter", _("Letter")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        SUBNATIONAL = "subnational", _("Sub-national")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PARTIAL = "partial", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    text_en = models.TextField(_("text (English)"), blank=True)
    text_km = models.TextField(_("text (Khmer)"), blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="asks"
    )
    source_kind = models.CharField(
        _("source"), max_length=20, choices=SourceKind.choices, default=SourceKind.DIALOGUE
    )
    meeting = models.ForeignKey(
        "dialogues.Meeting", verbose_name=_("meeting"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="asks",
    )  # fmt: skip
    session = models.ForeignKey(
        "dialogues.SectorSession", verbose_name=_("session"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="asks",
    )  # fmt: skip
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_date = models.DateField(_("date raised"), null=True, blank=True, validators=[not_in_future])
    raised_by = models.ManyToManyField(
        Organisation, verbose_name=_("raised by"), related_name="asks_raised", blank=True
    )
    addressees = models.ManyToManyField(
        Organisation, verbose_name=_("addressed to"), related_name="asks_received", blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="asks", blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.NATIONAL)
    place = models.CharField(_("place"), max_length=200, blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    previous = models.ForeignKey(
        "self", verbose_name=_("raised before as"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="raised_again",
    )  # fmt: skip
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="merged",
    )  # fmt: skip
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("How much this ask counts in its parent's progress.")
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Segmented, case-folded English + Khmer text for search on any database (core.i18n).
    search_document = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["meeting", "session", "order", "id"]
        verbose_name = _("ask")
        verbose_name_plural = _("asks")
        constraints = [
            models.CheckConstraint(condition=~Q(text_en="") | ~Q(text_km=""), name="ask_has_text"),
            models.CheckConstraint(
                condition=Q(level="national") | ~Q(place=""), name="ask_subnational_has_place"
            ),
            models.CheckConstraint(condition=~Q(previous=models.F("id")), name="ask_not_its_own_previous"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="ask_progress_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["status"], name="ask_status_idx"),
            # the public list's order (selectors.ask_list), so a page does not sort the whole table
            models.Index(fields=["-source_date", "meeting", "order", "id"], name="ask_list_order_idx"),
        ]

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:79] + "…"

    text = Bilingual()

    def get_absolute_url(self) -> str:
        return reverse("recommendations:ask-detail", kwargs={"pk": self.pk})

    @property
    def response_count(self) -> int:
        """How many addressees have answered (use with the responses prefetched, as ask_list does)."""
        return len({r.addressee_id for r in self.responses.all()})


# Each status's default progress (Decidim accountability style); a progress update may set its own.
DEFAULT_PROGRESS = {
    Ask.Status.NOT_STARTED: 0,
    Ask.Status.IN_PROGRESS: 30,
    Ask.Status.PARTIAL: 60,
    Ask.Status.IMPLEMENTED: 100,
    Ask.Status.NOT_IMPLEMENTED: 0,
    Ask.Status.WITHDRAWN: 0,
}


class Response(models.Model):
    """An addressee's answer to an ask. Later answers supersede earlier ones; all stay in the timeline."""

    class Position(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
        NOTED = "noted", _("Noted")
        DECLINED = "declined", _("Declined")

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="responses")
    addressee = models.ForeignKey(
        Organisation, verbose_name=_("addressee"), on_delete=models.PROTECT, related_name="responses"
    )
    position = models.CharField(_("response"), max_length=20, choices=Position.choices)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    explanation_km = models.TextField(_("explanation (Khmer)"), blank=True)
    responded_on = models.DateField(_("date of the response"), validators=[not_in_future])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["ask", "addressee", "-responded_on", "-id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["addressee", "ask"], name="response_addressee_ask_idx")]

    def __str__(self) -> str:
        return f"{self.addressee}: {self.get_position_display()}"

    explanation = Bilingual()


class Commitment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="commitments")
    description_en = models.TextField(_("what (English)"), blank=True)
    description_km = models.TextField(_("what (Khmer)"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("who (organisation)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments",
    )  # fmt: skip
    person = models.CharField(_("who (person)"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    committed_on = models.DateField(
        _("date of the commitment"), default=timezone.localdate, validators=[not_in_future]
    )
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["ask", "due_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(description_en="") | ~Q(description_km=""), name="commitment_has_text"
            )
        ]

    def __str__(self) -> str:
        return bilingual(self, "description")[:80]

    description = Bilingual()


class ProgressUpdate(models.Model):
    """What the addressee reports happened: a status, a progress %, a note, and evidence."""

    ask = models.ForeignKey(
        Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="progress_updates"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="progress_updates",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Ask.Status.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note_en = models.TextField(_("what happened (English)"), blank=True)
    note_km = models.TextField(_("what happened (Khmer)"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("reported by (organisation)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="progress_updates",
    )  # fmt: skip
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_on = models.DateField(
        _("date of the report"), default=timezone.localdate, validators=[not_in_future],
        help_text=_("When this was the situation: the date of the report it comes from, not today's."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["ask", "-reported_on", "-created_at", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_update_at_most_100")
        ]

    def __str__(self) -> str:
        return f"{self.ask_id}: {self.get_status_display()} {self.progress}%"

    note = Bilingual()


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.progress.ask_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


class Evidence(models.Model):
    """A file or a link backing a progress update. Restricted evidence is shown only to those who may
    see it (selectors.evidence_visible)."""

    progress = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    url = models.URLField(_("link"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["progress", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_file_or_link")
        ]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    """Civil society's own view of where an ask stands, shown beside the addressee's."""

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="assessments")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Ask.Status.choices)
    note_en = models.TextField(_("why (English)"), blank=True)
    note_km = models.TextField(_("why (Khmer)"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by (person)"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    assessed_on = models.DateField(
        _("date of the assessment"), default=timezone.localdate, validators=[not_in_future]
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["ask", "-assessed_on", "-created_at", "-id"]
        verbose_name = _("civil society assessment")
        verbose_name_plural = _("civil society assessments")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()}"

    note = Bilingual()


class Comment(models.Model):
    """A comment by a logged-in CSO member; published only after a moderator approves it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    ask = models.ForeignKey(Ask, verbose_name=_("ask"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="ask_comments",
    )
    body = models.TextField(_("comment"), max_length=4000)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    moderation_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["ask", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


# --- Import and export jobs (tracker dashboard, issue 4 parts 6-7) ----------------------------------


def tracker_job_path(instance: "TrackerJob", filename: str) -> str:
    """Kept for migration 0004, which names it; the jobs use core.models.job_file_path."""
    return f"tracker-jobs/{instance.pk}{Path(filename).suffix.lower()[:8]}"


class TrackerJob(FileJob):
    """A background import (core/imports, declared in imports.py) or export (jobs.py) of asks."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")

    files_folder = "tracker-jobs"

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # An export's filters as a digest (`digest_of`), to find an identical export to reuse (jobs.py).
    filters_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta(FileJob.Meta):
        verbose_name = _("import or export job")
        verbose_name_plural = _("import and export jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.format} ({self.get_state_display()})"

    @staticmethod
    def digest_of(filters: dict[str, str]) -> str:
        return hashlib.sha256(json.dumps(filters, sort_keys=True).encode()).hexdigest()


# --- end of import and export jobs -------------------------------------------------------------------


# --- dashboard tallies (tallies.py keeps them; the dashboard reads them) ------------------------------
# Derived counts, kept in the same transaction as every write to the asks they count, so that the
# dashboard reads a few thousand rows instead of grouping 100,000 asks and 300,000 responses on every
# request (ADR 0013). Their keys are the dashboard's filters other than theme and search, so filtered
# views read them too. Merged asks count nowhere. Ids are plain integers (0 for "none"), not foreign
# keys: a tally is arithmetic over the records, and `recount_tracker` rebuilds it from them.


class TallyKey(models.Model):
    """The dimensions every tally shares: an ask's sector, meeting, year raised, level and status, and a
    theme. Each ask counts once under theme 0 (whatever its themes) and once more under each of its
    themes, so a dashboard filtered by a theme reads its own rows."""

    theme_key = models.PositiveIntegerField(default=0)  # Theme.pk, 0: every ask, whatever its themes
    sector_key = models.PositiveIntegerField(default=0)  # Sector.pk, 0: no sector
    meeting_key = models.PositiveIntegerField(default=0)  # Meeting.pk, 0: not raised at a meeting
    year = models.PositiveSmallIntegerField(default=0)  # year of source_date, 0: no date
    level = models.CharField(max_length=16, choices=Ask.Level.choices)
    status = models.CharField(max_length=20, choices=Ask.Status.choices)
    n = models.IntegerField(default=0)

    class Meta:
        abstract = True


class StatusTally(TallyKey):
    """How many asks there are with these dimensions."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["theme_key", "sector_key", "meeting_key", "year", "level", "status"],
                name="status_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}/{self.sector_key}/{self.meeting_key}/{self.year}/{self.level}/{self.status}: {self.n}"


# The unique keys of the two tallies by addressee start alike (the order of an index's columns matters).
ADDRESSEE_KEY = ["theme_key", "addressee_key", "sector_key", "meeting_key"]


class AddresseeTally(TallyKey):
    """How many (ask, addressee) pairs there are for this addressee and these dimensions, answered (at
    least one response from that addressee) or not."""

    addressee_key = models.PositiveIntegerField()  # Organisation.pk
    responded = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[*ADDRESSEE_KEY, "year", "level", "status", "responded"], name="addressee_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}/{self.addressee_key}/{self.sector_key}/{self.meeting_key}/{self.year}/{self.status}: {self.n}"


class PendingTally(TallyKey):
    """Unanswered (ask, addressee) pairs of dialogue asks, by the date the ask was raised: with the
    meeting's `response_days`, when they fall overdue (worked out when read, so a change of the
    response period needs no recount)."""

    addressee_key = models.PositiveIntegerField()
    raised_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[*ADDRESSEE_KEY, "raised_on", "level", "status"], name="pending_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}/{self.addressee_key}/{self.meeting_key}/{self.raised_on}/{self.status}: {self.n}"
