"""Data migration: the managed sector taxonomy from organisations/data/sectors.json."""

import json
from pathlib import Path

from django.db import migrations

SECTORS_FILE = Path(__file__).resolve().parent.parent / "data" / "sectors.json"


def load_sectors(apps, schema_editor):
    Sector = apps.get_model("organisations", "Sector")
    for order, entry in enumerate(json.loads(SECTORS_FILE.read_text(encoding="utf-8"))):
        Sector.objects.update_or_create(
            slug=entry["slug"], defaults={"name_en": entry["name_en"], "name_km": entry["name_km"], "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load_sectors, migrations.RunPython.noop)]
