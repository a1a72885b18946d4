"""Demo budget consultations, with synthetic input.

- A national consultation on a 2022 COVID-19 response budget by the Ministry of Economy and Finance.
  Input was open for seven weeks until ten days ago, and its results are published.
- A commune consultation (Sla Kram, Siem Reap municipality) on its investment plan, open for input now.

The budget items, amounts, explanations and comments are the project's own, written to show how a
consultation works: they are not the government's figures. The submissions are synthetic, drawn
with a fixed random seed: spread over the 25 capital/provinces roughly in proportion to their
population (2019 census, rounded), with mixed channels and demographics, and some comments waiting
for moderation while others are published. Loading twice changes nothing: every synthetic submission
has an idempotency key, and existing consultations are left as they are."""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicspace.consultations import services
from civicspace.consultations.intake import WG_DOMAINS, Answer, SubmissionData, submissions_bulk_create
from civicspace.consultations.models import Consultation, ItemInput, Submission
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit
from civicspace.places.services import ensure_gazetteer

NATIONAL = "covid-19-response-2022"
COMMUNE = "sla-kram-investment-plan"
COMMUNE_CODE = "171001"  # Sangkat Sla Kram, Siem Reap municipality, Siem Reap province (NCDD)
DEMO_NOTE_EN = "Illustrative demo data: the items and amounts are not official figures."
DEMO_NOTE_KM = "ទិន្នន័យគំរូសម្រាប់បង្ហាញ៖ មុខចំណាយ និងចំនួនទឹកប្រាក់ មិនមែនជាតួលេខផ្លូវការទេ។"

CONSENT_EN = (
    "I agree that the organisers use my answers for this budget consultation. Answers about me are only "
    "counted in groups and are never shown one by one."
)
CONSENT_KM = (
    "ខ្ញុំយល់ព្រមឱ្យអ្នករៀបចំប្រើប្រាស់ចម្លើយរបស់ខ្ញុំ សម្រាប់ការពិគ្រោះយោបល់លើថវិកានេះ។ "
    "ព័ត៌មានអំពីខ្លួនខ្ញុំ ត្រូវរាប់បញ្ចូលតែជាក្រុមប៉ុណ្ណោះ ហើយមិនត្រូវបង្ហាញម្នាក់ៗឡើយ។"
)

