"""Synthetic outcome content (the schema of `compose_outcome`) for benchmarks and previews, built
without the database. Usage:

    from civicspace.dialogues.outcome.sample import benchmark_content
    content = benchmark_content(pages=10)  # about ten A4 pages when rendered "bi"
"""

from itertools import cycle, islice
from typing import Any

SECTORS = [
    ("human-rights", "Human rights", "សិទ្ធិមនុស្ស"),
    ("education", "Education", "អប់រំ"),
    ("health", "Health", "សុខាភិបាល"),
    ("land", "Land and natural resources", "ដីធ្លី និងធនធានធម្មជាតិ"),
    ("gender", "Gender equality", "សមភាពយេនឌ័រ"),
]

CONCERNS = [
    (
        "Citizens in rural areas still struggle to obtain quality health services, and the cost of "
        "travel to a referral hospital keeps many families away from care they need.",
        "ពលរដ្ឋនៅតាមជនបទនៅតែជួបការលំបាកក្នុងការទទួលបានសេវាសុខាភិបាលប្រកបដោយគុណភាព "
        "ហើយថ្លៃធ្វើដំណើរទៅមន្ទីរពេទ្យបង្អែកធ្វើឱ្យគ្រួសារជាច្រើនមិនអាចទទួលបានការថែទាំដែលពួកគេត្រូវការ។",
    ),
    (
        "Human rights defenders need a safe environment to carry out their work without fear of "
        "harassment, and community groups ask for clear rules on registration.",
        "អ្នកការពារសិទ្ធិមនុស្សត្រូវការបរិយាកាសមានសុវត្ថិភាពដើម្បីបំពេញការងាររបស់ពួកគេដោយគ្មានការភ័យខ្លាច "
        "ហើយក្រុមសហគមន៍ស្នើសុំឱ្យមានច្បាប់ច្បាស់លាស់អំពីការចុះបញ្ជី។",
    ),
    (
        "Public consultation on sub-national budgets does not yet take place every year, so citizens "
        "cannot see how commune funds are spent on schools, roads and clean water.",
        "ការពិគ្រោះយោបល់ជាសាធារណៈលើថវិកាថ្នាក់ក្រោមជាតិមិនទាន់ធ្វើឡើងជារៀងរាល់ឆ្នាំនៅឡើយទេ "
        "ដូច្នេះពលរដ្ឋមិនអាចដឹងថាថវិកាឃុំសង្កាត់ត្រូវបានចំណាយលើសាលារៀន ផ្លូវថ្នល់ និងទឹកស្អាតយ៉ាងដូចម្តេចទេ។",
    ),
]

ASKS = [
    (
        "Increase the budget for primary education and health in the next budget law.",
        "សូមបង្កើនថវិកាសម្រាប់វិស័យអប់រំបឋមសិក្សា និងសុខាភិបាលនៅក្នុងច្បាប់ថវិកាឆ្នាំក្រោយ។",
        ["MoEYS", "MoH", "UNICEF"],
    ),
    (
        "Support teacher training in the provinces, with a focus on remote schools.",
        "សូមគាំទ្រការបណ្តុះបណ្តាលគ្រូបង្រៀននៅតាមខេត្ត ដោយផ្តោតលើសាលារៀននៅតំបន់ដាច់ស្រយាល។",
        ["UNESCO", "MoEYS"],
    ),
    (
        "Ensure that the Law on Associations and NGOs is implemented transparently.",
        "សូមធានាថាច្បាប់ស្តីពីសមាគម និងអង្គការមិនមែនរដ្ឋាភិបាលត្រូវបានអនុវត្តដោយតម្លាភាព។",
        ["MoI", "OHCHR"],
    ),
    (
        "Hold a public consultation on commune budgets every year and publish the results.",
        "សូមរៀបចំការពិគ្រោះយោបល់ជាសាធារណៈលើថវិកាឃុំសង្កាត់ជារៀងរាល់ឆ្នាំ និងផ្សព្វផ្សាយលទ្ធផល។",
        ["NCDD", "UNDP"],
    ),
]


