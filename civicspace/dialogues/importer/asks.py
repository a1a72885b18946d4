"""Asks: sentences that call on someone to act, and whom they call on.

A calling verb names the addressees after it ("CSOs call on UNICEF to …"); a modal ask addresses
whoever the sentence names ("The UN should …"). An ask that names nobody is addressed to whom the
asks around it are (`infer_missing_addressees`)."""

import re
from collections import Counter

from .extraction import FoundAsk
from .organisations import MentionFinder

# Calling verbs: the addressees are named after the verb ("CSOs call on UNICEF to …").
ASK_CALLING = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+(?:on|upon|for)|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|recommend(?:s|ed|ing)?"
    r"|ask(?:s|ed|ing)?|appeal(?:s|ed|ing)?\s+(?:to|for|on)|(?:would|'d)\s+like|invites?|encourag(?:e|es|ed)"
    r"|demand(?:s|ed)?|propos(?:e|es|ed)\s+that|implore[sd]?)\b"
    r"|ស្នើ|ទាមទារ|អំពាវនាវ|សូម|ជំរុញ|លើកទឹកចិត្ត|អនុសាសន៍",
    re.I,
)
# Gap statements: a missing way for people to take part is an ask for one ("We observe the absence
# of an approach that allows …", "There is no mechanism to …", "the lack of consultation").
ASK_GAP = re.compile(
    r"\b(?:(?:the\s+|an?\s+)?(?:absence|lack)\s+of|there\s+(?:is|are)\s+(?:still\s+)?no|no\s+longer\s+any)\s+"
    r"(?:an?\s+|any\s+|the\s+|effective\s+|formal\s+|official\s+|meaningful\s+|public\s+|clear\s+)*"
    r"(?:approach|mechanism|channel|platform|process|procedure|space|opportunit(?:y|ies)|way|means|system"
    r"|framework|consultation|participation|dialogue|forum|avenue)s?\b"
    r"|គ្មាន(?:យន្តការ|មធ្យោបាយ|វេទិកា|ការពិគ្រោះយោបល់)|ខ្វះ(?:យន្តការ|មធ្យោបាយ|វេទិកា|ការពិគ្រោះយោបល់)",
    re.I,
)
# Modal asks: whoever is named in the sentence is asked to act ("The UN should …").
ASK_MODAL = re.compile(
    r"\b(?:should|shall|must|ought\s+to|needs?\s+to|have\s+to|has\s+to"
    r"|(?:is|are)\s+(?:also\s+|urgently\s+|therefore\s+)?(?:needed|necessary|required|essential|crucial|vital)"
    r"|continue\s+and\s+(?:increase|strengthen|expand|scale\s+up)"
    r"|it\s+is\s+(?:important|essential|necessary|crucial|vital|urgent)\s+(?:that|to|for))\b"
    r"|គួរតែ|គួរ|ត្រូវតែ|ចាំបាច់",
    re.I,
)
_NOT_ASK = [
    re.compile(r"\bas\s+(?:called|requested|recommended|asked|urged|proposed)\b[^,;.]*", re.I),
    re.compile(r"\b(?:requested|recommended|asked|called|proposed|urged)\s+by\b", re.I),
    re.compile(r"\bask(?:s|ed)?\s+(?:a\s+|some\s+|many\s+|several\s+)?questions?\b", re.I),
    re.compile(
        r"\b(?:would|'d)\s+like\s+to\s+(?:thank|express|welcome|acknowledge|congratulate|share|note|"
        r"highlight|inform|present|recognise|recognize|appreciate)\b",
        re.I,
    ),
    re.compile(r"\b(?:should|must|shall)\s+have\b", re.I),
    re.compile(r"សូម(?:ថ្លែង|អរគុណ|ស្វាគមន៍|ជម្រាប|ចូលរួមរំលែក)"),
]
_REPORTED = re.compile(
    r"\b(?:discussed|debated|wondered|considered|explained|described|asked|questioned|examined)\s+"
    r"(?:how|whether|what|why|if|when|who|which)\b",
    re.I,
)
IMPERATIVE = re.compile(
    r"^(?:Ensure|Provide|Increase|Establish|Support|Allocate|Strengthen|Promote|Develop|Adopt|Review|Release|"
    r"Guarantee|Consult|Include|Involve|Create|Fund|Finance|Invest|Protect|Respect|Repeal|Amend|Prioriti[sz]e|"
    r"Expand|Improve|Engage|Set up|Make|Publish|Monitor|Train|Recognise|Recognize|End|Stop|Remove|Reduce|"
    r"Continue|Facilitate|Enable|Implement|Take)\b"
)  # fmt: skip


