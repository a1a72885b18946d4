"""Demo dialogue: the CSO–UN virtual meeting of 2 June 2021, its four sector sessions and their asks.

Everything is stated in the project's own words. The co-chairs are the demo accounts of the CCC
secretariat and the OHCHR focal point, so the sign-off can be tried; the real meeting's chairs are not
recorded here."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from civicspace.dialogues import services
from civicspace.dialogues.models import DialogueCycle, Meeting, OutcomeVersion
from civicspace.organisations.models import Organisation, Sector
from civicspace.recommendations import services as ask_services

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
CSO_NETWORKS = ["ccc", "ngo-forum", "hacc", "cdpo", "api", "chrac", "tic", "crc", "gadc", "cpdd", "nep"]
UN_AGENCIES = ["ohchr", "unesco", "unicef", "undp"]

SESSIONS: list[dict[str, Any]] = [
    {
        "sector": "civic-space",
        "title_en": "Enabling environment",
        "title_km": "បរិយាកាសអំណោយផល",
        "concerns_en": "Administrative and health measures taken during the COVID-19 outbreak made it harder for civil society to work.",
        "concerns_km": "វិធានការរដ្ឋបាល និងសុខាភិបាលក្នុងអំឡុងពេលការផ្ទុះជំងឺកូវីដ-១៩ បានធ្វើឱ្យសង្គមស៊ីវិលពិបាកបំពេញការងារ។",
        "asks": [
            {
                "text_en": "Hold an official dialogue between civil society and the UN every year, covering the effects of COVID-19 on national policy, partnership and legal reform, at national and sub-national level.",
                "text_km": "រៀបចំកិច្ចសន្ទនាផ្លូវការរវាងសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិជារៀងរាល់ឆ្នាំ ដោយពិភាក្សាពីផលប៉ះពាល់នៃជំងឺកូវីដ-១៩ លើគោលនយោបាយជាតិ ភាពជាដៃគូ និងកំណែទម្រង់ច្បាប់ ទាំងថ្នាក់ជាតិ និងថ្នាក់ក្រោមជាតិ។",
                "addressees": UN_AGENCIES,
                "priority": "high",
            }
        ],
    },
    {
        "sector": "human-rights",
        "title_en": "Human rights",
        "title_km": "សិទ្ធិមនុស្ស",
        "concerns_en": "Around thirty people were arrested for what they said during the COVID-19 measures, and civil society was not consulted on those measures.",
        "concerns_km": "មនុស្សប្រហែលសាមសិបនាក់ត្រូវបានចាប់ខ្លួនដោយសារការបញ្ចេញមតិក្នុងអំឡុងវិធានការកូវីដ-១៩ ហើយសង្គមស៊ីវិលមិនត្រូវបានពិគ្រោះយោបល់អំពីវិធានការទាំងនោះទេ។",
        "asks": [
            {
                "text_en": "Step up monitoring and direct intervention for the release of all prisoners of conscience, going further than statements at the Human Rights Council.",
                "text_km": "បង្កើនការតាមដាន និងអន្តរាគមន៍ផ្ទាល់ ដើម្បីដោះលែងអ្នកទោសមនសិការទាំងអស់ ដោយធ្វើលើសពីសេចក្តីថ្លែងការណ៍នៅក្រុមប្រឹក្សាសិទ្ធិមនុស្ស។",
                "addressees": UN_AGENCIES,
                "priority": "high",
            }
        ],
    },
    {
        "sector": "health",
        "title_en": "Health and social protection",
        "title_km": "សុខាភិបាល និងកិច្ចគាំពារសង្គម",
        "concerns_en": "Poor and vulnerable people, including people with disabilities and children, were hit hardest by the pandemic.",
        "concerns_km": "ជនក្រីក្រ និងជនងាយរងគ្រោះ រួមទាំងជនមានពិការភាព និងកុមារ រងផលប៉ះពាល់ធ្ងន់ធ្ងរបំផុតពីជំងឺរាតត្បាត។",
        "asks": [
            {
                "text_en": "Put vulnerable people first in the public health and social response, in particular people with disabilities, poor households and children.",
                "text_km": "ផ្តល់អាទិភាពដល់ជនងាយរងគ្រោះក្នុងការឆ្លើយតបផ្នែកសុខភាពសាធារណៈ និងសង្គម ជាពិសេសជនមានពិការភាព គ្រួសារក្រីក្រ និងកុមារ។",
                "addressees": ["unicef", "undp"],
                "priority": "high",
            },
            {
                "text_en": "Set up a way for civil society workers to be vaccinated against COVID-19, so that they can keep serving communities.",
                "text_km": "បង្កើតយន្តការដើម្បីឱ្យបុគ្គលិកសង្គមស៊ីវិលអាចចាក់វ៉ាក់សាំងការពារជំងឺកូវីដ-១៩ ដើម្បីបន្តបម្រើសហគមន៍។",
                "addressees": UN_AGENCIES,
                "priority": "high",
            },
            {
                "text_en": "Help children keep learning during school closures, with online learning materials and training for teachers in online teaching.",
                "text_km": "ជួយកុមារឱ្យបន្តការសិក្សាក្នុងអំឡុងពេលបិទសាលារៀន ដោយផ្តល់សម្ភារៈសិក្សាតាមអនឡាញ និងបណ្តុះបណ្តាលគ្រូលើការបង្រៀនតាមអនឡាញ។",
                "addressees": ["unicef", "unesco"],
                "priority": "medium",
            },
        ],
    },
    {
        "sector": "public-finance",
        "title_en": "Financing civil society",
        "title_km": "ហិរញ្ញប្បទានសម្រាប់សង្គមស៊ីវិល",
        "concerns_en": "The public has no way to give input on how the budget is managed, nationally or locally.",
        "concerns_km": "សាធារណជនមិនមានមធ្យោបាយផ្តល់យោបល់លើការគ្រប់គ្រងថវិកា ទាំងថ្នាក់ជាតិ និងថ្នាក់មូលដ្ឋានទេ។",
        "asks": [
            {
                "text_en": "Support an effective and transparent use of the national budget for people in need, including a way for the public to give input on budgets at national and sub-national level.",
                "text_km": "គាំទ្រការប្រើប្រាស់ថវិកាជាតិប្រកបដោយប្រសិទ្ធភាព និងតម្លាភាពសម្រាប់អ្នកខ្វះខាត រួមទាំងមធ្យោបាយឱ្យសាធារណជនផ្តល់យោបល់លើថវិកាថ្នាក់ជាតិ និងថ្នាក់ក្រោមជាតិ។",
                "addressees": ["undp"],
                "priority": "medium",
            },
            {
                "text_en": "Fund civil society through UN sources such as the UN trust funds and emergency funding, which are neutral and independent.",
                "text_km": "ផ្តល់មូលនិធិដល់សង្គមស៊ីវិលតាមរយៈប្រភពរបស់អង្គការសហប្រជាជាតិ ដូចជាមូលនិធិទុកចិត្ត និងមូលនិធិសង្គ្រោះបន្ទាន់ ដែលមានលក្ខណៈអព្យាក្រឹត និងឯករាជ្យ។",
                "addressees": UN_AGENCIES,
                "priority": "medium",
            },
        ],
    },
]  # fmt: skip

SECTIONS: list[dict[str, Any]] = [
    {
        "order": 1,
        "heading_en": "Introduction",
        "heading_km": "សេចក្តីផ្តើម",
        "body_en": "Eleven Cambodian civil society networks met the OHCHR, UNESCO, UNICEF and UNDP online on 2 June 2021 to discuss civil society's space and needs during the COVID-19 pandemic, in four sector sessions.",
        "body_km": "បណ្តាញសង្គមស៊ីវិលកម្ពុជាចំនួនដប់មួយ បានជួបជាមួយ OHCHR UNESCO UNICEF និង UNDP តាមប្រព័ន្ធអនឡាញ នៅថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១ ដើម្បីពិភាក្សាអំពីលំហ និងតម្រូវការរបស់សង្គមស៊ីវិលក្នុងអំឡុងជំងឺរាតត្បាតកូវីដ-១៩ ក្នុងវគ្គវិស័យចំនួនបួន។",
        "is_closing": False,
    },
    {
        "order": 2,
        "heading_en": "Closing commitments",
        "heading_km": "ការប្តេជ្ញាចិត្តបញ្ចប់",
        "body_en": "All participants committed to keep working together as partners, professionally, for an enabling environment for civil society during and after the pandemic.",
        "body_km": "អ្នកចូលរួមទាំងអស់បានប្តេជ្ញាបន្តធ្វើការជាមួយគ្នាជាដៃគូ ប្រកបដោយវិជ្ជាជីវៈ ដើម្បីបរិយាកាសអំណោយផលសម្រាប់សង្គមស៊ីវិល ទាំងក្នុង និងក្រោយជំងឺរាតត្បាត។",
        "is_closing": True,
    },
]  # fmt: skip

SLUG = "cso-un-virtual-meeting-2021"
ADOPTED_AT = dt.datetime(2021, 6, 2, 15, 0, tzinfo=PHNOM_PENH)  # the afternoon of the meeting
CYCLE_SLUG = "cso-un-dialogue"


@transaction.atomic
def load_demo_meeting(*, cso_co_chair: Any = None, un_co_chair: Any = None) -> Meeting | None:
    """Create the June 2021 meeting once. With both co-chairs given, they sign the outcome (adopted)."""
    if Meeting.objects.filter(slug=SLUG).exists():
        return None
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=CSO_NETWORKS + UN_AGENCIES)}
    # The annual CSO–UN dialogue: the 2021 meeting is its first; the next years' meetings join the cycle.
    cycle = DialogueCycle.objects.filter(slug=CYCLE_SLUG).first() or services.cycle_create(
        actor=None,
        slug=CYCLE_SLUG,
        title_en="Annual CSO–UN dialogue",
        title_km="កិច្ចសន្ទនាប្រចាំឆ្នាំរវាងសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ",
        description_en="The yearly meeting between Cambodian civil society networks and the UN agencies.",
        description_km="កិច្ចប្រជុំប្រចាំឆ្នាំរវាងបណ្តាញសង្គមស៊ីវិលកម្ពុជា និងទីភ្នាក់ងារអង្គការសហប្រជាជាតិ។",
    )
    meeting = services.meeting_create(
        actor=None,
        slug=SLUG,
        cycle=cycle,
        title_en="CSO–UN virtual meeting, June 2021",
        title_km="កិច្ចប្រជុំតាមប្រព័ន្ធអនឡាញរវាងសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ ខែមិថុនា ឆ្នាំ២០២១",
        starts_at=dt.datetime(2021, 6, 2, 9, 0, tzinfo=PHNOM_PENH),
        ends_at=dt.datetime(2021, 6, 2, 12, 0, tzinfo=PHNOM_PENH),
        mode=Meeting.Mode.VIRTUAL,
        venue_en="Online, from Phnom Penh",
        venue_km="តាមប្រព័ន្ធអនឡាញ ពីភ្នំពេញ",
        summary_en="The first meeting of what civil society asked to become an annual dialogue with the UN.",
        summary_km="កិច្ចប្រជុំលើកដំបូង ដែលសង្គមស៊ីវិលស្នើឱ្យក្លាយជាកិច្ចសន្ទនាប្រចាំឆ្នាំជាមួយអង្គការសហប្រជាជាតិ។",
    )
    for slug in CSO_NETWORKS + UN_AGENCIES:
        if slug in orgs:
            services.participant_add(meeting=meeting, actor=None, organisation=orgs[slug], status="attended")
    raisers = [orgs[s] for s in CSO_NETWORKS if s in orgs]
    for order, spec in enumerate(SESSIONS, start=1):
        session = services.session_create(
            meeting=meeting,
            actor=None,
            order=order,
            sector=Sector.objects.get(slug=spec["sector"]),
            title_en=spec["title_en"],
            title_km=spec["title_km"],
            concerns_en=spec["concerns_en"],
            concerns_km=spec["concerns_km"],
        )
        for ask in spec["asks"]:
            ask_services.ask_create(
                actor=None,
                session=session,
                text_en=ask["text_en"],
                text_km=ask["text_km"],
                priority=ask["priority"],
                raised_by=raisers,
                addressees=[orgs[s] for s in ask["addressees"] if s in orgs],
            )
    for section in SECTIONS:
        services.outcome_section_save(meeting=meeting, actor=None, **section)
    meeting = services.meeting_set_status(meeting=meeting, status=Meeting.Status.HELD, actor=None)
    if cso_co_chair is not None and un_co_chair is not None:
        services.co_chair_add(
            meeting=meeting, user=cso_co_chair, organisation=orgs["ccc"], side="cso", actor=None
        )
        services.co_chair_add(
            meeting=meeting, user=un_co_chair, organisation=orgs["ohchr"], side="un", actor=None
        )
    version = services.outcome_version_create(meeting=meeting, actor=None)
    if cso_co_chair is not None and un_co_chair is not None:
        services.outcome_sign(version=version, user=cso_co_chair)
        services.outcome_sign(version=version, user=un_co_chair)
        # The demo replays 2021: the summary is dated the day of the meeting (the seed's "Phnom Penh,
        # June 02, 2021"), so the version, its signatures and its adoption carry that date, not today's.
        OutcomeVersion.objects.filter(pk=version.pk).update(created_at=ADOPTED_AT, adopted_at=ADOPTED_AT)
        version.sign_offs.update(signed_at=ADOPTED_AT)
        version.refresh_from_db()
        assert version.status == OutcomeVersion.Status.ADOPTED
    return meeting
