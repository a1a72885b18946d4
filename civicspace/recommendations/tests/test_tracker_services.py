import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civicspace.core.models import AuditEntry
from civicspace.recommendations import selectors, services
from civicspace.recommendations.models import Ask, Comment, Evidence, ProgressUpdate, Response
from conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def ask(world: World) -> Ask:
    return services.ask_create(
        actor=None, text_en="Publish the national budget in plain language.", text_km="ផ្សព្វផ្សាយថវិកាជាតិ",
        addressees=[world.un_agency], raised_by=[world.coalition],
    )  # fmt: skip


def test_responses_only_from_addressees_and_latest_wins(ask: Ask, world: World) -> None:
    with pytest.raises(ValidationError):
        services.response_record(ask=ask, addressee=world.other, position="accepted",
                                 responded_on=dt.date(2021, 7, 1), actor=None)  # fmt: skip
    services.response_record(ask=ask, addressee=world.un_agency, position="noted",
                             responded_on=dt.date(2021, 7, 1), actor=None)  # fmt: skip
    services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2021, 8, 1), actor=None)  # fmt: skip
    full = selectors.ask_get(viewer=AnonymousUser(), pk=ask.pk)
    [current] = selectors.latest_responses(full)
    assert current.position == "accepted" and Response.objects.count() == 2


