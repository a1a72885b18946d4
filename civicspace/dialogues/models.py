"""Annual CSO–UN dialogues: cycles, meetings, sector sessions, participants and outcome documents."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import Bilingual, TimeStampedModel, bilingual
from civicspace.organisations.models import Organisation, Sector

# The list pages' own addresses (urls.py): a meeting or a cycle with one of these short names could not be
# reached, so the services never give one out and the models refuse them.
RESERVED_SLUGS = frozenset({"new", "import", "cycles"})


def _not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("“%(slug)s” is one of the site's own addresses.") % {"slug": slug}})


class DialogueCycle(TimeStampedModel):
    """A recurring dialogue, e.g. the annual CSO–UN dialogue; each year's meeting belongs to it. The
    secretariat closes a cycle when the dialogue ends: a closed cycle accepts no new meetings."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    # The cycle's state: open (None) or closed (when). Set once, by services.cycle_close.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["title_en", "title_km"]
        verbose_name = _("dialogue cycle")
        verbose_name_plural = _("dialogue cycles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_en="") | ~Q(title_km=""),
                name="cycle_has_a_title",
                violation_error_message=_("Give the cycle a title in English, in Khmer, or in both."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _not_reserved(self.slug)

    def get_absolute_url(self) -> str:
        return reverse("dialogues:cycle-detail", kwargs={"cycle": self.slug})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    title = Bilingual()

    description = Bilingual()


EARLIEST_MEETING = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)


class Meeting(TimeStampedModel):
    class Mode(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        OUTCOME_DRAFTED = "outcome_drafted", _("Outcome drafted")
        OUTCOME_ADOPTED = "outcome_adopted", _("Outcome adopted")

    cycle = models.ForeignKey(
        DialogueCycle, verbose_name=_("dialogue cycle"), on_delete=models.PROTECT, related_name="meetings",
        null=True, blank=True,
    )  # fmt: skip
    previous = models.ForeignKey(
        "self", verbose_name=_("previous meeting"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="next_meetings",
    )  # fmt: skip
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=250, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    venue_en = models.CharField(_("venue (English)"), max_length=250, blank=True)
    venue_km = models.CharField(_("venue (Khmer)"), max_length=250, blank=True)
    link = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    conveners = models.ManyToManyField(
        Organisation, verbose_name=_("conveners"), related_name="convened_meetings", blank=True
    )
    response_days = models.PositiveSmallIntegerField(
        _("days for addressees to respond"), default=60,
        help_text=_("After this many days an ask without a response shows as overdue."),
    )  # fmt: skip
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_km = models.TextField(_("summary (Khmer)"), blank=True)
    # Set when the meeting was created from an existing outcome document (importer/save.py).
    imported_from = models.CharField(
        _("imported from"), max_length=255, blank=True,
        help_text=_("The outcome document this meeting was imported from (its file name)."),
    )  # fmt: skip

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(condition=~Q(title_en="") | ~Q(title_km=""), name="meeting_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # Before 1904 Phnom Penh kept local mean time (UTC+06:59:40), which no RFC 3339 date-time (the
        # API's format) can show; no meeting of the partnership is that old.
        if self.starts_at is not None and self.starts_at < EARLIEST_MEETING:
            raise ValidationError({"starts_at": _("A meeting cannot start before 1990.")})
        _not_reserved(self.slug)

    def get_absolute_url(self) -> str:
        return reverse("dialogues:meeting-detail", kwargs={"slug": self.slug})

    title = Bilingual()

    venue = Bilingual()

    summary = Bilingual()


class CoChair(models.Model):
    """A co-chair of a meeting, on the CSO side or the UN side. Co-chairs sign off the outcome."""

    class Side(models.TextChoices):
        CSO = "cso", _("Civil society")
        UN = "un", _("United Nations")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="co_chairs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="co_chairs"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="co_chairs"
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)

    class Meta:
        verbose_name = _("co-chair")
        verbose_name_plural = _("co-chairs")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="cochair_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation.acronym or self.organisation.name})"


class Participant(models.Model):
    """An organisation or a person taking part in a meeting."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REGISTERED = "registered", _("Registered")
        ATTENDED = "attended", _("Attended")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Another gender")
        UNDISCLOSED = "undisclosed", _("Not stated")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="participations",
        null=True, blank=True,
    )  # fmt: skip
    name = models.CharField(_("person's name"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INVITED)

    class Meta:
        ordering = ["meeting", "organisation__name_en", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(name=""), name="participant_is_someone"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.organisation)


class SectorSession(models.Model):
    """One sector session of a meeting's agenda, with its moderator, rapporteur and notes."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="sessions"
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=250, blank=True)
    moderator = models.CharField(_("moderator"), max_length=200, blank=True)
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rapporteur"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="rapporteur_sessions",
    )  # fmt: skip
    concerns_en = models.TextField(_("concerns raised (English)"), blank=True)
    concerns_km = models.TextField(_("concerns raised (Khmer)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_km = models.TextField(_("notes (Khmer)"), blank=True)
    is_review = models.BooleanField(
        _("review of last year's asks"), default=False,
        help_text=_("The session that reviews the previous meeting's asks and their status."),
    )  # fmt: skip

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("sector session")
        verbose_name_plural = _("sector sessions")
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="session_order_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title") or (self.sector.name if self.sector else "")

    concerns = Bilingual()

    notes = Bilingual()


class OutcomeSection(models.Model):
    """A free-text section of the outcome document (introduction, closing commitments, …)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcome_sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    heading_en = models.CharField(_("heading (English)"), max_length=250, blank=True)
    heading_km = models.CharField(_("heading (Khmer)"), max_length=250, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    body_km = models.TextField(_("text (Khmer)"), blank=True)
    is_closing = models.BooleanField(_("closing commitments"), default=False)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("outcome section")
        verbose_name_plural = _("outcome sections")

    def __str__(self) -> str:
        return bilingual(self, "heading")


class OutcomeVersion(models.Model):
    """A frozen version of the outcome document. Its content is the composed document as JSON; its
    digest is the SHA-256 of that JSON in canonical form. An adopted version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, awaiting sign-off")
        SUPERSEDED = "superseded", _("Superseded")
        ADOPTED = "adopted", _("Adopted")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="outcome_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    content = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256 digest"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-number"]
        verbose_name = _("outcome document version")
        verbose_name_plural = _("outcome document versions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="outcome_version_unique"),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="adopted"), name="one_adopted_outcome_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("dialogues:outcome-version", kwargs={"slug": self.meeting.slug, "number": self.number})


class OutcomeRendition(models.Model):
    """A frozen (adopted or superseded) version's document in one language and format, rendered once and
    served from here (issue 11, finding 3; ADR 0020). The colophon prints the version's status, so a
    rendition is kept per status too. Stored in the database: it is served by the download view, with the
    version's permission, never from a public media URL."""

    version = models.ForeignKey(
        OutcomeVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="renditions"
    )
    status = models.CharField(_("status"), max_length=12, choices=OutcomeVersion.Status.choices)
    lang = models.CharField(_("language"), max_length=4)
    format = models.CharField(_("format"), max_length=8)
    body = models.BinaryField(_("file"))
    created_at = models.DateTimeField(_("rendered"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome document file")
        verbose_name_plural = _("outcome document files")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "status", "lang", "format"], name="outcome_rendition_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.lang}.{self.format}"


class SignOff(models.Model):
    version = models.ForeignKey(
        OutcomeVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="sign_offs"
    )
    co_chair = models.ForeignKey(
        CoChair, verbose_name=_("co-chair"), on_delete=models.PROTECT, related_name="sign_offs"
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [models.UniqueConstraint(fields=["version", "co_chair"], name="signoff_once")]

    def __str__(self) -> str:
        return f"{self.co_chair} ✓ {self.version}"
