"""The one runner of every benchmark script: it prepares what a fresh clone lacks, picks the databases
and runs the script's measurement on each of them.

    plan = runner.plan_from(args, sqlite=SQLITE_PATH, load_demo=True)
    outcome = runner.run(lambda db: measure(db, args), plan, log=step)
    # outcome.results: one per database, in order; outcome.skipped: notes for the report

What it prepares, so that any script runs alone on a fresh clone:

- var/bench/ (databases, generated files, the gunicorn logs);
- for a benchmark that serves pages, the static files, collected into the benchmark's own STATIC_ROOT
  (the one in the environment the script builds): gunicorn runs the production settings, whose
  manifest storage answers HTTP 500 for any page whose static file was never collected. This includes
  the Khmer web font, which core.finders builds from the font package on first use; the runner checks
  that it is in the manifest;
- `migrate` on every database, and `load_demo --no-accounts` when the benchmark wants the demo data.

The databases: SQLite (a fresh file) and PostgreSQL at 127.0.0.1 when it answers (the benchmark's own
database is dropped and re-created, and dropped again at the end unless kept). A script switches either
off with --no-sqlite / --no-postgres; what was skipped, and why, comes back as notes for the report."""

import argparse
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

from . import server
from .common import BENCH_DIR

T = TypeVar("T")
FONT_NAME = "fonts/NotoSansKhmer.woff2"  # civicspace.core.finders.FONT_NAME (no Django import here)
StaticFiles = Literal["fresh", "reuse", "none"]


@dataclass(frozen=True)
class Database:
    """One database a benchmark runs on, prepared, with the environment of its subprocesses."""

    backend: str  # "SQLite" or "PostgreSQL"
    version: str
    url: str
    env: dict[str, str]


@dataclass
class Plan:
    """What a benchmark runs on and what must be prepared for it."""

    sqlite: Path | None = None  # the SQLite file, re-created; None: the benchmark has no SQLite run
    postgres: str | None = None  # the PostgreSQL database, re-created; None: no PostgreSQL run
    no_sqlite: bool = False
    no_postgres: bool = False
    keep_postgres: bool = False  # leave the PostgreSQL database in place afterwards
    postgres_first: bool = False
    # "fresh": collect the static files every run; "reuse": only when the manifest is missing;
    # "none": the benchmark serves no pages.
    static: StaticFiles = "fresh"
    load_demo: bool = False
    env: Callable[[str], dict[str, str]] = server.bench_env  # the environment for a database URL


@dataclass
class Outcome(Generic[T]):
    results: list[T] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    postgres_version: str | None = None


def run(measure: Callable[[Database], T], plan: Plan, *, log: Callable[[str], None] = print) -> Outcome[T]:
    """Prepare, then `measure` on SQLite and on PostgreSQL (in the plan's order), skipping with a note a
    database that is switched off or does not answer."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    outcome: Outcome[T] = Outcome()
    static_done = plan.static == "none"
    for backend in ("PostgreSQL", "SQLite") if plan.postgres_first else ("SQLite", "PostgreSQL"):
        db = _sqlite(plan, outcome) if backend == "SQLite" else _postgres(plan, outcome, log)
        if db is None:
            continue
        try:
            if not static_done:
                collect_static(db.env, fresh=plan.static == "fresh", log=log)
                static_done = True
            log(
                f"{db.backend} {db.version}: migrate"
                + (", load_demo --no-accounts" if plan.load_demo else "")
            )
            if plan.load_demo:
                server.migrate_and_load_demo(db.env)
            else:
                server.manage(db.env, "migrate", "--noinput", "--verbosity", "0")
            outcome.results.append(measure(db))
        finally:
            if db.backend == "PostgreSQL" and not plan.keep_postgres:
                server.postgres_drop(db.url)
    return outcome


def _sqlite(plan: Plan, outcome: Outcome[Any]) -> Database | None:
    if plan.sqlite is None:
        return None
    if plan.no_sqlite:
        outcome.skipped.append("SQLite (`--no-sqlite`)")
        return None
    url = server.fresh_sqlite(plan.sqlite)
    return Database("SQLite", sqlite3.sqlite_version, url, plan.env(url))


def _postgres(plan: Plan, outcome: Outcome[Any], log: Callable[[str], None]) -> Database | None:
    if plan.postgres is None:
        return None
    if plan.no_postgres:
        outcome.skipped.append("PostgreSQL (`--no-postgres`)")
        return None
    try:
        version = server.postgres_recreate(plan.postgres)
    except server.PostgresUnavailable as exc:
        outcome.skipped.append(f"PostgreSQL: {exc}")
        log(f"Skipping PostgreSQL: {exc}")
        return None
    outcome.postgres_version = version
    return Database("PostgreSQL", version, plan.postgres, plan.env(plan.postgres))


def collect_static(env: dict[str, str], *, fresh: bool, log: Callable[[str], None] = print) -> None:
    """collectstatic into the environment's STATIC_ROOT (building the Khmer web font on first use)."""
    root = Path(env["STATIC_ROOT"])
    manifest = root / "staticfiles.json"
    if not fresh and manifest.exists():
        return
    log(f"Collecting static files and the Khmer web font into {root}")
    server.collectstatic(env)
    if FONT_NAME not in json.loads(manifest.read_text(encoding="utf-8")).get("paths", {}):
        raise RuntimeError(f"collectstatic left {FONT_NAME} out of {manifest}: pages would answer HTTP 500")


# --- the command line ----------------------------------------------------------------------------------


def add_arguments(
    parser: argparse.ArgumentParser,
    *,
    postgres_url: str | None,
    env_var: str | None = None,
    sqlite: bool = True,
    postgres_optional: bool = True,
    keep: tuple[str, ...] = ("--keep",),
    quick: dict[str, Any] | None = None,
) -> None:
    """The options every script shares: its databases, --no-write and --quick (small sizes)."""
    if postgres_url is not None:
        default = os.environ.get(env_var, postgres_url) if env_var else postgres_url
        where = f" (env {env_var})" if env_var else ""
        parser.add_argument(
            "--postgres-url", default=default, help=f"a local database, DROPPED and re-created{where}"
        )
        if postgres_optional:
            parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
        parser.add_argument(
            *keep, dest="keep", action="store_true", help="keep the PostgreSQL database afterwards"
        )
    if sqlite and postgres_url is not None:
        parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write docs/benchmarks.md")
    if quick:
        sizes = " ".join(f"--{name.replace('_', '-')} {value}" for name, value in quick.items())
        parser.add_argument(
            "--quick",
            action="store_true",
            help=f"a small run that shows the script works: {sizes} --no-write",
        )
        parser.set_defaults(quick_sizes=quick)


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse; --quick sets the small sizes as defaults (an explicit option still wins) and --no-write."""
    args = parser.parse_args(argv)
    if getattr(args, "quick", False):
        parser.set_defaults(**args.quick_sizes, no_write=True)
        args = parser.parse_args(argv)
    url = getattr(args, "postgres_url", None)
    if url is not None and urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
        parser.error("--postgres-url must point to 127.0.0.1")
    return args


def plan_from(args: argparse.Namespace, **plan: Any) -> Plan:
    """A plan with the database options of `add_arguments` filled in from the command line."""
    return Plan(
        postgres=getattr(args, "postgres_url", None),
        no_sqlite=getattr(args, "no_sqlite", False),
        no_postgres=getattr(args, "no_postgres", False),
        keep_postgres=getattr(args, "keep", False),
        **plan,
    )
