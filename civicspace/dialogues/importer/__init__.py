"""Import of existing outcome documents: text extraction, parsing, review and saving.

    extracted = extract_text(data, filename)          # or extract_file / extract_path
    extraction = parse_outcome(extracted.text, OrganisationDirectory.from_database())
    meeting = save_extraction(extraction, actor=user)

Bad files raise core.uploads.UploadRejected with a message for the person who uploaded them."""

from .extract import ExtractedText, extract_file, extract_path, extract_text
from .extraction import Extraction, FoundAsk, FoundOrganisation, FoundSector
from .khmer import khmer_text_looks_scrambled
from .parse import parse_outcome

__all__ = [
    "ExtractedText",
    "Extraction",
    "FoundAsk",
    "FoundOrganisation",
    "FoundSector",
    "extract_file",
    "extract_path",
    "extract_text",
    "khmer_text_looks_scrambled",
    "parse_outcome",
]
