"""The API tokens of rest_framework.authtoken were stored in plain text (issue 11, finding 8; ADR 0023).
That app is no longer installed, so nothing removes its table: this migration does, and with it every
old token. Their owners create new ones on the token page. The digest of an old token cannot be made a
knox token (it would keep no expiry and no record of the second factor), so none is carried over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
