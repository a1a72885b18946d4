"""Fixtures shared by every test: one user per role, built through the real services."""

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from civicspace.organisations import services
from civicspace.organisations.models import Organisation
from tests.second_factor import TOTP_SECRET, give_second_factor, sign_in

__all__ = ["ROLES", "TOTP_SECRET", "World"]

# Hypothesis profiles. A test's own @settings(max_examples=…) wins over the profile, so tests pin it
# only to run more examples than the profile everywhere, or to cap an expensive test (the tracker's
# tally sequences take about a second an example), or for the deadline/health checks they need.
# - "ci" (CI sets CI=true): 100 examples a test; no deadline and no too_slow health check, because
#   CI shares a 2-core machine and a slow example there says nothing about the code; derandomized (each
#   test draws the same examples on every run, so a CI result can be reproduced and a try is not
#   decided by chance); no example database in a fresh clone; print_blob shows how to replay a failure.
# - "dev" (anything else): 25 examples a test, Hypothesis's other defaults, for quick local runs.
# HYPOTHESIS_PROFILE=ci|dev chooses one explicitly (e.g. HYPOTHESIS_PROFILE=ci make test locally).
hypothesis_settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile("dev", max_examples=25)
_IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _IN_CI else "dev"))

ROLES = ("anonymous", "member", "focal_point", "secretariat", "un_focal_point", "admin")
# Every role that needs a second factor (TWO_FACTOR_REQUIRED_FOR) has one, and `client_for` signs it in
# as after the TOTP step (tests/second_factor.py, the one helper for this).
NEEDS_SECOND_FACTOR = ("focal_point", "secretariat", "un_focal_point", "admin")


@pytest.fixture(autouse=True)
def _no_local_copies() -> None:
    """Each test starts with empty caches: the "local" one (ADR 0016: a rolled-back test sends no signal)
    and the default one (rate-limit counters and cached reports, ADR 0020)."""
    caches["local"].clear()
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _english_by_default() -> Any:
    """Each test starts in English (a request to /km/ leaves Khmer active in the thread for reverse())."""
    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class World:
    """A small directory and one account per role. `own` is the organisation the focal point and
    the member belong to; `other` belongs to nobody."""

    users: dict[str, Any]
    own: Organisation
    other: Organisation
    coalition: Organisation
    un_agency: Organisation


@pytest.fixture
def world(db: Any, django_user_model: Any) -> World:
    own = services.organisation_create(actor=None, slug="own", kind="cso", name_en="Own Organisation",
                                       name_km="អង្គការផ្ទាល់", acronym_en="OWN")  # fmt: skip
    other = services.organisation_create(actor=None, slug="other", kind="cso", name_en="Other Organisation",
                                         acronym_en="OTH")  # fmt: skip
    coalition = services.organisation_create(actor=None, slug="coal", kind="coalition", name_en="A Coalition",
                                             acronym_en="COAL")  # fmt: skip
    un_agency = services.organisation_create(actor=None, slug="agency", kind="un_agency", name_en="A UN Agency",
                                             acronym_en="UNA")  # fmt: skip
    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        user = django_user_model.objects.create_user(
            email=f"{role}@example.org",
            password="a-long-test-password",
            is_staff=role == "admin",
            is_superuser=role == "admin",
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        users[role] = user
    services.membership_set(organisation=own, user=users["member"], role="member", actor=None)
    services.membership_set(organisation=own, user=users["focal_point"], role="focal_point", actor=None)
    services.membership_set(organisation=coalition, user=users["secretariat"], role="secretariat", actor=None)
    services.membership_set(
        organisation=un_agency, user=users["un_focal_point"], role="focal_point", actor=None
    )
    for role in NEEDS_SECOND_FACTOR:
        give_second_factor(users[role])
    return World(users=users, own=own, other=other, coalition=coalition, un_agency=un_agency)


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """`client_for("focal_point")` → a test client logged in as that role (anonymous: not logged in)."""

    def make(role: str) -> Any:
        client.logout()
        user = world.users[role]
        if user is not None:
            # With the second factor when the account needs one: the member too once their
            # organisation organises a consultation (a test's fixtures decide).
            sign_in(client, user)
        return client

    return make


PP = ZoneInfo("Asia/Phnom_Penh")


@pytest.fixture
def meeting(world: World) -> Any:
    """A held meeting ("dialogue-2025") with one session (rapporteur: the member), one ask, and one
    co-chair per side (the secretariat for the CSOs, the UN focal point for the UN)."""
    from civicspace.dialogues import services as dialogues
    from civicspace.organisations.models import Sector
    from civicspace.recommendations import services as ask_services

    m = dialogues.meeting_create(
        actor=None, slug="dialogue-2025", title_en="Dialogue 2025", title_km="កិច្ចសន្ទនា ២០២៥",
        starts_at=dt.datetime(2025, 6, 1, 9, tzinfo=PP), ends_at=dt.datetime(2025, 6, 1, 12, tzinfo=PP),
        conveners=[world.coalition],
    )  # fmt: skip
    session = dialogues.session_create(
        meeting=m, actor=None, sector=Sector.objects.get(slug="human-rights"), title_en="Human rights",
        rapporteur=world.users["member"],
    )  # fmt: skip
    ask_services.ask_create(
        actor=None,
        session=session,
        text_en="Monitor the trials of journalists.",
        addressees=[world.un_agency],
    )
    dialogues.participant_add(meeting=m, actor=None, organisation=world.own, status="attended")
    dialogues.participant_add(
        meeting=m, actor=None, organisation=world.un_agency, name="Dara", gender="woman", status="attended"
    )
    dialogues.co_chair_add(
        meeting=m, user=world.users["secretariat"], organisation=world.coalition, side="cso", actor=None
    )
    dialogues.co_chair_add(
        meeting=m, user=world.users["un_focal_point"], organisation=world.un_agency, side="un", actor=None
    )
    return dialogues.meeting_set_status(meeting=m, status="held", actor=None)
