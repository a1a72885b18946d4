"""The consultation pages: the public list and page, the citizen's form without JavaScript (in Khmer),
the receipt, the honeypot, the rate limit, errors, page weight, and the organisers' pages."""

import datetime as dt
import gzip
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from civicspace.consultations import intake, services
from civicspace.consultations.intake import Answer, SubmissionData
from civicspace.consultations.models import Consultation, ItemInput, ItemResponse, Submission
from conftest import World

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 50 * 1024


def _token(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "no idempotency token in the form"
    return match.group(1)


def _form(consultation: Consultation, token: str, **extra: str) -> dict[str, str]:
    items = {i.code: i.pk for i in consultation.items.all()}
    return {
        "token": token,
        f"i{items['01']}_comment": "ផ្លូវនេះលិចទឹករាល់រដូវវស្សា។",
        f"i{items['01']}_rank": "1",
        f"i{items['02']}_rank": "2",
        f"i{items['01']}_points": "70",
        f"i{items['02']}_points": "30",
        "gender": "woman",
        "age_band": "25_34",
        "wg_walking": "a_lot",
        "province": "17",
        "district": "1710",
        "commune": "171001",
        "consent": "on",
        "website": "",
        **extra,
    }


def _submit_url(c: Consultation, lang: str = "km") -> str:
    with translation.override(lang):
        return reverse("consultations:submit", kwargs={"slug": c.slug})


# --- public pages ------------------------------------------------------------------------------------------


def test_list_shows_published_consultations_and_hides_drafts(client: Any, world: World, units: Any) -> None:
    make_consultation(
        slug="open-a", authority=world.un_agency, organisers=[world.own], title_en="Roads budget"
    )
    make_consultation(slug="secret", authority=world.un_agency, organisers=[world.own], publish=False,
                      title_en="Secret draft")  # fmt: skip
    for n in range(3):
        make_consultation(slug=f"more-{n}", authority=world.un_agency, organisers=[world.other])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("consultations:consultation-list")).content.decode()
    assert "Roads budget" in page and "Secret draft" not in page
    assert len(queries) <= 6, [q["sql"] for q in queries]
    assert (
        client.get(reverse("consultations:consultation-detail", kwargs={"slug": "secret"})).status_code == 404
    )


def test_detail_shows_items_with_khmer_digits_and_the_phase(
    client: Any, open_consultation: Consultation
) -> None:
    with translation.override("km"):
        url = reverse("consultations:consultation-detail", kwargs={"slug": "open"})
    page = client.get(url).content.decode()
    assert "១.៥០០.០០០.០០០" in page  # 1,500,000,000 riel with Khmer digits and grouping
    assert "ផ្លូវជនបទ" in page and "ជួសជុលផ្លូវរវាងភូមិ។" in page
    assert 'class="notice phase phase-open"' in page
    assert _submit_url(open_consultation) in page
    with translation.override("en"):
        english = client.get(
            reverse("consultations:consultation-detail", kwargs={"slug": "open"})
        ).content.decode()
    assert "1,500,000,000" in english and "Rural roads" in english


def test_a_citizen_submits_in_khmer_without_javascript(client: Any, open_consultation: Consultation) -> None:
    url = _submit_url(open_consultation)
    form_page = client.get(url).content.decode()
    assert '<html lang="km">' in form_page and "ផ្លូវជនបទ" in form_page  # Khmer content first
    assert (
        'name="website"' in form_page and 'tabindex="-1"' in form_page and 'autocomplete="off"' in form_page
    )
    assert "<script" not in form_page.split("</head>")[1]  # nothing but the deferred HTMX in the head
    data = _form(open_consultation, _token(form_page))
    response = client.post(url, data)
    assert response.status_code == 302
    receipt = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert response["Location"].startswith("/km/consultations/open/receipt/")
    submission = Submission.objects.get()
    assert submission.receipt == receipt and submission.channel == "web"
    assert (submission.gender, submission.age_band, submission.wg_walking) == ("woman", "25_34", "a_lot")
    assert (
        submission.place is not None
        and submission.place.code == "171001"
        and submission.consent
        and submission.client_hash
    )
    assert {(i.item.code, i.rank, i.points) for i in submission.inputs.all()} == {
        ("01", 1, 70),
        ("02", 2, 30),
    }
    assert submission.inputs.get(item__code="01").comment_state == ItemInput.State.PENDING
    page = client.get(response["Location"]).content.decode()
    assert receipt in page
    # the same form sent again (a double tap, a reload): nothing new, the same receipt
    again = client.post(url, data)
    assert again["Location"] == response["Location"] and Submission.objects.count() == 1


