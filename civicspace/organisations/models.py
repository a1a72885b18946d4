from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import Bilingual, TimeStampedModel


class Sector(models.Model):
    """A managed taxonomy of the fields CSOs work in. Loaded from data/sectors.json by a migration."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_km = models.CharField(_("name (Khmer)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name

    name = Bilingual()


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        CSO = "cso", _("Civil society organisation")
        COALITION = "coalition", _("Coalition or network")
        UN_AGENCY = "un_agency", _("UN agency")
        GOVERNMENT = "government", _("Government body")
        DONOR = "donor", _("Donor")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CSO, db_index=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    acronym_en = models.CharField(_("acronym (English)"), max_length=32, blank=True)
    acronym_km = models.CharField(_("acronym (Khmer)"), max_length=32, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("member organisations"),
        through="CoalitionMembership",
        through_fields=("coalition", "member"),
        symmetrical=False,
        related_name="coalitions",
        blank=True,
    )
    # Segmented, case-folded English + Khmer text; maintained by the services (see core.i18n).
    search_document = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(condition=~Q(name_en="") | ~Q(name_km=""), name="organisation_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})

    name = Bilingual()

    acronym = Bilingual()

    description = Bilingual()

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class CoalitionMembership(models.Model):
    coalition = models.ForeignKey(
        Organisation, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.CASCADE, related_name="coalition_links"
    )
    since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        constraints = [
            models.UniqueConstraint(fields=["coalition", "member"], name="coalition_member_unique"),
            models.CheckConstraint(
                condition=~Q(coalition=models.F("member")), name="coalition_not_own_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.coalition}"


class Contact(TimeStampedModel):
    """A contact person of an organisation. Private contacts are shown only to the organisation's
    own members and to admins (selectors.contact_list)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    role_km = models.CharField(_("role (Khmer)"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=False)

    class Meta:
        ordering = ["organisation", "name_en"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name

    name = Bilingual()

    role = Bilingual()


class Membership(TimeStampedModel):
    """A user's role in an organisation. Focal points manage their organisation's profile and members;
    a secretariat membership (coalitions only) lets the user convene dialogues."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOCAL_POINT = "focal_point", _("Focal point")
        SECRETARIAT = "secretariat", _("Coalition secretariat")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
