"""The consultations' pages, one module per topic; views are glue: check the permission (access.py), read
with a selector or a channel's parser, call the intake or a service, render. urls.py routes them.

- access.py: fetching a consultation and checking a permission in one step, for every page
- consultations.py: the public list and a consultation's page; for its organisers, editing it and its
  items, its phases, moderation and the authority's response
- submit.py: the citizen's form (the web channel, channels/web.py), the receipt and the rate-limit page
- imports.py: importing a spreadsheet of submissions (upload, template, the job's page; the pages and
  the work are core.imports', declared in imports.py)
- offline.py: the offline capture page, its service worker and manifest
- results.py: the results page, the open-data downloads and the PDF report
- bench.py: the benchmark's reference view (routed only by benchmarks/bench_urls.py)"""
