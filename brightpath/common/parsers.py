"""Request body parsers: hostile input is refused here, before any view sees it.

Every body the API reads (JSON, and the form encodings the browsable API posts)
goes through one of these parsers, so each rule holds everywhere at once:

- at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (413, "request_too_large");
- JSON nested at most MAX_JSON_DEPTH levels, checked by a scan of the text
  *before* it is decoded, so no depth can reach the recursive decoder
  (400, "parse_error");
- numbers that fit the database: whole numbers within a signed 64-bit
  integer, finite decimals; no NaN or Infinity (400, "validation_error");
- text the database can store: no lone UTF-16 surrogates (not valid UTF-8)
  and no NUL characters (PostgreSQL's text and JSONB refuse them), in keys
  as in values (400, "validation_error" naming each bad value by its path,
  e.g. `draft.name` or `children[0].section2.name`);
- no file uploads: no endpoint takes a file.

The query string, the URL path and the cookies are checked with the same rule
by `brightpath.common.middleware.UnstorableTextMiddleware`.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError, ValidationError

MAX_JSON_DEPTH = 32
MAX_INT = 2**63 - 1  # the largest value a BigIntegerField (and PostgreSQL's bigint) holds
MIN_INT = -(2**63)

UNSTORABLE_RULE = "may not contain NUL characters or unpaired surrogates (\\ud800-\\udfff)."
UNSTORABLE_TEXT = f"Text {UNSTORABLE_RULE}"
UNSTORABLE_KEY = f"Keys {UNSTORABLE_RULE}"
OUT_OF_RANGE = f"Whole numbers must be between {MIN_INT} and {MAX_INT}."
NOT_FINITE = "Numbers must be finite (no NaN or Infinity)."


class RequestTooLarge(APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "request_too_large"


# --- text -----------------------------------------------------------------------------

# Characters the database cannot store: NUL (PostgreSQL text/JSONB) and lone
# surrogates (not encodable as UTF-8; a *pair* decodes to one astral character).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def is_storable(text: str) -> bool:
    """True if `text` can be stored as text by every database the project runs on."""
    return _UNSTORABLE.search(text) is None


def printable(text: str) -> str:
    """`text` with its unstorable characters written as \\uXXXX escapes (for messages)."""
    return _UNSTORABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- JSON -------------------------------------------------------------------------------

# A JSON string: from its opening quote to its closing one, or to the end of the text
# if it is never closed (the decoder refuses that string anyway). It always matches at a
# quote without backtracking, so the scan is linear whatever the body holds.
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.?[^"\\]*+)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# What the decoder could turn into an unstorable character: the escapes \u0000 and
# \ud800-\udfff (a valid pair among them is fine), or such a character itself.
_SUSPECT = re.compile(r"[\x00\ud800-\udfff]|\\u(?:0000|[dD][89a-fA-F])")
# A number that may not fit: a signed 64-bit integer has at most 19 digits, and a
# float overflows only with 309+ digits or an exponent of 308 or more.
_LARGE_NUMBER = re.compile(r"[0-9]{19}|[eE][+-]?[0-9]{3}")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of JSON `text` nest, without decoding it.

    Brackets inside strings do not count. For malformed text this is the depth the
    decoder reaches before it fails, or more, never less.
    """
    return _depth(_outside_strings(text))


def _outside_strings(text: str) -> str:
    return _JSON_STRING.sub("", text)


def _depth(structure: str) -> int:
    brackets = _NOT_BRACKET.sub("", structure)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


class _Refused:
    """Stands in for a number the decoder met that the database cannot hold."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _walk(value: Any) -> Iterator[tuple[str, Any, bool]]:
    """(path, node, is_key) for every node of a decoded JSON value, iteratively."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, node = stack.pop()
        yield path, node, False
        if isinstance(node, dict):
            for key, child in reversed(node.items()):
                key_path = f"{path}.{printable(key)}" if path else printable(key)
                yield key_path, key, True
                stack.append((key_path, child))
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):  # popped in document order
                stack.append((f"{path}[{index}]", node[index]))