NATIONAL_ITEMS: list[dict[str, Any]] = [
    {"code": "C19-01", "amount_khr": 1_200_000_000_000,
     "title_en": "Vaccines and the vaccination campaign", "title_km": "វ៉ាក់សាំង និងយុទ្ធនាការចាក់វ៉ាក់សាំង",
     "explanation_en": "Buying vaccines, keeping them cold, and paying the teams that vaccinate in every district.",
     "explanation_km": "ការទិញវ៉ាក់សាំង ការរក្សាទុកក្នុងទូត្រជាក់ និងការចំណាយលើក្រុមចាក់វ៉ាក់សាំងនៅគ្រប់ស្រុក។"},
    {"code": "C19-02", "amount_khr": 2_400_000_000_000,
     "title_en": "Cash transfers for poor and vulnerable households",
     "title_km": "ការឧបត្ថម្ភសាច់ប្រាក់ដល់គ្រួសារក្រីក្រ និងងាយរងគ្រោះ",
     "explanation_en": "Monthly cash for households with an IDPoor card, with more for families with children, "
                       "older people or a person with a disability.",
     "explanation_km": "ប្រាក់ឧបត្ថម្ភប្រចាំខែសម្រាប់គ្រួសារដែលមានប័ណ្ណសមធម៌ ដោយផ្តល់បន្ថែមដល់គ្រួសារដែលមានកុមារ "
                       "មនុស្សចាស់ ឬជនមានពិការភាព។"},
    {"code": "C19-03", "amount_khr": 600_000_000_000,
     "title_en": "Hospitals, treatment centres and oxygen", "title_km": "មន្ទីរពេទ្យ មណ្ឌលព្យាបាល និងអុកស៊ីសែន",
     "explanation_en": "Beds, oxygen and protective equipment for the hospitals and centres that treat COVID-19 patients.",
     "explanation_km": "គ្រែ អុកស៊ីសែន និងសម្ភារៈការពារខ្លួន សម្រាប់មន្ទីរពេទ្យ និងមណ្ឌលដែលព្យាបាលអ្នកជំងឺកូវីដ-១៩។"},
    {"code": "C19-04", "amount_khr": 250_000_000_000,
     "title_en": "Testing and contact tracing", "title_km": "ការធ្វើតេស្ត និងការតាមដានអ្នកប៉ះពាល់",
     "explanation_en": "Rapid tests and laboratory tests, and the health workers who find the people a patient met.",
     "explanation_km": "តេស្តរហ័ស និងតេស្តមន្ទីរពិសោធន៍ ព្រមទាំងបុគ្គលិកសុខាភិបាលដែលស្វែងរកអ្នកដែលបានជួបអ្នកជំងឺ។"},
    {"code": "C19-05", "amount_khr": 500_000_000_000,
     "title_en": "Wage support for suspended workers",
     "title_km": "ការឧបត្ថម្ភប្រាក់ឈ្នួលដល់កម្មករដែលត្រូវព្យួរការងារ",
     "explanation_en": "A monthly allowance for garment, tourism and hotel workers whose jobs were suspended.",
     "explanation_km": "ប្រាក់ឧបត្ថម្ភប្រចាំខែសម្រាប់កម្មករកាត់ដេរ ទេសចរណ៍ និងសណ្ឋាគារ ដែលការងាររបស់ពួកគេត្រូវបានព្យួរ។"},
    {"code": "C19-06", "amount_khr": 800_000_000_000,
     "title_en": "Low-interest loans for small businesses",
     "title_km": "ឥណទានការប្រាក់ទាបសម្រាប់សហគ្រាសធុនតូច និងមធ្យម",
     "explanation_en": "Cheaper loans through banks so that shops and small firms can keep their staff.",
     "explanation_km": "ឥណទានដែលមានការប្រាក់ទាបតាមរយៈធនាគារ ដើម្បីឱ្យហាង និងសហគ្រាសតូចៗ អាចរក្សាបុគ្គលិកបាន។"},
    {"code": "C19-07", "amount_khr": 150_000_000_000,
     "title_en": "Safe reopening of schools and distance learning",
     "title_km": "ការបើកសាលារៀនឡើងវិញដោយសុវត្ថិភាព និងការសិក្សាពីចម្ងាយ",
     "explanation_en": "Hand-washing points in schools, and lessons on television, radio and online while schools were closed.",
     "explanation_km": "កន្លែងលាងដៃនៅតាមសាលារៀន និងមេរៀនតាមទូរទស្សន៍ វិទ្យុ និងអនឡាញ ពេលសាលារៀនបិទ។"},
    {"code": "C19-08", "amount_khr": 300_000_000_000,
     "title_en": "Support for farmers and the food supply", "title_km": "ការគាំទ្រកសិករ និងការផ្គត់ផ្គង់ស្បៀង",
     "explanation_en": "Seeds, fertiliser and transport so that food keeps reaching markets during lockdowns.",
     "explanation_km": "គ្រាប់ពូជ ជី និងការដឹកជញ្ជូន ដើម្បីឱ្យស្បៀងអាហារនៅតែទៅដល់ផ្សារ ក្នុងពេលបិទខ្ទប់។"},
]  # fmt: skip

