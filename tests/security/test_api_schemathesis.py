"""Issue 11: Schemathesis against the API's own OpenAPI schema, in-process, on every database the suite
runs on. Each role (anonymous, and one API token per role) sends generated requests, positive ones, to
every operation of `/api/v1/`; a 5xx, an undocumented status code or content type, or a body that does
not match the schema fails the test. Writes are allowed: they land in the test database.

Reproducible and bounded: Hypothesis draws derandomized (the same cases on every run) and at most
MAX_EXAMPLES cases an operation and role. Half of the drawn path parameters are replaced by records
that exist (`known`), so the bodies of real records are checked, not only 404s."""

import json
import os
from typing import Any

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from conftest import ROLES, World
from tests.second_factor import give_second_factor_if_required
from tests.tokens import api_token_for

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Bounded so that each database's run takes about two minutes on CI's 2-core machine;
# SCHEMATHESIS_MAX_EXAMPLES=50 searches deeper locally.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
CASES: list[str] = []  # every case sent, for SCHEMATHESIS_REPORT=1
# The roles of docs/roles-and-permissions.md: conftest's, plus a consultation's organiser (a member of
# its organising organisation, who manages and moderates it).
FUZZ_ROLES = (*ROLES, "organiser")


def token_for(user: Any) -> str:
    """The API token a role sends: a writing role gets its second factor first, and its token is issued
    as by a session that passed it (tests/tokens.py is the one place that makes tokens)."""
    give_second_factor_if_required(user)
    return api_token_for(user)


def _openapi() -> dict[str, Any]:
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))
    return loaded


SCHEMA = schemathesis.openapi.from_dict(_openapi())
SCHEMA.app = application
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations() if isinstance(result, Ok)]


@pytest.fixture
def _keep_the_test_connection() -> Any:
    """Django's WSGI handler closes the database connection when a request finishes, which would end the
    test's transaction (PostgreSQL); the test client avoids it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(world: World, meeting: Any) -> dict[str, list[Any]]:
    """Demo-like records (organisations, a held meeting without a cycle, its session, participants and a
    drafted outcome, asks with a response and progress with file and link evidence, a published
    national consultation and a draft one, places), and their keys by path parameter name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from civicspace.consultations.models import Consultation
    from civicspace.consultations.tests.fixtures import make_consultation
    from civicspace.dialogues import services as dialogues
    from civicspace.organisations import services as organisations
    from civicspace.organisations.models import Organisation, Sector
    from civicspace.places.models import AdminUnit
    from civicspace.recommendations import services as recommendations
    from civicspace.recommendations.models import Ask, Evidence

    dialogues.outcome_version_create(meeting=meeting, actor=None)
    ask = meeting.asks.get()
    recommendations.ask_create(
        actor=None, text_en="Publish the budget.", addressees=[world.un_agency], raised_by=[world.coalition]
    )
    recommendations.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                                    responded_on=meeting.starts_at.date(), actor=None)  # fmt: skip
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    recommendations.progress_report(ask=ask, status="in_progress", actor=None, evidence=[
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", pdf), "is_public": True},
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", pdf), "is_public": False},
        {"title": "Link", "url": "https://example.org/report", "is_public": True},
    ])  # fmt: skip
    ministry = organisations.organisation_create(
        actor=None, slug="ministry", kind="government", name_en="Ministry", acronym_en="MIN"
    )
    organiser = type(world.users["member"]).objects.create_user(
        email="organiser@example.org", password="a-long-test-password"
    )
    organisations.membership_set(organisation=ministry, user=organiser, role="member", actor=None)
    world.users["organiser"] = organiser
    AdminUnit.objects.create(code="12", level="province", unit_type="capital", name_en="Phnom Penh")
    make_consultation(slug="national", authority=world.un_agency, organisers=[ministry])
    make_consultation(slug="draft", authority=world.un_agency, organisers=[ministry], publish=False)
    slugs = [
        *Organisation.objects.values_list("slug", flat=True),
        *Sector.objects.values_list("slug", flat=True)[:3],
        *Consultation.objects.values_list("slug", flat=True),
        meeting.slug,
    ]
    return {
        "slug": slugs,
        "meeting_slug": [meeting.slug],
        "ask_pk": list(Ask.objects.values_list("pk", flat=True)),
        "id": [*Ask.objects.values_list("pk", flat=True), *Evidence.objects.values_list("pk", flat=True)],
        "number": [1],
        "code": list(AdminUnit.objects.values_list("code", flat=True)),
    }


def _fuzz(operation: Any, known: dict[str, list[Any]], headers: dict[str, str]) -> None:
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), data=st.data())
    def run(case: Any, data: Any) -> None:
        for name in list(case.path_parameters or {}):
            if name in known and data.draw(st.booleans(), label=f"known {name}"):
                case.path_parameters[name] = data.draw(st.sampled_from(known[name]), label=name)
        CASES.append(operation.label)
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_every_operation_of_the_schema_is_fuzzed() -> None:
    methods = {"get", "put", "post", "patch", "delete"}
    declared = [m for operations in SCHEMA.raw_schema["paths"].values() for m in operations if m in methods]
    assert len(OPERATIONS) == len(declared) > 30


@pytest.mark.usefixtures("_keep_the_test_connection")
@pytest.mark.parametrize("role", FUZZ_ROLES)
def test_the_api_keeps_to_its_schema(
    settings: Any, world: World, known: dict[str, list[Any]], role: str
) -> None:
    """One test per role (the records are made once per role, not per operation); every operation is
    fuzzed and all failures are reported together."""
    settings.SMS_WEBHOOK_SECRET = "schemathesis-sms-secret"  # configured, as in production (else 503)
    user = world.users[role]
    # In process, nothing undoes the gzip of GZipMiddleware: ask for the body as it is.
    headers = {"Accept-Encoding": "identity"}
    if user is not None:
        headers["Authorization"] = f"Token {token_for(user)}"
    failures: list[str] = []
    for operation in OPERATIONS:
        try:
            _fuzz(operation, known, headers)
        except Exception as exc:
            failures.append(f"{operation.label} as {role}:\n{exc}")
    assert not failures, "\n\n".join(failures)


def teardown_module() -> None:
    if os.environ.get("SCHEMATHESIS_REPORT"):
        print(f"\nSchemathesis: {len(CASES)} cases, {len(set(CASES))} operations, {len(FUZZ_ROLES)} roles")
