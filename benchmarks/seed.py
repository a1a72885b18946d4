"""Fill the benchmark database up to 2,000 organisations, fast.

Run by benchmarks/run.py as `python -m benchmarks.seed --total 2000` with the benchmark's settings,
after `manage.py load_demo --no-accounts` has created the 15 demo organisations through the services.

The extra organisations are *bulk-created*: one `bulk_create` for the organisations (with
`search_document` computed by `civicspace.core.i18n.search_document`, exactly as
`services.organisation_create` does) and one for the organisation-sector through table. No audit rows
are written for them, which does not affect the pages measured. Names and descriptions are built from
parallel English and Khmer fragments (kind of body, field of work, province), so every organisation
has a realistic name and description in both languages and 1-3 sectors."""

import argparse
import json
import random
import sys
from dataclasses import dataclass
from typing import Any

from civicspace.core.i18n import to_khmer_digits

from .common import EN_QUERY, KM_QUERY, SECTOR, TOTAL_ORGANISATIONS

# Networks and coalitions are a small part of a real directory; the others are single organisations.
# (The share matters: the directory's "Member of" filter lists every coalition as an <option>.)
COALITION_SHARE = 0.05


@dataclass(frozen=True)
class Body:
    en: str
    km: str
    kind: str


@dataclass(frozen=True)
class Focus:
    en: str
    km: str
    sectors: tuple[str, ...]


BODIES = (
    Body("Association", "សមាគម", "cso"),
    Body("Organisation", "អង្គការ", "cso"),
    Body("Foundation", "មូលនិធិ", "cso"),
    Body("Centre", "មជ្ឈមណ្ឌល", "cso"),
    Body("Institute", "វិទ្យាស្ថាន", "cso"),
    Body("Committee", "គណៈកម្មាធិការ", "cso"),
    Body("Network", "បណ្ដាញ", "coalition"),
    Body("Alliance", "សម្ព័ន្ធ", "coalition"),
    Body("Federation", "សហព័ន្ធ", "coalition"),
)

FOCUSES = (
    Focus("Community Development", "អភិវឌ្ឍន៍សហគមន៍", ("democratic-development",)),
    Focus("Women's Rights", "សិទ្ធិស្ត្រី", ("women-gender", "human-rights")),
    Focus("Clean Water and Sanitation", "ទឹកស្អាត និងអនាម័យ", ("health", "environment-land")),
    Focus("Children's Education", "ការអប់រំកុមារ", ("education", "children")),
    Focus("Rural Health", "សុខភាពជនបទ", ("health",)),
    Focus("Youth Leadership", "ភាពជាអ្នកដឹកនាំយុវជន", ("youth",)),
    Focus("Farmers' Livelihoods", "ជីវភាពកសិករ", ("environment-land", "social-protection")),
    Focus("Land Rights", "សិទ្ធិដីធ្លី", ("environment-land", "human-rights")),
    Focus("Disability Inclusion", "បរិយាប័ន្នជនមានពិការភាព", ("disability",)),
    Focus("Workers' Rights", "សិទ្ធិកម្មករ", ("labour", "human-rights")),
    Focus("Good Governance", "អភិបាលកិច្ចល្អ", ("transparency-governance",)),
    Focus("Budget Transparency", "តម្លាភាពថវិកា", ("public-finance", "transparency-governance")),
    Focus("Forests and Fisheries", "ព្រៃឈើ និងជលផល", ("environment-land",)),
    Focus("Legal Aid", "ជំនួយផ្លូវច្បាប់", ("human-rights",)),
    Focus("Social Protection", "កិច្ចគាំពារសង្គម", ("social-protection",)),
    Focus("Democracy and Elections", "លទ្ធិប្រជាធិបតេយ្យ និងការបោះឆ្នោត", ("democratic-development", "civic-space")),
    Focus("Media Freedom", "សេរីភាពសារព័ត៌មាន", ("civic-space",)),
    Focus("Early Childhood", "កុមារតូច", ("children", "education")),
    Focus("Maternal Health", "សុខភាពមាតា", ("health", "women-gender")),
    Focus("Indigenous Peoples", "ជនជាតិដើមភាគតិច", ("human-rights", "environment-land")),
)

