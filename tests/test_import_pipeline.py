"""The shared import pipeline (civicspace.core.imports) end to end, through a module declared for the tests
(tests/imports_fixture.py): upload checks, small files at once and large ones as jobs found by their
importer's key, the decision on a file with errors, the audited cancel, the stored file deleted, the
progress shown (HTMX and without JavaScript), who may see a job, and the command line."""

import dataclasses
import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from civicspace.core.imports import get_importer, register
from civicspace.core.imports import jobs as import_jobs
from civicspace.core.imports.services import import_cancel
from civicspace.core.models import AuditEntry
from civicspace.core.tests.import_helpers import csv_bytes, xlsx_bytes, zip_bomb
from civicspace.recommendations.models import Theme, TrackerJob
from conftest import World
from tests.imports_fixture import ITEMS, Command

pytestmark = [pytest.mark.urls("tests.imports_fixture"), pytest.mark.django_db]
URL = "/test-items/import/"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _csv(*rows: list[Any]) -> bytes:
    return csv_bytes([["name", "qty"], *rows])


def _items() -> list[str]:
    return sorted(Theme.objects.filter(slug__startswith="item-").values_list("slug", flat=True))


def _files() -> set[str]:
    return (
        set(default_storage.listdir("tracker-jobs")[1]) if default_storage.exists("tracker-jobs") else set()
    )


@pytest.fixture
def curator(client_for: Any) -> Any:
    return client_for("secretariat")


def _upload(client: Any, data: bytes, name: str = "items.csv", **extra: Any) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


# --- small files: checked and saved during the request -----------------------------------------------


def test_a_small_clean_file_is_saved_at_once_and_its_file_deleted(
    curator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    files = _files()
    with override_settings(TASKS=DUMMY_TASKS), django_capture_on_commit_callbacks(execute=True):
        response = _upload(curator, _csv(["a", "1"], ["dup", "3"]))  # no task: a queued job would stay queued
    job = TrackerJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{job.pk}/"
    assert (job.state, job.kind, job.total, job.done) == ("done", "import", 1, 1)
    assert (
        job.report["created"] == 1 and job.report["already_stored"] == 1 and job.report["scope"] == "import"
    )
    assert _items() == ["item-a-1"] and not job.file and _files() == files
    html = curator.get(response["Location"]).content.decode()
    assert "rows imported before (skipped)" in html and "Rows imported before: 3" in html
    assert "http-equiv" not in html and "hx-get" not in html  # finished: the page no longer polls


def test_errors_wait_for_a_decision_then_the_valid_rows_are_saved(curator: Any) -> None:
    response = _upload(curator, _csv(["a", "1"], ["", "x"]))
    job = TrackerJob.objects.get()
    assert job.state == "review" and _items() == []
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(3, "name"), (3, "qty")]
    html = curator.get(response["Location"]).content.decode()
    assert "Import only the 1 valid row" in html and "<caption>" in html and 'aria-live="polite"' in html
    curator.post(response["Location"], {"action": "import_valid"})
    job.refresh_from_db()
    assert job.state == "done" and _items() == ["item-a-1"]
    response = curator.post(response["Location"], {"action": "import_valid"}, follow=True)
    assert "This import is not waiting for a decision." in response.content.decode() and len(_items()) == 1


def test_the_valid_rows_anyway_chosen_at_upload(curator: Any) -> None:
    _upload(curator, _csv(["a", "1"], ["", "x"]), valid_only="on")
    job = TrackerJob.objects.get()
    assert job.state == "done" and job.report["valid_only"] is True and _items() == ["item-a-1"]


def test_a_file_with_nothing_to_save_waits_for_a_decision(curator: Any) -> None:
    _upload(curator, b"name,qty\n")
    assert TrackerJob.objects.get().state == "review"


# --- large files: a job, found by its importer's key -------------------------------------------------