COMMUNE_ITEMS: list[dict[str, Any]] = [
    {"code": "CIP-01", "amount_khr": 180_000_000,
     "title_en": "Concrete road to the market (800 m)", "title_km": "ផ្លូវបេតុងទៅផ្សារ (៨០០ ម៉ែត្រ)",
     "explanation_en": "Replacing the dirt road that turns to mud every rainy season.",
     "explanation_km": "ជំនួសផ្លូវដីដែលក្លាយជាភក់រាល់រដូវវស្សា។"},
    {"code": "CIP-02", "amount_khr": 120_000_000,
     "title_en": "Drainage channels against flooding", "title_km": "ប្រឡាយបង្ហូរទឹក ការពារទឹកជំនន់",
     "explanation_en": "Covered channels so that rain water leaves the streets and houses quickly.",
     "explanation_km": "ប្រឡាយមានគម្រប ដើម្បីឱ្យទឹកភ្លៀងហូរចេញពីផ្លូវ និងផ្ទះបានលឿន។"},
    {"code": "CIP-03", "amount_khr": 75_000_000,
     "title_en": "Clean water connections for poor households", "title_km": "ការតភ្ជាប់ទឹកស្អាតសម្រាប់គ្រួសារក្រីក្រ",
     "explanation_en": "Paying the connection fee to the water network for about 150 households with an IDPoor card.",
     "explanation_km": "បង់ថ្លៃតភ្ជាប់បណ្តាញទឹកស្អាត សម្រាប់គ្រួសារមានប័ណ្ណសមធម៌ប្រមាណ ១៥០ គ្រួសារ។"},
    {"code": "CIP-04", "amount_khr": 40_000_000,
     "title_en": "Street lights", "title_km": "អំពូលភ្លើងបំភ្លឺផ្លូវ",
     "explanation_en": "Solar street lights on the roads to the school and the health centre.",
     "explanation_km": "អំពូលភ្លើងបំភ្លឺផ្លូវប្រើថាមពលព្រះអាទិត្យ នៅតាមផ្លូវទៅសាលារៀន និងមណ្ឌលសុខភាព។"},
    {"code": "CIP-05", "amount_khr": 30_000_000,
     "title_en": "Pre-school classes and school supplies", "title_km": "ថ្នាក់មត្តេយ្យ និងសម្ភារៈសិក្សា",
     "explanation_en": "A teacher's allowance for two community pre-school classes, and books for poor pupils.",
     "explanation_km": "ប្រាក់ឧបត្ថម្ភគ្រូសម្រាប់ថ្នាក់មត្តេយ្យសហគមន៍ពីរ និងសៀវភៅសម្រាប់សិស្សក្រីក្រ។"},
]  # fmt: skip

NATIONAL_COMMENTS = {
    "C19-01": ["វ៉ាក់សាំងគួរតែទៅដល់មនុស្សចាស់ និងជនមានពិការភាពមុនគេ។",
               "Please bring vaccination teams to the villages far from the health centre."],
    "C19-02": ["សូមផ្តល់អាទិភាពដល់គ្រួសារក្រីក្រនៅតាមជនបទ។",
               "ប្រាក់ឧបត្ថម្ភមកដល់យឺតពេក។ សូមធ្វើឱ្យនីតិវិធីសាមញ្ញជាងនេះ។",
               "Many poor families in our village have no IDPoor card yet."],
    "C19-03": ["ត្រូវការអុកស៊ីសែនបន្ថែមនៅមន្ទីរពេទ្យខេត្ត។"],
    "C19-04": ["សូមបោះពុម្ពផ្សាយលទ្ធផលតេស្តឱ្យបានរហ័សជាងនេះ។"],
    "C19-05": ["កម្មករដែលបាត់បង់ការងារ ត្រូវការជំនួយរហូតដល់រោងចក្របើកវិញ។",
               "Workers in small factories did not receive the allowance."],
    "C19-06": ["Small shops in our market need loans without collateral.",
               "សូមពន្យល់ឱ្យច្បាស់ថា តើនរណាខ្លះមានសិទ្ធិខ្ចីប្រាក់នេះ។"],
    "C19-07": ["ការសិក្សាពីចម្ងាយមិនដំណើរការសម្រាប់កុមារដែលគ្មានទូរស័ព្ទឆ្លាតវៃទេ។"],
    "C19-08": ["សូមបោះពុម្ពផ្សាយរបាយការណ៍ចំណាយឱ្យបានទៀងទាត់។"],
}  # fmt: skip
COMMUNE_COMMENTS = {
    "CIP-01": ["ផ្លូវនេះលិចទឹករាល់រដូវវស្សា ហើយកូនៗខ្ញុំមិនអាចទៅសាលាបានទេ។"],
    "CIP-02": ["ទឹកជន់ចូលផ្ទះយើងរៀងរាល់ឆ្នាំ។"],
    "CIP-03": ["គ្រួសារខ្ញុំនៅតែទិញទឹកពីឡានដឹកទឹក។", "Water from the network is too expensive for us."],
    "CIP-04": ["សូមដំឡើងភ្លើងបំភ្លឺផ្លូវនៅជិតសាលារៀន ដើម្បីសុវត្ថិភាពកុមារ។"],
    "CIP-05": ["ថ្នាក់មត្តេយ្យជួយឪពុកម្តាយដែលត្រូវទៅធ្វើការ។"],
}  # fmt: skip

