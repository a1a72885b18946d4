"""The outcome document of a meeting, rendered from a stored version's JSON content.

`context` turns the content (see `civicspace.dialogues.compose.compose_outcome`) into blocks in
English, Khmer or both side by side; `html`, `pdf` and `docx` write those blocks in each format;
`compare` compares two versions; `sample` builds synthetic content for benchmarks; `preview` turns a
PDF into PNG pages for looking at the result."""
