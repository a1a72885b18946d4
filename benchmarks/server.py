"""Preparing a benchmark database and running gunicorn on it, always on 127.0.0.1."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from .client import Client
from .common import (
    BASE_DIR,
    BENCH_DIR,
    DUMMY_FERNET_KEY,
    DUMMY_SECRET_KEY,
    HOST,
    SETTINGS_MODULE,
    STATIC_ROOT,
)

WORKERS = 2
START_TIMEOUT = 60.0
COMMAND_TIMEOUT = 900.0


def bench_env(database_url: str) -> dict[str, str]:
    """Production settings with dummy keys, plain HTTP, no proxy in front and a local database."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG", "CONN_MAX_AGE"}}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        SECRET_KEY=DUMMY_SECRET_KEY,
        FIELD_ENCRYPTION_KEYS=DUMMY_FERNET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        TRUSTED_PROXY_COUNT="0",  # the client talks to gunicorn directly
        STATIC_ROOT=str(STATIC_ROOT),
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
        PYTHONWARNINGS="ignore::DeprecationWarning",
    )
    return env


def run(args: list[str], env: dict[str, str], *, what: str) -> str:
    """Run a command in the project directory; on failure show its output and stop."""
    proc = subprocess.run(
        args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise RuntimeError(f"{what} failed (exit {proc.returncode}): {' '.join(args)}")
    return proc.stdout


def manage(env: dict[str, str], *args: str) -> str:
    return run([sys.executable, "manage.py", *args], env, what=f"manage.py {args[0]}")


def collectstatic(env: dict[str, str]) -> None:
    """collectstatic into the environment's STATIC_ROOT (benchmarks/runner.py calls it)."""
    root = Path(env.get("STATIC_ROOT", STATIC_ROOT))
    root.mkdir(parents=True, exist_ok=True)
    manifest = root / "staticfiles.json"
    manifest.unlink(missing_ok=True)
    manage(env, "collectstatic", "--noinput", "--clear", "--verbosity", "0")
    if not manifest.exists():
        raise RuntimeError(
            f"collectstatic did not write to {root}: config/settings/base.py must read STATIC_ROOT "
            'from the environment (STATIC_ROOT = env.path("STATIC_ROOT", default=...)).'
        )


def migrate_and_load_demo(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", "--no-accounts")


def seed(env: dict[str, str], *, total: int) -> dict[str, Any]:
    out = run([sys.executable, "-m", "benchmarks.seed", "--total", str(total)], env, what="seeding")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def fresh_sqlite(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _check_local(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost"}:
        raise ValueError(f"the benchmark only talks to 127.0.0.1, not {host!r}")


class PostgresUnavailable(Exception):
    """The PostgreSQL server did not accept a connection; its part of the benchmark is skipped."""


def postgres_admin(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection to the server's `postgres` database, to create and drop the benchmark's."""
    _check_local(url)
    parts = urlsplit(url)
    try:
        return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PostgresUnavailable(
            f"no connection to {parts.hostname}:{parts.port or 5432}: {reason}"
        ) from exc


def postgres_recreate(url: str) -> str:
    """Drop and create the benchmark database; returns the server version."""
    name = urlsplit(url).path.lstrip("/")
    with postgres_admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def postgres_drop(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    try:
        with postgres_admin(url) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except PostgresUnavailable as exc:
        print(f"Could not drop the PostgreSQL benchmark database {name}: {exc}", file=sys.stderr)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def gunicorn(env: dict[str, str], *, name: str) -> Iterator[int]:
    """Run `gunicorn config.wsgi:application` with 2 workers on a free local port; always stop it."""
    port = free_port()
    log = BENCH_DIR / f"gunicorn-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--workers", str(WORKERS), "--bind", f"{HOST}:{port}",
        "--error-logfile", str(log), "--log-level", "warning", "--timeout", "30",
    ]  # fmt: skip
    proc = subprocess.Popen(args, cwd=BASE_DIR, env=env, start_new_session=True)
    try:
        _wait_until_up(proc, port, log)
        yield port
    finally:
        _stop(proc)


def _wait_until_up(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    client = Client(port, timeout=5)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {log}")
        try:
            if client.get("/healthz").status == 200:
                return
        except OSError:
            pass
        finally:
            client.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {START_TIMEOUT:.0f} s; see {log}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # our own process group (start_new_session above)
        proc.wait(timeout=5)
