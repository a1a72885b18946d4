"""The inbound channels, one module each. A channel turns what it received into the intake's
`SubmissionData` (intake/) and nothing else: every check (validation, idempotency, duplicates, the rate
limit of the public channels) is the intake's, the same for all.

- web.py: the citizen's form (`SubmissionForm.to_data`)
- api.py: the JSON body and `Idempotency-Key` header of the API's submissions endpoint (`read`)
- sms.py: the short-code syntax of an SMS or chat message (`parse`, `to_submission`)
- offline.py: a facilitator's offline capture (`parse`), in the spreadsheet's columns
- spreadsheet.py: a row of an imported CSV or XLSX file (`parse_row`, `parse_record`) and its columns

What happens around the intake is beside the channels: the pages and endpoints (views/, api/), the
SMS gateway's webhook (gateway.py), storing an offline capture (capture.py), and the import of a
spreadsheet (imports.py, on core.imports)."""
