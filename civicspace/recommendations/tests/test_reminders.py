"""The overdue-responses digest: one email per addressee to its focal points, one to the secretariats."""

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from civicspace.dialogues.models import Meeting
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask
from civicspace.recommendations.tasks import send_overdue_digest
from conftest import World

PP = ZoneInfo("Asia/Phnom_Penh")


@pytest.fixture
def second(world: World, django_user_model: Any) -> Organisation:
    """A second UN agency with two focal points."""
    agency = org_services.organisation_create(actor=None, slug="second-agency", kind="un_agency",
                                              name_en="Second Agency", acronym_en="SA")  # fmt: skip
    for email in ("b@example.org", "a@example.org"):
        user = django_user_model.objects.create_user(email=email, password="a-long-test-password")
        org_services.membership_set(organisation=agency, user=user, role="focal_point", actor=None)
    return agency


@pytest.fixture
def asks(meeting: Meeting, world: World, second: Organisation) -> list[Ask]:
    """The meeting's ask (to the UN agency) and a second one to both agencies; raised on 1 June 2025."""
    first = Ask.objects.get(meeting=meeting)
    other = services.ask_create(actor=None, session=first.session, text_en="Fund legal aid.",
                                text_km="ផ្តល់មូលនិធិជំនួយផ្លូវច្បាប់។", addressees=[world.un_agency, second])  # fmt: skip
    return [first, other]


def _due(meeting: Meeting) -> dt.date:
    return meeting.starts_at.astimezone(PP).date() + dt.timedelta(days=meeting.response_days)


def test_nothing_is_sent_within_the_response_period(asks: list[Ask], meeting: Meeting) -> None:
    with time_machine.travel(dt.datetime.combine(_due(meeting), dt.time(12), tzinfo=PP), tick=False):
        result = send_overdue_digest.call()
    assert result == {"overdue_asks": 0, "organisations": 0, "emails": 0, "without_focal_point": 0}
    assert mail.outbox == []


def test_after_the_period_each_addressee_and_the_secretariat_get_one_digest(
    asks: list[Ask], meeting: Meeting, world: World, second: Organisation
) -> None:
    first, other = asks
    services.response_record(ask=other, addressee=second, position="accepted",
                             responded_on=_due(meeting), actor=None)  # fmt: skip
    later = dt.datetime.combine(_due(meeting) + dt.timedelta(days=1), dt.time(8), tzinfo=PP)
    with time_machine.travel(later, tick=False):
        result = send_overdue_digest.enqueue(base_url="https://civicspace.example.org/").return_value
    assert result == {"overdue_asks": 2, "organisations": 1, "emails": 2, "without_focal_point": 0}
    by_recipients = {tuple(m.to): m for m in mail.outbox}
    agency_mail = by_recipients[("un_focal_point@example.org",)]
    assert "2 asks" in agency_mail.subject and "A UN Agency" in agency_mail.subject
    assert "Monitor the trials of journalists." in agency_mail.body and "Fund legal aid." in agency_mail.body
    assert "ផ្តល់មូលនិធិជំនួយផ្លូវច្បាប់។" in agency_mail.body and "1 day late" in agency_mail.body
    assert f"https://civicspace.example.org/en/recommendations/{first.pk}/" in agency_mail.body
    digest = by_recipients[("secretariat@example.org",)]
    assert "2 asks" in digest.subject and "Not answered by: A UN Agency" in digest.body
    assert "Second Agency" not in digest.body  # it answered
    assert len(mail.outbox) == 2


def test_an_addressee_without_focal_point_is_counted_not_mailed(asks: list[Ask], meeting: Meeting,
                                                                world: World) -> None:  # fmt: skip
    world.users["un_focal_point"].memberships.all().delete()
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=PP), tick=False):
        result = send_overdue_digest.call()
    assert result["without_focal_point"] == 1 and result["organisations"] == 1
    assert [m.to for m in mail.outbox] == [["a@example.org", "b@example.org"], ["secretariat@example.org"]]


def test_the_command_queues_the_digest(asks: list[Ask], meeting: Meeting) -> None:
    out = io.StringIO()
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=PP), tick=False):
        call_command("send_overdue_digest", "--base-url", "https://civicspace.example.org", stdout=out)
    assert "Queued the overdue digest" in out.getvalue()
    assert len(mail.outbox) == 3  # the immediate backend ran it: two agencies and the secretariat
    assert all("https://civicspace.example.org/en/recommendations/" in m.body for m in mail.outbox)
