"""Issue 11, finding 4: above XLSX_SYNC_LIMIT asks, every anonymous GET of the XLSX export created a job
and a file (about 380 KB), with no de-duplication and no clean-up. An identical pending or fresh job is
now reused, new jobs are limited per client (EXPORT_JOB_RATE), and files expire (EXPORT_FILE_TTL;
`manage.py prune_exports` deletes them with their jobs)."""

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from civicspace.recommendations import exports, services
from civicspace.recommendations.models import TrackerJob
from civicspace.recommendations.tests.test_exports import asks  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/en/recommendations/export.xlsx"


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch: Any) -> None:
    monkeypatch.setattr(
        exports, "XLSX_SYNC_LIMIT", -1
    )  # every XLSX export, however small, is a background job


def _export(client: Any, address: str = "203.0.113.7", **params: str) -> Any:
    return client.get(URL, params, REMOTE_ADDR=address, HTTP_USER_AGENT=f"UA {params}")


def test_the_same_export_reuses_one_job_and_one_file(client: Any, asks: Any) -> None:  # noqa: F811
    responses = [_export(client, address=f"198.51.100.{n}") for n in range(1, 6)]
    assert {r.status_code for r in responses} == {302}
    assert len({r["Location"] for r in responses}) == 1
    assert TrackerJob.objects.filter(kind="export").count() == 1
    # another filter or another language is another export
    assert _export(client, sector="health")["Location"] != responses[0]["Location"]
    client.get(URL.replace("/en/", "/km/"), REMOTE_ADDR="198.51.100.9")
    assert TrackerJob.objects.filter(kind="export").count() == 3


def test_a_pending_job_is_reused(client: Any, asks: Any) -> None:  # noqa: F811
    pending = TrackerJob.objects.create(kind="export", format="xlsx", language="en", state="running", total=3,
                                        filters_digest=TrackerJob.digest_of({}))  # fmt: skip
    response = _export(client)
    assert response["Location"] == f"/en/recommendations/jobs/{pending.pk}/"
    assert TrackerJob.objects.filter(kind="export").count() == 1


def test_a_change_in_the_data_makes_a_new_export(client: Any, asks: Any) -> None:  # noqa: F811
    first = _export(client)["Location"]
    services.ask_create(actor=None, text_en="A new ask.", source_kind="letter")
    second = _export(client)["Location"]
    assert first != second and TrackerJob.objects.filter(kind="export").count() == 2


def test_new_jobs_are_limited_per_client(client: Any, asks: Any, settings: Any) -> None:  # noqa: F811
    settings.EXPORT_JOB_RATE = "3/3600"
    queries = [{"q": f"word{n}"} for n in range(4)]
    statuses = [_export(client, **q).status_code for q in queries]
    assert statuses == [302, 302, 302, 429]
    limited = _export(client, q="word9")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert TrackerJob.objects.filter(kind="export").count() == 3
    assert _export(client, **queries[0]).status_code == 302  # an existing export is still served
    assert _export(client, address="198.51.100.20", q="word9").status_code == 302  # another client


def test_files_expire_and_prune_exports_deletes_them(client: Any, asks: Any, settings: Any) -> None:  # noqa: F811
    settings.EXPORT_FILE_TTL = 3600
    old_location = _export(client)["Location"]
    old = TrackerJob.objects.get(kind="export")
    name = str(old.file.name)
    assert old.state == "done" and old.file.storage.exists(name)
    TrackerJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    assert client.get(old_location + "?download=1").status_code == 404  # expired
    fresh_location = _export(client)["Location"]
    assert fresh_location != old_location  # an expired file is not reused
    call_command("prune_exports")
    assert not TrackerJob.objects.filter(pk=old.pk).exists()
    assert not old.file.storage.exists(name)
    assert client.get(fresh_location + "?download=1").status_code == 200
