"""Word lists the parser uses: months, places, UN agencies, government bodies, coalition words.

They describe Cambodia and the UN system in general, not any one document."""

MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# The solar-calendar month names used in Cambodia (Django's km locale uses the same).
MONTHS_KM = {
    "មករា": 1, "កុម្ភៈ": 2, "កុម្ភះ": 2, "មីនា": 3, "មេសា": 4, "ឧសភា": 5, "មិថុនា": 6, "កក្កដា": 7,
    "សីហា": 8, "កញ្ញា": 9, "តុលា": 10, "វិច្ឆិកា": 11, "ធ្នូ": 12,
}  # fmt: skip

# Capital, provinces and main towns (English spellings in common use, and Khmer).
PLACES_EN = (
    "Phnom Penh", "Siem Reap", "Battambang", "Sihanoukville", "Preah Sihanouk", "Kampong Cham",
    "Kampong Chhnang", "Kampong Speu", "Kampong Thom", "Kampot", "Kandal", "Kep", "Koh Kong", "Kratie",
    "Mondulkiri", "Mondul Kiri", "Oddar Meanchey", "Pailin", "Preah Vihear", "Prey Veng", "Pursat",
    "Ratanakiri", "Ratanak Kiri", "Stung Treng", "Svay Rieng", "Takeo", "Tbong Khmum", "Banteay Meanchey",
    "Poipet", "Serei Saophoan", "Ta Khmau", "Bavet", "Suong", "Sen Monorom", "Banlung",
)  # fmt: skip
PLACES_KM = {
    "ភ្នំពេញ": "ភ្នំពេញ", "សៀមរាប": "សៀមរាប", "បាត់ដំបង": "បាត់ដំបង", "ព្រះសីហនុ": "ព្រះសីហនុ",
    "កំពង់ចាម": "កំពង់ចាម", "កំពង់ឆ្នាំង": "កំពង់ឆ្នាំង", "កំពង់ស្ពឺ": "កំពង់ស្ពឺ", "កំពង់ធំ": "កំពង់ធំ",
    "កំពត": "កំពត", "កណ្ដាល": "កណ្ដាល", "កណ្តាល": "កណ្តាល", "កែប": "កែប", "កោះកុង": "កោះកុង",
    "ក្រចេះ": "ក្រចេះ", "មណ្ឌលគិរី": "មណ្ឌលគិរី", "ឧត្ដរមានជ័យ": "ឧត្ដរមានជ័យ",
    "ឧត្តរមានជ័យ": "ឧត្តរមានជ័យ", "ប៉ៃលិន": "ប៉ៃលិន", "ព្រះវិហារ": "ព្រះវិហារ", "ព្រៃវែង": "ព្រៃវែង",
    "ពោធិ៍សាត់": "ពោធិ៍សាត់", "រតនគិរី": "រតនគិរី", "ស្ទឹងត្រែង": "ស្ទឹងត្រែង", "ស្វាយរៀង": "ស្វាយរៀង",
    "តាកែវ": "តាកែវ", "ត្បូងឃ្មុំ": "ត្បូងឃ្មុំ", "បន្ទាយមានជ័យ": "បន្ទាយមានជ័យ",
}  # fmt: skip