def test_the_form_works_with_csrf_checks(open_consultation: Consultation) -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    url = _submit_url(open_consultation, "en")
    page = browser.get(url).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf
    assert browser.post(url, _form(open_consultation, _token(page))).status_code == 403  # no token: refused
    sent = browser.post(url, {**_form(open_consultation, _token(page)), "csrfmiddlewaretoken": csrf.group(1)})
    assert sent.status_code == 302


def test_each_rendered_form_has_its_own_token(client: Any, open_consultation: Consultation) -> None:
    url = _submit_url(open_consultation)
    assert _token(client.get(url).content.decode()) != _token(client.get(url).content.decode())


def test_honeypot_is_answered_like_a_success_and_stores_nothing(
    client: Any, open_consultation: Consultation
) -> None:
    url = _submit_url(open_consultation)
    token = _token(client.get(url).content.decode())
    response = client.post(url, _form(open_consultation, token, website="http://spam.example"))
    assert response.status_code == 302 and "/receipt/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    assert not Submission.objects.exists()


def test_errors_are_listed_at_the_top_and_next_to_fields(
    client: Any, open_consultation: Consultation
) -> None:
    url = _submit_url(open_consultation, "en")
    token = _token(client.get(url).content.decode())
    items = {i.code: i.pk for i in open_consultation.items.all()}
    data = _form(open_consultation, token, consent="", gender="robot")
    data[f"i{items['02']}_rank"] = "1"  # two items ranked first
    data.pop("consent")
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Submission.objects.exists()
    summary = page.split('id="errors"')[1].split("</div>")[0]
    assert 'href="#id_consent"' in summary and 'href="#id_gender_0"' in summary
    assert "Please read the consent text" in summary
    # the cross-item rule comes from intake.validate once the fields are valid
    data = {**_form(open_consultation, token), f"i{items['02']}_rank": "1"}
    page = client.post(url, data).content.decode()
    assert 'href="#items"' in page and "Each rank may be given to one item only." in page
    assert 'aria-invalid="true"' not in page.split('id="items"')[0]  # summary only links
    too_many = {**_form(open_consultation, token), f"i{items['01']}_points": "90"}
    assert "there are 100 to share" in client.post(url, too_many).content.decode()
    assert not Submission.objects.exists()
    # the answers already given are kept on the page
    assert "ផ្លូវនេះលិចទឹករាល់រដូវវស្សា។" in page


def test_place_step_without_javascript_saves_nothing(client: Any, open_consultation: Consultation) -> None:
    url = _submit_url(open_consultation, "en")
    token = _token(client.get(url).content.decode())
    data = {**_form(open_consultation, token), "district": "", "commune": "", "_place_step": "1"}
    page = client.post(url, data).content.decode()
    assert not Submission.objects.exists()
    assert 'value="1710"' in page  # the province's districts are offered now
    assert _token(page) == token  # the same form continues
    assert 'id="errors"' not in page


def test_rate_limit_answers_429(client: Any, open_consultation: Consultation, settings: Any) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "2/600"
    url = _submit_url(open_consultation)
    items = {i.code: i.pk for i in open_consultation.items.all()}
    statuses, sent = [], []
    for n in range(3):
        token = _token(client.get(url).content.decode())
        sent.append({**_form(open_consultation, token), f"i{items['01']}_comment": f"comment {n}"})
        statuses.append(client.post(url, sent[-1]))
    assert [r.status_code for r in statuses] == [302, 302, 429]
    assert int(statuses[2]["Retry-After"]) > 0
    assert '<html lang="km">' in statuses[2].content.decode()  # a full page, in the person's language
    assert Submission.objects.count() == 2
    # the first form sent again (a retry, recognised by its token) is answered whatever the limit
    again = client.post(url, sent[0])
    assert again.status_code == 302 and again["Location"] == statuses[0]["Location"]
    assert Submission.objects.count() == 2
    # another client (another address) is not limited
    other = client.post(url, {**_form(open_consultation, "other-token"), f"i{items['01']}_comment": "x"},
                        REMOTE_ADDR="198.51.100.20")  # fmt: skip
    assert other.status_code == 302


