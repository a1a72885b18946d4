"""The API schema's error answers, declared once for every operation (a drf-spectacular postprocessing
hook, SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).

Every operation may answer 401 (a wrong or missing token where one is needed), 403 (no permission, or
a staff account without its second factor) and 404; an operation with parameters or a body may also
answer 400. They all have the one shape of core.api.exception_handler, the `Error` component."""

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every API error: `fields` lists the invalid fields of a 400, and is empty otherwise.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "detail": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
            "required": ["status", "code", "detail", "fields"],
        }
    },
    "required": ["error"],
}
ERRORS = {
    "400": "Invalid input or query parameters (`fields` says which).",
    "401": "Authentication failed: an unknown or inactive token, or none where one is needed.",
    "403": "Not allowed, or the account must set up its second factor first (`two_factor_required`).",
    "404": "No such record, or not one the caller may see.",
}
METHODS = frozenset({"get", "put", "post", "patch", "delete", "head", "options", "trace"})


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Adds the `Error` component and the error answers each operation does not declare itself."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "400" and not takes_input:
                    continue
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
