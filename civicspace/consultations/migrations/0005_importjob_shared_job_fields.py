"""ImportJob takes its state, file and check constraint from core.models.FileJob (core.imports): one set
of states for every import and export job ("running" is new, for exports; the states of an import keep
their values, so no row changes), the files of every job model stored by core.models.job_file_path (in
the same "consultation-imports/" folder as before), and the constraint named after its model."""

import civicspace.core.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_merge_0002_results_tallies_0003_channels"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="importjob",
            name="import_job_done_le_total",
        ),
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                blank=True, max_length=200, upload_to=civicspace.core.models.job_file_path, verbose_name="file"
            ),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="state",
            field=models.CharField(
                choices=[
                    ("queued", "Waiting to start"),
                    ("checking", "Checking the rows"),
                    ("review", "Waiting for your decision"),
                    ("saving", "Saving"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                    ("cancelled", "Cancelled"),
                ],
                default="queued",
                max_length=12,
                verbose_name="state",
            ),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("done__lte", models.F("total")), ("total", 0), _connector="OR"),
                name="consultations_importjob_done_le_total",
            ),
        ),
    ]
