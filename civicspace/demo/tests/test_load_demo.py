"""`manage.py load_demo`: everything loads once, and the public demo accounts are refused wherever
DEMO_ACCOUNTS_ALLOWED is off (the login adapter, the command itself, and `check --deploy`)."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from civicspace.dialogues.models import Meeting
from civicspace.recommendations.models import Ask

LOGIN = "/en/accounts/login/"


@pytest.mark.django_db
def test_demo_accounts_are_refused_where_not_allowed(client: Any) -> None:
    call_command("load_demo")
    with override_settings(DEMO_ACCOUNTS_ALLOWED=False):
        response = client.post(
            LOGIN, {"login": "member@demo.civicspace.invalid", "password": "civicspace-demo-2021"}
        )
        assert "_auth_user_id" not in client.session
        assert b"Demo accounts are disabled on this site." in response.content
        with pytest.raises(CommandError):
            call_command("load_demo")
    client.post(LOGIN, {"login": "member@demo.civicspace.invalid", "password": "civicspace-demo-2021"})
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_load_demo_is_idempotent() -> None:
    from civicspace.organisations.models import Organisation

    call_command("load_demo")
    call_command("load_demo")
    # the 15 organisations of June 2021, the UN as a whole, and government bodies (the addressees of
    # asks, and the demo consultations' budget authorities)
    assert Organisation.objects.exclude(kind="government").count() == 16
    assert Organisation.objects.filter(kind="government").count() == Organisation.objects.count() - 16
    kinds = sorted(Organisation.objects.values_list("kind", flat=True))
    assert kinds.count("un_agency") == 5 and kinds.count("coalition") + kinds.count("cso") == 11
    assert set(Organisation.objects.filter(kind="un_agency").values_list("acronym_en", flat=True)) == {
        "OHCHR", "UNESCO", "UNICEF", "UNDP", "UN",
    }  # fmt: skip


@pytest.mark.django_db
def test_deploy_check_refuses_demo_accounts(settings: Any) -> None:
    from django.core.management import call_command

    from civicspace.core.checks import demo_accounts_refused

    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert demo_accounts_refused(None) == []
    settings.DEMO_ACCOUNTS_ALLOWED = True
    call_command("load_demo")
    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert [e.id for e in demo_accounts_refused(None)] == ["civicspace.E002"]
    settings.DEMO_ACCOUNTS_ALLOWED = True
    assert {e.id for e in demo_accounts_refused(None)} == {"civicspace.E001", "civicspace.E002"}


def test_demo_meeting_loads_once_and_is_adopted(db: Any) -> None:
    from django.core.management import call_command

    call_command("load_demo")
    call_command("load_demo")
    demo = Meeting.objects.get(slug="cso-un-virtual-meeting-2021")
    assert demo.status == "outcome_adopted"
    assert demo.sessions.count() == 4 and Ask.objects.filter(meeting=demo).count() == 7
    assert demo.participants.count() == 15
    assert demo.outcome_versions.get().status == "adopted"
    assert demo.cycle is not None and demo.cycle.slug == "cso-un-dialogue" and demo.cycle.is_open  # issue 12
