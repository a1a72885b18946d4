"""Cambodia's administrative units, from the NCDD gazetteer (loaded by `manage.py load_gazetteer`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import Bilingual


class AdminUnit(models.Model):
    """A capital/province, district/municipality/khan, commune/sangkat or village, with its official
    NCDD code (zero-padded: 2, 4, 6 or 8 digits; the parent's code is its prefix)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Capital or province")
        DISTRICT = "district", _("District, municipality or khan")
        COMMUNE = "commune", _("Commune or sangkat")
        VILLAGE = "village", _("Village")

    class UnitType(models.TextChoices):
        CAPITAL = "capital", _("Capital")
        PROVINCE = "province", _("Province")
        KHAN = "khan", _("Khan")
        KRONG = "krong", _("Municipality")
        SROK = "srok", _("District")
        SANGKAT = "sangkat", _("Sangkat")
        KHUM = "khum", _("Commune")
        PHUM = "phum", _("Village")

    code = models.CharField(_("NCDD code"), max_length=8, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    unit_type = models.CharField(_("type"), max_length=10, choices=UnitType.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # A unit missing from a newer gazetteer is kept (submissions and budgets still point at it) and
    # marked retired, with the release that dropped it.
    is_active = models.BooleanField(_("in the current gazetteer"), default=True)
    release = models.CharField(_("gazetteer release"), max_length=40, blank=True)
    reference_km = models.CharField(_("legal reference"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        indexes = [models.Index(fields=["level", "parent"], name="adminunit_level_parent_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    name = Bilingual()

    @property
    def province_code(self) -> str:
        return self.code[:2]


class GazetteerRelease(models.Model):
    """One load of a gazetteer export, and what it changed."""

    name = models.CharField(_("release"), max_length=40)
    source = models.CharField(_("source"), max_length=300)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)
    counts = models.JSONField(_("units per level"), default=dict)
    changes = models.JSONField(_("changes"), default=dict)  # added, renamed, retyped, moved, retired

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("gazetteer release")
        verbose_name_plural = _("gazetteer releases")

    def __str__(self) -> str:
        return self.name
