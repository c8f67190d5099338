"""What the OpenAPI schema says about errors (docs/api.md, "Errors: one shape").

Every error of the API has one JSON shape (`errors.body`). drf-spectacular documents only
the answers a view declares, so without this hook the schema said a list answers 200 and
nothing else, while the server rightly answers 400 for a bad parameter, 401 for a revoked
token, 404 past the last page, 429 past the rate limit: a client generated from the
schema could not read those answers (schemathesis' status_code_conformance found them).
The hook adds, to each operation, the errors it can answer, each with the `Error` shape.
"""

from typing import Any

ERROR_REF = {"$ref": "#/components/schemas/Error"}

# The shape of `errors.body`: `fields`, `current` and `conflict` only when they apply.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
                "current": {"type": "object", "additionalProperties": {}},
                "conflict": {"type": "object", "additionalProperties": {}},
            },
        }
    },
}

DESCRIPTIONS = {
    "400": "A parameter or body the API cannot take (`fields` names it).",
    "401": "A token that is not valid or was revoked; a session that timed out.",
    "403": "Not allowed to this caller (its role, or a read-only token writing).",
    "404": "Nothing there, or nothing this caller may see; a page past the last.",
    "409": "Not possible in the report's state.",
    "412": (
        "If-Match names an older version, or no version this server gave (a weak "
        '`W/"v3"` never matches: strong comparison): `current` holds what is stored.'
    ),
    "413": "The body is larger than the server takes.",
    "415": "A body in a Content-Type this operation does not take.",
    "422": "A rule of the value refuses it (`fields`).",
    "428": "If-Match is missing, or not an If-Match (`*` or a list of quoted ETags).",
    "429": "Too many requests: wait `Retry-After` seconds.",
}

# The `code` each status answers with (errors.handler), for the examples shown in the
# documentation (a real error, not `"status": 0`).
CODES = {
    "400": "invalid",
    "401": "authentication_failed",
    "403": "permission_denied",
    "404": "not_found",
    "409": "refused",
    "412": "precondition_failed",
    "413": "too_large",
    "415": "unsupported_media_type",
    "422": "invalid",
    "428": "precondition_required",
    "429": "throttled",
}

WRITES = ("post", "put", "patch", "delete")


def _errors_of(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer besides those it declares."""
    parameters = operation.get("parameters", [])
    codes = ["401", "429"]  # any caller with a token or session; anyone past the limit
    if any(p.get("in") == "query" for p in parameters) or "requestBody" in operation:
        codes.append("400")
    if parameters:  # a path naming nothing, a filter naming nothing, a page past the last
        codes.append("404")
    if method in WRITES:
        codes += ["403", "413", "415"]
    return codes


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular's postprocessing hook (settings.SPECTACULAR_SETTINGS)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code in {
                *_errors_of(method, operation),
                *(c for c in responses if c.startswith("4") and c != "414"),
            }:
                response = responses.setdefault(code, {})
                response.setdefault("description", DESCRIPTIONS.get(code, "An error."))
                example = {"status": int(code), "code": CODES.get(code, "invalid")}
                example["message"] = DESCRIPTIONS.get(code, "An error.")
                response["content"] = {
                    "application/json": {"schema": ERROR_REF, "example": {"error": example}}
                }
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                # Answered by the web server (gunicorn) before the application, in its own
                # HTML: a request line over 4,094 bytes (schemathesis sent some).
                responses["414"] = {
                    "description": "The address with its parameters is longer than the web "
                    "server takes (4,094 bytes): the web server's own HTML page.",
                    "content": {"text/html": {"schema": {"type": "string"}}},
                }
    return result
