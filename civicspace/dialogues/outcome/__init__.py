"""The outcome document of a meeting, rendered from a stored version's JSON content.

`render` turns the content (see `civicspace.dialogues.compose.compose_outcome`) into HTML, PDF and
DOCX in English, Khmer or both side by side, and compares two versions; `sample` builds synthetic
content for benchmarks; `preview` turns a PDF into PNG pages for looking at the result."""
