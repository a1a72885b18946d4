"""An import job of the tracker used to be "running" while its rows were checked; the shared states of
core.models.FileJob call that "checking" ("running" is now only an export being written)."""

from django.db import migrations


def running_to_checking(apps, schema_editor):
    TrackerJob = apps.get_model("recommendations", "TrackerJob")
    TrackerJob.objects.filter(kind="import", state="running").update(state="checking")


def checking_to_running(apps, schema_editor):
    TrackerJob = apps.get_model("recommendations", "TrackerJob")
    TrackerJob.objects.filter(kind="import", state="checking").update(state="running")


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0009_trackerjob_shared_job_fields"),
    ]

    operations = [
        migrations.RunPython(running_to_checking, checking_to_running, elidable=True),
    ]