def test_progress_moves_status_with_default_percentages_and_keeps_evidence(ask: Ask, world: World) -> None:
    services.progress_report(
        ask=ask, status="partial", actor=world.users["un_focal_point"], organisation=world.un_agency,
        note_en="Two of four ministries publish citizen budgets.",
        evidence=[{"title": "Report", "file": SimpleUploadedFile("report.pdf", PDF), "is_public": True},
                  {"title": "Internal memo", "url": "https://example.org/memo", "is_public": False}],
    )  # fmt: skip
    ask.refresh_from_db()
    assert (ask.status, ask.progress) == ("partial", 60)
    stored = Evidence.objects.get(title="Report")
    assert stored.content_type == "application/pdf" and stored.size == len(PDF)
    services.progress_report(ask=ask, status="in_progress", progress=45, actor=None)
    ask.refresh_from_db()
    assert ask.progress == 45


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "not what its name says"),
        ("tool.exe", b"MZ\x90\x00", "must be PDF"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "at most 10 MB"),
        ("notes.txt", b"text\x00with a nul", "not what its name says"),
    ],
)
def test_hostile_evidence_is_refused_and_nothing_is_saved(
    ask: Ask, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.progress_report(ask=ask, status="implemented", actor=None,
                                 evidence=[{"title": "x", "file": SimpleUploadedFile(name, content)}])  # fmt: skip
    assert message in " ".join(exc.value.messages)
    ask.refresh_from_db()
    assert (
        ask.status == "not_started" and not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    )


def test_restricted_evidence_is_visible_only_to_those_concerned(
    ask: Ask, world: World, django_user_model: Any
) -> None:
    services.progress_report(ask=ask, status="in_progress", actor=None, evidence=[
        {"title": "Public link", "url": "https://example.org/a", "is_public": True},
        {"title": "Restricted link", "url": "https://example.org/b", "is_public": False},
    ])  # fmt: skip

    def titles(viewer: Any) -> set[str]:
        full = selectors.ask_get(viewer=viewer, pk=ask.pk)
        return {e.title for p in full.progress_updates.all() for e in p.evidence.all()}

    assert titles(AnonymousUser()) == {"Public link"}
    assert titles(world.users["focal_point"]) == {
        "Public link"
    }  # own organisation neither raised nor received it
    assert titles(world.users["un_focal_point"]) == {"Public link", "Restricted link"}  # the addressee
    assert titles(world.users["secretariat"]) == {"Public link", "Restricted link"}


def test_parent_progress_rolls_up_by_weight(world: World) -> None:
    parent = services.ask_create(actor=None, text_en="Protect civic space.")
    a = services.ask_create(actor=None, text_en="Repeal restrictions.", parent=parent, weight=3)
    b = services.ask_create(actor=None, text_en="Train police.", parent=parent, weight=1)
    w = services.ask_create(actor=None, text_en="Withdrawn part.", parent=parent, weight=5)
    services.progress_report(ask=a, status="implemented", actor=None)  # 100 x 3
    services.progress_report(ask=b, status="in_progress", actor=None)  # 30 x 1
    services.progress_report(ask=w, status="withdrawn", actor=None)  # left out
    parent.refresh_from_db()
    assert parent.progress == round((100 * 3 + 30 * 1 + 0 * 0) / 4)


def test_comments_wait_for_moderation_with_a_reason(ask: Ask, world: World) -> None:
    comment = services.comment_post(
        ask=ask, author=world.users["member"], body="  Thank you for the update.  "
    )
    assert comment.state == "pending" and comment.body == "Thank you for the update."
    assert not selectors.ask_get(viewer=AnonymousUser(), pk=ask.pk).published_comments  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        services.comment_moderate(comment=comment, publish=True, reason=" ", actor=world.users["secretariat"])
    services.comment_moderate(
        comment=comment, publish=True, reason="On topic.", actor=world.users["secretariat"]
    )
    full = selectors.ask_get(viewer=AnonymousUser(), pk=ask.pk)
    assert [c.body for c in full.published_comments] == [  # type: ignore[attr-defined]
        "Thank you for the update."
    ]
    assert list(selectors.comments_to_moderate()) == []
    assert Comment.objects.get().moderated_by == world.users["secretariat"]


def test_merge_moves_history_and_keeps_the_duplicate(ask: Ask, world: World) -> None:
    duplicate = services.ask_create(actor=None, text_en="Publish budgets plainly.", addressees=[world.other])
    services.response_record(ask=duplicate, addressee=world.other, position="noted",
                             responded_on=dt.date(2021, 7, 1), actor=None)  # fmt: skip
    services.ask_merge(duplicate=duplicate, into=ask, actor=world.users["secretariat"])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == ask
    assert ask.responses.get().addressee == world.other and set(ask.addressees.all()) == {
        world.un_agency,
        world.other,
    }
    assert duplicate not in selectors.ask_list()
    with pytest.raises(ValidationError):
        services.ask_merge(duplicate=ask, into=ask, actor=None)
    logged = [e.changes for e in AuditEntry.objects.filter(object_id=str(ask.pk), content_type__model="ask")]
    assert {"merged": [None, duplicate.pk]} in logged


def test_search_in_english_and_khmer(ask: Ask, world: World) -> None:
    services.ask_create(
        actor=None, text_en="Vaccinate civil society workers.", text_km="ចាក់វ៉ាក់សាំងដល់បុគ្គលិកសង្គមស៊ីវិល"
    )
    assert [a.pk for a in selectors.ask_list(filters={"q": "budget"})] == [ask.pk]
    assert [a.text_en for a in selectors.ask_list(filters={"q": "វ៉ាក់សាំង"})] == [
        "Vaccinate civil society workers."
    ]
    assert [a.pk for a in selectors.ask_list(filters={"q": "UNA"})] == [
        ask.pk
    ]  # addressee acronyms are searchable
    assert [a.pk for a in selectors.ask_list(filters={"addressee": world.un_agency.slug})] == [ask.pk]


def test_overdue_after_the_response_period(meeting: Any, world: World) -> None:
    ask = meeting.asks.get()
    assert selectors.overdue_responses(today=dt.date(2025, 6, 30)) == []  # within 60 days
    [(late, missing)] = selectors.overdue_responses(today=dt.date(2025, 8, 15))
    assert late == ask and missing == [world.un_agency]
    services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2025, 8, 1), actor=None)  # fmt: skip
    assert selectors.overdue_responses(today=dt.date(2025, 8, 15)) == []


def test_evidence_files_download_through_a_permission_check(ask: Ask, world: World, client_for: Any) -> None:
    from django.urls import reverse

    services.progress_report(ask=ask, status="in_progress", actor=None, evidence=[
        {"title": "Open", "file": SimpleUploadedFile("open.pdf", PDF), "is_public": True},
        {"title": "Closed", "file": SimpleUploadedFile("closed.pdf", PDF), "is_public": False},
    ])  # fmt: skip
    open_, closed = Evidence.objects.order_by("title").reverse()
    url = lambda e: reverse("recommendations:evidence-download", kwargs={"pk": e.pk})  # noqa: E731
    public = client_for("anonymous").get(url(open_))
    assert public.status_code == 200 and b"".join(public.streaming_content) == PDF
    assert public["Content-Disposition"].startswith("attachment")
    assert client_for("anonymous").get(url(closed)).status_code == 302  # log in first
    assert client_for("focal_point").get(url(closed)).status_code == 403  # not concerned
    allowed = client_for("un_focal_point").get(url(closed))
    assert allowed.status_code == 200 and allowed["Cache-Control"] == "private, no-store"