PROVINCES = (
    ("Banteay Meanchey", "បន្ទាយមានជ័យ"), ("Battambang", "បាត់ដំបង"), ("Kampong Cham", "កំពង់ចាម"),
    ("Kampong Chhnang", "កំពង់ឆ្នាំង"), ("Kampong Speu", "កំពង់ស្ពឺ"), ("Kampong Thom", "កំពង់ធំ"),
    ("Kampot", "កំពត"), ("Kandal", "កណ្ដាល"), ("Kep", "កែប"), ("Koh Kong", "កោះកុង"), ("Kratie", "ក្រចេះ"),
    ("Mondulkiri", "មណ្ឌលគិរី"), ("Oddar Meanchey", "ឧត្តរមានជ័យ"), ("Pailin", "ប៉ៃលិន"),
    ("Phnom Penh", "ភ្នំពេញ"), ("Preah Sihanouk", "ព្រះសីហនុ"), ("Preah Vihear", "ព្រះវិហារ"),
    ("Prey Veng", "ព្រៃវែង"), ("Pursat", "ពោធិ៍សាត់"), ("Ratanakiri", "រតនគិរី"), ("Siem Reap", "សៀមរាប"),
    ("Stung Treng", "ស្ទឹងត្រែង"), ("Svay Rieng", "ស្វាយរៀង"), ("Takeo", "តាកែវ"), ("Tboung Khmum", "ត្បូងឃ្មុំ"),
)  # fmt: skip

PEOPLE = (
    ("local communities", "សហគមន៍មូលដ្ឋាន"),
    ("women and girls", "ស្ត្រី និងក្មេងស្រី"),
    ("young people", "យុវជន"),
    ("farmers", "កសិករ"),
    ("persons with disabilities", "ជនមានពិការភាព"),
    ("garment workers", "កម្មករកាត់ដេរ"),
    ("commune councils", "ក្រុមប្រឹក្សាឃុំ"),
    ("schools", "សាលារៀន"),
)

MEANS = (
    ("training and advocacy", "ការបណ្ដុះបណ្ដាល និងការតស៊ូមតិ"),
    ("research and monitoring", "ការស្រាវជ្រាវ និងការតាមដាន"),
    ("community dialogue", "កិច្ចសន្ទនាសហគមន៍"),
    ("legal support", "ការគាំទ្រផ្លូវច្បាប់"),
    ("small grants", "ជំនួយឥតសំណងខ្នាតតូច"),
    ("public forums", "វេទិកាសាធារណៈ"),
)


@dataclass(frozen=True)
class Draft:
    fields: dict[str, str]
    sector_slugs: tuple[str, ...]


