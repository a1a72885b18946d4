# The channels beyond the web form: background imports of submissions and the SMS/chat gateway's messages.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import civicspace.consultations.models.channels


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("state", models.CharField(choices=[("queued", "Waiting to start"), ("checking", "Checking the rows"), ("review", "Waiting for your decision"), ("saving", "Saving"), ("done", "Done"), ("failed", "Failed"), ("cancelled", "Cancelled")], default="queued", max_length=12, verbose_name="state")),
                ("format", models.CharField(max_length=8, verbose_name="format")),
                ("language", models.CharField(default="en", max_length=8, verbose_name="language")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="rows in all")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="rows done")),
                ("file", models.FileField(blank=True, max_length=200, upload_to=civicspace.consultations.models.channels.import_job_path, verbose_name="file")),
                ("original_name", models.CharField(blank=True, max_length=200, verbose_name="uploaded file name")),
                ("report", models.JSONField(blank=True, default=dict, verbose_name="validation report")),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="started")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("consultation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="import_jobs", to="consultations.consultation")),
                ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="started by")),
            ],
            options={
                "verbose_name": "import of submissions",
                "verbose_name_plural": "imports of submissions",
                "ordering": ["-created_at"],
                "constraints": [models.CheckConstraint(condition=models.Q(("done__lte", models.F("total")), ("total", 0), _connector="OR"), name="import_job_done_le_total")],
            },
        ),
        migrations.CreateModel(
            name="SmsMessage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message_id", models.CharField(max_length=200, unique=True, verbose_name="gateway message id")),
                ("sender_hash", models.CharField(max_length=64)),
                ("received_at", models.DateTimeField(verbose_name="received")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="processed")),
                ("outcome", models.CharField(choices=[("accepted", "Accepted"), ("rejected", "Not accepted")], max_length=10, verbose_name="outcome")),
                ("reply", models.JSONField(default=dict, verbose_name="reply")),
                ("consultation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="consultations.consultation")),
                ("submission", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="consultations.submission")),
            ],
            options={
                "verbose_name": "gateway message",
                "verbose_name_plural": "gateway messages",
                "ordering": ["-created_at"],
                "indexes": [models.Index(fields=["sender_hash", "created_at"], name="sms_sender_recent_idx")],
            },
        ),
    ]
