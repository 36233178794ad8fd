"""Is an answer what /api/schema/ documents? For plain regression tests of what the
schemathesis run (test_fuzz_api.py) found.

The answer's status must be documented for the operation, and its body must match
that status's schema as schemathesis checks it: formats too (date-time, uuid,
uri, ...), and strictly (no field the documentation does not name, null only where
it is nullable).
"""

from __future__ import annotations

import functools

import jsonschema_rs
from drf_spectacular.generators import SchemaGenerator


def _strict(node):
    """OpenAPI 3.0 to JSON Schema: `nullable` becomes a null alternative, and an
    object that lists its properties allows no others."""
    if isinstance(node, list):
        return [_strict(child) for child in node]
    if not isinstance(node, dict):
        return node
    node = {key: _strict(value) for key, value in node.items()}
    if "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@functools.cache
def openapi() -> dict:
    return _strict(SchemaGenerator().get_schema(request=None, public=True))


def documented(response, template: str, method: str = "get") -> dict:
    """Assert `response` is documented for `method template`; return its JSON body."""
    operation = openapi()["paths"][template][method]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {template} answered undocumented {status}"
    if response.status_code == 204:
        return {}
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.Draft202012Validator(
        {"allOf": [schema], "components": openapi()["components"]}, validate_formats=True
    )
    body = response.json()
    problems = [
        f"{'/'.join(map(str, error.instance_path))}: {error.message}"
        for error in validator.iter_errors(body)
    ]
    assert not problems, f"{method} {template} ({status}):\n" + "\n".join(problems[:10])
    return body
