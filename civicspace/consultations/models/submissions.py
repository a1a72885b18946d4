"""The public's input: one person's submission through any channel, with its receipt number, and what it
says about each budget item (stored by the intake, intake/)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicspace.places.models import AdminUnit

from .consultation import BudgetItem, Consultation

# Receipt numbers: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
# XXXXX-XXXXX; about 2^48 values, so guessing another person's receipt is hopeless.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


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
    # False until the results tallies include this submission (results/store.py): the results page adds
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