def ask_trigger(sentence: str) -> tuple[bool, int] | None:
    """(is a calling verb, position) of what makes `sentence` an ask, or None if it is not one."""
    if sentence.rstrip().endswith("?") or _REPORTED.search(sentence):
        return None
    probe = sentence
    for pattern in _NOT_ASK:
        probe = pattern.sub(lambda m: " " * len(m.group(0)), probe)
    calling = ASK_CALLING.search(probe)
    modal = ASK_MODAL.search(probe)
    if calling and (not modal or calling.start() <= modal.start()):
        return True, calling.start()
    if modal:
        return False, modal.start()
    gap = ASK_GAP.search(probe)
    if gap:
        return False, gap.start()
    return None


# "… — Addressed to: OHCHR, UNICEF" at the end of an ask (civicspace's own documents, and tables of
# asks with an addressee column flattened into text).
_ADDRESSED_TO = re.compile(
    r"\s*[—–]?\s*\b(?:addressed\s+to|addressees?|directed\s+to|responsible)\s*[:៖]\s*(?P<names>[^\n]{1,400}?)\s*$"
    r"|\s*[—–]?\s*(?:ជូនចំពោះ|អ្នកទទួល)\s*[:៖]\s*(?P<names_km>[^\n]{1,400}?)\s*$",
    re.I,
)


ADDRESSEE_LABEL = re.compile(
    r"(?:^|\s[—–]\s*|[.។]\s*|\s)(?:addressed\s+to|addressees?|directed\s+to|ជូនចំពោះ|អ្នកទទួល)\s*[:៖]", re.I
)


def split_addressed_to(paragraph: str) -> tuple[str, list[str]]:
    """(the text without its addressee label, the names the label lists)."""
    m = _ADDRESSED_TO.search(paragraph)
    if not m:
        return paragraph, []
    names = m.group("names") or m.group("names_km") or ""
    found = [n.strip(" .។") for n in re.split(r"[,;،]|\s+(?:and|និង)\s+", names) if n.strip(" .។")]
    return paragraph[: m.start()].rstrip(" —–"), found


def labels_of(name: str, finder: MentionFinder) -> list[str]:
    """How an addressee named in a label is referred to: the organisations it mentions, else itself."""
    found = [mention.label for mention in finder.find(name)]
    return found or [name]


def merge_translations(asks: list[FoundAsk]) -> list[FoundAsk]:
    """A bilingual document gives each numbered ask twice, once per language: keep one, with the
    other language's text as its translation."""
    kept: list[FoundAsk] = []
    by_number: dict[tuple[int | None, str], FoundAsk] = {}
    for ask in asks:
        key = (ask.sector, ask.number or "")
        first = by_number.get(key) if ask.number else None
        other_language = first is not None and bool(_KHMER.search(first.text)) != bool(
            _KHMER.search(ask.text)
        )
        if first is not None and other_language and not first.translation:
            first.translation = ask.text
            first.addressees = first.addressees or ask.addressees
            continue
        if ask.number:
            by_number.setdefault(key, ask)
        kept.append(ask)
    return kept


_KHMER = re.compile(r"[\u1780-\u17ff]")


def find_addressees(sentence: str, calling: bool, position: int, finder: MentionFinder) -> list[str]:
    labels: list[str] = []
    for mention in finder.find(sentence):
        if calling and mention.pos < position:
            continue
        if mention.label not in labels:
            labels.append(mention.label)
    return labels


def infer_missing_addressees(asks: list[FoundAsk]) -> None:
    """An ask that names nobody is addressed to whom the asks around it are: the previous ask of the
    same sector, else the document's main counterpart (the addressee named most often). Outcome
    documents of a dialogue state the counterpart once ("we call on the UN …") and then list asks.
    The reviewer sees and can correct the result before anything is saved."""
    counts = Counter(name for ask in asks for name in ask.addressees)
    counterpart = [counts.most_common(1)[0][0]] if counts else []
    previous: dict[int | None, list[str]] = {}
    for ask in asks:
        if ask.addressees:
            previous[ask.sector] = ask.addressees
        else:
            ask.addressees = list(previous.get(ask.sector) or counterpart)