def test_a_reused_token_with_other_answers_asks_again(client: Any, open_consultation: Consultation) -> None:
    url = _submit_url(open_consultation, "en")
    token = _token(client.get(url).content.decode())
    client.post(url, _form(open_consultation, token))
    response = client.post(url, _form(open_consultation, token, gender="man"))
    page = response.content.decode()
    assert response.status_code == 200 and "This form was already sent" in page
    assert _token(page) != token
    assert client.post(url, _form(open_consultation, _token(page), gender="man")).status_code == 302
    assert Submission.objects.count() == 2


def test_duplicate_content_leads_to_the_first_receipt(client: Any, open_consultation: Consultation) -> None:
    url = _submit_url(open_consultation, "en")
    first = client.post(url, _form(open_consultation, "token-a"))
    second = client.post(url, _form(open_consultation, "token-b"))
    assert first["Location"] == second["Location"] and Submission.objects.count() == 1


def test_not_open_consultations_have_no_form(client: Any, world: World, units: Any) -> None:
    now = timezone.now()
    closed = make_consultation(slug="closed", authority=world.un_agency, organisers=[],
                               opens_at=now - dt.timedelta(days=5), closes_at=now - dt.timedelta(days=1))  # fmt: skip
    page = client.get(_submit_url(closed, "en")).content.decode()
    assert "not open for input" in page and 'name="token"' not in page
    client.post(_submit_url(closed, "en"), _form(closed, "t"))
    assert not Submission.objects.exists()


def test_receipt_addresses_must_look_like_receipts(client: Any, open_consultation: Consultation) -> None:
    ok = reverse("consultations:receipt", kwargs={"slug": "open", "receipt": "ABCDE-23456"})
    bad = reverse("consultations:receipt", kwargs={"slug": "open", "receipt": "<script>"})
    assert client.get(ok).status_code == 200 and client.get(bad).status_code == 404


