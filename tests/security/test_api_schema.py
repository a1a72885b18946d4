"""Issue 11, finding 9d: what the API answers must match its OpenAPI schema. Fields that can be null are
declared nullable, an absent evidence link is null (not "", which is no `uri`), every operation
documents its 401, 403 and 404 answers, and an unknown `/api/…` address answers with the API's JSON
error instead of the HTML 404 page."""

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    ("component", "field"),
    [("Meeting", "cycle"), ("Consultation", "unit"), ("Evidence", "url"), ("Evidence", "file")],
)
def test_fields_that_can_be_null_are_nullable(schema: dict[str, Any], component: str, field: str) -> None:
    assert schema["components"]["schemas"][component]["properties"][field].get("nullable") is True


def test_every_operation_documents_401_403_and_404(schema: dict[str, Any]) -> None:
    missing = [
        f"{method.upper()} {path}: {code}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in METHODS
        for code in ("401", "403", "404")
        if code not in operation["responses"]
    ]
    assert not missing, missing


def test_documented_errors_have_the_api_error_shape(schema: dict[str, Any]) -> None:
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert set(error["properties"]["error"]["properties"]) == {"status", "code", "detail", "fields"}


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/asks/1/no-such-child/", "/api/no-such-version/", "/api/"]
)
@pytest.mark.django_db
def test_unknown_api_addresses_answer_with_a_json_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "detail": "Not found.", "fields": {}}
    }


@pytest.mark.django_db
def test_unknown_pages_still_answer_with_the_html_404(client: Any) -> None:
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