# Capital/province code -> population in thousands (2019 census, rounded): where the input comes from.
PROVINCE_WEIGHTS = {
    "01": 860, "02": 997, "03": 899, "04": 527, "05": 877, "06": 677, "07": 592, "08": 1195, "09": 123,
    "10": 372, "11": 88, "12": 2129, "13": 251, "14": 1057, "15": 411, "16": 204, "17": 1006, "18": 310,
    "19": 160, "20": 525, "21": 900, "22": 262, "23": 41, "24": 76, "25": 776,
}  # fmt: skip
CHANNELS = [(Submission.Channel.WEB, 55), (Submission.Channel.IMPORT, 20), (Submission.Channel.OFFLINE, 15),
            (Submission.Channel.SMS, 7), (Submission.Channel.API, 3)]  # fmt: skip
GENDERS = [("woman", 48), ("man", 46), ("other", 1), ("", 5)]
AGES = [("under_18", 4), ("18_24", 17), ("25_34", 24), ("35_44", 20), ("45_59", 18), ("60_up", 9), ("", 8)]
DIFFICULTY = [("none", 86), ("some", 9), ("a_lot", 4), ("cannot", 1)]


@dataclass
class DemoResult:
    consultations_created: list[str] = field(default_factory=list)
    submissions_created: int = 0
    submissions_already_there: int = 0
    comments_moderated: int = 0


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


# The budget authorities of the demo consultations (government bodies; the directory's other demo
# organisations are in organisations.py). The demo budget-authority account is a focal point of MEF.
AUTHORITIES: dict[str, dict[str, str]] = {
    "mef": {"slug": "mef", "name_en": "Ministry of Economy and Finance",
            "name_km": "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ", "acronym_en": "MEF", "acronym_km": "សហវ"},
    "sla-kram-sangkat-council": {"slug": "sla-kram-sangkat-council", "name_en": "Sla Kram Sangkat Council",
                                 "name_km": "ក្រុមប្រឹក្សាសង្កាត់ស្លក្រាម"},
}  # fmt: skip


def _authority(slug: str, **fields: Any) -> Organisation:
    existing = Organisation.objects.filter(slug=slug).first()
    return existing or org_services.organisation_create(actor=None, slug=slug, kind="government", **fields)


def load_authorities() -> None:
    """The demo consultations' budget authorities, before the demo accounts that belong to them."""
    for fields in AUTHORITIES.values():
        _authority(**fields)


def _organisers(*slugs: str) -> list[Organisation]:
    return list(Organisation.objects.filter(slug__in=slugs))


class _Places:
    """The active units by province, to draw a person's place (province, district or commune)."""

    def __init__(self) -> None:
        self.districts: dict[str, list[str]] = {}
        self.communes: dict[str, list[str]] = {}
        for code, level in AdminUnit.objects.filter(is_active=True, level__in=["district", "commune"]).order_by(
            "code"
        ).values_list("code", "level"):  # fmt: skip
            (self.districts if level == "district" else self.communes).setdefault(code[:2], []).append(code)

    def draw(self, rng: random.Random, province: str) -> str:
        roll = rng.random()
        if roll < 0.12:
            return ""  # not given
        if roll < 0.35 or not self.districts.get(province):
            return province
        if roll < 0.6 or not self.communes.get(province):
            return rng.choice(self.districts[province])
        return rng.choice(self.communes[province])


def _person(rng: random.Random, places: _Places, province: str) -> dict[str, Any]:
    disability: dict[str, str] = {}
    if rng.random() < 0.7:  # most people answer the Washington Group questions
        disability = {domain: _pick(rng, DIFFICULTY) for domain in WG_DOMAINS}
    return {"gender": _pick(rng, GENDERS), "age_band": _pick(rng, AGES), "disability": disability,
            "place_code": places.draw(rng, province), "consent": True}  # fmt: skip


def _points(rng: random.Random, codes: list[str], total: int) -> list[Answer]:
    chosen = rng.sample(codes, rng.randint(1, min(4, len(codes))))
    weights = [rng.random() + 0.2 for _ in chosen]
    shares = [int(total * w / sum(weights)) for w in weights]
    return [Answer(item_code=code, points=share) for code, share in zip(chosen, shares, strict=True)]


