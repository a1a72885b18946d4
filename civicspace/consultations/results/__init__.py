"""The results of a consultation: tallies kept by a background job, read exactly, shown with small-cell
suppression (docs/decisions/0018-small-cell-suppression.md; the consultation itself: ADR 0014).

**Tallies** (store.py, tasks.py). `ItemTally` and `AreaTally` (models/tallies.py) hold sums over the
submissions whose `tallied` flag is set. `tally_pending()` takes untallied submissions in batches —
`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never take the same rows; on SQLite the
batch first takes the write lock — adds what they contribute to the tallies with `INSERT … ON CONFLICT
DO UPDATE SET n = n + excluded.n` in key order, and sets the flag, all in one transaction. Submissions
are never slowed down by a hot tally row: they only insert, and the job is queued after them
(tasks.schedule_tally).

**Exactness** (reader.py). `read_counts()` reads the tallies *and* the submissions not yet tallied (few:
the partial index `submission_untallied_idx`) in ONE SQL statement (UNION ALL), so on every database and
isolation level it sees one snapshot: a batch committed while the page is read is counted either as
tallies or as untallied submissions, never both and never neither. The untallied part goes through the
same `contributions()` (counts.py) as the job. `recount()` counts the same numbers straight from the
submissions (tests and `tally_submissions --check` compare the two).

**Suppression** (suppression.py). No figure may rest on fewer than MIN_CELL people; `hidden_cells()`
decides, and every output (page, CSV, JSON, API, PDF) goes through `Figures`, which applies it.

**Output.** presentation.py builds one area's results for the page and the report (`results_for`) and
draws the province map; open_data.py gives the downloads and the API's data; report.py the PDF report.

The names below are the package's interface for the rest of the project (management commands,
benchmarks); the modules import each other directly."""

from .counts import Counts
from .open_data import open_data_rows, results_data
from .presentation import Results, area_unit, build_results, results_for
from .reader import counts_match, read_counts, recount
from .store import rebuild, tally_batch, tally_pending, untally
from .suppression import MIN_CELL, hidden_cells

__all__ = [
    "MIN_CELL",
    "Counts",
    "Results",
    "area_unit",
    "build_results",
    "counts_match",
    "hidden_cells",
    "open_data_rows",
    "read_counts",
    "rebuild",
    "recount",
    "results_data",
    "results_for",
    "tally_batch",
    "tally_pending",
    "untally",
]
