"""Every validation rule of the questionnaire, each reported at its field's path."""

import json

import jsonschema
import pytest

from brightpath.onboarding.questionnaire.build_schema import SCHEMA_FILE, render

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(SCHEMA_FILE.read_text())


def _set(data, path, value):
    """Set data[path] where path is like "children[1].section4.subjects[0].name"."""
    keys = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        keys.append(name)
        keys.extend(int(index) for index in rest.rstrip("]").split("][") if index)
    target = data
    for key in keys[:-1]:
        target = target[key]
    if value is DELETE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value


class _Delete:
    """Stands for "leave the field out"; its fixed repr keeps test ids the same in
    every pytest-xdist worker."""

    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()
NOAH_MATH = "children[0].section4.subjects[0]"
AVA_MATH = "children[1].section4.subjects[0]"
MEETING = "section3.commitments[0]"
SOCCER = "children[0].section3Child.commitments[0]"

# (what is changed, new value, the field path the error must name)
CASES = [
    ("section1.name", DELETE, "section1.name"),
    ("section1.name", "", "section1.name"),
    ("section1.timeZone", "Mars/Olympus", "section1.timeZone"),
    ("section5.flexibility", "chaotic", "section5.flexibility"),
    ("section7.planningApproach", "never", "section7.planningApproach"),
    ("section7.homeschoolingPhilosophy.waldorf", 3, "section7.homeschoolingPhilosophy.waldorf"),
    ("section7.schedulingStyle.block", 6, "section7.schedulingStyle.block"),
    ("section7.activityPreferences.experiments", 0, "section7.activityPreferences.experiments"),
    ("children", [], "children"),
    ("children[0].id", "not-an-id", "children[0].id"),
    ("children[1].id", "temp_child_1", "children"),
    ("children[0].section2.age", 1, "children[0].section2.age"),
    ("children[1].section2.age", 19, "children[1].section2.age"),
    ("children[0].section2.name", DELETE, "children[0].section2.name"),
    ("children[0].section4.subjects", [], "children[0].section4.subjects"),
    (f"{AVA_MATH}.sessionDuration", 4, f"{AVA_MATH}.sessionDuration"),
    (f"{AVA_MATH}.sessionDuration", 245, f"{AVA_MATH}.sessionDuration"),
    (f"{AVA_MATH}.sessionDuration", 32, f"{AVA_MATH}.sessionDuration"),
    (f"{AVA_MATH}.sessionDuration", "long", f"{AVA_MATH}.sessionDuration"),
    (f"{NOAH_MATH}.frequency", "hourly", f"{NOAH_MATH}.frequency"),
    (f"{NOAH_MATH}.parentInvolvement", "none", f"{NOAH_MATH}.parentInvolvement"),
    (f"{NOAH_MATH}.interestLevel", 0, f"{NOAH_MATH}.interestLevel"),
    (f"{NOAH_MATH}.interestLevel", 6, f"{NOAH_MATH}.interestLevel"),
    (f"{NOAH_MATH}.name", "Reading", "children[0].section4.subjects[1].name"),
    (f"{NOAH_MATH}.fixedTime", {"required": True}, f"{NOAH_MATH}.fixedTime.preferredTime"),
    (
        f"{NOAH_MATH}.fixedTime",
        {"required": True, "preferredTime": "09:07"},
        f"{NOAH_MATH}.fixedTime.preferredTime",
    ),
    (
        f"{NOAH_MATH}.fixedTime",
        {"required": True, "preferredTime": "13:45"},
        f"{NOAH_MATH}.fixedTime.preferredTime",
    ),
    (
        f"{NOAH_MATH}.fixedTime",
        {"required": True, "preferredTime": "25:00"},
        f"{NOAH_MATH}.fixedTime.preferredTime",
    ),
    ("children[0].section6.endTime", "08:00", "children[0].section6.endTime"),
    ("children[0].section6.startTime", "9am", "children[0].section6.startTime"),
    (
        "children[0].section6.bestLearningTimes",
        ["midnight"],
        "children[0].section6.bestLearningTimes[0]",
    ),
    (f"{MEETING}.endTime", "09:00", f"{MEETING}.endTime"),
    (f"{MEETING}.endTime", "10:00", f"{MEETING}.endTime"),
    (f"{MEETING}.daysOfWeek", [], f"{MEETING}.daysOfWeek"),
    (f"{MEETING}.daysOfWeek", ["Funday"], f"{MEETING}.daysOfWeek[0]"),
    (f"{MEETING}.daysOfWeek", ["Monday", "Monday"], f"{MEETING}.daysOfWeek"),
    (f"{MEETING}.frequency", "fortnightly", f"{MEETING}.frequency"),
    (f"{SOCCER}.frequency", "monthly", f"{SOCCER}.dayOfMonth"),
    (f"{SOCCER}.frequency", "one-time", f"{SOCCER}.date"),
    (f"{SOCCER}.dayOfMonth", 32, f"{SOCCER}.dayOfMonth"),
]


