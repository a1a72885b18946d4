"""The demo tracker data on the June 2021 meeting: plausible, bilingual, idempotent, with gaps."""

import datetime as dt
import io
from typing import Any

from django.core.management import call_command

from civicspace.demo.dialogues import SLUG
from civicspace.demo.recommendations import load_demo_tracker
from civicspace.recommendations import dashboard, selectors
from civicspace.recommendations.models import Ask, Assessment, Commitment, Evidence, ProgressUpdate, Response


def test_demo_tracker_is_bilingual_dated_and_idempotent(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    load_demo_tracker()  # load_demo may already have run it: then this adds nothing
    responses = Response.objects.filter(ask__meeting__slug=SLUG)
    assert responses.count() >= 8
    assert load_demo_tracker() == 0  # a second run adds nothing
    assert responses.count() >= 8
    assert {r.position for r in responses} >= {"accepted", "partially_accepted", "noted"}
    for r in responses:
        assert r.explanation_en and r.explanation_km
        assert dt.date(2021, 6, 1) <= r.responded_on <= dt.date(2021, 8, 31)
    commitments = Commitment.objects.filter(ask__meeting__slug=SLUG)
    assert commitments.count() >= 3
    assert all(c.description_en and c.description_km and c.indicator and c.due_on and c.organisation_id
               for c in commitments)  # fmt: skip
    updates = ProgressUpdate.objects.filter(ask__meeting__slug=SLUG)
    assert updates.exists() and all(u.note_en and u.note_km for u in updates)
    evidence = Evidence.objects.filter(progress__ask__meeting__slug=SLUG)
    assert evidence.filter(is_public=True).exists() and evidence.filter(is_public=False).exists()
    assert all(e.url.startswith("https://example.org/reports/") and not e.file for e in evidence)


def test_civil_society_sometimes_disagrees_and_some_responses_are_missing(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    load_demo_tracker()
    asks = Ask.objects.filter(meeting__slug=SLUG)
    disagreements = [
        a for a in asks for assessment in Assessment.objects.filter(ask=a) if assessment.status != a.status
    ]
    assert disagreements
    overdue = selectors.overdue_responses(today=dt.date(2021, 12, 1))
    overdue_asks = {ask.pk for ask, _missing in overdue}
    assert overdue_asks and overdue_asks <= set(asks.values_list("pk", flat=True))
    assert any(len(missing) == ask.addressees.count() for ask, missing in overdue)  # nobody answered
    assert len(overdue_asks) < asks.count()  # and some asks are fully answered


def test_it_counts_what_it_creates(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    Response.objects.all().delete()
    for model in (Commitment, ProgressUpdate, Assessment):
        model.objects.all().delete()
    created = load_demo_tracker()
    assert created == sum(
        m.objects.count() for m in (Response, Commitment, ProgressUpdate, Evidence, Assessment)
    )


def test_without_the_demo_meeting_nothing_happens(db: Any) -> None:
    assert load_demo_tracker() == 0
    assert not Response.objects.exists()


def test_the_demo_asks_have_themes_that_the_dashboard_filters_by(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    load_demo_tracker()
    asks = Ask.objects.filter(meeting__slug=SLUG)
    assert all(a.themes.exists() for a in asks)
    covid = asks.filter(themes__slug="covid-19").count()
    assert covid == 3
    assert dashboard.dashboard_data(filters={"theme": "covid-19"}).total == covid