def refused_values(value: Any) -> dict[str, list[str]]:
    """{path: [message]} for every value of `value` the database could not store."""
    errors: dict[str, list[str]] = {}
    for path, node, is_key in _walk(value):
        if isinstance(node, str) and not is_storable(node):
            message = UNSTORABLE_KEY if is_key else UNSTORABLE_TEXT
            errors.setdefault(path or "nonFieldErrors", []).append(message)
        elif isinstance(node, _Refused):
            errors.setdefault(path or "nonFieldErrors", []).append(node.message)
    return errors


def _read_body(stream, parser_context: dict | None) -> bytes:
    """The body, refused with 413 past the size limit (without reading all of it)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # None: no limit, as for Django's forms
    if limit is None:
        return stream.read()
    request = (parser_context or {}).get("request")
    if request is not None:
        meta = request.META
        try:
            declared = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
    return body


def decode_json(text: str) -> Any:
    """Decode JSON `text` under the rules above; raises ParseError or ValidationError."""
    structure = _outside_strings(text)
    if _depth(structure) > MAX_JSON_DEPTH:
        raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
    refused = False

    def parse_int(digits: str) -> int | _Refused:
        nonlocal refused
        # Count the digits first: int() of thousands of them is slow, and Python
        # refuses more than 4300.
        if len(digits.lstrip("-")) <= 19:
            number = int(digits)
            if MIN_INT <= number <= MAX_INT:
                return number
        refused = True
        return _Refused(OUT_OF_RANGE)

    def parse_float(digits: str) -> float | _Refused:
        nonlocal refused
        number = float(digits)
        if math.isfinite(number):
            return number
        refused = True
        return _Refused(NOT_FINITE)

    def parse_constant(name: str) -> _Refused:  # NaN, Infinity, -Infinity
        nonlocal refused
        refused = True
        return _Refused(NOT_FINITE)

    # The number hooks cost a Python call per number: only a body that may hold a
    # number out of range (19+ digits, a 3-digit exponent) is decoded with them.
    hooks = {"parse_int": parse_int, "parse_float": parse_float}
    try:
        data = json.loads(
            text,
            parse_constant=parse_constant,
            **(hooks if _LARGE_NUMBER.search(structure) else {}),
        )
    except RecursionError:  # the depth scan prevents it; never a 500 regardless
        raise ParseError("JSON parse error - nested too deeply.") from None
    except ValueError as exc:
        raise ParseError(f"JSON parse error - {exc}") from None
    if refused or _SUSPECT.search(text):
        errors = refused_values(data)
        if errors:
            raise ValidationError(errors)
    return data


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser, bounded: size, depth, numbers and text (see the module)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        body = _read_body(stream, parser_context)
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(f"JSON parse error - the body is not valid {encoding}.") from None
        except LookupError:
            raise ParseError(f"JSON parse error - unknown charset {encoding!r}.") from None
        return decode_json(text)


# --- forms ------------------------------------------------------------------------------


def _check_form(data) -> None:
    errors: dict[str, list[str]] = {}
    for key, values in data.lists():
        if not is_storable(key):
            errors.setdefault(printable(key), []).append(UNSTORABLE_KEY)
        if not all(is_storable(value) for value in values if isinstance(value, str)):
            errors.setdefault(printable(key), []).append(UNSTORABLE_TEXT)
    if errors:
        raise ValidationError(errors)


class FormParser(parsers.FormParser):
    """DRF's FormParser, bounded in size, with the same rule for text."""

    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_body(stream, parser_context)
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except TooManyFieldsSent as exc:
            raise ParseError(f"Form parse error - {exc}") from None
        _check_form(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's MultiPartParser, bounded in size, with the same rule for text; no files."""

    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_body(stream, parser_context)
        try:
            result = super().parse(io.BytesIO(body), media_type, parser_context)
        except (TooManyFieldsSent, RequestDataTooBig) as exc:
            raise ParseError(f"Multipart form parse error - {exc}") from None
        if result.files:
            raise ValidationError(
                {printable(name): ["File uploads are not accepted."] for name in result.files}
            )
        _check_form(result.data)
        return result