@pytest.mark.parametrize(
    ("path", "value", "error_path"), CASES, ids=[f"{c[0]}={c[1]!r}" for c in CASES]
)
def test_bad_field_is_named_by_its_path(auth_client, demo_submission, path, value, error_path):
    _set(demo_submission, path, value)
    response = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error_path in error["fields"], error["fields"]


def test_session_longer_than_the_day_says_so(auth_client, demo_submission):
    _set(demo_submission, f"{NOAH_MATH}.sessionDuration", 240)
    demo_submission["children"][0]["section6"].update(startTime="09:00", endTime="11:00")
    demo_submission["children"][0]["section4"]["subjects"][1]["fixedTime"]["required"] = False
    fields = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json").json()[
        "error"
    ]["fields"]
    assert fields[f"{NOAH_MATH}.sessionDuration"] == [
        "240 minutes is longer than the homeschool day (09:00-11:00, 120 minutes)."
    ]


def test_monthly_by_weekday_needs_exactly_one_day(auth_client, demo_submission):
    co_op = "children[1].section3Child.commitments[1]"
    _set(demo_submission, f"{co_op}.daysOfWeek", ["Monday", "Wednesday"])
    fields = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json").json()[
        "error"
    ]["fields"]
    assert f"{co_op}.daysOfWeek" in fields


def test_every_error_is_reported_at_once(auth_client, demo_submission):
    _set(demo_submission, "children[0].section2.age", 40)
    _set(demo_submission, f"{AVA_MATH}.interestLevel", 9)
    _set(demo_submission, "section5.flexibility", "?")
    fields = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json").json()[
        "error"
    ]["fields"]
    assert {"children[0].section2.age", f"{AVA_MATH}.interestLevel", "section5.flexibility"} <= set(
        fields
    )


def test_a_body_that_is_not_an_object_is_400(auth_client):
    response = auth_client.post("/api/questionnaire/submit/", [1, 2], format="json")
    assert response.status_code == 400


class TestJsonSchema:
    def test_committed_file_matches_the_vocabulary(self):
        assert SCHEMA_FILE.read_text() == render(), (
            "run python -m brightpath.onboarding.questionnaire.build_schema"
        )

    def test_is_served_by_the_api(self, auth_client):
        response = auth_client.get("/api/questionnaire/schema/")
        assert response.status_code == 200
        assert response.json() == SCHEMA

    def test_seed_example_is_valid(self, demo_submission):
        jsonschema.validate(demo_submission, SCHEMA)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            ("children[0].section2.age", 1),
            (f"{AVA_MATH}.sessionDuration", 32),
            (f"{AVA_MATH}.sessionDuration", 245),
            (f"{NOAH_MATH}.frequency", "hourly"),
            (f"{NOAH_MATH}.parentInvolvement", "none"),
            (f"{NOAH_MATH}.interestLevel", 6),
            (f"{NOAH_MATH}.fixedTime", {"required": True}),
            (f"{NOAH_MATH}.fixedTime", {"required": True, "preferredTime": "09:07"}),
            ("section5.flexibility", "chaotic"),
            ("section7.homeschoolingPhilosophy.waldorf", 3),
            ("section7.schedulingStyle.block", 6),
            ("children", []),
            ("children[0].section6.startTime", "9am"),
            ("children[0].section6.bestLearningTimes", ["midnight"]),
            (f"{MEETING}.daysOfWeek", []),
            (f"{MEETING}.daysOfWeek", ["Funday"]),
            (f"{SOCCER}.frequency", "one-time"),
            (f"{SOCCER}.frequency", "monthly"),
        ],
    )
    def test_schema_rejects_what_the_api_rejects(self, auth_client, demo_submission, path, value):
        _set(demo_submission, path, value)
        assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(demo_submission))
        response = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json")
        assert response.status_code == 400
