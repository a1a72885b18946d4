"""Demo directory: the fifteen participants of the CSO–UN virtual meeting of 2 June 2021, and the
bodies their asks are addressed to (the UN system as a whole, the Royal Government and ministries),
so that an imported outcome document matches them instead of proposing new organisations.

Facts (names, acronyms, fields of work) are stated in the project's own words. Every organisation
has a Khmer acronym: the one in use in Khmer where there is one (សហវ for the Ministry of Economy
and Finance, អយក for the Ministry of Education, អ.ស.ប for the United Nations); for the UN agencies
the Latin acronym, which is what Khmer texts use for them (UNICEF is also written យូនីសេហ្វ); for
the others an abbreviation of the Khmer name by its initials, as Khmer abbreviates names
(organisations may use another one: correct it in the directory)."""

from typing import Any

DEMO_ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "ccc", "kind": "coalition", "acronym_en": "CCC", "acronym_km": "គ.ស.ក",
        "name_en": "Cooperation Committee for Cambodia",
        "name_km": "គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា",
        "description_en": "A membership network of NGOs that works for an enabling environment, good governance and the effectiveness of civil society.",
        "description_km": "បណ្ដាញសមាជិកអង្គការមិនមែនរដ្ឋាភិបាល ដែលធ្វើការដើម្បីបរិយាកាសអំណោយផល អភិបាលកិច្ចល្អ និងប្រសិទ្ធភាពសង្គមស៊ីវិល។",
        "sectors": ["civic-space", "transparency-governance"],
    },
    {
        "slug": "ngo-forum", "kind": "coalition", "acronym_en": "NGO Forum", "acronym_km": "វ.អ.ក",
        "name_en": "NGO Forum on Cambodia",
        "name_km": "វេទិកាអង្គការមិនមែនរដ្ឋាភិបាលស្ដីពីកម្ពុជា",
        "description_en": "A network of local and international NGOs that follows public budgets, land, natural resources and development policy.",
        "description_km": "បណ្ដាញអង្គការក្នុងស្រុក និងអន្តរជាតិ ដែលតាមដានថវិកាសាធារណៈ ដីធ្លី ធនធានធម្មជាតិ និងគោលនយោបាយអភិវឌ្ឍន៍។",
        "sectors": ["public-finance", "environment-land", "civic-space"],
    },
    {
        "slug": "hacc", "kind": "coalition", "acronym_en": "HACC", "acronym_km": "គ.ស.ស.ស",
        "name_en": "Health Action Coordinating Committee",
        "name_km": "គណៈកម្មាធិការសម្របសម្រួលសកម្មភាពសុខភាព",
        "description_en": "A coordinating body of health NGOs that speaks for them in national health policy.",
        "description_km": "ស្ថាប័នសម្របសម្រួលអង្គការសុខភាព ដែលតំណាងឱ្យពួកគេក្នុងគោលនយោបាយសុខាភិបាលជាតិ។",
        "sectors": ["health", "social-protection"],
    },
    {
        "slug": "cdpo", "kind": "coalition", "acronym_en": "CDPO", "acronym_km": "អ.ជ.ព.ក",
        "name_en": "Cambodian Disabled People's Organization",
        "name_km": "អង្គការជនពិការកម្ពុជា",
        "description_en": "The national umbrella of organisations of persons with disabilities, working for their rights and inclusion.",
        "description_km": "ស្ថាប័នឆ័ត្រជាតិនៃអង្គការជនមានពិការភាព ដែលធ្វើការដើម្បីសិទ្ធិ និងបរិយាប័ន្នរបស់ពួកគេ។",
        "sectors": ["disability", "human-rights"],
    },
    {
        "slug": "api", "kind": "cso", "acronym_en": "API", "acronym_km": "វ.ត.គ",
        "name_en": "Advocacy and Policy Institute",
        "name_km": "វិទ្យាស្ថានតស៊ូមតិ និងគោលនយោបាយ",
        "description_en": "An institute that builds advocacy skills and supports citizens' participation in local governance and budgets.",
        "description_km": "វិទ្យាស្ថានដែលពង្រឹងជំនាញតស៊ូមតិ និងគាំទ្រការចូលរួមរបស់ពលរដ្ឋក្នុងអភិបាលកិច្ច និងថវិកាមូលដ្ឋាន។",
        "sectors": ["transparency-governance", "public-finance"],
    },
    {
        "slug": "chrac", "kind": "coalition", "acronym_en": "CHRAC", "acronym_km": "គ.ស.ម.ក",
        "name_en": "Cambodian Human Rights Action Committee",
        "name_km": "គណៈកម្មាធិការសកម្មភាពសិទ្ធិមនុស្សកម្ពុជា",
        "description_en": "A coalition of human-rights and legal-aid NGOs that monitors and defends fundamental freedoms.",
        "description_km": "សម្ព័ន្ធអង្គការសិទ្ធិមនុស្ស និងជំនួយផ្លូវច្បាប់ ដែលតាមដាន និងការពារសេរីភាពជាមូលដ្ឋាន។",
        "sectors": ["human-rights", "civic-space"],
    },
    {
        "slug": "tic", "kind": "cso", "acronym_en": "TIC", "acronym_km": "ត.អ.ក",
        "name_en": "Transparency International Cambodia",
        "name_km": "អង្គការតម្លាភាពអន្តរជាតិកម្ពុជា",
        "description_en": "The Cambodian chapter of the global anti-corruption movement, working on integrity and accountability.",
        "description_km": "សាខាកម្ពុជានៃចលនាប្រឆាំងអំពើពុករលួយសកល ដែលធ្វើការលើសុចរិតភាព និងគណនេយ្យភាព។",
        "sectors": ["transparency-governance"],
    },
    {
        "slug": "crc", "kind": "coalition", "acronym_en": "CRC", "acronym_km": "ស.ស.ក",
        "name_en": "Child Rights Coalition Cambodia",
        "name_km": "សម្ព័ន្ធសិទ្ធិកុមារកម្ពុជា",
        "description_en": "A coalition of NGOs that promotes and monitors the rights of children.",
        "description_km": "សម្ព័ន្ធអង្គការដែលលើកកម្ពស់ និងតាមដានសិទ្ធិកុមារ។",
        "sectors": ["children", "human-rights"],
    },
    {
        "slug": "gadc", "kind": "cso", "acronym_en": "GADC", "acronym_km": "យ.អ.ក",
        "name_en": "Gender and Development for Cambodia",
        "name_km": "អង្គការយេនឌ័រ និងការអភិវឌ្ឍន៍សម្រាប់កម្ពុជា",
        "description_en": "An organisation that works for gender equality and women's leadership.",
        "description_km": "អង្គការដែលធ្វើការដើម្បីសមភាពយេនឌ័រ និងភាពជាអ្នកដឹកនាំរបស់ស្ត្រី។",
        "sectors": ["women-gender"],
    },
    {
        "slug": "cpdd", "kind": "coalition", "acronym_en": "CPDD", "acronym_km": "ស.ភ.ដ.អ",
        "name_en": "Coalition for Partnership in Democratic Development",
        "name_km": "សម្ព័ន្ធភាពដើម្បីភាពជាដៃគូក្នុងការអភិវឌ្ឍប្រកបដោយលទ្ធិប្រជាធិបតេយ្យ",
        "description_en": "A coalition that promotes partnership between civil society and the state for democratic development.",
        "description_km": "សម្ព័ន្ធដែលលើកកម្ពស់ភាពជាដៃគូរវាងសង្គមស៊ីវិល និងរដ្ឋ ដើម្បីការអភិវឌ្ឍប្រកបដោយលទ្ធិប្រជាធិបតេយ្យ។",
        "sectors": ["democratic-development", "civic-space"],
    },
    {
        "slug": "nep", "kind": "coalition", "acronym_en": "NEP", "acronym_km": "គ.អ.ភ.អ",
        "name_en": "NGO Education Partnership",
        "name_km": "គណៈកម្មាធិការអង្គការមិនមែនរដ្ឋាភិបាលដើម្បីភាពជាដៃគូក្នុងវិស័យអប់រំ",
        "description_en": "A membership body of education NGOs that works with the ministry on quality education for all.",
        "description_km": "ស្ថាប័នសមាជិកអង្គការអប់រំ ដែលធ្វើការជាមួយក្រសួងដើម្បីការអប់រំប្រកបដោយគុណភាពសម្រាប់ទាំងអស់គ្នា។",
        "sectors": ["education", "children"],
    },
    {
        "slug": "ohchr", "kind": "un_agency", "acronym_en": "OHCHR", "acronym_km": "OHCHR",
        "name_en": "Office of the United Nations High Commissioner for Human Rights",
        "name_km": "ការិយាល័យឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកសិទ្ធិមនុស្ស",
        "description_en": "The UN office for human rights, with a country office in Phnom Penh.",
        "description_km": "ការិយាល័យអង្គការសហប្រជាជាតិទទួលបន្ទុកសិទ្ធិមនុស្ស ដែលមានការិយាល័យប្រចាំប្រទេសនៅភ្នំពេញ។",
        "sectors": ["human-rights", "civic-space"],
    },
    {
        "slug": "unesco", "kind": "un_agency", "acronym_en": "UNESCO", "acronym_km": "UNESCO",
        "name_en": "United Nations Educational, Scientific and Cultural Organization",
        "name_km": "អង្គការយូណេស្កូ",
        "description_en": "The UN agency for education, science, culture and freedom of expression.",
        "description_km": "ទីភ្នាក់ងារអង្គការសហប្រជាជាតិសម្រាប់ការអប់រំ វិទ្យាសាស្ត្រ វប្បធម៌ និងសេរីភាពនៃការបញ្ចេញមតិ។",
        "sectors": ["education"],
    },
    {
        "slug": "unicef", "kind": "un_agency", "acronym_en": "UNICEF", "acronym_km": "UNICEF",
        "name_en": "United Nations Children's Fund",
        "name_km": "មូលនិធិសង្គ្រោះកុមារនៃអង្គការសហប្រជាជាតិ",
        "description_en": "The UN agency for children's rights, health, education and protection.",
        "description_km": "ទីភ្នាក់ងារអង្គការសហប្រជាជាតិសម្រាប់សិទ្ធិ សុខភាព ការអប់រំ និងកិច្ចការពារកុមារ។",
        "sectors": ["children", "health", "education"],
    },
    {
        "slug": "undp", "kind": "un_agency", "acronym_en": "UNDP", "acronym_km": "UNDP",
        "name_en": "United Nations Development Programme",
        "name_km": "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ",
        "description_en": "The UN development agency, working on governance, inclusive growth and resilience.",
        "description_km": "ទីភ្នាក់ងារអភិវឌ្ឍន៍នៃអង្គការសហប្រជាជាតិ ដែលធ្វើការលើអភិបាលកិច្ច កំណើនប្រកបដោយបរិយាប័ន្ន និងភាពធន់។",
        "sectors": ["transparency-governance", "public-finance"],
    },
    # The bodies asks are addressed to. "United Nations" is the UN system in Cambodia as a whole (the
    # UN country team): outcome documents address "the UN" or "UN agencies" as often as one agency.
    {
        "slug": "united-nations", "kind": "un_agency", "acronym_en": "UN", "acronym_km": "អ.ស.ប",
        "name_en": "United Nations",
        "name_km": "អង្គការសហប្រជាជាតិ",
        "description_en": "The UN system in Cambodia as a whole: the UN country team of agencies, funds and programmes, led by the Resident Coordinator.",
        "description_km": "ប្រព័ន្ធអង្គការសហប្រជាជាតិនៅកម្ពុជាទាំងមូល៖ ក្រុមការងារប្រចាំប្រទេសនៃទីភ្នាក់ងារ មូលនិធិ និងកម្មវិធី ដឹកនាំដោយអ្នកសម្របសម្រួលស្នាក់ការ។",
        "sectors": [],
    },
    {
        "slug": "rgc", "kind": "government", "acronym_en": "RGC", "acronym_km": "រ.រ.ក",
        "name_en": "Royal Government of Cambodia",
        "name_km": "រាជរដ្ឋាភិបាលកម្ពុជា",
        "description_en": "The national government, to which most asks about laws, policies and public services are addressed.",
        "description_km": "រដ្ឋាភិបាលជាតិ ដែលសំណើភាគច្រើនអំពីច្បាប់ គោលនយោបាយ និងសេវាសាធារណៈត្រូវបានផ្ញើជូន។",
        "sectors": [],
    },
    {
        "slug": "mef", "kind": "government", "acronym_en": "MEF", "acronym_km": "សហវ",
        "name_en": "Ministry of Economy and Finance",
        "name_km": "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ",
        "description_en": "The ministry that prepares the national budget and publishes the citizens' budget.",
        "description_km": "ក្រសួងដែលរៀបចំថវិកាជាតិ និងផ្សព្វផ្សាយថវិកាសម្រាប់ពលរដ្ឋ។",
        "sectors": ["public-finance"],
    },
    {
        "slug": "moh", "kind": "government", "acronym_en": "MoH", "acronym_km": "ក.ស.ភ",
        "name_en": "Ministry of Health",
        "name_km": "ក្រសួងសុខាភិបាល",
        "description_en": "The ministry responsible for public health services, including vaccination.",
        "description_km": "ក្រសួងទទួលបន្ទុកសេវាសុខាភិបាលសាធារណៈ រួមទាំងការចាក់វ៉ាក់សាំង។",
        "sectors": ["health"],
    },
    {
        "slug": "moi", "kind": "government", "acronym_en": "MoI", "acronym_km": "ក.ម.ផ",
        "name_en": "Ministry of Interior",
        "name_km": "ក្រសួងមហាផ្ទៃ",
        "description_en": "The ministry that registers associations and NGOs and oversees sub-national administrations.",
        "description_km": "ក្រសួងដែលចុះបញ្ជីសមាគម និងអង្គការមិនមែនរដ្ឋាភិបាល និងត្រួតពិនិត្យរដ្ឋបាលថ្នាក់ក្រោមជាតិ។",
        "sectors": ["civic-space", "transparency-governance"],
    },
    {
        "slug": "moeys", "kind": "government", "acronym_en": "MoEYS", "acronym_km": "អយក",
        "name_en": "Ministry of Education, Youth and Sport",
        "name_km": "ក្រសួងអប់រំ យុវជន និងកីឡា",
        "description_en": "The ministry responsible for schools, teachers and distance learning.",
        "description_km": "ក្រសួងទទួលបន្ទុកសាលារៀន គ្រូបង្រៀន និងការសិក្សាពីចម្ងាយ។",
        "sectors": ["education", "youth"],
    },
    # The council of the demo consultation in Sla Kram (demo/consultations.py finds it here).
    {
        "slug": "sla-kram-sangkat-council", "kind": "government", "acronym_en": "", "acronym_km": "ក.ស.ស",
        "name_en": "Sla Kram Sangkat Council",
        "name_km": "ក្រុមប្រឹក្សាសង្កាត់ស្លក្រាម",
        "description_en": "The elected council of Sla Kram sangkat, Siem Reap, which consults residents on its budget.",
        "description_km": "ក្រុមប្រឹក្សាជាប់ឆ្នោតនៃសង្កាត់ស្លក្រាម ខេត្តសៀមរាប ដែលពិគ្រោះយោបល់ជាមួយប្រជាពលរដ្ឋលើថវិការបស់ខ្លួន។",
        "sectors": ["public-finance", "transparency-governance"],
    },
]  # fmt: skip

