"""The public tracker pages: list, ask page, and the forms of addressees, civil society and curators."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from civicspace.dialogues.models import Meeting
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation, Sector
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Comment, Evidence, ProgressUpdate, Response, Theme
from conftest import World

pytestmark = pytest.mark.django_db

PP = ZoneInfo("Asia/Phnom_Penh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"  # one real PDF


@dataclass
class Asks:
    rights: Ask  # from the meeting, human rights, to the UN agency and the ministry, raised by `own`
    school: Ask  # a UPR recommendation, education, sub-national, to the ministry
    ministry: Organisation


@pytest.fixture
def asks(world: World, meeting: Meeting) -> Asks:
    ministry = org_services.organisation_create(
        actor=None, slug="moe", kind="government", name_en="Ministry of Education", acronym_en="MoEYS"
    )
    rights = services.ask_create(
        actor=None, session=meeting.sessions.get(), text_en="Protect the right to freedom of association.",
        text_km="ការពារសិទ្ធិសេរីភាពសមាគម។", addressees=[world.un_agency, ministry], raised_by=[world.own],
        themes=[Theme.objects.get(slug="sdg-16-10")], priority="high",
    )  # fmt: skip
    school = services.ask_create(
        actor=None, source_kind="upr", source_title="UPR third cycle", source_date=dt.date(2020, 1, 20),
        text_en="Build accessible schools in rural districts.", sector=Sector.objects.get(slug="education"),
        level="subnational", place="Siem Reap", addressees=[ministry], themes=[Theme.objects.get(slug="upr")],
    )  # fmt: skip
    services.ask_update(ask=school, actor=None, status="partial", progress=60)
    return Asks(rights=rights, school=school, ministry=ministry)


def _list(client: Any, **params: str) -> str:
    return client.get(reverse("recommendations:ask-list"), params).content.decode()


# --- the list ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"sector": "education"}, "accessible schools", "freedom of association"),
        ({"sector": "human-rights"}, "freedom of association", "accessible schools"),
        ({"addressee": "agency"}, "freedom of association", "accessible schools"),
        ({"status": "partial"}, "accessible schools", "freedom of association"),
        ({"meeting": "dialogue-2025"}, "freedom of association", "accessible schools"),
        ({"year": "2020"}, "accessible schools", "freedom of association"),
        ({"theme": "upr"}, "accessible schools", "freedom of association"),
        ({"level": "subnational"}, "accessible schools", "freedom of association"),
        ({"level": "national"}, "freedom of association", "accessible schools"),
        ({"q": "rural schools"}, "accessible schools", "freedom of association"),
        ({"q": "សិទ្ធិ"}, "freedom of association", "accessible schools"),
    ],
)
def test_list_filters_and_search(
    client_for: Any, asks: Asks, params: dict[str, str], shown: str, hidden: str
) -> None:
    page = _list(client_for("anonymous"), **params)
    assert shown in page and hidden not in page
    if set(params) - {"q"}:
        assert '<details class="more-filters" open>' in page  # an active filter keeps the panel open


def test_list_card(client_for: Any, asks: Asks, world: World) -> None:
    services.response_record(ask=asks.rights, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2025, 7, 1), actor=None)  # fmt: skip
    page = _list(client_for("anonymous"), q="association")
    assert "1 of 2 addressees responded" in page
    assert "UNA, MoEYS" in page and "Dialogue 2025 (2025)" in page and "Human rights" in page
    assert '<progress max="100" value="0"' in page and "Not started" in page
    assert page.index('id="id_q"') < page.index("<details")  # the search box comes first


def test_htmx_search_returns_only_the_results(client_for: Any, asks: Asks) -> None:
    response = client_for("anonymous").get(
        reverse("recommendations:ask-list"), {"q": "schools"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "<form" not in body
    assert "accessible schools" in body and "1 ask" in body


def test_list_query_count_does_not_grow(client_for: Any, asks: Asks, world: World, meeting: Meeting) -> None:
    client = client_for("anonymous")
    url = reverse("recommendations:ask-list")
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12):
        ask = services.ask_create(
            actor=None, session=meeting.sessions.get(), text_en=f"Another ask {i}",
            addressees=[world.un_agency, asks.ministry], themes=[Theme.objects.get(slug="upr")],
        )  # fmt: skip
        services.response_record(ask=ask, addressee=world.un_agency, position="noted",
                                 responded_on=dt.date(2025, 7, 1), actor=None)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_list_and_detail_in_khmer(client_for: Any, asks: Asks) -> None:
    client = client_for("anonymous")
    with translation.override("km"):
        nav = gettext("Directory")
    assert nav != "Directory"
    listing = client.get("/km/recommendations/").content.decode()
    assert '<html lang="km">' in listing and nav in listing
    assert "ការពារសិទ្ធិសេរីភាពសមាគម" in listing and "៣" in listing  # three asks, in Khmer digits
    detail = client.get(f"/km/recommendations/{asks.rights.pk}/").content.decode()
    assert nav in detail and "ការពារសិទ្ធិសេរីភាពសមាគម" in detail
    # The Khmer text comes first; the English one follows, marked as English.
    assert '<p class="other-lang" lang="en">Protect the right to freedom of association.</p>' in detail


# --- the ask page ------------------------------------------------------------------------------------


def test_detail_timeline_and_both_views(client_for: Any, asks: Asks, world: World) -> None:
    ask = asks.rights
    with time_machine.travel(dt.datetime(2025, 7, 1, 10, tzinfo=PP), tick=False):
        services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                                 responded_on=dt.date(2025, 7, 1), actor=None,
                                 explanation_en="We will raise it with the ministry.")  # fmt: skip
    with time_machine.travel(dt.datetime(2025, 9, 1, 10, tzinfo=PP), tick=False):
        services.progress_report(ask=ask, status="in_progress", actor=None, note_en="Two trainings held.")
    with time_machine.travel(dt.datetime(2025, 10, 1, 10, tzinfo=PP), tick=False):
        services.assessment_record(ask=ask, organisation=world.own, status="not_started", actor=None,
                                   note_en="Nothing changed for associations.")  # fmt: skip
    page = client_for("anonymous").get(ask.get_absolute_url()).content.decode()
    timeline = page[page.index('<ol class="timeline">') :]
    order = [
        timeline.index(s) for s in ("assessed it as", "Progress reported", "UNA responded", "was raised")
    ]
    assert order == sorted(order)  # newest first
    addressee = page[page.index('id="view-addressee"') : page.index('id="view-cso"')]
    cso = page[page.index('id="view-cso"') :]
    assert "In progress" in addressee and 'value="30"' in addressee
    assert "Not started" in cso[: cso.index("</section>")] and "Nothing changed for associations." in cso
    assert "We will raise it with the ministry." in page and "Freedom of association" not in page
    assert "Respond" not in page and "Report progress" not in page  # anonymous: no actions


def test_overdue_response(client_for: Any, asks: Asks, world: World) -> None:
    services.response_record(ask=asks.rights, addressee=world.un_agency, position="noted",
                             responded_on=dt.date(2025, 6, 15), actor=None)  # fmt: skip
    client = client_for("anonymous")
    with time_machine.travel(dt.datetime(2025, 7, 1, 12, tzinfo=PP)):  # within the 60 days
        early = client.get(asks.rights.get_absolute_url()).content.decode()
    assert "Overdue" not in early and "No response yet" in early
    with time_machine.travel(dt.datetime(2025, 8, 15, 12, tzinfo=PP)):  # 31 July has passed
        late = client.get(asks.rights.get_absolute_url()).content.decode()
    row = late[late.index('<th scope="row">MoEYS') :]
    assert "Overdue" in row[: row.index("</tr>")] and "31 July 2025" in row[: row.index("</tr>")]
    una = late[late.index('<th scope="row">UNA') :]
    assert "Overdue" not in una[: una.index("</tr>")]  # UNA answered


def test_restricted_evidence(client_for: Any, asks: Asks, world: World, django_user_model: Any) -> None:
    services.progress_report(
        ask=asks.rights, status="in_progress", actor=world.users["un_focal_point"], organisation=world.un_agency,
        evidence=[{"title": "Public training report", "url": "https://example.org/report"},
                  {"title": "Internal memo", "url": "https://example.org/memo", "is_public": False}],
    )  # fmt: skip
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x" * 20)
    EmailAddress.objects.create(user=stranger, email=stranger.email, primary=True, verified=True)
    org_services.membership_set(organisation=world.other, user=stranger, role="member", actor=None)
    url = asks.rights.get_absolute_url()

    def sees_memo(client: Any) -> bool:
        page = client.get(url).content.decode()
        assert "Public training report" in page
        return "Internal memo" in page

    assert not sees_memo(client_for("anonymous"))
    client = client_for("anonymous")
    client.force_login(stranger)
    assert not sees_memo(client)  # a member of an unrelated organisation
    assert sees_memo(client_for("un_focal_point"))  # the addressee
    assert sees_memo(client_for("member"))  # a member of the organisation that raised it


# --- addressees: respond, report progress ------------------------------------------------------------


def test_the_addressee_responds(client_for: Any, asks: Asks, world: World) -> None:
    url = reverse("recommendations:response-create", kwargs={"pk": asks.rights.pk})
    client = client_for("un_focal_point")
    form = client.get(url).content.decode()
    assert "A UN Agency" in form and "Ministry of Education" not in form  # only what the user answers for
    response = client.post(url, {"addressee": world.un_agency.pk, "position": "partially_accepted",
                                 "explanation_km": "យើងនឹងពិភាក្សា", "responded_on": "2025-07-02"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == asks.rights.get_absolute_url()
    saved = Response.objects.get(ask=asks.rights)
    assert saved.addressee == world.un_agency and saved.recorded_by == world.users["un_focal_point"]
    # Not the ministry's focal point: that choice is refused and nothing is saved.
    bad = client.post(
        url, {"addressee": asks.ministry.pk, "position": "accepted", "responded_on": "2025-07-02"}
    )
    assert bad.status_code == 200 and Response.objects.count() == 1
    page = client.get(asks.rights.get_absolute_url()).content.decode()
    assert "Partially accepted" in page and "យើងនឹងពិភាក្សា" in page and "Report progress" in page


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 403), ("focal_point", 403)])
def test_only_the_addressee_responds(
    client_for: Any, asks: Asks, world: World, role: str, status: int
) -> None:
    url = reverse("recommendations:response-create", kwargs={"pk": asks.rights.pk})
    data = {"addressee": world.un_agency.pk, "position": "accepted", "responded_on": "2025-07-02"}
    assert client_for(role).post(url, data).status_code == status
    assert not Response.objects.exists()


def _progress(client: Any, ask: Ask, upload: Any, **extra: Any) -> Any:
    url = reverse("recommendations:progress-create", kwargs={"pk": ask.pk})
    data = {"status": "in_progress", "progress": "40", "note_en": "Trainings held.",
            "evidence_1_title": "Training report", "evidence_1_file": upload, "evidence_1_public": "on", **extra}  # fmt: skip
    return client.post(url, data)


def test_progress_with_a_real_file(client_for: Any, asks: Asks, world: World) -> None:
    client = client_for("un_focal_point")
    form = client.get(
        reverse("recommendations:progress-create", kwargs={"pk": asks.rights.pk})
    ).content.decode()
    assert 'enctype="multipart/form-data"' in form and 'name="evidence_3_url"' in form
    response = _progress(client, asks.rights, SimpleUploadedFile("report.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(ask=asks.rights)
    assert update.progress == 40 and update.organisation == world.un_agency
    evidence = Evidence.objects.get(progress=update)
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF) and evidence.is_public
    asks.rights.refresh_from_db()
    assert asks.rights.status == "in_progress" and asks.rights.progress == 40
    page = client_for("anonymous").get(asks.rights.get_absolute_url()).content.decode()
    assert "Training report" in page and f"/recommendations/evidence/{evidence.pk}/" in page


@pytest.mark.parametrize("role", ["member", "focal_point", "secretariat"])
def test_others_cannot_report_progress(client_for: Any, asks: Asks, role: str) -> None:
    response = _progress(client_for(role), asks.rights, SimpleUploadedFile("r.pdf", PDF, "application/pdf"))
    assert response.status_code == 403 and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
            "is not what its name says",
        ),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * (11 * 1024 * 1024)), "at most 10 MB"),
        (SimpleUploadedFile("tool.exe", b"MZ\x90\x00"), "Evidence files must be PDF"),
    ],
    ids=["exe-renamed-pdf", "11-MB", "exe"],
)
def test_hostile_files_are_refused(client_for: Any, asks: Asks, upload: Any, error: str) -> None:
    response = _progress(client_for("un_focal_point"), asks.rights, upload)
    assert response.status_code == 200 and error in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    asks.rights.refresh_from_db()
    assert asks.rights.status == "not_started"


def test_commitment(client_for: Any, asks: Asks, world: World) -> None:
    url = reverse("recommendations:commitment-create", kwargs={"pk": asks.rights.pk})
    client = client_for("un_focal_point")
    assert b"Say what will be done" in client.post(url, {"status": "planned"}).content
    response = client.post(url, {"description_en": "Train 50 officials.", "organisation": world.un_agency.pk,
                                 "due_on": "2026-01-31", "indicator": "officials trained", "status": "planned"})  # fmt: skip
    assert response.status_code == 302
    assert "Train 50 officials." in client.get(asks.rights.get_absolute_url()).content.decode()
    assert client_for("member").post(url, {"description_en": "x", "status": "planned"}).status_code == 403


# --- civil society: assessments and comments ---------------------------------------------------------


def test_assessment_by_the_raising_organisation(client_for: Any, asks: Asks, world: World) -> None:
    url = reverse("recommendations:assessment-create", kwargs={"pk": asks.rights.pk})
    client = client_for("member")
    form = client.get(url).content.decode()
    assert "Own Organisation" in form and "Other Organisation" not in form
    bad = client.post(url, {"organisation": world.other.pk, "status": "implemented"})
    assert bad.status_code == 200 and not asks.rights.assessments.exists()
    assert client.post(url, {"organisation": world.own.pk, "status": "partial"}).status_code == 302
    assert asks.rights.assessments.get().assessed_by == world.users["member"]
    assert client_for("un_focal_point").get(url).status_code == 403


def test_comments_wait_for_moderation(client_for: Any, asks: Asks) -> None:
    url = reverse("recommendations:comment-create", kwargs={"pk": asks.rights.pk})
    member = client_for("member")
    assert b"Comments are moderated" in member.get(url).content
    assert member.post(url, {"body": "The new law makes this harder."}).status_code == 302
    comment = Comment.objects.get()
    assert comment.state == "pending"
    detail = asks.rights.get_absolute_url()
    assert "makes this harder" not in client_for("anonymous").get(detail).content.decode()
    assert client_for("un_focal_point").post(url, {"body": "x"}).status_code == 403  # not civil society

    moderate = reverse("recommendations:comment-moderate", kwargs={"pk": comment.pk})
    assert client_for("member").post(moderate, {f"c{comment.pk}-decision": "publish"}).status_code == 403
    secretariat = client_for("secretariat")
    queue = secretariat.get(reverse("recommendations:moderation")).content.decode()
    assert "makes this harder" in queue
    refused = secretariat.post(moderate, {f"c{comment.pk}-decision": "publish", f"c{comment.pk}-reason": " "})
    assert refused.status_code == 400 and "Say why" in refused.content.decode()
    comment.refresh_from_db()
    assert comment.state == "pending"
    done = secretariat.post(
        moderate, {f"c{comment.pk}-decision": "publish", f"c{comment.pk}-reason": "On topic"}
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    assert comment.state == "published" and comment.moderation_reason == "On topic"
    assert "makes this harder" in client_for("anonymous").get(detail).content.decode()


# --- the five record pages: one view, configured per record ------------------------------------------

RECORD_PAGES = [  # URL name, who adds one, the message once it is saved, the ask's records of that kind
    ("response-create", "un_focal_point", "The response was recorded.", "responses"),
    ("commitment-create", "un_focal_point", "The commitment was added.", "commitments"),
    ("progress-create", "admin", "The progress report was saved.", "progress_updates"),
    ("assessment-create", "secretariat", "Your assessment was recorded.", "assessments"),
    ("comment-create", "member", "Thank you. Your comment will appear once a moderator has approved it.", "comments"),
]  # fmt: skip


def _record_data(name: str, world: World) -> dict[str, Any]:
    pdf = SimpleUploadedFile("report.pdf", PDF, "application/pdf")
    data: dict[str, dict[str, Any]] = {
        "response-create": {"addressee": world.un_agency.pk, "position": "accepted", "responded_on": "2025-07-02"},
        "commitment-create": {"description_en": "Train officials.", "status": "planned"},
        "progress-create": {"organisation": world.un_agency.pk, "status": "partial", "note_en": "Half done.", "evidence_1_title": "Report",
                            "evidence_1_file": pdf, "evidence_1_public": "on", "evidence_2_title": "Memo",
                            "evidence_2_url": "https://example.org/memo"},
        "assessment-create": {"organisation": world.coalition.pk, "status": "partial"},
        "comment-create": {"body": "Good to see."},
    }  # fmt: skip
    return data[name]


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize(("name", "role", "message", "records"), RECORD_PAGES)
def test_each_record_page_saves_says_so_and_returns_to_the_ask(
    client_for: Any, asks: Asks, world: World, name: str, role: str, message: str, records: str, language: str
) -> None:
    client = client_for(role)
    with translation.override(language):
        url = reverse(f"recommendations:{name}", kwargs={"pk": asks.rights.pk})
        detail, shown = asks.rights.get_absolute_url(), gettext(message)
    assert (shown != message) is (language == "km")
    response = client.post(url, _record_data(name, world), follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert f'<li class="success">{shown}</li>' in response.content.decode()
    assert getattr(asks.rights, records).count() == 1


def test_progress_page_keeps_a_file_and_a_link(client_for: Any, asks: Asks, world: World) -> None:
    url = reverse("recommendations:progress-create", kwargs={"pk": asks.rights.pk})
    assert client_for("admin").post(url, _record_data("progress-create", world)).status_code == 302
    update = ProgressUpdate.objects.get(ask=asks.rights)
    assert update.organisation == world.un_agency  # an admin reports for the first addressee by name
    evidence = {e.title: e for e in update.evidence.all()}
    assert evidence["Report"].file and evidence["Report"].is_public and not evidence["Report"].url
    assert evidence["Memo"].url == "https://example.org/memo" and not evidence["Memo"].file
    assert not evidence["Memo"].is_public  # the box was left unticked


# --- curators: create, edit, merge -------------------------------------------------------------------


def test_curator_creates_and_edits_an_ask(client_for: Any, asks: Asks, world: World) -> None:
    url = reverse("recommendations:ask-create")
    assert client_for("member").get(url).status_code == 403
    client = client_for("secretariat")
    data = {"text_en": "Repeal the NGO law.", "source_kind": "joint_statement", "source_title": "Joint statement",
            "source_date": "2024-12-10", "addressees": [asks.ministry.pk], "raised_by": [world.coalition.pk],
            "themes": [Theme.objects.get(slug="upr").pk], "level": "national", "priority": "high", "weight": "1"}  # fmt: skip
    assert b"Say where" in client.post(url, {**data, "level": "subnational"}).content
    response = client.post(url, data)
    ask = Ask.objects.get(text_en="Repeal the NGO law.")
    assert response.status_code == 302 and response["Location"] == ask.get_absolute_url()
    assert list(ask.raised_by.all()) == [world.coalition] and ask.source_date == dt.date(2024, 12, 10)

    edit = reverse("recommendations:ask-update", kwargs={"pk": ask.pk})
    assert b"Repeal the NGO law." in client.get(edit).content
    changed = {
        **data,
        "text_km": "លុបច្បាប់",
        "themes": [],
        "raised_by": [world.own.pk],
        "parent": asks.rights.pk,
    }
    assert client.post(edit, changed).status_code == 302
    ask.refresh_from_db()
    assert ask.text_km == "លុបច្បាប់" and ask.parent == asks.rights and not ask.themes.exists()
    assert list(ask.raised_by.all()) == [world.own]
    found = client.get("/km/recommendations/", {"q": "ច្បាប់"}).content.decode()
    assert "លុបច្បាប់" in found and "accessible schools" not in found


def test_merge_keeps_history(client_for: Any, asks: Asks, world: World, meeting: Meeting) -> None:
    duplicate = services.ask_create(actor=None, text_en="Protect freedom of association.",
                                    addressees=[world.un_agency], raised_by=[world.coalition])  # fmt: skip
    services.response_record(ask=duplicate, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2025, 7, 1), actor=None)  # fmt: skip
    url = reverse("recommendations:ask-merge", kwargs={"pk": duplicate.pk})
    assert client_for("un_focal_point").post(url, {"into": asks.rights.pk}).status_code == 403
    client = client_for("secretariat")
    assert b"cannot be merged into itself" in client.post(url, {"into": duplicate.pk}).content
    response = client.post(url, {"into": asks.rights.pk})
    assert response.status_code == 302 and response["Location"] == asks.rights.get_absolute_url()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == asks.rights
    kept = client.get(asks.rights.get_absolute_url()).content.decode()
    assert "UNA responded: Accepted." in kept and "COAL" in kept  # the duplicate's response and raiser
    old = client.get(duplicate.get_absolute_url()).content.decode()
    assert "was recorded twice and merged" in old and asks.rights.get_absolute_url() in old
    assert "Protect freedom of association." not in _list(client)  # merged duplicates leave the list
    assert client.get(url).status_code == 404  # a merged ask cannot be merged again