# UN entities by the acronym they are usually mentioned by, with their full name.
UN_AGENCIES = {
    "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
    "UNICEF": "United Nations Children's Fund",
    "UNDP": "United Nations Development Programme",
    "UNFPA": "United Nations Population Fund",
    "UN Women": "United Nations Entity for Gender Equality and the Empowerment of Women",
    "WHO": "World Health Organization",
    "ILO": "International Labour Organization",
    "FAO": "Food and Agriculture Organization of the United Nations",
    "WFP": "World Food Programme",
    "UNHCR": "Office of the United Nations High Commissioner for Refugees",
    "UNAIDS": "Joint United Nations Programme on HIV/AIDS",
    "UNODC": "United Nations Office on Drugs and Crime",
    "IOM": "International Organization for Migration",
    "UNOPS": "United Nations Office for Project Services",
    "UNCDF": "United Nations Capital Development Fund",
    "UNEP": "United Nations Environment Programme",
    "UN-Habitat": "United Nations Human Settlements Programme",
    "UNV": "United Nations Volunteers",
    "ITU": "International Telecommunication Union",
    "IFAD": "International Fund for Agricultural Development",
    "UNIDO": "United Nations Industrial Development Organization",
    "RCO": "United Nations Resident Coordinator's Office",
    "UNRCO": "United Nations Resident Coordinator's Office",
    "UNCT": "United Nations Country Team",
    "ESCAP": "Economic and Social Commission for Asia and the Pacific",
}
# Khmer names of some UN entities, mapped to their acronym.
UN_AGENCIES_KM = {
    "យូនីសេហ្វ": "UNICEF",
    "យូណេស្កូ": "UNESCO",
    "ការិយាល័យឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកសិទ្ធិមនុស្ស": "OHCHR",
    "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ": "UNDP",
    "កម្មវិធីអភិវឌ្ឍន៍អង្គការសហប្រជាជាតិ": "UNDP",
    "អង្គការសុខភាពពិភពលោក": "WHO",
    "អង្គការពលកម្មអន្តរជាតិ": "ILO",
    "មូលនិធិសហប្រជាជាតិសម្រាប់ប្រជាជន": "UNFPA",
    "កម្មវិធីស្បៀងអាហារពិភពលោក": "WFP",
    "អង្គការអន្តរជាតិទទួលបន្ទុកការធ្វើចំណាកស្រុក": "IOM",
}
UN_SYSTEM = {"name": "United Nations", "acronym": "UN", "kind": "un_agency"}
UN_SYSTEM_KM = ("អង្គការសហប្រជាជាតិ", "អ.ស.ប")
GOVERNMENT = {"name": "Royal Government of Cambodia", "acronym": "RGC", "kind": "government"}
GOVERNMENT_KM = ("រាជរដ្ឋាភិបាល", "រដ្ឋាភិបាល")
MINISTRY_KM = "ក្រសួង"

# Words that make an organisation's name a coalition or network (kind "coalition"). A membership
# network's name almost always says so; everything else found in a "Name (ACRONYM)" pair is a CSO
# unless it is a UN entity or a government body.
COALITION_WORDS = (
    "coalition", "network", "forum", "committee", "partnership", "alliance", "federation", "platform",
    "union", "consortium", "association of", "council of ngos", "working group",
)  # fmt: skip
COALITION_WORDS_KM = ("សម្ព័ន្ធ", "បណ្ដាញ", "បណ្តាញ", "វេទិកា", "គណៈកម្មាធិការ", "សហព័ន្ធ")
GOVERNMENT_STARTS = (
    "ministry of", "ministry for", "royal government", "council of ministers", "council for the development",
    "provincial administration", "provincial department", "national assembly", "senate", "general department",
    "department of", "municipality of", "office of the council",
)  # fmt: skip

# Names of one body: a found name or acronym in a group matches a directory entry named by any
# other (casefolded, spaces collapsed).
ALIASES: tuple[frozenset[str], ...] = (
    frozenset({
        "un", "united nations", "the united nations", "the un", "un system", "united nations system",
        "un agencies", "united nations agencies", "un country team", "united nations country team", "unct",
        "united nations in cambodia", "un cambodia", "អង្គការសហប្រជាជាតិ", "អ.ស.ប", "អសប",
        "ក្រុមការងារអង្គការសហប្រជាជាតិប្រចាំប្រទេស",
    }),
    frozenset({
        "rgc", "royal government of cambodia", "the royal government of cambodia", "royal government",
        "the royal government", "government of cambodia", "cambodian government", "the government",
        "government", "national government", "រាជរដ្ឋាភិបាលកម្ពុជា", "រាជរដ្ឋាភិបាល", "រដ្ឋាភិបាល",
        "រដ្ឋាភិបាលកម្ពុជា",
    }),
)  # fmt: skip
