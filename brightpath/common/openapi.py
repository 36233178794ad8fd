"""The OpenAPI document names the one error shape on every operation."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every 4xx/5xx answer. `fields` names each bad field by its path; "
    "some errors add more, e.g. a 409's `current` (the object as it is now).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "example": "validation_error"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message"],
            "additionalProperties": True,
        }
    },
    "required": ["error"],
}

# What any operation may answer, whatever it does.
COMMON_ERRORS = {
    "400": "Bad input: each bad field is named by its path.",
    "401": "Not signed in, or the token expired.",
    "403": "Not allowed.",
    "404": "No such object, or another family's.",
    "429": "Too many requests; see Retry-After.",
}

# What any operation that reads a body may answer, from the parsers (common/parsers.py).
BODY_ERRORS = {
    "413": "The request body is too large.",
    "415": "The body's Content-Type is missing or not one the operation reads.",
}


def document_errors(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: add the common errors to every
    operation and give every error response the one error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            errors = {**COMMON_ERRORS, **(BODY_ERRORS if "requestBody" in operation else {})}
            for status, description in errors.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if status[0] in "45" and "content" not in response:
                    response["content"] = error
    return result
