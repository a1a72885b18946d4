"""The consultations' models, one module per topic; importing them here registers them with Django, and
`from civicspace.consultations.models import …` reaches every one.

- consultation.py: `Consultation` (its questions and phases), `BudgetItem`, `ItemResponse` (the
  authority's answer on an item)
- submissions.py: `Submission` (one person's input, any channel, with its receipt number) and
  `ItemInput` (what it says about one item, with its moderation)
- channels.py: `ImportJob` (a background import of a spreadsheet) and `SmsMessage` (the SMS/chat
  gateway's log of messages)
- tallies.py: the results tallies (`AreaTally`, `ItemTally`, the inclusion `Group`s) and `TallyRequest`
  (the debounce of the tally job)"""

from .channels import ImportJob, SmsMessage, import_job_path
from .consultation import BudgetItem, Consultation, ItemResponse
from .submissions import RECEIPT_ALPHABET, ItemInput, Submission, new_receipt
from .tallies import AreaTally, Group, ItemTally, TallyRequest

__all__ = [
    "RECEIPT_ALPHABET",
    "AreaTally",
    "BudgetItem",
    "Consultation",
    "Group",
    "ImportJob",
    "ItemInput",
    "ItemResponse",
    "ItemTally",
    "SmsMessage",
    "Submission",
    "TallyRequest",
    "import_job_path",
    "new_receipt",
]