def test_public_pages_stay_under_the_page_budget(client: Any, open_consultation: Consultation) -> None:
    sizes = {}
    for lang in ("en", "km"):
        with translation.override(lang):
            urls = [
                reverse("consultations:consultation-list"),
                reverse("consultations:consultation-detail", kwargs={"slug": "open"}),
                reverse("consultations:submit", kwargs={"slug": "open"}),
                reverse("consultations:receipt", kwargs={"slug": "open", "receipt": "ABCDE-23456"}),
            ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            sizes[url] = len(gzip.compress(response.content))
    assert max(sizes.values()) < PAGE_BUDGET, sizes


def test_the_submit_page_with_many_items_stays_small(client: Any, world: World, units: Any) -> None:
    items = [{"code": f"{n:03}", "title_en": f"Item {n}", "title_km": "មុខចំណាយ", "amount_khr": n * 1000,
              "explanation_en": "An explanation of what this money pays for. " * 3} for n in range(1, 41)]  # fmt: skip
    make_consultation(slug="big", authority=world.un_agency, organisers=[], items=items)
    with translation.override("km"):
        url = reverse("consultations:submit", kwargs={"slug": "big"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(gzip.compress(response.content)) < PAGE_BUDGET
    assert len(queries) <= 8, [q["sql"] for q in queries]


# --- organisers ---------------------------------------------------------------------------------------------


def test_secretariat_creates_a_consultation_with_items_and_publishes_it(client_for: Any, world: World,
                                                                       units: Any, ministry: Any) -> None:  # fmt: skip
    client = client_for("secretariat")
    response = client.post(reverse("consultations:consultation-create"), {
        "slug": "siem-reap-2031", "title_km": "ថវិកាខេត្តសៀមរាប", "fiscal_year": "2031", "level": "province",
        "unit_code": "17", "authority": ministry.pk, "organisers": [world.own.pk], "asks_ranking": "on",
        "points_total": "100", "opens_at": "2031-01-01T08:00", "closes_at": "2031-02-01T17:00",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    c = Consultation.objects.get(slug="siem-reap-2031")
    assert c.unit == units["province"] and c.state == "draft" and list(c.organisers.all()) == [world.own]
    assert c.opens_at == dt.datetime(2031, 1, 1, 1, tzinfo=dt.UTC)  # entered in Phnom Penh time
    item_url = reverse("consultations:item-create", kwargs={"slug": c.slug})
    bad = client.post(item_url, {"code": "A", "title_en": "Roads", "amount_khr": "-5"})
    assert bad.status_code == 200 and not c.items.exists()
    assert client.post(item_url, {"code": "A", "title_en": "Roads", "amount_khr": "5000"}).status_code == 302
    item = c.items.get()
    edit = reverse("consultations:item-update", kwargs={"slug": c.slug, "pk": item.pk})
    assert (
        client.post(edit, {"code": "A", "title_en": "Paved roads", "amount_khr": "6000"}).status_code == 302
    )
    item.refresh_from_db()
    assert (item.title_en, item.amount_khr) == ("Paved roads", 6000)
    transition = reverse("consultations:consultation-transition", kwargs={"slug": c.slug})
    client.post(transition, {"to": "published"})
    c.refresh_from_db()
    assert c.state == "published"
    client.post(transition, {"to": "results"})  # not closed yet: refused with a message
    c.refresh_from_db()
    assert c.state == "published"
    assert client.get(transition).status_code == 405


def test_a_member_of_an_organiser_edits_and_moderates(
    client_for: Any, open_consultation: Consultation
) -> None:
    submission, _ = intake.submission_create(
        consultation=open_consultation, channel="web",
        data=SubmissionData(answers=[Answer("01", comment="Please fix the bridge")], consent=True),
    )  # fmt: skip
    comment = submission.inputs.get()
    client = client_for("member")
    queue = client.get(reverse("consultations:moderation", kwargs={"slug": "open"}))
    assert queue.status_code == 200 and "Please fix the bridge" in queue.content.decode()
    url = reverse("consultations:comment-moderate", kwargs={"slug": "open", "pk": comment.pk})
    missing_reason = client.post(url, {f"c{comment.pk}-decision": "publish", f"c{comment.pk}-reason": ""})
    assert missing_reason.status_code == 400
    done = client.post(url, {f"c{comment.pk}-decision": "publish", f"c{comment.pk}-reason": "On topic"})
    assert done.status_code == 302
    comment.refresh_from_db()
    assert comment.comment_state == "published" and comment.moderated_by is not None
    assert (
        client_for("un_focal_point")
        .get(reverse("consultations:moderation", kwargs={"slug": "open"}))
        .status_code
        == 403
    )
    edit = client_for("focal_point").get(
        reverse("consultations:consultation-update", kwargs={"slug": "open"})
    )
    assert (
        edit.status_code == 200
        and "only the title, the summary and the closing date" in edit.content.decode()
    )


def test_the_authority_records_its_response(client_for: Any, world: World, units: Any) -> None:
    now = timezone.now()
    c = make_consultation(slug="done", authority=world.un_agency, organisers=[world.own],
                          opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1))  # fmt: skip
    item = c.items.get(code="02")
    url = reverse("consultations:item-response", kwargs={"slug": "done", "pk": item.pk})
    assert client_for("member").get(url).status_code == 403
    client = client_for("un_focal_point")
    assert client.post(url, {"text_en": "", "text_km": ""}).status_code == 200
    assert client.post(url, {"text_en": "Two more health centres.", "text_km": ""}).status_code == 302
    assert ItemResponse.objects.get(item=item).responded_by == world.users["un_focal_point"]
    detail = reverse("consultations:consultation-detail", kwargs={"slug": "done"})
    assert "Two more health centres." not in client_for("anonymous").get(detail).content.decode()
    services.consultation_transition(consultation=c, to="results", actor=None)
    services.consultation_transition(consultation=c, to="response", actor=None)
    assert "Two more health centres." in client_for("anonymous").get(detail).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Any, open_consultation: Consultation) -> None:
    response = client.get(reverse("consultations:consultation-update", kwargs={"slug": "open"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("consultations:consultation-transition", kwargs={"slug": "open"}),
                       {"to": "draft"}).status_code == 302  # fmt: skip
    open_consultation.refresh_from_db()
    assert open_consultation.state == "published"