# Well-known coalition memberships among the demo organisations (kept small and uncontroversial).
DEMO_COALITION_LINKS = [("ccc", "api"), ("ccc", "gadc"), ("ccc", "tic")]

# One account per role. The password is public (README), so production refuses these accounts.
DEMO_PASSWORD = "civicspace-demo-2021"  # noqa: S105
# DEMO ONLY: a fixed, public TOTP secret for every demo account whose role needs a second factor (all
# but the member), so a newcomer can sign in with any authenticator app (README). Never for real accounts.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPCIVICSPACEDEMOAB"  # noqa: S105
DEMO_ACCOUNTS: list[dict[str, Any]] = [
    {"email": "member@demo.civicspace.invalid", "full_name": "Demo Member", "org": "chrac", "role": "member"},
    {"email": "focal@demo.civicspace.invalid", "full_name": "Demo Focal Point", "org": "nep", "role": "focal_point"},
    {"email": "secretariat@demo.civicspace.invalid", "full_name": "Demo Secretariat", "org": "ccc", "role": "secretariat"},
    {"email": "un@demo.civicspace.invalid", "full_name": "Demo UN Focal Point", "org": "ohchr", "role": "focal_point"},
    # the budget authority of the national demo consultation (MEF, made by demo/consultations.py): answers citizens
    {"email": "budget@demo.civicspace.invalid", "full_name": "Demo Budget Authority", "org": "mef", "role": "focal_point"},
    {"email": "admin@demo.civicspace.invalid", "full_name": "Demo Admin", "org": None, "role": "admin"},
]  # fmt: skip
