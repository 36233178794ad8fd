"""Hostile input (an outside fuzzer's findings): each is a 4xx in the one error shape,
stores nothing, and the user's data still loads afterwards.

- nesting deep enough to crash a recursive JSON decoder, and oversized bodies;
- text the database cannot store: lone surrogates ("\\ud800", not valid UTF-8) and
  NUL characters ("\\u0000", which PostgreSQL's text and JSONB refuse), named by
  their path in the body;
- numbers no column can hold (10**400, 1e400, NaN);
- odd digits in query strings and headers ("²".isdigit() is true, int("²") fails).

Bodies are sent as raw JSON text: the test client's own JSON encoder would refuse
to encode most of them.
"""

import json
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from brightpath.accounts.models import User, UserPreference
from brightpath.common.parsers import MAX_JSON_DEPTH, json_depth
from brightpath.families.models import Family, QuestionnaireSession
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import ScheduleItem

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-42"
UNSTORABLE = {
    "high-surrogate": "No\ud800ah",
    "low-surrogate": "No\udfffah",
    "nul": "No\x00ah",
}


def send(client, method: str, url: str, body=None, *, raw: str | bytes | None = None, **extra):
    """`body` as JSON text (json.dumps writes a lone surrogate as its \\ud800 escape)."""
    data = raw if raw is not None else json.dumps(body)
    return getattr(client, method)(url, data, content_type="application/json", **extra)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]


def snapshot() -> dict:
    """Everything the requests below could have written."""
    return {
        "users": sorted(User.objects.values_list("email", "name")),
        "preferences": sorted(UserPreference.objects.values_list("key", flat=True)),
        "sessions": sorted(QuestionnaireSession.objects.values_list("version", flat=True)),
        "families": sorted(Family.objects.values_list("name", flat=True)),
        "items": ScheduleItem.objects.count(),
    }


def assert_data_loads(client, *, family: bool) -> None:
    for url in ["/api/users/me/", "/api/users/preferences/", "/api/questionnaire/"]:
        assert client.get(url).status_code == 200, url
    if family:
        assert client.get("/api/family/").status_code == 200


@pytest.fixture
def family(user, demo_submission) -> Family:
    return questionnaire_submit(user=user, data=demo_submission)


@pytest.fixture
def noah(family):
    return family.children.get(name="Noah")


# --- nesting and size --------------------------------------------------------------------


def nested(levels: int) -> str:
    return '{"name": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize("levels", [5_000, 100_000])
def test_deeply_nested_json_is_a_quick_400_for_anonymous_callers(api_client, levels):
    send(api_client, "post", "/api/auth/register/", raw="{")  # warm up: time the parse only
    before = snapshot()
    started = time.perf_counter()
    response = send(api_client, "post", "/api/auth/register/", raw=nested(levels))
    elapsed = time.perf_counter() - started

    error = assert_error(response, 400, "parse_error")
    assert f"deeper than {MAX_JSON_DEPTH}" in error["message"]
    assert elapsed < 2, f"{levels} levels took {elapsed:.2f}s"
    assert snapshot() == before


@pytest.mark.parametrize("levels", [5_000, 100_000])
def test_deeply_nested_json_is_a_400_for_signed_in_users(auth_client, levels):
    before = snapshot()
    response = send(auth_client, "patch", "/api/users/me/", raw=nested(levels))
    assert_error(response, 400, "parse_error")
    assert snapshot() == before
    assert_data_loads(auth_client, family=False)


def test_nesting_up_to_the_limit_is_accepted_and_one_more_level_is_not(auth_client):
    def preferences(lists: int) -> str:  # the body object and "preferences" are 2 levels
        return '{"preferences": {"deep": ' + "[" * lists + "]" * lists + "}}"

    assert json_depth(preferences(MAX_JSON_DEPTH - 2)) == MAX_JSON_DEPTH
    ok = send(auth_client, "put", "/api/users/preferences/", raw=preferences(MAX_JSON_DEPTH - 2))
    assert ok.status_code == 200, ok.content
    too_deep = send(
        auth_client, "put", "/api/users/preferences/", raw=preferences(MAX_JSON_DEPTH - 1)
    )
    assert_error(too_deep, 400, "parse_error")


