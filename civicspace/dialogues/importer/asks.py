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
    return None


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
