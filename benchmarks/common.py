"""Paths and the fixed parameters of the benchmark, shared by the runner and the seeding script."""

import base64
from pathlib import Path
from typing import Final

BASE_DIR: Final = Path(__file__).resolve().parent.parent
BENCH_DIR: Final = BASE_DIR / "var" / "bench"
STATIC_ROOT: Final = BENCH_DIR / "static"
SQLITE_PATH: Final = BENCH_DIR / "bench.sqlite3"
DOC_PATH: Final = BASE_DIR / "docs" / "benchmarks.md"

HOST: Final = "127.0.0.1"  # the benchmark never talks to any other host
POSTGRES_URL_DEFAULT: Final = "postgres://postgres@127.0.0.1:5432/civicspace_bench"
SETTINGS_MODULE: Final = "config.settings.production"
# Production settings refuse a SECRET_KEY shorter than 50 characters; this public dummy has 60.
DUMMY_SECRET_KEY: Final = "bench-only-dummy-secret-key-not-for-production-0123456789abc"  # noqa: S105 -- public dummy for the local server
# Production settings require FIELD_ENCRYPTION_KEYS (Fernet keys: 32 bytes, URL-safe base64).
DUMMY_FERNET_KEY: Final = base64.urlsafe_b64encode(b"civicspace-bench-only-dummy-key!").decode()

TOTAL_ORGANISATIONS: Final = 2000
BUDGET_BYTES: Final = 50 * 1024  # "at most 50 KB compressed on a first load"
SLOW_MEDIAN_MS: Final = 200.0

# The searches and the filter timed against the 2,000-organisation directory.
EN_QUERY: Final = "water"
KM_QUERY: Final = "ទឹកស្អាត"  # "clean water": two words once segmented, so both must match
SECTOR: Final = "education"


def write_block(begin: str, end: str, block: str) -> None:
    """Put `block` (which starts with `begin` and ends with `end`) in docs/benchmarks.md, replacing the
    block between the same markers if there is one, else at the end."""
    text = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC_PATH.write_text(text, encoding="utf-8")