def _rows(consultation: Consultation, *, count: int, rng: random.Random, places: _Places,
          comments: dict[str, list[str]], home: str | None = None) -> list[tuple[str, SubmissionData]]:  # fmt: skip
    """(channel, input) for `count` synthetic people, keyed `demo-<slug>-<n>`."""
    codes = [item.code for item in consultation.items.all()]
    provinces = list(PROVINCE_WEIGHTS.items())
    rows = []
    for n in range(count):
        province = home if home and rng.random() < 0.9 else _pick(rng, provinces)
        if consultation.asks_points:
            answers = _points(rng, codes, consultation.points_total)
        else:
            order = rng.sample(codes, len(codes))
            answers = [
                Answer(item_code=code, rank=i)
                for i, code in enumerate(order[: rng.randint(1, len(codes))], 1)
            ]
        if rng.random() < 0.15:  # some leave a comment on one item
            answer = rng.choice(answers)
            answer.comment = rng.choice(comments.get(answer.item_code) or ["សូមអរគុណ។"])
        data = SubmissionData(answers=answers, idempotency_key=f"demo-{consultation.slug}-{n}",
                              **_person(rng, places, province))  # fmt: skip
        rows.append((_pick(rng, CHANNELS), data))
    return rows


def _store(consultation: Consultation, rows: list[tuple[str, SubmissionData]], *, start: dt.datetime,
           end: dt.datetime, rng: random.Random, result: DemoResult) -> None:  # fmt: skip
    """Store the rows as if they had arrived between `start` and `end`, one batch per channel and day."""
    days = max(1, (end - start).days)
    by_batch: dict[tuple[int, str], list[SubmissionData]] = {}
    for channel, data in rows:
        by_batch.setdefault((rng.randrange(days), channel), []).append(data)
    for (day, channel), batch in sorted(by_batch.items()):
        moment = min(start + dt.timedelta(days=day, hours=rng.randint(1, 20)), end - dt.timedelta(minutes=1))
        if channel in (Submission.Channel.IMPORT, Submission.Channel.OFFLINE):
            for data in batch:  # given on paper or offline a little earlier
                data.captured_at = max(start, moment - dt.timedelta(hours=rng.randint(1, 30)))
        stored = submissions_bulk_create(consultation=consultation, rows=batch, channel=channel, now=moment)
        result.submissions_created += stored.created
        result.submissions_already_there += stored.already_stored


def _moderate(consultation: Consultation, rng: random.Random, result: DemoResult) -> None:
    """Publish most comments, keep a few back, and leave the rest waiting (only on the first load)."""
    pending = ItemInput.objects.filter(
        submission__consultation=consultation, comment_state=ItemInput.State.PENDING
    ).order_by("pk")
    if ItemInput.objects.filter(submission__consultation=consultation, moderated_at__isnull=False).exists():
        return
    for item_input in pending:
        roll = rng.random()
        if roll < 0.6:
            services.comment_moderate(
                item_input=item_input, publish=True, reason="On topic (demo).", actor=None
            )
        elif roll < 0.65:
            services.comment_moderate(item_input=item_input, publish=False, actor=None,
                                      reason="Names a private person (demo).")  # fmt: skip
        else:
            continue
        result.comments_moderated += 1


