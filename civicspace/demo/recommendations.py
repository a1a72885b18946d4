"""Illustrative tracker data for the demo meeting of 2 June 2021 (demo/dialogues.py).

Responses, commitments, progress reports and civil society assessments on the meeting's seven asks,
so the tracker, its dashboard and the overdue digest have something to show. None of it records
what any agency actually said or did: the texts are the project's own, written to show how the
tracker works. Evidence links point to example.org. Some addressees are left without a response, so
the asks show as overdue."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from civicspace.organisations.models import Organisation
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Commitment, Response, Theme

from .dialogues import SLUG

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
DEMO_NOTE_EN = "Illustrative demo data."
DEMO_NOTE_KM = "ទិន្នន័យគំរូសម្រាប់បង្ហាញ។"

# Keyed by the ask's position in the meeting (1-7, session by session), as in demo/dialogues.py SESSIONS.
TRACKER: dict[int, dict[str, Any]] = {
    1: {  # an annual CSO–UN dialogue
        "responses": [
            ("ohchr", "accepted", dt.date(2021, 6, 25),
             "We agree to meet civil society every year and will plan the next dialogue with the coalition secretariat.",
             "យើងយល់ព្រមជួបជាមួយសង្គមស៊ីវិលជារៀងរាល់ឆ្នាំ ហើយនឹងរៀបចំផែនការកិច្ចសន្ទនាលើកក្រោយជាមួយលេខាធិការដ្ឋានសម្ព័ន្ធ។"),
            ("undp", "accepted", dt.date(2021, 7, 5),
             "We support a yearly dialogue and will take part in preparing its agenda.",
             "យើងគាំទ្រកិច្ចសន្ទនាប្រចាំឆ្នាំ ហើយនឹងចូលរួមរៀបចំរបៀបវារៈ។"),
        ],
        "commitments": [
            ("ohchr", "Convene the next CSO–UN dialogue within twelve months.",
             "កោះប្រជុំកិច្ចសន្ទនារវាងសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិលើកក្រោយ ក្នុងរយៈពេលដប់ពីរខែ។",
             dt.date(2022, 6, 30), "A second dialogue held and its outcome document adopted", "ongoing"),
        ],
        "progress": [
            ("ohchr", "in_progress", 30, dt.date(2021, 8, 16),
             "A first planning call for the next dialogue took place with the coalition secretariat.",
             "ការហៅប្រជុំរៀបចំផែនការលើកដំបូងសម្រាប់កិច្ចសន្ទនាលើកក្រោយ បានធ្វើឡើងជាមួយលេខាធិការដ្ឋានសម្ព័ន្ធ។",
             [("Planning note for the next dialogue (demo)", "https://example.org/reports/dialogue-planning-note", True)]),
        ],
        "assessments": [
            ("ccc", "in_progress", dt.date(2021, 8, 25),
             "Planning has started; no date is fixed yet.",
             "ការរៀបចំផែនការបានចាប់ផ្តើម ប៉ុន្តែមិនទាន់កំណត់កាលបរិច្ឆេទនៅឡើយ។"),
        ],
    },
    2: {  # monitoring and intervention for prisoners of conscience
        "responses": [
            ("ohchr", "partially_accepted", dt.date(2021, 7, 12),
             "We will keep monitoring and raising individual cases through our usual channels; how to intervene is decided case by case.",
             "យើងនឹងបន្តតាមដាន និងលើកករណីនីមួយៗតាមរយៈបណ្តាញធម្មតារបស់យើង។ វិធីអន្តរាគមន៍ត្រូវសម្រេចតាមករណីនីមួយៗ។"),
        ],
        "progress": [
            ("ohchr", "partial", 60, dt.date(2021, 8, 30),
             "Reports that monitoring continued, with cases followed up in meetings.",
             "រាយការណ៍ថា ការតាមដានបានបន្ត ដោយមានការតាមដានករណីក្នុងកិច្ចប្រជុំ។",
             [("Monitoring summary (demo, restricted)", "https://example.org/reports/monitoring-summary", False)]),
        ],
        "assessments": [
            ("chrac", "not_implemented", dt.date(2021, 8, 31),
             "Civil society sees no direct intervention beyond statements so far.",
             "សង្គមស៊ីវិលមិនទាន់ឃើញមានអន្តរាគមន៍ផ្ទាល់ លើសពីសេចក្តីថ្លែងការណ៍នៅឡើយទេ។"),
        ],
    },
    3: {  # vulnerable people first in the health and social response
        "responses": [
            ("unicef", "accepted", dt.date(2021, 6, 30),
             "We will ask organisations of persons with disabilities to help plan the social response.",
             "យើងនឹងស្នើឱ្យអង្គការជនមានពិការភាពជួយរៀបចំផែនការឆ្លើយតបផ្នែកសង្គម។"),
            ("undp", "partially_accepted", dt.date(2021, 7, 20),
             "We support this within our social protection work, but cannot cover every group named.",
             "យើងគាំទ្រសំណើនេះក្នុងការងារកិច្ចគាំពារសង្គមរបស់យើង ប៉ុន្តែមិនអាចគ្របដណ្តប់គ្រប់ក្រុមដែលបានលើកឡើងទេ។"),
        ],
        "commitments": [
            ("unicef", "Consult organisations of persons with disabilities when planning the social response.",
             "ពិគ្រោះយោបល់ជាមួយអង្គការជនមានពិការភាព នៅពេលរៀបចំផែនការឆ្លើយតបផ្នែកសង្គម។",
             dt.date(2021, 12, 31), "Number of disability organisations consulted", "done"),
        ],
        "progress": [
            ("unicef", "implemented", 100, dt.date(2021, 8, 20),
             "Two consultations with disability organisations were held.",
             "ការពិគ្រោះយោបល់ពីរលើកជាមួយអង្គការជនមានពិការភាព ត្រូវបានធ្វើឡើង។",
             [("Consultation report (demo)", "https://example.org/reports/disability-consultation", True)]),
        ],
        "assessments": [
            ("cdpo", "partial", dt.date(2021, 8, 27),
             "The consultations happened, but poor households and children are not yet reached.",
             "ការពិគ្រោះយោបល់បានធ្វើឡើង ប៉ុន្តែគ្រួសារក្រីក្រ និងកុមារ មិនទាន់ទទួលបានផលនៅឡើយទេ។"),
        ],
    },
    4: {  # vaccination for civil society workers
        "responses": [
            ("undp", "noted", dt.date(2021, 6, 28),
             "Who is vaccinated first is decided by the national authorities; we will pass the request on.",
             "ការសម្រេចថាអ្នកណាត្រូវចាក់វ៉ាក់សាំងមុន ជាសមត្ថកិច្ចរបស់អាជ្ញាធរជាតិ។ យើងនឹងបញ្ជូនសំណើនេះបន្ត។"),
        ],
    },
    5: {  # children's learning during school closures
        "responses": [
            ("unesco", "accepted", dt.date(2021, 7, 2),
             "We will share online learning materials in Khmer and support teacher training.",
             "យើងនឹងចែករំលែកសម្ភារៈសិក្សាតាមអនឡាញជាភាសាខ្មែរ និងគាំទ្រការបណ្តុះបណ្តាលគ្រូ។"),
            ("unicef", "accepted", dt.date(2021, 7, 8),
             "We will help schools reach children who cannot go online.",
             "យើងនឹងជួយសាលារៀនឱ្យឈានដល់កុមារដែលមិនអាចប្រើអនឡាញបាន។"),
        ],
        "commitments": [
            ("unesco", "Share online learning materials in Khmer with partner schools.",
             "ចែករំលែកសម្ភារៈសិក្សាតាមអនឡាញជាភាសាខ្មែរជាមួយសាលារៀនដៃគូ។",
             dt.date(2021, 10, 31), "Materials published and shared with partner schools", "ongoing"),
        ],
        "progress": [
            ("unesco", "in_progress", 40, dt.date(2021, 8, 12),
             "A first set of materials was shared; teacher training is being prepared.",
             "សម្ភារៈមួយចំនួនដំបូងត្រូវបានចែករំលែក ហើយការបណ្តុះបណ្តាលគ្រូកំពុងរៀបចំ។",
             [("Learning materials list (demo)", "https://example.org/reports/learning-materials", True),
              ("Training plan draft (demo, restricted)", "https://example.org/reports/training-plan-draft", False)]),
        ],
        "assessments": [
            ("nep", "in_progress", dt.date(2021, 8, 28),
             "Materials reach some schools; rural children still lack devices.",
             "សម្ភារៈបានទៅដល់សាលារៀនមួយចំនួន ប៉ុន្តែកុមារនៅជនបទនៅតែខ្វះឧបករណ៍។"),
        ],
    },
    6: {  # budget transparency and public input
        "responses": [
            ("undp", "partially_accepted", dt.date(2021, 8, 10),
             "We can support a pilot of public input on one sub-national budget.",
             "យើងអាចគាំទ្រការសាកល្បងការផ្តល់យោបល់ពីសាធារណជនលើថវិកាថ្នាក់ក្រោមជាតិមួយ។"),
        ],
        "commitments": [
            ("undp", "Support a pilot of public input on a sub-national budget.",
             "គាំទ្រការសាកល្បងការផ្តល់យោបល់ពីសាធារណជនលើថវិកាថ្នាក់ក្រោមជាតិ។",
             dt.date(2022, 3, 31), "One pilot held and its results published", "planned"),
        ],
        "assessments": [
            ("ngo-forum", "not_started", dt.date(2021, 8, 31),
             "No pilot has been planned with civil society yet.",
             "មិនទាន់មានការរៀបចំផែនការសាកល្បងជាមួយសង្គមស៊ីវិលនៅឡើយទេ។"),
        ],
    },
    # 7 (UN funding for civil society): no addressee has responded, so it shows as overdue.
}  # fmt: skip

# The themes of each ask (data/themes.json), by the same position, so the theme filter has something to show.
THEMES: dict[int, list[str]] = {
    1: ["sdg-16-7", "sdg-17-17"],
    2: ["sdg-16-10", "special-rapporteur-cambodia", "upr"],
    3: ["sdg-10-2", "covid-19"],
    4: ["sdg-3-8", "covid-19"],
    5: ["sdg-4-1", "covid-19"],
    6: ["sdg-16-6", "sdg-16-7"],
    7: ["un-funding", "sdg-17-17"],
}


def _marked(text: str, note: str) -> str:
    return f"{text} ({note})"


@transaction.atomic
def load_demo_tracker() -> int:
    """Add the tracker data once (nothing happens if the demo meeting's asks already have responses,
    or the meeting is missing). Returns the number of records created (responses, commitments, progress
    updates, evidence links and assessments)."""
    asks = list(
        Ask.objects.filter(meeting__slug=SLUG, merged_into__isnull=True).order_by(
            "session__order", "order", "id"
        )
    )
    if not asks or Response.objects.filter(ask__in=asks).exists():
        return 0
    orgs = {o.slug: o for o in Organisation.objects.all().only("id", "slug", "name_en", "acronym_en")}
    themes = Theme.objects.in_bulk([slug for slugs in THEMES.values() for slug in slugs], field_name="slug")
    created = 0
    for position, ask in enumerate(asks, start=1):
        if not ask.themes.exists():
            services.ask_update(
                ask=ask, actor=None, themes=[themes[s] for s in THEMES.get(position, []) if s in themes]
            )
        spec = TRACKER.get(position, {})
        addressees = set(ask.addressees.values_list("slug", flat=True))
        for slug, answer, day, en, km in spec.get("responses", []):
            if slug in addressees:
                services.response_record(ask=ask, addressee=orgs[slug], position=answer,
                                                    responded_on=day, actor=None,
                                                    explanation_en=_marked(en, DEMO_NOTE_EN),
                                                    explanation_km=_marked(km, DEMO_NOTE_KM))  # fmt: skip
                created += 1
        answered_on = {slug: day for slug, _answer, day, _en, _km in spec.get("responses", [])}
        commitments: dict[str, Commitment] = {}
        for slug, en, km, due, indicator, state in spec.get("commitments", []):
            if slug in orgs:
                commitment = services.commitment_add(ask=ask, actor=None, organisation=orgs[slug],
                                                     description_en=en, description_km=km, due_on=due,
                                                     indicator=indicator, status=state,
                                                     committed_on=answered_on.get(slug, dt.date(2021, 8, 1)))  # fmt: skip
                commitments[slug] = commitment
                created += 1
        for slug, status, percent, day, en, km, links in spec.get("progress", []):
            if slug in orgs:
                update = services.progress_report(
                    ask=ask, status=status, progress=percent, actor=None, organisation=orgs[slug],
                    commitment=commitments.get(slug), note_en=_marked(en, DEMO_NOTE_EN),
                    note_km=_marked(km, DEMO_NOTE_KM), reported_on=day,
                    evidence=[{"title": title, "url": url, "is_public": public} for title, url, public in links],
                )  # fmt: skip
                created += 1 + update.evidence.count()
        for slug, status, day, en, km in spec.get("assessments", []):
            if slug in orgs:
                services.assessment_record(ask=ask, organisation=orgs[slug], status=status,
                                                        actor=None, note_en=_marked(en, DEMO_NOTE_EN),
                                                        note_km=_marked(km, DEMO_NOTE_KM), assessed_on=day)  # fmt: skip
                created += 1
    return created