def test_a_large_file_is_a_job_whose_task_finds_the_importer(curator: Any) -> None:
    rows = [[f"n{i}", str(i)] for i in range(5)]
    with override_settings(TASKS=DUMMY_TASKS):
        response = _upload(curator, _csv(*rows))
        job = TrackerJob.objects.get()
        assert (job.state, job.total, job.percent()) == ("queued", 6, 0)  # estimated: the lines of the file
        html = curator.get(response["Location"]).content.decode()
        assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html and 'hx-get="' in html
        partial = curator.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
        assert partial.startswith('<div id="import-progress"') and "<html" not in partial
        restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
        assert "<html" in curator.get(response["Location"], headers=restore).content.decode()
    assert import_jobs.check_import.call(importer="tests.items", job_id=str(job.pk)) == "done"
    assert len(_items()) == 5
    # a task that comes again (or late) leaves a job that has moved on alone
    assert import_jobs.check_import.call(importer="tests.items", job_id=str(job.pk)) == "done"


def test_the_decision_on_a_large_file_is_a_job_too(curator: Any) -> None:
    rows = [[f"n{i}", str(i)] for i in range(4)]
    with override_settings(TASKS=DUMMY_TASKS):
        response = _upload(curator, _csv(*rows, ["", "x"]))
        job = TrackerJob.objects.get()
        import_jobs.check_import.call(importer="tests.items", job_id=str(job.pk))
        curator.post(response["Location"], {"action": "import_valid"})
        job.refresh_from_db()
        assert job.state == "saving" and _items() == []
    assert import_jobs.save_import.call(importer="tests.items", job_id=str(job.pk)) == "done"
    job.refresh_from_db()
    assert job.done == 4 and len(_items()) == 4


def test_the_registry() -> None:
    assert get_importer("tests.items") is ITEMS and register(ITEMS) is ITEMS
    with pytest.raises(ImproperlyConfigured):
        register(dataclasses.replace(ITEMS))
    with pytest.raises(LookupError, match=r"AppConfig\.ready"):
        get_importer("tests.nothing")


# --- saving fails: nothing is saved ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("boom", "Row 3 could not be saved: it blew up. Nothing was saved."),
        ("refuse", "The file was refused."),
    ],
)
def test_a_failing_save_saves_nothing(curator: Any, name: str, error: str) -> None:
    response = _upload(curator, _csv(["a", "1"], [name, "2"]))
    job = TrackerJob.objects.get()
    assert (job.state, job.error, _items()) == ("failed", error, [])
    assert error in curator.get(response["Location"]).content.decode()


# --- cancel ------------------------------------------------------------------------------------------------


def test_cancel_writes_one_audit_entry_and_deletes_the_file(
    curator: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    response = _upload(curator, _csv(["", "x"]))
    job = TrackerJob.objects.get()
    stored = str(job.file.name)
    assert job.state == "review" and default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        page = curator.post(response["Location"], {"action": "cancel"}, follow=True)
    assert "The import was cancelled. Nothing was saved." in page.content.decode()
    job.refresh_from_db()
    assert job.state == "cancelled" and not job.file and not default_storage.exists(stored)
    entry = AuditEntry.objects.get(object_id=str(job.pk))
    assert (entry.actor, entry.action, entry.object_id) == (world.users["secretariat"], "update", str(job.pk))
    assert entry.content_type.model == "trackerjob" and entry.changes == {"state": ["review", "cancelled"]}
    assert not import_cancel(job=job, actor=world.users["secretariat"])  # not waiting for a decision
    curator.post(response["Location"], {"action": "import_valid"})
    job.refresh_from_db()
    assert job.state == "cancelled" and AuditEntry.objects.filter(object_id=str(job.pk)).count() == 1
    assert _items() == []


def test_a_cancel_rolled_back_keeps_the_file(curator: Any, world: World, monkeypatch: Any) -> None:
    _upload(curator, _csv(["", "x"]))
    job = TrackerJob.objects.get()
    stored = str(job.file.name)

    def fail(**kwargs: Any) -> None:
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr("civicspace.core.imports.services.audit_record", fail)
    with pytest.raises(RuntimeError):
        import_cancel(job=job, actor=world.users["secretariat"])
    job.refresh_from_db()
    assert job.state == "review" and job.file.name == stored and default_storage.exists(stored)


def test_other_actions_are_refused(curator: Any) -> None:
    response = _upload(curator, _csv(["", "x"]))
    assert curator.post(response["Location"], {"action": "delete"}).status_code == 403


# --- who sees a job ---------------------------------------------------------------------------------------


def test_a_job_is_seen_by_who_started_it_in_its_scope(client_for: Any) -> None:
    mine = _upload(client_for("secretariat"), _csv(["", "x"]))["Location"]
    job = TrackerJob.objects.get()
    assert client_for("secretariat").get(mine).status_code == 200
    assert client_for("secretariat").get(f"/test-items/export/{job.pk}/").status_code == 404  # another scope
    assert client_for("admin").get(mine).status_code == 200  # a superuser
    assert client_for("member").get(mine).status_code == 403  # may not import at all
    assert client_for("anonymous").get(mine).status_code == 302
    admins = _upload(client_for("admin"), _csv(["", "x"]))["Location"]
    assert client_for("secretariat").get(admins).status_code == 404  # may import, but did not start it
    assert client_for("secretariat").post(admins, {"action": "cancel"}).status_code == 404


# --- the upload page --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zip_bomb(8), "expands to"),
        ("name\nសុខភាព\n".encode("utf-16"), "in UTF-16"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "not a spreadsheet"),
        (b"%PDF-1.7 name", "not a spreadsheet"),
        (b"x" * (65 * 1024), "too large"),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_stored(curator: Any, data: bytes, message: str) -> None:
    files = _files()
    response = _upload(curator, data, "items.xlsx")
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert message in html.replace("&#x27;", "'")
    assert TrackerJob.objects.count() == 0 and _files() == files and _items() == []


def test_xlsx_formulas_are_errors_and_never_saved(curator: Any) -> None:
    data = xlsx_bytes([["name", "qty"], ["a", "=2*21"], ['=HYPERLINK("http://x.example","b")', 1]])
    _upload(curator, data, "items.xlsx")
    job = TrackerJob.objects.get()
    assert job.state == "review" and _items() == []
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(2, "qty"), (3, "name"), (3, "name")]
    assert "holds a formula" in job.report["errors"][0]["message"]


