"""The results tallies (results/store.py keeps them, results/reader.py reads them).

A tally row holds sums over the submissions already tallied (`Submission.tallied`); the results add the
submissions not yet tallied, read in the same SQL statement, so they are exact at every moment. Areas
are NCDD codes: "" (everyone), a province (2 digits), a district (4) or a commune (6); `level` is 0, 1,
2 or 3 to list an area's children without string arithmetic. Groups are the inclusion breakdown's:
everyone, women, people with disability (Washington Group cut-off) and youth (under 25)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AreaTally", "Group", "ItemTally", "TallyRequest"]


class Group(models.TextChoices):
    ALL = "all", _("Everyone")
    WOMEN = "women", _("Women")
    DISABILITY = "disability", _("People with disability")
    YOUTH = "youth", _("Youth (under 25)")


class AreaTally(models.Model):
    """People who took part, per (consultation, area, group)."""

    consultation = models.ForeignKey("consultations.Consultation", on_delete=models.CASCADE, related_name="+")
    area = models.CharField(max_length=6, blank=True)
    level = models.PositiveSmallIntegerField()
    group = models.CharField(max_length=10, choices=Group.choices)
    people = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participation tally")
        verbose_name_plural = _("participation tallies")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "area", "group"], name="area_tally_key"),
        ]
        indexes = [models.Index(fields=["consultation", "level", "area"], name="area_tally_level_idx")]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.area or '*'}/{self.group}: {self.people}"


class ItemTally(models.Model):
    """What people said about one budget item, per (consultation, item, area, group): how many
    answered it, commented, gave points (and their sum), ranked it (the sum of ranks, and how many put
    it first). The consultation is repeated so one index range holds a consultation's rows."""

    consultation = models.ForeignKey("consultations.Consultation", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("consultations.BudgetItem", on_delete=models.CASCADE, related_name="+")
    area = models.CharField(max_length=6, blank=True)
    group = models.CharField(max_length=10, choices=Group.choices)
    people = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    points_n = models.PositiveIntegerField(default=0)
    points_sum = models.BigIntegerField(default=0)
    rank_n = models.PositiveIntegerField(default=0)
    rank_sum = models.BigIntegerField(default=0)
    rank_first = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("item tally")
        verbose_name_plural = _("item tallies")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "area", "item", "group"], name="item_tally_key"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.item_id}/{self.area or '*'}/{self.group}: {self.people}"


class TallyRequest(models.Model):
    """A tally job queued for a consultation and not started yet: at most one (the debounce of
    results/tasks.schedule_tally). The job deletes its row when it starts."""

    consultation = models.OneToOneField(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    requested_at = models.DateTimeField()

    class Meta:
        verbose_name = _("queued tally")
        verbose_name_plural = _("queued tallies")

    def __str__(self) -> str:
        return f"{self.consultation_id} @ {self.requested_at:%Y-%m-%d %H:%M:%S}"
