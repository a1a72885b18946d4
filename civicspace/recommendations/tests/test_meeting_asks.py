"""The asks of dialogue meetings, kept by the tracker (recommendations/meeting_asks.py, the
`dialogues.asks` port): recorded by the rapporteur, reviewed and raised again the next year, with
their lineage and the tracker's validation."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from civicspace.dialogues import selectors, services
from civicspace.dialogues.asks import meeting_asks
from civicspace.dialogues.models import Meeting
from civicspace.recommendations import services as ask_services
from civicspace.recommendations.meeting_asks import TrackerMeetingAsks
from civicspace.recommendations.models import Ask
from conftest import PP, World


def test_rapporteur_records_an_ask_without_javascript(
    client_for: Any, meeting: Meeting, world: World
) -> None:
    client = client_for("member")  # the session's rapporteur
    url = reverse("dialogues:ask-capture", kwargs={"slug": meeting.slug, "order": 1})
    form = client.get(url)
    assert form.status_code == 200 and b'name="text_km"' in form.content
    response = client.post(url, {"text_km": "ការពារអ្នកសារព័ត៌មាន", "addressees": [world.un_agency.pk],
                                 "raised_by": [world.own.pk], "priority": "high"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url
    ask = Ask.objects.get(text_km="ការពារអ្នកសារព័ត៌មាន")
    assert (
        ask.meeting == meeting and ask.priority == "high" and list(ask.addressees.all()) == [world.un_agency]
    )
    assert list(ask.raised_by.all()) == [world.own]  # the participant the rapporteur named, not the conveners
    empty = client.post(url, {"text_en": " ", "text_km": "", "priority": "high"})
    assert b"Write the ask in English, in Khmer, or in both." in empty.content


def test_next_meeting_from_the_form_opens_with_a_review_session(client_for: Any, meeting: Meeting) -> None:
    client = client_for("secretariat")
    form = client.get(reverse("dialogues:meeting-create") + f"?after={meeting.slug}")
    assert f'value="{meeting.pk}" selected'.encode() in form.content
    client.post(reverse("dialogues:meeting-create"), {
        "title_en": "Dialogue 2026", "previous": meeting.pk, "starts_at": "2026-06-01T09:00",
        "ends_at": "2026-06-01T12:00", "mode": "virtual", "response_days": "60",
    })  # fmt: skip
    nxt = Meeting.objects.get(title_en="Dialogue 2026")
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert "Review of last year&#x27;s asks" in page and "Monitor the trials of journalists." in page
    old = Ask.objects.get(meeting=meeting)
    client.post(reverse("dialogues:ask-raise-again", kwargs={"slug": nxt.slug, "pk": old.pk}))
    assert Ask.objects.get(meeting=nxt).previous == old


def test_the_rapporteur_can_raise_last_years_ask_again(
    client_for: Any, meeting: Meeting, world: World
) -> None:
    import datetime as dt

    from conftest import PP

    nxt = services.meeting_create_next(
        previous=meeting, actor=None, title_en="Dialogue 2026", starts_at=dt.datetime(2026, 6, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=PP),
    )  # fmt: skip
    services.session_update(session=nxt.sessions.get(), actor=None, rapporteur=world.users["member"])
    client = client_for("member")
    assert b"Raise again" in client.get(nxt.get_absolute_url()).content
    old = Ask.objects.get(meeting=meeting)
    client.post(reverse("dialogues:ask-raise-again", kwargs={"slug": nxt.slug, "pk": old.pk}))
    again = Ask.objects.get(meeting=nxt)
    assert again.previous == old and again.sector == old.sector


def test_next_meeting_reviews_last_years_asks(meeting: Meeting, world: World) -> None:
    old_ask = Ask.objects.get(meeting=meeting)
    ask_services.ask_update(ask=old_ask, actor=None, status="in_progress")
    nxt = services.meeting_create_next(
        previous=meeting, actor=None, title_en="Dialogue 2026", starts_at=dt.datetime(2026, 6, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=PP),
    )  # fmt: skip
    review = nxt.sessions.get()
    assert review.is_review and review.order == 1
    assert list(nxt.conveners.all()) == [world.coalition]
    [listed] = selectors.review_asks(meeting=nxt)
    assert listed.pk == old_ask.pk and listed.status_label == "In progress" and not listed.raised_again_here
    again = ask_services.ask_raise_again(previous=old_ask, actor=None, meeting=nxt, session=review)
    assert again.previous == old_ask and again.meeting == nxt and again.text_en == old_ask.text_en
    assert list(again.addressees.all()) == [world.un_agency]
    assert [a.raised_again_here for a in selectors.review_asks(meeting=nxt)] == [True]


def test_asks_need_text_and_a_place_when_sub_national(world: World, meeting: Meeting) -> None:
    session = meeting.sessions.get()
    with pytest.raises(ValidationError):
        ask_services.ask_create(actor=None, session=session, text_en="", text_km="")
    with pytest.raises(ValidationError):
        ask_services.ask_create(actor=None, session=session, text_en="Local budgets", level="subnational")
    ask = ask_services.ask_create(
        actor=None, session=session, text_km="ថវិកាឃុំ", level="subnational", place="Takeo"
    )
    assert ask.order == 2 and ask.sector == session.sector and ask.source_date == dt.date(2025, 6, 1)


def test_the_tracker_provides_the_asks_of_meetings() -> None:
    assert isinstance(meeting_asks(), TrackerMeetingAsks)


def test_only_an_ask_of_the_previous_meeting_can_be_raised_again(
    client_for: Any, meeting: Meeting, world: World
) -> None:
    first = services.meeting_create(
        actor=None, title_en="Dialogue 2026", starts_at=dt.datetime(2026, 6, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=PP), conveners=[world.coalition],
    )  # fmt: skip
    nxt = services.meeting_create_next(
        previous=first, actor=None, title_en="Dialogue 2032", starts_at=dt.datetime(2032, 6, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2032, 6, 1, 12, tzinfo=PP),
    )  # fmt: skip
    upr = ask_services.ask_create(actor=None, source_kind="upr", text_en="Ratify the convention.")
    older = Ask.objects.get(meeting=meeting)  # raised at a meeting, but not at the one before `nxt`
    client = client_for("secretariat")
    for target, ask in ((nxt, older), (nxt, upr), (first, upr)):  # `first` has no previous meeting
        url = reverse("dialogues:ask-raise-again", kwargs={"slug": target.slug, "pk": ask.pk})
        assert client.post(url).status_code == 404
    assert not Ask.objects.filter(meeting__in=[first, nxt]).exists()


def test_the_asks_carried_in_a_cycle(meeting: Meeting, world: World) -> None:
    """`carried_in_cycle`: each ask raised again in a meeting of the cycle with the ask it carries forward,
    oldest meeting first; merged asks and the asks of other cycles are left out."""
    cycle = services.cycle_create(actor=None, slug="annual", title_en="Annual dialogue")
    services.meeting_update(meeting=meeting, actor=None, cycle=cycle)
    # meetings that have taken place (an ask cannot be raised in the future): autumn 2025, then June 2026
    autumn_2025 = services.meeting_create_next(
        previous=meeting, actor=None, title_en="Dialogue, autumn 2025", starts_at=dt.datetime(2025, 11, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2025, 11, 1, 12, tzinfo=PP),
    )  # fmt: skip
    june_2026 = services.meeting_create_next(
        previous=autumn_2025, actor=None, title_en="Dialogue 2026", starts_at=dt.datetime(2026, 6, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=PP),
    )  # fmt: skip
    first = ask_services.ask_update(
        ask=Ask.objects.get(meeting=meeting), actor=None, status="not_implemented"
    )
    upr = ask_services.ask_create(actor=None, source_kind="upr", text_en="Ratify the convention.")
    # raised in 2026 first, so that the order comes from the meetings, not from the ids
    third = ask_services.ask_raise_again(previous=first, actor=None, meeting=june_2026, session=None)
    second = ask_services.ask_raise_again(previous=first, actor=None, meeting=autumn_2025, session=None)
    from_upr = ask_services.ask_raise_again(previous=upr, actor=None, meeting=autumn_2025, session=None)
    merged = ask_services.ask_raise_again(previous=first, actor=None, meeting=autumn_2025, session=None)
    ask_services.ask_merge(duplicate=merged, into=second, actor=None)
    elsewhere = services.meeting_create_next(
        previous=meeting, actor=None, cycle=None, title_en="Another", starts_at=dt.datetime(2026, 9, 1, 9, tzinfo=PP),
        ends_at=dt.datetime(2026, 9, 1, 12, tzinfo=PP),
    )  # fmt: skip
    ask_services.ask_raise_again(previous=first, actor=None, meeting=elsewhere, session=None)

    carried = TrackerMeetingAsks().carried_in_cycle(cycle)
    assert [(c.ask.pk, c.meeting_id, c.earlier.pk, c.earlier_meeting_id) for c in carried] == [
        (second.pk, autumn_2025.pk, first.pk, meeting.pk),
        (from_upr.pk, autumn_2025.pk, upr.pk, None),
        (third.pk, june_2026.pk, first.pk, meeting.pk),
    ]
    assert carried[0].url == second.get_absolute_url()
    assert carried[0].ask.text_en == carried[0].earlier.text_en == "Monitor the trials of journalists."
    assert carried[0].ask.addressees == (world.un_agency,)
    assert (carried[0].earlier.status_label, carried[0].ask.status_label) == (
        "Not implemented",
        "Not started",
    )
    other = services.cycle_create(actor=None, slug="other", title_en="Other dialogue")
    assert TrackerMeetingAsks().carried_in_cycle(other) == []