def drafts(count: int, *, seed: int = 2000) -> list[Draft]:
    """`count` distinct organisations, the same ones on every run."""
    rng = random.Random(seed)
    combos = [(b, f, p) for b in BODIES for f in FOCUSES for p in PROVINCES]
    coalitions = [c for c in combos if c[0].kind == "coalition"]
    others = [c for c in combos if c[0].kind != "coalition"]
    n_coalitions = round(count * COALITION_SHARE)
    if n_coalitions > len(coalitions) or count - n_coalitions > len(others):
        raise ValueError(f"cannot make {count} distinct organisations")
    picked = rng.sample(coalitions, n_coalitions) + rng.sample(others, count - n_coalitions)
    rng.shuffle(picked)
    all_sectors = sorted({s for f in FOCUSES for s in f.sectors} | {"other"})
    result = []
    for body, focus, (province_en, province_km) in picked:
        name_en = f"{province_en} {focus.en} {body.en}"
        capital = province_en == "Phnom Penh"
        where_en = province_en if capital else f"{province_en} province"
        where_km = ("រាជធានី" if capital else "ខេត្ត") + province_km
        name_km = f"{body.km}{focus.km}{where_km}"
        acronym = "".join(w[0] for w in name_en.replace("'s", "").split() if w[0].isupper())
        article = "An" if body.en[0] in "AEIOU" else "A"
        people_en, people_km = rng.choice(PEOPLE)
        means_en, means_km = rng.choice(MEANS)
        year = rng.randint(1993, 2022)
        sectors = list(focus.sectors)
        if len(sectors) < 3 and rng.random() < 0.35:
            extra = rng.choice(all_sectors)
            if extra not in sectors:
                sectors.append(extra)
        fields = {
            "kind": body.kind,
            "name_en": name_en,
            "name_km": name_km,
            "acronym_en": acronym if rng.random() < 0.5 else "",
            "description_en": (
                f"{article} {body.en.lower()} founded in {year} in {where_en} that works on "
                f"{focus.en.lower()} with {people_en}, through {means_en}."
            ),
            "description_km": (
                f"{body.km}ដែលបង្កើតឡើងនៅឆ្នាំ{to_khmer_digits(year)} នៅ{where_km} ធ្វើការលើ{focus.km} "
                f"ជាមួយ{people_km} តាមរយៈ{means_km}។"
            ),
        }
        result.append(Draft(fields=fields, sector_slugs=tuple(sectors)))
    return result


def seed(total: int) -> dict[str, Any]:
    from django.db import transaction
    from django.utils.text import slugify

    from civicspace.core.i18n import search_document
    from civicspace.organisations.models import Organisation, Sector

    sectors = {s.slug: s for s in Sector.objects.all()}
    existing = Organisation.objects.count()
    missing = max(0, total - existing)
    taken = set(Organisation.objects.values_list("slug", flat=True))
    orgs: list[Organisation] = []
    wanted: list[tuple[str, ...]] = []
    for draft in drafts(missing):
        slug = slugify(draft.fields["name_en"])[:80]
        if slug in taken:
            raise RuntimeError(f"slug {slug!r} already exists; is this a fresh benchmark database?")
        taken.add(slug)
        f = draft.fields
        sector_text = [f"{sectors[s].name_en} {sectors[s].name_km}" for s in draft.sector_slugs]
        document = search_document(
            f["name_en"],
            f["name_km"],
            f["acronym_en"],
            "",
            f["description_en"],
            f["description_km"],
            *sector_text,
        )
        orgs.append(Organisation(slug=slug, search_document=document, **f))
        wanted.append(draft.sector_slugs)
    through = Organisation.sectors.through
    with transaction.atomic():
        created = Organisation.objects.bulk_create(orgs, batch_size=500)
        links = [
            through(organisation_id=org.pk, sector_id=sectors[slug].pk)
            for org, slugs in zip(created, wanted, strict=True)
            for slug in slugs
        ]
        through.objects.bulk_create(links, batch_size=1000)
    return {"created": len(created), "sector_links": len(links), "total": Organisation.objects.count()}


def matches() -> dict[str, int]:
    """How many organisations each timed request finds (the first page shows at most 30)."""
    from civicspace.organisations import selectors

    return {
        "all": selectors.organisation_list().count(),
        "q_en": selectors.organisation_list(filters={"q": EN_QUERY}).count(),
        "q_km": selectors.organisation_list(filters={"q": KM_QUERY}).count(),
        "sector": selectors.organisation_list(filters={"sector": SECTOR}).count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--total", type=int, default=TOTAL_ORGANISATIONS)
    args = parser.parse_args(argv)
    import django

    django.setup()
    result = seed(args.total)
    result["matches"] = matches()
    print(json.dumps(result))  # the last line of output is read by benchmarks/run.py
    return 0


if __name__ == "__main__":
    sys.exit(main())
