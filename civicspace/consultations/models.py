"""Public budget consultations: an existing government budget, its items, and the public's input on them
by web, import (paper, phone, SMS), offline capture and an SMS/chat gateway (ADR 0014)."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import TimeStampedModel, bilingual
from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit

# Receipt numbers: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
# XXXXX-XXXXX; about 2^48 values, so guessing another person's receipt is hopeless.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


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

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def summary(self) -> str:
        return bilingual(self, "summary")

    @property
    def consent(self) -> str:
        return bilingual(self, "consent")

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

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def explanation(self) -> str:
        return bilingual(self, "explanation")


class Submission(models.Model):
    """One person's input on one consultation, through any channel. No account is needed; the
    demographics are optional and self-described; the receipt number is shown to the person."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        IMPORT = "import", _("Imported (paper, phone or SMS)")
        OFFLINE = "offline", _("Offline capture by a facilitator")
        SMS = "sms", _("SMS or chat gateway")
        API = "api", _("API")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Another gender")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        AGE_18_24 = "18_24", _("18–24")
        AGE_25_34 = "25_34", _("25–34")
        AGE_35_44 = "35_44", _("35–44")
        AGE_45_59 = "45_59", _("45–59")
        AGE_60_UP = "60_up", _("60 or older")

    class Difficulty(models.TextChoices):
        """Washington Group Short Set answers."""

        NONE = "none", _("No difficulty")
        SOME = "some", _("Some difficulty")
        A_LOT = "a_lot", _("A lot of difficulty")
        CANNOT = "cannot", _("Cannot do at all")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="submissions")
    receipt = models.CharField(
        _("receipt number"), max_length=11, unique=True, default=new_receipt, editable=False
    )
    # A client-chosen key (web form token, offline-capture UUID, API Idempotency-Key header, gateway
    # message id): a retry with the same key returns the first submission instead of storing another.
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    captured_at = models.DateTimeField(_("given"), null=True, blank=True)  # paper/offline: when it was given
    # Optional demographics.
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    wg_seeing = models.CharField(_("difficulty seeing"), max_length=8, choices=Difficulty.choices, blank=True)
    wg_hearing = models.CharField(
        _("difficulty hearing"), max_length=8, choices=Difficulty.choices, blank=True
    )
    wg_walking = models.CharField(
        _("difficulty walking or climbing steps"), max_length=8, choices=Difficulty.choices, blank=True
    )
    wg_cognition = models.CharField(
        _("difficulty remembering or concentrating"), max_length=8, choices=Difficulty.choices, blank=True
    )
    wg_selfcare = models.CharField(
        _("difficulty with self-care"), max_length=8, choices=Difficulty.choices, blank=True
    )
    wg_communication = models.CharField(
        _("difficulty communicating"), max_length=8, choices=Difficulty.choices, blank=True
    )
    # Where the person lives, as precise as they chose (province, district or commune); the codes of
    # the units above it are copied so results group by area without walking the tree.
    place = models.ForeignKey(
        AdminUnit, verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    district_code = models.CharField(max_length=4, blank=True, editable=False)
    commune_code = models.CharField(max_length=6, blank=True, editable=False)
    consent = models.BooleanField(_("consent given"), default=False)
    # A keyed hash of the client (never the address itself) for rate limits and duplicate detection,
    # and a hash of the content, so the same input sent twice in a short time is recognised.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip  (a facilitator, for imports and offline capture)
    # False until the results tallies include this submission (see results.py): the results page adds
    # the tallies and the submissions not yet tallied, so its counts are exact at every moment.
    tallied = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"], name="submission_idempotency_key_unique",
                condition=~Q(idempotency_key=""),
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(
                fields=["consultation", "content_hash", "created_at"], name="submission_duplicate_idx"
            ),
            models.Index(
                fields=["consultation"], name="submission_untallied_idx", condition=Q(tallied=False)
            ),
        ]

    def __str__(self) -> str:
        return self.receipt

    @property
    def has_disability(self) -> bool:
        """Washington Group cut-off: "a lot of difficulty" or "cannot do at all" in any domain."""
        answers = (self.wg_seeing, self.wg_hearing, self.wg_walking, self.wg_cognition, self.wg_selfcare,
                   self.wg_communication)  # fmt: skip
        return any(a in {self.Difficulty.A_LOT, self.Difficulty.CANNOT} for a in answers)


class ItemInput(models.Model):
    """What one submission says about one item: a comment, a rank (1 = most important) and/or points."""

    class State(models.TextChoices):
        NONE = "", _("No comment")
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="inputs")
    item = models.ForeignKey(BudgetItem, on_delete=models.PROTECT, related_name="inputs")
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    points = models.PositiveIntegerField(_("points"), null=True, blank=True)
    comment_state = models.CharField(
        _("comment"), max_length=10, choices=State.choices, blank=True, default=""
    )
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "item"]
        verbose_name = _("input on an item")
        verbose_name_plural = _("inputs on items")
        constraints = [
            models.UniqueConstraint(fields=["submission", "item"], name="item_input_once_per_item"),
            models.CheckConstraint(
                condition=Q(comment="") | ~Q(comment_state=""), name="item_input_comment_has_state"
            ),
        ]
        indexes = [
            models.Index(
                fields=["comment_state"], name="item_input_pending_idx", condition=Q(comment_state="pending")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} → {self.item.code}"


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

    @property
    def text(self) -> str:
        return bilingual(self, "text")


# The models of the results and of the channels live in their own modules; importing them here
# registers them with Django.
from .channels_models import ImportJob, SmsMessage  # noqa: E402, F401
from .tally_models import AreaTally, ItemTally, TallyRequest  # noqa: E402, F401