def test_brackets_inside_strings_do_not_count_as_nesting(auth_client):
    brackets = "[{" * 500
    response = send(auth_client, "patch", "/api/users/me/", {"name": brackets[:255]})
    assert response.status_code == 200, response.content
    assert json_depth('"\\"[[[" ["]"]') == 1
    assert json_depth('"unterminated [[[') == 0  # the decoder refuses it; nothing recursed


def test_unterminated_strings_do_not_make_the_depth_scan_slow():
    started = time.perf_counter()
    json_depth('"\\' * 1_000_000)  # every quote opens a string that never closes
    assert time.perf_counter() - started < 1


def test_a_body_over_the_size_limit_is_a_413(auth_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = snapshot()
    body = {"preferences": {"notes": "x" * 20_000}}
    error = assert_error(
        send(auth_client, "put", "/api/users/preferences/", body), 413, "request_too_large"
    )
    assert "10000 bytes" in error["message"]
    form = auth_client.patch(
        "/api/users/me/", "name=" + "x" * 20_000, content_type="application/x-www-form-urlencoded"
    )
    assert_error(form, 413, "request_too_large")
    assert snapshot() == before


def test_the_default_size_limit_applies(api_client, settings):
    body = '{"name": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    assert_error(
        send(api_client, "post", "/api/auth/register/", raw=body), 413, "request_too_large"
    )


def test_a_body_that_is_not_utf8_is_a_400(auth_client):
    raw = b'{"name": "No\xed\xa0\x80ah"}'  # a surrogate encoded as if it were UTF-8
    assert_error(send(auth_client, "patch", "/api/users/me/", raw=raw), 400, "parse_error")


# --- text the database cannot store ------------------------------------------------------

# (name, method, url, body with BAD where the text goes, the path the 400 names)
TEXT_CASES = [
    ("users-me", "patch", "/api/users/me/", {"name": "BAD"}, "name"),
    (
        "preferences",
        "put",
        "/api/users/preferences/",
        {"preferences": {"theme": {"label": "BAD"}}},
        "preferences.theme.label",
    ),
    (
        "preferences-list",
        "put",
        "/api/users/preferences/",
        {"preferences": {"tags": ["ok", "BAD"]}},
        "preferences.tags[1]",
    ),
    (
        "draft",
        "put",
        "/api/questionnaire/drafts/section1/",
        {"draft": {"name": "BAD"}, "status": "in_progress"},
        "draft.name",
    ),
    (
        "child-draft",
        "put",
        "/api/questionnaire/drafts/children/temp_child_1/section2/",
        {"draft": {"name": "BAD", "age": 6}},
        "draft.name",
    ),
    ("family", "patch", "/api/family/", {"name": "BAD"}, "name"),
    (
        "family-commitment",
        "post",
        "/api/family/commitments/",
        {
            "name": "BAD",
            "frequency": "weekly",
            "daysOfWeek": ["Tuesday"],
            "startTime": "10:00",
            "endTime": "11:00",
        },
        "name",
    ),
]


def _fill(value, text: str):
    if value == "BAD":
        return text
    if isinstance(value, dict):
        return {k: _fill(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, text) for v in value]
    return value


