"""`make bench`: page weight of the public pages and server time of the directory, against gunicorn
running the production settings on local throw-away databases (SQLite, and PostgreSQL when reachable).
Prints the results and rewrites the generated part of docs/benchmarks.md."""

import argparse
import shlex
import sys
import time
from dataclasses import dataclass
from urllib.parse import quote

from . import runner, server
from .client import Client
from .common import (
    BUDGET_BYTES,
    DOC_PATH,
    EN_QUERY,
    KM_QUERY,
    POSTGRES_URL_DEFAULT,
    SECTOR,
    SLOW_MEDIAN_MS,
    SQLITE_PATH,
    TOTAL_ORGANISATIONS,
)
from .load import time_requests
from .pageweight import PageWeight, page_weight
from .report import (
    Results,
    Suite,
    asset_table,
    excluded_table,
    load_1min,
    load_average,
    machine,
    now,
    render,
    timing_table,
    weight_table,
)
from .report import write_doc as write_report

MEETING_PATH = "/en/dialogues/cso-un-virtual-meeting-2021/"  # the demo meeting (load_demo)
MEETING_MEDIAN_BUDGET_MS = 50.0


@dataclass(frozen=True)
class Request:
    key: str
    label: str
    path: str
    lang: str


TIMED = (
    Request("all", "Directory, first page", "/en/organisations/", "en"),
    Request("q_en", f"Search, English “{EN_QUERY}”", f"/en/organisations/?q={quote(EN_QUERY)}", "en"),
    Request("q_km", f"Search, Khmer “{KM_QUERY}”", f"/km/organisations/?q={quote(KM_QUERY)}", "km"),
    Request("sector", f"Sector filter “{SECTOR}”", f"/en/organisations/?sector={SECTOR}", "en"),
    Request("home", "Home", "/en/", "en"),
    Request("meeting", "Meeting page (June 2021)", MEETING_PATH, "en"),
)

PUBLIC_PAGES = (
    ("Home", "/en/"),
    ("Home", "/km/"),
    ("Directory", "/en/organisations/"),
    ("Directory", "/km/organisations/"),
    ("Organisation (CCC)", "/en/organisations/ccc/"),
    ("Organisation (CCC)", "/km/organisations/ccc/"),
    ("Log in", "/en/accounts/login/"),
    ("Log in", "/km/accounts/login/"),
    ("Meeting (June 2021)", MEETING_PATH),
    ("Meeting (June 2021)", MEETING_PATH.replace("/en/", "/km/", 1)),
    ("Dialogues", "/en/dialogues/"),
)

