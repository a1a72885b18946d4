"""Data migration: the theme taxonomy (SDG targets, human-rights mechanisms, topics) from data/themes.json."""

import json
from pathlib import Path

from django.db import migrations

THEMES_FILE = Path(__file__).resolve().parent.parent / "data" / "themes.json"


def load_themes(apps, schema_editor):
    Theme = apps.get_model("recommendations", "Theme")
    for entry in json.loads(THEMES_FILE.read_text(encoding="utf-8")):
        Theme.objects.update_or_create(
            slug=entry["slug"], defaults={"kind": entry["kind"], "name_en": entry["name_en"], "name_km": entry["name_km"]}
        )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]
    operations = [migrations.RunPython(load_themes, migrations.RunPython.noop)]