@pytest.mark.parametrize("text", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize(
    "method,url,body,path", [case[1:] for case in TEXT_CASES], ids=[c[0] for c in TEXT_CASES]
)
def test_unstorable_text_is_a_400_naming_its_path_and_stores_nothing(
    auth_client, family, method, url, body, path, text
):
    before = snapshot()
    response = send(auth_client, method, url, _fill(body, text))
    error = assert_error(response, 400, "validation_error")
    assert path in error["fields"], error
    assert snapshot() == before
    assert_data_loads(auth_client, family=True)


@pytest.mark.parametrize("text", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_text_at_registration_creates_no_account(api_client, text):
    body = {"email": "new@example.com", "password": PASSWORD, "name": text}
    error = assert_error(
        send(api_client, "post", "/api/auth/register/", body), 400, "validation_error"
    )
    assert "name" in error["fields"]
    assert not User.objects.exists()


@pytest.mark.parametrize("text", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_text_in_a_child_of_a_submission_is_named_by_its_path(
    auth_client, user, demo_submission, text
):
    demo_submission["children"][0]["section2"]["name"] = text
    response = send(auth_client, "post", "/api/questionnaire/submit/", demo_submission)
    error = assert_error(response, 400, "validation_error")
    assert list(error["fields"]) == ["children[0].section2.name"]
    assert not Family.objects.exists()
    assert_data_loads(auth_client, family=False)


@pytest.mark.parametrize("text", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_unstorable_text_in_an_ad_hoc_item_is_refused(auth_client, noah, text):
    before = snapshot()
    body = {
        "childId": str(noah.pk),
        "name": "Library",
        "notes": text,
        "date": "2026-01-07",
        "startTime": "16:00",
        "endTime": "17:00",
    }
    error = assert_error(
        send(auth_client, "post", "/api/schedule-items/", body), 400, "validation_error"
    )
    assert list(error["fields"]) == ["notes"]
    assert snapshot() == before


def test_unstorable_keys_are_refused_and_named_printably(auth_client):
    body = {"preferences": {"ok": 1, "bad\ud800": 2, "nul\x00": 3}}
    error = assert_error(
        send(auth_client, "put", "/api/users/preferences/", body), 400, "validation_error"
    )
    assert set(error["fields"]) == {"preferences.bad\\ud800", "preferences.nul\\u0000"}
    assert error["fields"]["preferences.bad\\ud800"][0].startswith("Keys may not contain")
    assert not UserPreference.objects.exists()


def test_a_surrogate_pair_is_one_character_and_is_accepted(auth_client):
    response = send(auth_client, "patch", "/api/users/me/", raw='{"name": "Ava \\ud83d\\ude00"}')
    assert response.status_code == 200, response.content
    assert auth_client.get("/api/users/me/").json()["name"] == "Ava \N{GRINNING FACE}"


def test_form_bodies_follow_the_same_rule(api_client, auth_client, user):
    form = f"email=new%40example.com&password={PASSWORD}&name=No%00ah"
    response = api_client.post(
        "/api/auth/register/", form, content_type="application/x-www-form-urlencoded"
    )
    assert "name" in assert_error(response, 400, "validation_error")["fields"]
    name = user.name
    upload = auth_client.patch(
        "/api/users/me/",
        {"name": "Sarah", "avatar": SimpleUploadedFile("a.png", b"\x89PNG")},
        format="multipart",
    )
    assert "avatar" in assert_error(upload, 400, "validation_error")["fields"]
    user.refresh_from_db()
    assert user.name == name
    assert not User.objects.filter(email="new@example.com").exists()


# --- stored data that already holds a lone surrogate --------------------------------------


def test_a_questionnaire_already_holding_a_lone_surrogate_still_loads(auth_client, user):
    saved = send(
        auth_client,
        "put",
        "/api/questionnaire/drafts/section1/",
        {"draft": {"name": "Sarah"}, "status": "in_progress"},
    )
    assert saved.status_code == 200, saved.content
    session = QuestionnaireSession.objects.get(user=user)
    data = session.session_data
    data["drafts"]["section1"]["name"] = "No\ud800ah"
    rows = QuestionnaireSession.objects.filter(pk=session.pk)
    if connection.vendor == "postgresql":
        # PostgreSQL never stored one: JSONB refuses an unpaired \ud800 escape.
        with pytest.raises(DatabaseError), transaction.atomic():
            rows.update(session_data=data)
        return
    rows.update(session_data=data)  # SQLite keeps the escape as it came (before the fix)
    cache.clear()  # read it from the database

    response = auth_client.get("/api/questionnaire/")
    assert response.status_code == 200
    assert b"\\ud800" in response.content  # escaped: valid JSON, readable by the client
    assert response.json()["drafts"]["section1"]["name"] == "No\ud800ah"
    # ... and the family can save the corrected section over it.
    fixed = send(
        auth_client,
        "put",
        "/api/questionnaire/drafts/section1/",
        {"draft": {"name": "Noah"}, "status": "in_progress"},
    )
    assert fixed.status_code == 200
    assert auth_client.get("/api/questionnaire/").json()["drafts"]["section1"]["name"] == "Noah"


def test_answers_without_such_text_stay_utf8(auth_client):
    send(auth_client, "patch", "/api/users/me/", {"name": "Zoë"})
    assert "Zoë".encode() in auth_client.get("/api/users/me/").content


# --- numbers -------------------------------------------------------------------------------

HUGE_NUMBERS = {
    "10**400": str(10**400),
    "5000-digits": "9" * 5000,
    "2**63": str(2**63),
    "-2**63-1": str(-(2**63) - 1),
    "1e400": "1e400",
    "-1e400": "-1e400",
    "400-digit-float": "1" + "0" * 400 + ".5",
    "NaN": "NaN",
    "Infinity": "Infinity",
}


@pytest.mark.parametrize("number", HUGE_NUMBERS.values(), ids=HUGE_NUMBERS.keys())
def test_numbers_no_column_can_hold_are_a_400_naming_the_field(auth_client, number):
    raw = f'{{"preferences": {{"n": {number}}}}}'
    error = assert_error(
        send(auth_client, "put", "/api/users/preferences/", raw=raw), 400, "validation_error"
    )
    assert list(error["fields"]) == ["preferences.n"]
    assert not UserPreference.objects.exists()


@pytest.mark.parametrize("number", [str(10**400), "1e400"], ids=["10**400", "1e400"])
def test_a_huge_draft_version_is_a_400(auth_client, number):
    raw = f'{{"draft": {{"name": "Sarah"}}, "version": {number}}}'
    response = send(auth_client, "put", "/api/questionnaire/drafts/section1/", raw=raw)
    assert "version" in assert_error(response, 400, "validation_error")["fields"]
    assert not QuestionnaireSession.objects.exists()


def test_numbers_at_the_limits_are_kept(auth_client):
    raw = f'{{"preferences": {{"max": {2**63 - 1}, "min": {-(2**63)}, "big": 1.5e300}}}}'
    assert send(auth_client, "put", "/api/users/preferences/", raw=raw).status_code == 200
    kept = auth_client.get("/api/users/preferences/").json()["preferences"]
    assert (kept["max"], kept["min"]) == (2**63 - 1, -(2**63))
    assert float(kept["big"]) == 1.5e300  # PostgreSQL's JSONB writes it out in full


# --- query strings, headers and paths ------------------------------------------------------

ANY_ITEM = "0b3c52f8-5c7e-4d26-9a7a-0c6f1f0c2a11"  # the value is refused before any look-up
ODD_VERSIONS = {
    "superscript-two": "%C2%B2",  # "²".isdigit() but int("²") fails
    "arabic-indic-three": "%D9%A3",  # "٣": int() takes it, the rule does not
    "fullwidth-one": "%EF%BC%91",
    "too-long": "9" * 40,
    "signed": "-1",
    "spaces": "%201",
    "underscore": "1_0",
}


@pytest.mark.parametrize("version", ODD_VERSIONS.values(), ids=ODD_VERSIONS.keys())
def test_odd_digits_in_the_version_query_are_a_400_naming_it(auth_client, family, version):
    response = auth_client.delete(f"/api/schedule-items/{ANY_ITEM}/?version={version}")
    assert list(assert_error(response, 400, "validation_error")["fields"]) == ["version"]


@pytest.mark.parametrize("header", ['"²"', 'W/"²"', "٣", "9" * 40])
def test_odd_digits_in_if_match_are_a_400_naming_it(auth_client, header):
    response = auth_client.delete(f"/api/schedule-items/{ANY_ITEM}/", HTTP_IF_MATCH=header)
    assert list(assert_error(response, 400, "validation_error")["fields"]) == ["If-Match"]


@pytest.mark.parametrize(
    "url,name",
    [
        ("/api/subjects/?search=No%00ah", "search"),
        ("/api/family/week/?week=2026-01-05%00", "week"),
        ("/api/users/me/?x%00=1", "x\\u0000"),
    ],
)
def test_nul_in_a_query_string_is_a_400_naming_the_parameter(auth_client, family, url, name):
    error = assert_error(auth_client.get(url), 400, "validation_error")
    assert list(error["fields"]) == [name]


def test_nul_in_a_path_is_a_400_and_stores_nothing(auth_client, family):
    before = snapshot()
    response = send(
        auth_client,
        "put",
        "/api/questionnaire/drafts/children/temp%00child/section2/",
        {"draft": {"name": "Noah"}},
    )
    assert list(assert_error(response, 400, "validation_error")["fields"]) == ["path"]
    assert snapshot() == before
    assert auth_client.get("/calendar/No%00ah.ics").status_code == 400  # a page, not JSON


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abcdefgh\x00ijklmnop", 'sessionid="abcdefgh\\000ijklmnop"'],
    ids=["raw", "quoted-octal"],
)
def test_a_session_cookie_holding_nul_is_ignored(client, db, cookie):
    response = client.get("/api/users/me/", HTTP_COOKIE=cookie)
    assert_error(response, 401, "not_authenticated")
    assert client.get("/", HTTP_COOKIE=cookie).status_code == 302  # to the sign-in page
