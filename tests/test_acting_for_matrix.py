"""Nobody speaks for an organisation they do not represent: every write path that names an organisation
(responses, commitments, progress, assessments and a rapporteur's "raised by"), on the pages and in the
API, as every role, naming an organisation the role does not represent (and, for contrast, its own).

The rule lives in `civicspace/recommendations/acting.py`; the pages offer only its organisations, and
the services refuse any other, so the API cannot be used to get round the forms.

Outcomes: LOGIN (sent to log in), FORBIDDEN (403, no permission on the ask at all), REFUSED (the form or
the API says no: nothing is saved), SAVED (the record exists, in the organisation's name)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Model
from rest_framework.test import APIClient

from civicspace.dialogues.models import Meeting
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Assessment, Commitment, ProgressUpdate, Response
from conftest import ROLES, World
from tests.matrix import ADMIN, ANON, FOCAL, MEMBER, SECRETARIAT, UN
from tests.second_factor import give_second_factor_if_required
from tests.tokens import api_token_for

pytestmark = pytest.mark.django_db

LOGIN, FORBIDDEN, REFUSED, SAVED = "login", "forbidden", "refused", "saved"
DAY = dt.date(2025, 7, 1)


@dataclass
class Scene:
    ask: Ask  # raised by `own` in the meeting's session, addressed to the UN agency and a second agency
    second: Organisation  # a second UN agency, an addressee that nobody here represents
    meeting: Meeting


@pytest.fixture
def scene(world: World, meeting: Meeting) -> Scene:
    second = org_services.organisation_create(
        actor=None, slug="second", kind="un_agency", name_en="Second Agency"
    )
    ask = services.ask_create(
        actor=None, session=meeting.sessions.get(), text_en="Release the detained journalists.",
        raised_by=[world.own], addressees=[world.un_agency, second],
    )  # fmt: skip
    return Scene(ask=ask, second=second, meeting=meeting)


def _outcome(response: Any, saved: bool) -> str:
    if saved:
        return SAVED
    if response.status_code in (302, 401):
        assert response.status_code == 401 or "/accounts/login/" in response["Location"]
        return LOGIN
    if response.status_code == 403:
        is_json = response.get("Content-Type", "").startswith("application/json")
        code = response.json()["error"]["code"] if is_json else ""
        return REFUSED if code == "not_your_organisation" else FORBIDDEN
    assert response.status_code in (200, 400), response.status_code  # the form or the API says why
    return REFUSED


# --- pages ------------------------------------------------------------------------------------------------

# path, model, the form's fields (the organisation is added by the test), the organisation's field name
PAGES: dict[str, tuple[str, type[Model], dict[str, str], str]] = {
    "response": ("respond/", Response, {"position": "accepted", "responded_on": "2025-07-01"}, "addressee"),
    "commitment": ("commitments/new/", Commitment,
                   {"description_en": "Visit the prison.", "status": "planned", "committed_on": "2025-07-01"},
                   "organisation"),
    "progress": ("progress/new/", ProgressUpdate, {"status": "in_progress", "reported_on": "2025-07-01"},
                 "organisation"),
    "assessment": ("assess/", Assessment, {"status": "not_started", "assessed_on": "2025-07-01"},
                   "organisation"),
}  # fmt: skip

# naming another addressee of the ask (one the role does not represent; admins record for anyone)
NOT_THEIRS_ADDRESSEE = {ANON: LOGIN, MEMBER: FORBIDDEN, FOCAL: FORBIDDEN, SECRETARIAT: FORBIDDEN, UN: REFUSED,
                        ADMIN: SAVED}  # fmt: skip
# naming a civil society organisation the role does not belong to (`other`)
NOT_THEIRS_CSO = {ANON: LOGIN, MEMBER: REFUSED, FOCAL: REFUSED, SECRETARIAT: REFUSED, UN: FORBIDDEN,
                  ADMIN: SAVED}  # fmt: skip
EXPECTED_PAGES = {"response": NOT_THEIRS_ADDRESSEE, "commitment": NOT_THEIRS_ADDRESSEE,
                  "progress": NOT_THEIRS_ADDRESSEE, "assessment": NOT_THEIRS_CSO}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", list(PAGES))
def test_pages_refuse_an_organisation_the_role_does_not_represent(
    client_for: Any, world: World, scene: Scene, record: str, role: str
) -> None:
    path, model, data, field = PAGES[record]
    if record == "assessment":
        # the secretariat assesses for its coalition, a member for its CSO: nobody for `other`
        world.other.refresh_from_db()
        target = world.other
    else:
        target = scene.second
    response = client_for(role).post(f"/en/recommendations/{scene.ask.pk}/{path}", {**data, field: target.pk})
    saved = model._default_manager.filter(ask=scene.ask, **{field: target}).exists()
    assert _outcome(response, saved) == EXPECTED_PAGES[record][role], response.content[:400]


# The same forms, naming the role's own organisation: only those who represent it may save.
OWN = {
    "response": (lambda w: w.un_agency, {ANON: LOGIN, MEMBER: FORBIDDEN, FOCAL: FORBIDDEN,
                                          SECRETARIAT: FORBIDDEN, UN: SAVED, ADMIN: SAVED}),
    "assessment": (lambda w: w.own, {ANON: LOGIN, MEMBER: SAVED, FOCAL: SAVED, SECRETARIAT: REFUSED,
                                     UN: FORBIDDEN, ADMIN: SAVED}),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", list(OWN))
def test_pages_save_in_the_name_of_the_role_s_own_organisation(
    client_for: Any, world: World, scene: Scene, record: str, role: str
) -> None:
    path, model, data, field = PAGES[record]
    organisation, expected = OWN[record]
    target = organisation(world)
    response = client_for(role).post(f"/en/recommendations/{scene.ask.pk}/{path}", {**data, field: target.pk})
    saved = model._default_manager.filter(ask=scene.ask, **{field: target}).exists()
    assert _outcome(response, saved) == expected[role], response.content[:400]


# --- the rapporteur's "raised by" ---------------------------------------------------------------------------

# raised by: an addressee of the ask itself (the UN agency, a participant), an organisation that did not take
# part (`other`), and a participant that did raise it (`own`). Capture: the rapporteur (member), the
# secretariat and admins.
RAISED_BY = {
    "addressee": (lambda w: w.un_agency, {ANON: LOGIN, MEMBER: REFUSED, FOCAL: FORBIDDEN, SECRETARIAT: REFUSED,
                                          UN: FORBIDDEN, ADMIN: REFUSED}),
    "absent": (lambda w: w.other, {ANON: LOGIN, MEMBER: REFUSED, FOCAL: FORBIDDEN, SECRETARIAT: REFUSED,
                                   UN: FORBIDDEN, ADMIN: REFUSED}),
    "participant": (lambda w: w.own, {ANON: LOGIN, MEMBER: SAVED, FOCAL: FORBIDDEN, SECRETARIAT: SAVED,
                                      UN: FORBIDDEN, ADMIN: SAVED}),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("raiser", list(RAISED_BY))
def test_a_captured_ask_is_raised_by_a_participant_not_by_its_addressee(
    client_for: Any, world: World, scene: Scene, raiser: str, role: str
) -> None:
    organisation, expected = RAISED_BY[raiser]
    text = f"Raised by the {raiser} ({role})."
    response = client_for(role).post(
        f"/en/dialogues/{scene.meeting.slug}/sessions/1/asks/new/",
        {"text_en": text, "priority": "medium", "addressees": [world.un_agency.pk],
         "raised_by": [organisation(world).pk]},
    )  # fmt: skip
    saved = Ask.objects.filter(text_en=text).exists()
    assert _outcome(response, saved) == expected[role], response.content[:400]
    if saved:
        assert list(Ask.objects.get(text_en=text).raised_by.all()) == [organisation(world)]


def test_the_capture_form_offers_only_the_meeting_s_participants(
    client_for: Any, world: World, scene: Scene
) -> None:
    page = client_for(MEMBER).get(f"/en/dialogues/{scene.meeting.slug}/sessions/1/asks/new/").content.decode()
    raised_by = page[page.index('name="raised_by"') - 2000 :]
    assert "Own Organisation" in raised_by and "A Coalition" in raised_by  # a participant, the convener
    assert "Other Organisation" not in page  # took no part in the meeting


# --- API ------------------------------------------------------------------------------------------------------


def _api(role: str, world: World) -> APIClient:
    client = APIClient()
    user = world.users[role]
    if user is not None:
        give_second_factor_if_required(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


API = {
    "responses": (Response, "addressee", {"position": "accepted", "responded_on": "2025-07-01"}),
    "progress": (ProgressUpdate, "organisation", {"status": "in_progress", "reported_on": "2025-07-01"}),
}
EXPECTED_API = {ANON: LOGIN, MEMBER: FORBIDDEN, FOCAL: FORBIDDEN, SECRETARIAT: FORBIDDEN, UN: REFUSED,
                ADMIN: SAVED}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", list(API))
def test_the_api_refuses_an_organisation_the_role_does_not_represent(
    world: World, scene: Scene, record: str, role: str
) -> None:
    model, field, data = API[record]
    response = _api(role, world).post(
        f"/api/v1/asks/{scene.ask.pk}/{record}/", {**data, field: "second"}, format="json"
    )
    saved = model._default_manager.filter(ask=scene.ask, **{field: scene.second}).exists()
    assert _outcome(response, saved) == EXPECTED_API[role], response.content[:400]


# --- the services: the one rule behind every path ------------------------------------------------------------


def test_the_services_refuse_whatever_the_caller(world: World, scene: Scene) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    un = world.users[UN]
    with pytest.raises(PermissionDenied):
        services.response_record(ask=scene.ask, addressee=scene.second, position="accepted", responded_on=DAY,
                                 actor=un)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.commitment_add(ask=scene.ask, actor=un, organisation=scene.second, description_en="x")
    with pytest.raises(ValidationError):  # a commitment is someone's
        services.commitment_add(ask=scene.ask, actor=un, organisation=None, description_en="x")
    with pytest.raises(PermissionDenied):
        services.progress_report(ask=scene.ask, status="in_progress", actor=un, organisation=scene.second)
    with pytest.raises(ValidationError):  # not an addressee of the ask at all
        services.progress_report(ask=scene.ask, status="in_progress", actor=un, organisation=world.own)
    with pytest.raises(PermissionDenied):
        services.assessment_record(ask=scene.ask, organisation=world.other, status="not_started",
                                   actor=world.users[SECRETARIAT])  # fmt: skip
    with pytest.raises(ValidationError):  # a UN agency does not assess as civil society
        services.assessment_record(ask=scene.ask, organisation=world.un_agency, status="not_started",
                                   actor=world.users[ADMIN])  # fmt: skip
    assert not (Response.objects.exists() or Commitment.objects.exists() or ProgressUpdate.objects.exists()
                or Assessment.objects.exists())  # fmt: skip
