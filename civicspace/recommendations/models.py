"""The recommendations tracker's core record: an ask. Dialogues create asks; the tracker (responses,
commitments, progress) builds on this model."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import TimeStampedModel, bilingual
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

    @property
    def name(self) -> str:
        return bilingual(self, "name")


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
    source_date = models.DateField(_("date raised"), null=True, blank=True)
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
    order = models.PositiveIntegerField(_("order"), default=0)

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
        ]

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def text(self) -> str:
        return bilingual(self, "text")
