"""What a module declares to import its files (`Importer`), and the registry the background jobs find it
in by its key (a job's task arguments are JSON: the key and the job's id)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.urls import reverse

from civicspace.core.models import FileJob
from civicspace.core.uploads import SpreadsheetRules

from .forms import ImportForm
from .report import RowParser

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


@dataclass(frozen=True)
class Saved:
    """What a module's save service returns: the rows it created, and what to add to the job's report."""

    created: int
    report: dict[str, Any] = field(default_factory=dict)


class SaveRefused(Exception):
    """Raised by a save service to refuse the whole file (nothing saved). `message` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RowRejected(Exception):
    """Raised by a save service when one row cannot be saved (nothing saved); the job names the row."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


class SaveRows(Protocol[T_contra]):
    """A module's row-saving service: all the rows or none, in one transaction, calling `progress` with
    the number saved so far now and then. `scope` is the job's (see Importer.scope_of), `source` the
    uploaded file's name."""

    def __call__(
        self,
        rows: Sequence[T_contra],
        *,
        scope: Any,
        actor: Any,
        source: str,
        progress: Callable[[int], None],
    ) -> Saved: ...


@dataclass(frozen=True)
class Pages:
    """Where a module's import pages are: the URL names of its upload and status views (the status URL
    takes `job`, and both take `url_kwargs(scope)`), and its templates."""

    upload: str
    status: str
    upload_template: str
    status_template: str
    progress_template: str  # the part of the status page that HTMX polls
    url_kwargs: Callable[[Any], dict[str, Any]] = lambda scope: {}


@dataclass(frozen=True, eq=False)
class Importer(Generic[T]):
    """A module's import: the key its jobs find it by, its job model and file limits, how to read a
    file (`parser(scope)`) and save its rows, who may import, and its pages.

    scope: what a job belongs to beyond its model (a consultation), None when nothing. `job_fields(scope)`
    are the job's fields that tie it to its scope (also used to find it); `scope_of(job)` the way back.
    inline_rows: a file of at most so many rows is checked (and saved) during the request; 0: always in
    the background. may_see(user, job): who may see a job, once `permission` is checked."""

    key: str
    job_model: type[FileJob]
    rules: SpreadsheetRules
    parser: Callable[[Any], RowParser[T]]
    save: SaveRows[T]
    permission: str
    pages: Pages
    form: type[ImportForm] = ImportForm
    inline_rows: int = 0
    job_fields: Callable[[Any], dict[str, Any]] = lambda scope: {}
    scope_of: Callable[[Any], Any] = lambda job: None
    may_see: Callable[[Any, FileJob], bool] = lambda user, job: True

    def jobs(self, scope: Any) -> QuerySet[Any]:
        return self.job_model._default_manager.filter(**self.job_fields(scope)).select_related("created_by")

    def status_url(self, job: FileJob) -> str:
        kwargs = self.pages.url_kwargs(self.scope_of(job))
        return reverse(self.pages.status, kwargs={**kwargs, "job": job.pk})

    def upload_url(self, scope: Any) -> str:
        return reverse(self.pages.upload, kwargs=self.pages.url_kwargs(scope))


def started_by_or_superuser(user: Any, job: FileJob) -> bool:
    """A `may_see` for jobs whose report belongs to the person who started them (and platform admins)."""
    return bool(user.is_superuser) or (job.created_by_id is not None and job.created_by_id == user.pk)


_REGISTRY: dict[str, Importer[Any]] = {}


def register(importer: Importer[T]) -> Importer[T]:
    """Declare an importer (at import time of the module that declares it, which its AppConfig.ready
    imports, so that the worker knows it too)."""
    known = _REGISTRY.setdefault(importer.key, importer)
    if known is not importer:
        raise ImproperlyConfigured(f"Two importers are declared with the key {importer.key!r}.")
    return importer


def get_importer(key: str) -> Importer[Any]:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise LookupError(
            f"No importer {key!r} is registered: import the module that declares it in its AppConfig.ready()."
        ) from None
