"""Security properties that span apps: stored secrets are encrypted, permissions come only from
django-rules, staff need a second factor on every channel, admin changes are audited."""

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from civicspace.core import crypto
from civicspace.core.models import AuditEntry
from civicspace.organisations import services as organisation_services
from civicspace.organisations.models import Sector
from conftest import TOTP_SECRET, World
from tests.tokens import api_token_for


def test_totp_seeds_are_stored_encrypted(world: World) -> None:
    stored = Authenticator.objects.get(user=world.users["admin"], type=Authenticator.Type.TOTP).data["secret"]
    assert TOTP_SECRET not in stored
    assert crypto.decrypt(stored) == TOTP_SECRET


def test_encryption_keys_rotate(settings: Any) -> None:
    old, new = crypto.derive_key("old"), crypto.derive_key("new")
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = crypto.encrypt("seed")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]  # the new key encrypts, the old one still decrypts
    assert crypto.decrypt(token) == "seed"
    assert crypto.decrypt(crypto.encrypt("seed")) == "seed"


@pytest.mark.django_db(transaction=True)
def test_queued_email_runs_on_the_database_queue_and_is_encrypted_at_rest(world: World, client: Any) -> None:
    """The real queue: the job row is stored, a worker runs it, and the stored job never shows the link."""
    from django_tasks_db.models import DBTaskResult

    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):  # django-tasks resets its backends on setting_changed
        mail.outbox.clear()
        client.post("/en/accounts/password/reset/", {"email": "member@example.org"})
        assert mail.outbox == []  # queued, not sent in the request
        row = DBTaskResult.objects.get()
        assert "member@example.org" not in str(row.args_kwargs)
        assert "/password/reset/key/" not in str(row.args_kwargs)
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
        assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body
        row.refresh_from_db()
        assert row.status == "SUCCESSFUL"


def test_django_model_permissions_grant_nothing(world: World) -> None:
    """A group permission named like a rule must not bypass the rule's object check."""
    group = Group.objects.create(name="editors")
    group.permissions.add(Permission.objects.get(codename="change_organisation"))
    member = world.users["member"]
    member.groups.add(group)
    member = type(member).objects.get(pk=member.pk)  # fresh object: no cached permissions
    assert not member.has_perm("organisations.change_organisation", world.other)
    assert not member.has_perm("organisations.change_organisation")


def test_staff_without_second_factor_cannot_use_the_api_with_a_token(
    world: World, django_user_model: Any
) -> None:
    staff = django_user_model.objects.create_user(email="ops@example.org", password="x" * 12, is_staff=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(staff)}")
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 403 and response.json()["error"]["code"] == "two_factor_required"
    admin = APIClient()
    admin.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(world.users['admin'])}")
    assert admin.get("/api/v1/organisations/").status_code == 200  # the admin has TOTP


def test_admin_changes_are_audited(client_for: Any, world: World) -> None:
    client = client_for("admin")
    sector = Sector.objects.get(slug="health")
    url = f"/en/admin/organisations/sector/{sector.pk}/change/"
    data = {"slug": "health", "name_en": "Health care", "name_km": sector.name_km, "order": sector.order}
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(content_type__model="sector")
    assert entry.actor == world.users["admin"] and entry.changes == {"name_en": ["Health", "Health care"]}


def test_deploy_checks_warn_without_a_shared_cache(settings: Any) -> None:
    from civicspace.core.checks import shared_cache_configured

    settings.REDIS_URL = ""
    assert [w.id for w in shared_cache_configured(None)] == ["civicspace.W001"]
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert shared_cache_configured(None) == []


def test_audit_log_shows_field_and_choice_labels(client_for: Any, world: World) -> None:
    organisation_services.organisation_update(
        organisation=world.own, actor=world.users["admin"], kind="coalition"
    )
    page = client_for("admin").get("/en/audit/?type=organisation").content.decode()
    assert "kind: Civil society organisation → Coalition or network" in page
    assert "admin@example.org" in page and "the system" in page  # world was built by the system
    km = client_for("admin").get("/km/audit/?type=organisation").content.decode()
    assert "the system" not in km
