"""The budget put to the public: a consultation (its questions and phases), its budget items, and the
budget authority's response on each item (ADR 0014)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import Bilingual, TimeStampedModel
from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit


class Consultation(TimeStampedModel):
    """One budget put to the public: a fiscal year, a level and its unit, the authority that publishes
    it, what is asked about its items, and the dates of its phases."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Capital or province")
        DISTRICT = "district", _("District, municipality or khan")
        COMMUNE = "commune", _("Commune or sangkat")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RESULTS = "results", _("Results published")
        RESPONSE = "response", _("Response published")

    ALLOWED_TRANSITIONS: dict[str, set[str]] = {
        State.DRAFT: {State.PUBLISHED},
        State.PUBLISHED: {State.DRAFT, State.RESULTS},  # back to draft only before any input (service)
        State.RESULTS: {State.RESPONSE},
        State.RESPONSE: set(),
    }

    class Phase(models.TextChoices):
        DRAFT = "draft", _("Draft")
        INFORMATION = "information", _("Information")
        OPEN = "open", _("Open for input")
        CLOSED = "closed", _("Closed")
        RESULTS = "results", _("Results published")
        RESPONSE = "response", _("Authority's response")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_km = models.TextField(_("summary (Khmer)"), blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("administrative unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="consultations",
    )  # fmt: skip
    authority = models.ForeignKey(
        Organisation,
        verbose_name=_("budget authority"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organised by"), related_name="consultations_organised", blank=True
    )
    # What is asked about the items (at least one).
    asks_comments = models.BooleanField(_("a comment on each item"), default=True)
    asks_ranking = models.BooleanField(_("a priority ranking of the items"), default=False)
    asks_points = models.BooleanField(_("points shared across the items"), default=False)
    points_total = models.PositiveSmallIntegerField(_("points to share"), default=100)
    consent_en = models.TextField(_("consent text (English)"), blank=True)
    consent_km = models.TextField(_("consent text (Khmer)"), blank=True)
    # The phase: an explicit state moved by the services (draft -> published -> results -> response,
    # ALLOWED_TRANSITIONS); while published, the dates decide between information, open and closed.
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    opens_at = models.DateTimeField(_("input opens"))
    closes_at = models.DateTimeField(_("input closes"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True, editable=False)
    response_published_at = models.DateTimeField(
        _("response published"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-opens_at", "slug"]
        verbose_name = _("budget consultation")
        verbose_name_plural = _("budget consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(level="national", unit__isnull=True)
                | (~Q(level="national") & Q(unit__isnull=False)),
                name="consultation_unit_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(asks_comments=True) | Q(asks_ranking=True) | Q(asks_points=True),
                name="consultation_asks_something",
            ),
            models.CheckConstraint(
                condition=~Q(title_en="") | ~Q(title_km=""), name="consultation_has_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    title = Bilingual()

    summary = Bilingual()

    consent = Bilingual()

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation-detail", kwargs={"slug": self.slug})

    def phase_at(self, when: dt.datetime | None = None) -> str:
        """The phase at a moment (default: now)."""
        if self.state == self.State.DRAFT:
            return self.Phase.DRAFT
        if self.state == self.State.RESULTS:
            return self.Phase.RESULTS
        if self.state == self.State.RESPONSE:
            return self.Phase.RESPONSE
        now = when or timezone.now()
        if now >= self.closes_at:
            return self.Phase.CLOSED
        return self.Phase.OPEN if now >= self.opens_at else self.Phase.INFORMATION

    @property
    def phase(self) -> str:
        return self.phase_at()

    @property
    def is_open(self) -> bool:
        return self.phase == self.Phase.OPEN


class BudgetItem(models.Model):
    """A line of the budget: its code in the authority's classification, a title, an amount in riel
    and a plain-language explanation."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=40)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    amount_khr = models.DecimalField(_("amount (riel)"), max_digits=20, decimal_places=0)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    explanation_km = models.TextField(_("explanation (Khmer)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["consultation", "order", "code"]
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "code"], name="budget_item_code_unique"),
            models.CheckConstraint(condition=Q(amount_khr__gte=0), name="budget_item_amount_not_negative"),
            models.CheckConstraint(condition=~Q(title_en="") | ~Q(title_km=""), name="budget_item_has_title"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    title = Bilingual()

    explanation = Bilingual()


class ItemResponse(models.Model):
    """The budget authority's answer on one item, published in the response phase."""

    item = models.OneToOneField(BudgetItem, on_delete=models.CASCADE, related_name="response")
    text_en = models.TextField(_("response (English)"), blank=True)
    text_km = models.TextField(_("response (Khmer)"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("authority's response")
        verbose_name_plural = _("authority's responses")
        constraints = [
            models.CheckConstraint(condition=~Q(text_en="") | ~Q(text_km=""), name="item_response_has_text")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.text[:60]}"

    text = Bilingual()