def _org(slug: str, kind: str, name_en: str, name_km: str, acronym: str) -> dict[str, str]:
    return {"slug": slug, "kind": kind, "name_en": name_en, "name_km": name_km, "acronym_en": acronym,
            "acronym_km": ""}  # fmt: skip


def benchmark_content(pages: int = 10) -> dict[str, Any]:
    """A bilingual outcome with enough sessions and asks to fill about `pages` A4 pages in "bi"."""
    sessions_count = max(1, pages)
    ccc = _org(
        "ccc", "coalition", "Cooperation Committee for Cambodia", "គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា", "CCC"
    )
    undp = _org("undp", "un_agency", "United Nations Development Programme", "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ", "UNDP")
    sessions = []
    for n, (slug, sector_en, sector_km) in enumerate(islice(cycle(SECTORS), sessions_count), start=1):
        concerns = [CONCERNS[(n + i) % len(CONCERNS)] for i in range(2)]
        asks = [ASKS[(n + i) % len(ASKS)] for i in range(4)]
        sessions.append(
            {
                "order": n,
                "sector": slug,
                "sector_en": sector_en,
                "sector_km": sector_km,
                "title_en": f"{sector_en}: priorities for the coming year",
                "title_km": f"{sector_km}៖ អាទិភាពសម្រាប់ឆ្នាំខាងមុខ",
                "moderator": "Sokha Chan",
                "concerns_en": "\n\n".join(c[0] for c in concerns),
                "concerns_km": "\n\n".join(c[1] for c in concerns),
                "notes_en": CONCERNS[n % len(CONCERNS)][0],
                "notes_km": CONCERNS[n % len(CONCERNS)][1],
                "asks": [{"text_en": en, "text_km": km, "addressees": to} for en, km, to in asks],
            }
        )
    return {
        "schema": "civicspace.outcome/1",
        "version": 1,
        "meeting": {
            "slug": "cso-un-dialogue-2025",
            "title_en": "Annual CSO–UN Dialogue 2025",
            "title_km": "កិច្ចសន្ទនាប្រចាំឆ្នាំរវាងអង្គការសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ ឆ្នាំ២០២៥",
            "cycle_en": "Annual CSO–UN Dialogue",
            "cycle_km": "កិច្ចសន្ទនាប្រចាំឆ្នាំរវាងអង្គការសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ",
            "starts_at": "2025-06-15T01:30:00+00:00",
            "ends_at": "2025-06-15T10:00:00+00:00",
            "mode": "hybrid",
            "venue_en": "Phnom Penh",
            "venue_km": "ភ្នំពេញ",
            "summary_en": CONCERNS[0][0],
            "summary_km": CONCERNS[0][1],
        },
        "conveners": [ccc, undp],
        "co_chairs": [
            {"name": "Sophea Kim", "organisation": ccc, "side": "cso"},
            {"name": "Jane Doe", "organisation": undp, "side": "un"},
        ],
        "participants": [ccc, undp],
        "attendance": {"by_kind": {"coalition": 1, "un_agency": 1}, "by_gender": {"man": 12, "woman": 15}},
        "sessions": sessions,
        "sections": [
            {
                "heading_en": "Introduction",
                "heading_km": "សេចក្តីផ្តើម",
                "body_en": CONCERNS[2][0],
                "body_km": CONCERNS[2][1],
                "is_closing": False,
            },
            {
                "heading_en": "",
                "heading_km": "",
                "body_en": "We commit to follow up on these asks and to report to each other within six months.",
                "body_km": "យើងប្តេជ្ញាតាមដានការអនុវត្តសំណើទាំងនេះ និងរាយការណ៍ជូនគ្នាទៅវិញទៅមកក្នុងរយៈពេលប្រាំមួយខែ។",
                "is_closing": True,
            },
        ],
    }