def test_the_upload_page(curator: Any) -> None:
    html = curator.get(URL).content.decode()
    assert "Spreadsheet of items" in html and "<code>qty</code>" in html and "A whole number." in html
    assert 'name="valid_only"' in html and 'for="id_valid_only"' in html
    response = curator.post(URL, {})
    assert response.status_code == 400 and TrackerJob.objects.count() == 0


# --- progress ----------------------------------------------------------------------------------------------


def test_progress_while_saving_comes_from_the_cache(curator: Any) -> None:
    response = _upload(curator, _csv(["", "x"]))
    job = TrackerJob.objects.get()
    job.update(state="saving", total=200, done=0)
    cache.set(job.progress_key, 50)
    html = curator.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'value="25"' in html and "25% — 50 of 200 rows" in html
    cache.set(job.progress_key, 500)
    assert (job.live_done(), job.percent(job.live_done())) == (200, 100)
    cache.delete(job.progress_key)


def test_percent() -> None:
    job = TrackerJob(state="checking", total=0, done=0)
    assert job.percent() == 0 and job.in_progress and not job.finished
    job.total, job.done = 3, 1
    assert job.percent() == 33 and job.percent(5) == 100 and job.live_done() == 1
    job.state = "review"
    assert not job.in_progress and not job.finished
    job.state, job.done = "done", 0
    assert job.percent() == 100 and job.finished and not job.in_progress


# --- the command line -------------------------------------------------------------------------------------


def test_the_command_line(tmp_path: Any, world: World) -> None:
    path = tmp_path / "items.csv"
    path.write_bytes(_csv(["a", "1"], ["", "x"], ["dup", "2"]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(Command(), "import", str(path), stdout=out, stderr=err)
    assert "3 rows: 1 valid, 1 imported before (skipped), 1 with errors." in out.getvalue()
    assert "row 3, name: A name is needed." in out.getvalue() and _items() == []
    out = io.StringIO()
    call_command(Command(), "import", str(path), "--valid-only", "--user", "secretariat@example.org", stdout=out,
                 stderr=err)  # fmt: skip
    assert (
        "Imported 1 items in" in out.getvalue() and "100% 1/1" in err.getvalue() and _items() == ["item-a-1"]
    )
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10)
    with pytest.raises(CommandError, match="not a spreadsheet"):
        call_command(Command(), "import", str(path), stdout=out, stderr=err)
    with pytest.raises(CommandError, match="No user"):
        call_command(Command(), "import", str(path), "--user", "nobody@example.org", stdout=out, stderr=err)
