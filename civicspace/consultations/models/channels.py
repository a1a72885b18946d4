"""Models of the channels beyond the web form: a background import of submissions (core.imports, declared
in imports.py), and the SMS/chat gateway's messages (gateway.py)."""

from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from civicspace.core.models import FileJob


def import_job_path(instance: "ImportJob", filename: str) -> str:
    """Kept for migration 0003, which names it; the jobs use core.models.job_file_path."""
    return f"consultation-imports/{instance.pk}{Path(filename).suffix.lower()[:8]}"


class ImportJob(FileJob):
    """An import of paper, phone or SMS submissions from a CSV or XLSX file into a consultation (core.imports,
    declared in imports.py); its report holds the errors by row and column."""

    files_folder = "consultation-imports"

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="import_jobs"
    )

    class Meta(FileJob.Meta):
        verbose_name = _("import of submissions")
        verbose_name_plural = _("imports of submissions")

    def __str__(self) -> str:
        return f"{self.original_name or self.format} ({self.get_state_display()})"


class SmsMessage(models.Model):
    """One message received from the SMS/chat gateway (gateway.py), kept so a resent message gets the
    same answer and stores nothing twice, and for the per-sender rate limit. The sender's number is
    never stored: only a keyed hash of it."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")

    message_id = models.CharField(_("gateway message id"), max_length=200, unique=True)
    sender_hash = models.CharField(max_length=64)
    received_at = models.DateTimeField(_("received"))
    created_at = models.DateTimeField(_("processed"), auto_now_add=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    consultation = models.ForeignKey(
        "consultations.Consultation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission = models.ForeignKey(
        "consultations.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.JSONField(_("reply"), default=dict)  # the JSON answered to the gateway

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gateway message")
        verbose_name_plural = _("gateway messages")
        indexes = [models.Index(fields=["sender_hash", "created_at"], name="sms_sender_recent_idx")]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.get_outcome_display()})"
