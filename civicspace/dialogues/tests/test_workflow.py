import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from civicspace.core.models import AuditEntry
from civicspace.dialogues import selectors, services
from civicspace.dialogues.compose import compose_outcome
from civicspace.dialogues.models import Meeting, OutcomeVersion
from conftest import World

from .conftest import PP


def test_status_moves_only_along_the_workflow(meeting: Meeting) -> None:
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=meeting, status="outcome_adopted", actor=None)
    assert services.meeting_set_status(meeting=meeting, status="planned", actor=None).status == "planned"


def test_a_meeting_cannot_end_before_it_starts(world: World) -> None:
    with pytest.raises(ValidationError):
        services.meeting_create(
            actor=None, title_en="Backwards", starts_at=dt.datetime(2025, 1, 2, tzinfo=PP),
            ends_at=dt.datetime(2025, 1, 1, tzinfo=PP),
        )  # fmt: skip
    assert not Meeting.objects.filter(title_en="Backwards").exists()


def test_outcome_needs_a_held_meeting(world: World) -> None:
    planned = services.meeting_create(
        actor=None, title_en="Planned", starts_at=dt.datetime(2025, 1, 1, tzinfo=PP),
        ends_at=dt.datetime(2025, 1, 1, 3, tzinfo=PP),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.outcome_version_create(meeting=planned, actor=None)


def test_versions_are_frozen_with_a_digest(meeting: Meeting, world: World) -> None:
    v1 = services.outcome_version_create(meeting=meeting, actor=world.users["secretariat"])
    assert v1.number == 1 and len(v1.sha256) == 64
    assert v1.sha256 == services.content_digest(v1.content)
    assert v1.content["sessions"][0]["asks"][0] == {
        "text_en": "Monitor the trials of journalists.", "text_km": "", "addressees": ["UNA"],
    }  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.status == "outcome_drafted"
    # a later change to the meeting does not change v1, and a new version supersedes it
    services.session_update(session=meeting.sessions.get(), actor=None, concerns_en="Arrests for speech.")
    v2 = services.outcome_version_create(meeting=meeting, actor=None)
    v1.refresh_from_db()
    assert v1.status == "superseded" and v2.status == "draft" and v2.sha256 != v1.sha256
    assert v1.content["sessions"][0]["concerns_en"] == ""


def test_sign_off_by_both_sides_adopts_and_freezes(meeting: Meeting, world: World) -> None:
    version = services.outcome_version_create(meeting=meeting, actor=None)
    with pytest.raises(ValidationError):
        services.outcome_sign(version=version, user=world.users["focal_point"])  # not a co-chair
    services.outcome_sign(version=version, user=world.users["secretariat"])
    with pytest.raises(ValidationError):
        services.outcome_sign(version=version, user=world.users["secretariat"])  # twice
    version.refresh_from_db()
    assert version.status == "draft"  # the UN side has not signed yet
    services.outcome_sign(version=version, user=world.users["un_focal_point"])
    version.refresh_from_db()
    meeting.refresh_from_db()
    assert version.status == "adopted" and version.adopted_at is not None
    assert meeting.status == "outcome_adopted"
    # immutable from now on
    for attempt in (
        lambda: services.outcome_version_create(meeting=meeting, actor=None),
        lambda: services.meeting_update(meeting=meeting, actor=None, title_en="Rewritten"),
        lambda: services.session_create(meeting=meeting, actor=None, title_en="Late session"),
    ):
        with pytest.raises(ValidationError):
            attempt()
    assert version.sha256 == services.content_digest(OutcomeVersion.objects.get(pk=version.pk).content)
    assert AuditEntry.objects.filter(content_type__model="outcomeversion", action="update").exists()


def test_adoption_needs_a_co_chair_on_each_side(world: World, meeting: Meeting) -> None:
    meeting.co_chairs.filter(side="un").delete()
    version = services.outcome_version_create(meeting=meeting, actor=None)
    services.outcome_sign(version=version, user=world.users["secretariat"])
    version.refresh_from_db()
    assert version.status == "draft"


def test_attendance_by_kind_and_gender(meeting: Meeting) -> None:
    counts = compose_outcome(meeting, version=1)["attendance"]
    assert counts == {"by_kind": {"cso": 1, "un_agency": 1}, "by_gender": {"woman": 1}}
    labels = selectors.attendance_counts(meeting=meeting)
    assert ("Civil society organisation", 1) in labels["by_kind"] and ("Woman", 1) in labels["by_gender"]


def test_every_write_is_audited(meeting: Meeting) -> None:
    models = set(AuditEntry.objects.values_list("content_type__model", flat=True))
    assert {"meeting", "sectorsession", "ask", "participant", "cochair"} <= models


def test_next_meeting_with_its_own_conveners(meeting: Meeting, world: World) -> None:
    nxt = services.meeting_create_next(
        previous=meeting, actor=None, conveners=[world.own], title_en="Dialogue 2032",
        starts_at=dt.datetime(2032, 6, 1, 9, tzinfo=PP), ends_at=dt.datetime(2032, 6, 1, 12, tzinfo=PP),
    )  # fmt: skip
    assert list(nxt.conveners.all()) == [world.own] and nxt.sessions.get().is_review