@transaction.atomic
def load(*, now: dt.datetime | None = None, submissions: int = 3000, seed: int = 2022) -> DemoResult:
    """Load the two demo consultations and about `submissions` synthetic submissions (90% on the
    national one, 10% on the commune one). Idempotent: run it again and nothing is added."""
    now = now or timezone.now()
    ensure_gazetteer()
    result = DemoResult()
    places = _Places()
    national, created = _national(now)
    if created:
        result.consultations_created.append(national.slug)
    # Input came in while it was open; its results were published after it closed.
    # One random stream per consultation and purpose, so the people drawn are the same on every load.
    rng = random.Random(f"{seed}-national")  # noqa: S311  (synthetic demo data, not security)
    rows = _rows(national, count=submissions * 9 // 10, rng=rng, places=places, comments=NATIONAL_COMMENTS)
    if national.state == Consultation.State.PUBLISHED:
        _store(national, rows, start=national.opens_at, end=national.closes_at, rng=rng, result=result)
        _moderate(national, rng, result)
        national = services.consultation_transition(consultation=national, to="results", actor=None, now=now)
    commune, created = _commune(now)
    if created:
        result.consultations_created.append(commune.slug)
    if commune.state == Consultation.State.PUBLISHED:
        rng = random.Random(f"{seed}-commune")  # noqa: S311  (synthetic demo data, not security)
        rows = _rows(
            commune, count=submissions // 10, rng=rng, places=places, comments=COMMUNE_COMMENTS, home="17"
        )
        _store(commune, rows, start=commune.opens_at, end=min(now, commune.closes_at), rng=rng, result=result)
        _moderate(commune, rng, result)
    return result


def _national(now: dt.datetime) -> tuple[Consultation, bool]:
    existing = Consultation.objects.filter(slug=NATIONAL).first()
    if existing is not None:
        return existing, False
    ministry = _authority(**AUTHORITIES["mef"])
    opens, closes = now - dt.timedelta(days=60), now - dt.timedelta(days=10)
    consultation = services.consultation_create(
        actor=None, slug=NATIONAL, fiscal_year=2022, level="national", authority=ministry,
        organisers=_organisers("ngo-forum", "ccc"), items=NATIONAL_ITEMS, opens_at=opens, closes_at=closes,
        title_en="COVID-19 response budget 2022", title_km="ថវិកាឆ្លើយតបនឹងជំងឺកូវីដ-១៩ ឆ្នាំ២០២២",
        summary_en="How should the 2022 COVID-19 response money be shared? Give up to 100 points to the items "
                   "that matter most to you, and comment on any item. " + DEMO_NOTE_EN,
        summary_km="តើប្រាក់សម្រាប់ឆ្លើយតបនឹងជំងឺកូវីដ-១៩ ឆ្នាំ២០២២ គួរបែងចែកយ៉ាងដូចម្តេច? សូមផ្តល់ពិន្ទុរហូតដល់ ១០០ "
                   "ដល់មុខចំណាយដែលសំខាន់បំផុតសម្រាប់អ្នក ហើយផ្តល់យោបល់លើមុខចំណាយណាមួយក៏បាន។ " + DEMO_NOTE_KM,
        asks_comments=True, asks_ranking=False, asks_points=True, points_total=100,
        consent_en=CONSENT_EN, consent_km=CONSENT_KM,
    )  # fmt: skip
    published = services.consultation_transition(consultation=consultation, to="published", actor=None,
                                                 now=opens - dt.timedelta(days=7))  # fmt: skip
    return published, True


def _commune(now: dt.datetime) -> tuple[Consultation, bool]:
    existing = Consultation.objects.filter(slug=COMMUNE).first()
    if existing is not None:
        return existing, False
    unit = AdminUnit.objects.get(code=COMMUNE_CODE)
    council = _authority(**AUTHORITIES["sla-kram-sangkat-council"])
    opens, closes = now - dt.timedelta(days=14), now + dt.timedelta(days=30)
    consultation = services.consultation_create(
        actor=None, slug=COMMUNE, fiscal_year=now.year + 1, level="commune", unit=unit, authority=council,
        organisers=_organisers("ccc"), items=COMMUNE_ITEMS, opens_at=opens, closes_at=closes,
        title_en="Sla Kram: commune investment plan", title_km="ស្លក្រាម៖ ផែនការវិនិយោគឃុំសង្កាត់",
        summary_en="The sangkat council is preparing next year's investment plan. Put the five projects in "
                   "the order you would fund them, and tell the council why. " + DEMO_NOTE_EN,
        summary_km="ក្រុមប្រឹក្សាសង្កាត់កំពុងរៀបចំផែនការវិនិយោគឆ្នាំក្រោយ។ សូមរៀបគម្រោងទាំងប្រាំតាមលំដាប់ដែលអ្នកនឹងផ្តល់ថវិកា "
                   "ហើយប្រាប់ក្រុមប្រឹក្សាពីមូលហេតុ។ " + DEMO_NOTE_KM,
        asks_comments=True, asks_ranking=True, asks_points=False, consent_en=CONSENT_EN, consent_km=CONSENT_KM,
    )  # fmt: skip
    published = services.consultation_transition(consultation=consultation, to="published", actor=None,
                                                 now=opens - dt.timedelta(days=2))  # fmt: skip
    return published, True