LARGE_PAGES = (
    ("Home", "/en/"),
    ("Home", "/km/"),
    ("Directory", "/en/organisations/"),
    ("Directory", "/km/organisations/"),
    (f"Directory, search “{EN_QUERY}”", f"/en/organisations/?q={quote(EN_QUERY)}"),
    (f"Directory, search “{KM_QUERY}”", f"/km/organisations/?q={quote(KM_QUERY)}"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL (default 200)")
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed requests before each URL (default 20)"
    )
    parser.add_argument("--max-seconds", type=float, default=120.0, help="time bound per URL (default 120)")
    parser.add_argument("--organisations", type=int, default=TOTAL_ORGANISATIONS)
    runner.add_arguments(
        parser,
        postgres_url=POSTGRES_URL_DEFAULT,
        env_var="BENCH_POSTGRES_URL",
        sqlite=False,  # the page weights are measured on SQLite
        quick={"organisations": 100, "requests": 3, "warmup": 1, "max_seconds": 30},
    )
    args = runner.parse_args(parser, argv)
    if not (1 <= args.requests <= 10_000 and 0 <= args.warmup <= 1_000 and 1 <= args.max_seconds <= 1_800):
        parser.error("--requests 1..10000, --warmup 0..1000, --max-seconds 1..1800")
    return args


def step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def weigh(client: Client, pages: tuple[tuple[str, str], ...]) -> list[PageWeight]:
    return [page_weight(client, label, path) for label, path in pages]


def time_suite(client: Client, args: argparse.Namespace, suite: Suite) -> Suite:
    before = load_1min()
    for r in TIMED:
        step(f"  {suite.backend}: {args.warmup} + {args.requests} x GET {r.path}")
        suite.timings.append(
            time_requests(
                client,
                r.key,
                r.label,
                r.path,
                lang=r.lang,
                warmup=args.warmup,
                requests=args.requests,
                max_seconds=args.max_seconds,
            )
        )
    suite.load = (before, load_1min())
    return suite


Weights = list[tuple[str, list[PageWeight]]]


def measure(db: runner.Database, args: argparse.Namespace) -> tuple[Weights, Suite]:
    """The page weights and server times (SQLite), or the server times only (PostgreSQL)."""
    return sqlite_run(db, args) if db.backend == "SQLite" else ([], postgres_run(db, args))


def sqlite_run(db: runner.Database, args: argparse.Namespace) -> tuple[Weights, Suite]:
    with server.gunicorn(db.env, name="sqlite") as port:
        client = Client(port)
        step("Page weight with the 15 demo organisations")
        small = weigh(client, PUBLIC_PAGES)
        step(f"Bulk-creating organisations up to {args.organisations:,}")
        seeded = server.seed(db.env, total=args.organisations)
        step(f"Page weight with {seeded['total']:,} organisations")
        large = weigh(client, LARGE_PAGES)
        suite = Suite(db.backend, db.version, seeded["total"], seeded["matches"])
        time_suite(client, args, suite)
        client.close()
    weights = [("15 demo organisations", small), (f"{seeded['total']:,} organisations", large)]
    return weights, suite


def postgres_run(db: runner.Database, args: argparse.Namespace) -> Suite:
    step(f"PostgreSQL: bulk-creating organisations up to {args.organisations:,}")
    seeded = server.seed(db.env, total=args.organisations)
    with server.gunicorn(db.env, name="postgres") as port:
        client = Client(port)
        suite = Suite(db.backend, db.version, seeded["total"], seeded["matches"])
        suite.note = "Persistent connections as in production (`CONN_MAX_AGE` 60 s, health checks on)."
        time_suite(client, args, suite)
        client.close()
    return suite


def method(args: argparse.Namespace, reused: bool) -> list[str]:
    keep_alive = (
        "the client keeps the connection open between requests"
        if reused
        else "gunicorn's default sync worker closes the connection after every response, so each request "
        "opens a new local TCP connection (the connect itself is not timed)"
    )
    return [
        "- Server: `gunicorn config.wsgi:application --workers 2 --bind 127.0.0.1:<free port>` with "
        "`DJANGO_SETTINGS_MODULE=config.settings.production` and this environment: a dummy 60-character "
        "`SECRET_KEY`, a dummy `FIELD_ENCRYPTION_KEYS`, `ALLOWED_HOSTS=127.0.0.1,localhost`, "
        "`SECURE_SSL_REDIRECT=false` and `TRUSTED_PROXY_COUNT=0` (plain HTTP, no proxy in front), "
        "`STATIC_ROOT=var/bench/static`, no `REDIS_URL` (local-memory cache), `DATABASE_URL` pointing to "
        "the benchmark database. "
        "Static files come from `collectstatic` (WhiteNoise `CompressedManifestStaticFilesStorage`, "
        "with `.gz` and `.br`).",
        "- Data: a fresh database per run: `migrate`, then `manage.py load_demo --no-accounts` (the 15 demo "
        "organisations, created through `services.organisation_create`), then organisations up to "
        f"{args.organisations:,} **bulk-created** by `benchmarks/seed.py`: realistic English and Khmer names "
        "and descriptions built from fragments (kind of body, field of work, province), 1-3 sectors each, "
        "`search_document` computed with `civicspace.core.i18n.search_document` as the service does, "
        "one `bulk_create` for the organisations and one for the sector links; no audit rows for them.",
        "- Page weight: as a browser's first load, with an empty cache: GET the HTML, parse it for "
        '`<link rel="stylesheet">`, `<script src>` and preloads of styles and scripts on the same origin, '
        "follow CSS `@import`, and add up the response bodies as transferred (compressed), without headers. "
        "The directory shows 30 organisations a page, so with 2,000 organisations its pages are full. "
        "Each resource is fetched with `Accept-Encoding: identity`, `gzip`, and `gzip, deflate, br, zstd`. "
        "HTML is fetched 5 times per encoding and the largest body kept, because Django's GZipMiddleware "
        "adds 0-100 random bytes to every gzip response against BREACH. Fonts (and the favicon) are listed "
        f"but not counted. Budget: {BUDGET_BYTES:,} bytes (50 KB).",
        f"- Server time: one client on `http.client`, sequential GETs with browser-like headers "
        f"(`Accept-Encoding: gzip, deflate, br, zstd`); {args.warmup} untimed warm-up requests, then "
        f"{args.requests} timed requests per URL (at most {args.max_seconds:.0f} s each). "
        f"Each time runs from sending the request to reading the last byte of the body; {keep_alive}. "
        "Req/s is completed requests divided by the wall time of the timed loop, one request at a time. "
        f"“Matches” is the number of organisations the request finds (the page shows 30). "
        f"A median above {SLOW_MEDIAN_MS:.0f} ms counts as slow.",
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    command = "make bench" if not argv else f".venv/bin/python benchmarks/run.py {shlex.join(argv)}"
    started, load_before = now(), load_average()
    outcome = runner.run(
        lambda db: measure(db, args), runner.plan_from(args, sqlite=SQLITE_PATH, load_demo=True), log=step
    )
    weights = [w for ws, _suite in outcome.results for w in ws]
    suites = [suite for _ws, suite in outcome.results]
    skipped = [f"{note}." for note in outcome.skipped]
    pg_version = outcome.postgres_version

    reused = any(t.reused_connections for s in suites for t in s.timings)
    results = Results(
        date=started,
        command=command,
        machine=machine(pg_version, load_before),
        method=method(args, reused),
        weights=weights,
        suites=suites,
        skipped=skipped,
    )
    print_summary(results)
    if args.no_write:
        step("Not writing docs/benchmarks.md (--no-write)")
    else:
        write_report(DOC_PATH, render(results))
        step(f"Wrote {DOC_PATH.relative_to(DOC_PATH.parents[1])}")
    failed = [p for _, pages in weights for p in pages if not p.passes]
    slow = [t for s in suites for t in s.timings if t.key == "all" and t.median_ms > SLOW_MEDIAN_MS]
    slow += [
        t for s in suites for t in s.timings if t.key == "meeting" and t.median_ms > MEETING_MEDIAN_BUDGET_MS
    ]
    return 1 if failed or slow else 0


def print_summary(results: Results) -> None:
    out: list[str] = [""]
    for scenario, pages in results.weights:
        out += [f"Page weight — {scenario}", weight_table(pages), ""]
        for p in pages:
            out += [f"  {p.path}: {e}" for e in p.errors]
    all_pages = [p for _, pages in results.weights for p in pages]
    out += ["Stylesheets and scripts", asset_table(all_pages), ""]
    out += ["Not counted", excluded_table(all_pages), ""]
    for s in results.suites:
        out += [
            f"Server time — {s.backend} {s.version}, {s.organisations:,} organisations",
            timing_table(s),
            "",
        ]
    out += [f"Skipped: {note}" for note in results.skipped]
    print("\n".join(out), flush=True)
