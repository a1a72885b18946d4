"""Public budget consultations (ADR 0014): a government budget put to the public, its items, the public's
input on them through several channels, the results, and the authority's response. By topic:

- models/: the consultation and its items, submissions, the channels' models, the results tallies
- intake/: one validation and one idempotent storage of a submission for every channel, with the
  rate limit of the public channels
- channels/: one module per inbound channel (web, api, sms, offline, spreadsheet), each turning what it
  received into the intake's `SubmissionData` and nothing else
- gateway.py (the SMS/chat webhook), capture.py (storing an offline capture), imports.py (the
  spreadsheet import, declared to core.imports: its checks, saving and template files): what happens to
  a channel's input around the intake
- results/: the tallies, the exact reader, small-cell suppression, the pages' figures, open data and the
  PDF report
- services.py (the organisers' writes), selectors.py (reads), predicates.py and rules.py (permissions),
  forms.py (the organisers' forms)
- views/ and urls.py (the pages), api/ (the REST API), demo.py (demo data)

Lower modules never import views; there is no import cycle between the modules and packages here."""
