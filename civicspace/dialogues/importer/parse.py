"""From the text of an outcome document to a structured extraction (`extraction.Extraction`): date,
place, organisations, sector sessions and asks. Generic rules (no document-specific tuning), one
module per topic:

- date (`dates`): the first date in the heading (first lines), else the first in the text. English
  month names (both orders), ISO, day-first numeric dates, Khmer "ថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១";
- place (`places`): a known Cambodian place in the heading, else near the top; "virtual/online"
  otherwise;
- organisations (`organisations`): "Full Name (ACRONYM)" pairs, UN entities by acronym, the
  government and ministries, and names from the directory (when one is given). Kind: UN entity or
  government by name; a name with Coalition/Network/Forum/Committee/Partnership/Alliance/Federation/…
  is a coalition; else CSO. A directory match replaces the guessed kind with the directory's;
- sectors (`sectors`): numbered headings at a line start ("Sector 2: …", "Joint Sector 4: …",
  "Session 3 – …", "វិស័យទី២៖ …", and "2. Education" when the document uses no keyword headings);
- asks (`asks`, in the sentences that `text` splits): sentences that call on someone to act (see the
  ASK_* patterns), plus every list item under a "Recommendations" heading. Addressees: the bodies
  named after the calling verb ("X calls on Y"), or anywhere in the sentence for modal asks ("Y
  should …").
"""

import re
import unicodedata

from .asks import (
    IMPERATIVE,
    ask_trigger,
    find_addressees,
    infer_missing_addressees,
    labels_of,
    merge_translations,
    split_addressed_to,
)
from .dates import find_dates
from .extraction import Directory, Extraction, FoundAsk, FoundSector
from .organisations import MentionFinder, OrganisationFinder
from .places import VIRTUAL, find_place
from .sectors import split_paragraphs
from .text import KHMER_CHAR, clean, split_sentences

# First lines that name the kind of document or a column's language, not the meeting.
_NOT_A_TITLE = re.compile(
    r"^(?:english|khmer|ខ្មែរ|អង់គ្លេស|outcome\s+document|ឯកសារលទ្ធផល|draft|final|summary|សេចក្តីព្រាង)\s*$", re.I
)


def parse_outcome(text: str, directory: Directory | None = None) -> Extraction:
    """Structure the text of an outcome document. Never raises for any input text."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = text.split("\n")
    nonblank = [line.strip() for line in lines if line.strip()]
    head = "\n".join(nonblank[:6])
    titles = [line for line in nonblank[:4] if not _NOT_A_TITLE.match(line)]
    extraction = Extraction(title=clean((titles or nonblank or [""])[0])[:200])

    dates = find_dates(head) or find_dates(text)
    extraction.date = dates[0][1] if dates else None
    extraction.virtual = bool(VIRTUAL.search(head) or VIRTUAL.search(text[:1500]))
    extraction.place = find_place(head) or find_place(text[:1000])
    if extraction.place is None and extraction.virtual:
        extraction.place = "Online"

    sectors: list[FoundSector] = []
    paragraphs = split_paragraphs(lines, sectors)
    extraction.sectors = sectors

    finder = OrganisationFinder(directory)
    finder.scan("\n".join(p.text for p in paragraphs))
    extraction.organisations = finder.organisations()

    mentions = MentionFinder(extraction.organisations)
    # Where a session lists its asks under an "Asks"/"Recommendations" heading, those items are its
    # asks and its prose (concerns, notes) is context, except a sentence that calls on a named body
    # ("We call on UNICEF to …"); prose outside sessions is context once any session lists asks.
    listed = {p.sector for p in paragraphs if p.list_item and p.recommendations}
    for paragraph in paragraphs:
        item = paragraph.list_item and paragraph.recommendations
        if not item and paragraph.sector is None and listed:
            continue
        context = not item and paragraph.sector in listed
        body, named = split_addressed_to(paragraph.text)
        for sentence in [clean(body)] if item else split_sentences(body):
            if len(sentence.split()) < 4 and not (KHMER_CHAR.search(sentence) and len(sentence) >= 12):
                continue
            trigger = ask_trigger(sentence)
            if trigger is None and paragraph.list_item and (item or IMPERATIVE.match(sentence)):
                trigger = (False, 0)
            if trigger is None:
                continue
            calling, position = trigger
            if context and not (calling and find_addressees(sentence, calling, position, mentions)):
                continue
            if named:
                addressees = [label for name in named for label in labels_of(name, mentions)]
            else:
                addressees = find_addressees(sentence, calling, position, mentions)
            extraction.asks.append(
                FoundAsk(
                    text=sentence,
                    sector=paragraph.sector,
                    addressees=list(dict.fromkeys(addressees)),
                    number=paragraph.number if item else None,
                )
            )
    extraction.asks = merge_translations(extraction.asks)
    infer_missing_addressees(extraction.asks)
    return extraction
