"""Who may open the consultation pages (merged by tests/test_url_matrix.py). `prepare` makes the
sample consultation "own" (the matrix's sample slug): published and open for input, organised by the
member's and focal point's organisation, with the UN agency as its budget authority and one submission.
The parts' own tests check their pages per role in the other phases (draft, closed, results)."""

import datetime as dt
from typing import Any

from tests.matrix import ADMIN, ANON, SECRETARIAT, UN, every, login_then

# Managers of the sample consultation: members of its organiser (the member, the focal point), coalition
# secretariats and admins. Item pages open for them while published (the services refuse changes to
# items after the draft, with a message). Results before their publication are for managers only.
MANAGE = login_then(200, **{UN: 403})
RESULTS_EARLY = {**MANAGE, ANON: 404}
# Facilitators (members of CSOs and coalitions, secretariats, admins) import and capture offline.
CAPTURE = login_then(200, **{UN: 403})

EXPECTED: dict[str, dict[str, int]] = {
    # core (views/consultations.py, views/submit.py, api/views.py); POST-only actions answer GET with 405
    "consultations:consultation-list": every(200),
    "consultations:consultation-create": login_then(403, **{SECRETARIAT: 200, ADMIN: 200}),
    "consultations:consultation-detail": every(200),
    "consultations:consultation-update": MANAGE,
    "consultations:consultation-transition": every(405),
    "consultations:submit": every(200),
    "consultations:receipt": every(200),  # shows the number from its address, confirms nothing
    "consultations:item-create": MANAGE,
    "consultations:item-update": MANAGE,
    "consultations:item-delete": every(405),
    "consultations:item-response": login_then(403, **{UN: 200, ADMIN: 200}),  # the authority's focal point
    "consultations:moderation": MANAGE,
    "consultations:comment-moderate": every(405),
    "api:consultation-list": every(200),
    "api:consultation-detail": every(200),
    "api:consultation-submissions": every(405),
    # results (views/results.py, api/results.py): not published yet, so managers only; a visitor gets 404
    # (not a login page in place of a CSV), anyone else signed in 403
    "consultations:results": RESULTS_EARLY,
    "consultations:results-data": RESULTS_EARLY,
    "consultations:results-comments": RESULTS_EARLY,
    "consultations:results-report": RESULTS_EARLY,
    "api:consultation-results": {**every(200), ANON: 403, UN: 403},
    # channels (views/imports.py, views/offline.py, api/channels.py); the webhook takes POST only
    "consultations:import-upload": CAPTURE,
    "consultations:import-template": CAPTURE,
    "consultations:import-status": login_then(404, **{UN: 403}),  # no such import job
    "consultations:offline-capture": CAPTURE,
    "consultations:offline-sw": every(200),
    "consultations:offline-manifest": every(200),
    "api:consultation-sms": every(405),
    "api:consultation-offline-sync": {**CAPTURE, ANON: 401},
}
SAMPLE_OVERRIDES: dict[str, dict[str, str]] = {
    "consultations:receipt": {"receipt": "ABCDE-23456"},
    "consultations:results-data": {"fmt": "csv"},
    "consultations:results-comments": {"fmt": "json"},
    "consultations:import-template": {"fmt": "csv"},
    # the sample consultation's item (its id depends on the database's sequence): see prepare()
    "consultations:item-update": {"pk": "ITEMPK"},
    "consultations:item-delete": {"pk": "ITEMPK"},
    "consultations:item-response": {"pk": "ITEMPK"},
}


def prepare(world: Any) -> dict[str, str]:
    from django.core.cache import cache
    from django.utils import timezone

    from civicspace.consultations import intake, services

    cache.clear()  # rate-limit counters
    now = timezone.now()
    consultation = services.consultation_create(
        actor=None, slug="own", authority=world.un_agency, organisers=[world.own], title_en="Budget 2031",
        fiscal_year=2031, level="national", opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=9),
        items=[{"code": "01", "title_en": "Rural roads", "amount_khr": 1_000_000}],
    )  # fmt: skip
    consultation = services.consultation_transition(consultation=consultation, to="published", actor=None)
    intake.submission_create(
        consultation=consultation,
        data=intake.SubmissionData(answers=[intake.Answer(item_code="01", comment="Fix the road.")]),
        channel="web",
    )
    return {"ITEMPK": str(consultation.items.get().pk)}
