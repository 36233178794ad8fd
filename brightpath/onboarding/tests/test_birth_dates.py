"""A child has a birth date (a full date, or the month and year), and its age is
derived from it where the family lives: the age and the age-based break rules
move on with the child. The questionnaire and the child profile still take an
age, for compatibility, and then estimate the birth month."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from django.utils import timezone

from brightpath.common.birthdates import BirthDate
from brightpath.families.models import Child
from brightpath.onboarding.questionnaire.build_schema import SCHEMA_FILE
from brightpath.onboarding.questionnaire.serializers import validate_submission
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.engine.model import work_limit
from brightpath.planner.engine.questionnaire import week_from_questionnaire
from brightpath.planner.selectors.schedules import week_input

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def clock(monkeypatch):
    """Set the clock: clock(2026, 1, 4, 20, 0) is 20:00 in New York (the demo family's zone)."""

    def set_clock(*parts):
        moment = dt.datetime(*parts, tzinfo=NEW_YORK)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    set_clock(2026, 1, 4, 20, 0)
    return set_clock


def submit(client, data):
    return client.post("/api/questionnaire/submit/", data, format="json")


def children(client) -> dict[str, dict]:
    return {c["name"]: c for c in client.get("/api/children/").json()}


def section2(data: dict, index: int) -> dict:
    return data["children"][index]["section2"]


class TestTheAgeMovesOn:
    def test_the_demo_children_are_6_and_10_in_january_2026(
        self, auth_client, demo_submission, clock
    ):
        assert submit(auth_client, demo_submission).status_code == 201
        kids = children(auth_client)
        assert (kids["Noah"]["birthDate"], kids["Noah"]["age"]) == ("2019-09-14", 6)
        assert (kids["Ava"]["birthDate"], kids["Ava"]["age"]) == ("2015-05", 10)
        assert not kids["Noah"]["birthDateEstimated"] and not kids["Ava"]["birthDateEstimated"]
        noah = Child.objects.get(name="Noah")
        assert (noah.birth_date, noah.birth_date_precision) == (dt.date(2019, 9, 14), "day")
        ava = Child.objects.get(name="Ava")
        assert (ava.birth_date, ava.birth_date_precision) == (dt.date(2015, 5, 1), "month")

    def test_a_birthday_makes_the_child_a_year_older(self, auth_client, demo_submission, clock):
        submit(auth_client, demo_submission)
        clock(2026, 9, 13, 23, 59)
        assert children(auth_client)["Noah"]["age"] == 6
        clock(2026, 9, 14, 0, 0)  # midnight in New York: already the 14th there
        assert children(auth_client)["Noah"]["age"] == 7
        clock(2026, 4, 30, 12, 0)
        assert children(auth_client)["Ava"]["age"] == 10
        clock(2026, 5, 1, 0, 0)  # born in May 2015: 11 from the start of May
        assert children(auth_client)["Ava"]["age"] == 11

    def test_today_is_the_familys(self, user, demo_submission, clock):
        demo_submission["section1"]["timeZone"] = "Pacific/Kiritimati"  # UTC+14
        family = questionnaire_submit(user=user, data=demo_submission)
        clock(2026, 9, 13, 12, 0)  # 12:00 in New York is already the 14th in Kiritimati
        assert family.children.get(name="Noah").age == 7

    def test_the_week_planned_uses_the_age_in_that_week(self, user, demo_submission, clock):
        family = questionnaire_submit(user=user, data=demo_submission)
        before, _ = week_input(family=family, week_start=dt.date(2026, 9, 7))
        after, _ = week_input(family=family, week_start=dt.date(2026, 9, 14))
        noah = str(family.children.get(name="Noah").pk)
        ages = [next(c.age for c in week.children if c.id == noah) for week in (before, after)]
        assert ages == [6, 7]
        assert [work_limit(age) for age in ages] == [30, 60]  # the breaks move on with him

    def test_the_command_line_plans_with_the_age_in_that_week(self, demo_submission):
        data = validate_submission(demo_submission)
        ages = {
            monday: [c.age for c in week_from_questionnaire(data, monday).children]
            for monday in (dt.date(2026, 1, 5), dt.date(2026, 9, 14))
        }
        assert ages == {dt.date(2026, 1, 5): [6, 10], dt.date(2026, 9, 14): [7, 11]}

    def test_insights_follow_the_age_of_today(self, auth_client, demo_submission, clock):
        submit(auth_client, demo_submission)
        insights = children(auth_client)["Noah"]["learningPreferences"]["derivedInsights"]
        assert insights["recommendedBreaks"]["frequency"] == "every_30_minutes"
        clock(2027, 1, 4, 20, 0)
        noah = Child.objects.get(name="Noah")
        body = {"name": "Noah", "birthDate": "2019-09-14", "startTime": "09:00", "endTime": "14:00"}
        assert auth_client.put(f"/api/children/{noah.pk}/", body, format="json").status_code == 200
        insights = children(auth_client)["Noah"]["learningPreferences"]["derivedInsights"]
        assert insights["recommendedBreaks"]["frequency"] == "every_60_minutes"


class TestAnAgeAlone:
    def test_estimates_the_birth_month_and_marks_it(self, auth_client, demo_submission, clock):
        section2(demo_submission, 0).pop("birthDate")
        section2(demo_submission, 0)["age"] = 6
        assert submit(auth_client, demo_submission).status_code == 201
        noah = Child.objects.get(name="Noah")
        # January 2026, 6 years ago; approximate.
        assert (noah.birth_date, noah.birth_date_precision) == (dt.date(2020, 1, 1), "approximate")
        kid = children(auth_client)["Noah"]
        assert (kid["birthDate"], kid["birthDateEstimated"], kid["age"]) == ("2020-01", True, 6)
        clock(2027, 1, 1, 9, 0)
        assert children(auth_client)["Noah"]["age"] == 7  # an estimate moves on too

    def test_the_same_age_again_keeps_the_birth_date(self, auth_client, demo_submission, clock):
        submit(auth_client, demo_submission)
        answers = auth_client.get("/api/questionnaire/responses/").json()
        answers["children"][0]["section2"] = {"name": "Noah", "age": 6}  # an older client
        assert submit(auth_client, answers).status_code == 201
        noah = Child.objects.get(name="Noah")
        assert (noah.birth_date, noah.birth_date_precision) == (dt.date(2019, 9, 14), "day")

    def test_an_estimate_sent_back_stays_an_estimate(self, auth_client, demo_submission, clock):
        section2(demo_submission, 0).pop("birthDate")
        section2(demo_submission, 0)["age"] = 6
        submit(auth_client, demo_submission)
        answers = auth_client.get("/api/questionnaire/responses/").json()
        assert answers["children"][0]["section2"] == {"name": "Noah", "birthDate": "2020-01"}
        clock(2026, 6, 1, 9, 0)
        assert submit(auth_client, answers).status_code == 201
        noah = Child.objects.get(name="Noah")
        assert (noah.birth_date, noah.birth_date_precision) == (dt.date(2020, 1, 1), "approximate")

    def test_the_child_profile_takes_a_birth_date_or_an_age(
        self, auth_client, demo_submission, clock
    ):
        submit(auth_client, demo_submission)
        hours = {"startTime": "09:00", "endTime": "11:00"}
        mia = auth_client.post(
            "/api/children/", {"name": "Mia", "birthDate": "2022-03", **hours}, format="json"
        )
        assert mia.status_code == 201
        assert (mia.data["birthDate"], mia.data["age"], mia.data["birthDateEstimated"]) == (
            "2022-03",
            3,
            False,
        )
        leo = auth_client.post("/api/children/", {"name": "Leo", "age": 4, **hours}, format="json")
        assert leo.status_code == 201
        assert (leo.data["birthDate"], leo.data["age"], leo.data["birthDateEstimated"]) == (
            "2022-01",
            4,
            True,
        )


# (section 2 as sent, the field the error must name)
BAD = [
    ({"name": "Noah"}, "birthDate"),
    ({"name": "Noah", "birthDate": "14/09/2019"}, "birthDate"),
    ({"name": "Noah", "birthDate": "2019-13"}, "birthDate"),
    ({"name": "Noah", "birthDate": "2019-02-30"}, "birthDate"),
    ({"name": "Noah", "birthDate": 2019}, "birthDate"),
    ({"name": "Noah", "birthDate": "2026-02"}, "birthDate"),  # the future (January 2026)
    ({"name": "Noah", "birthDate": "2025-06-01"}, "birthDate"),  # 0 years old
    ({"name": "Noah", "birthDate": "2007-01-04"}, "birthDate"),  # 19 today, his birthday
    ({"name": "Noah", "birthDate": "2019-09-14", "age": 7}, "age"),  # they disagree
    ({"name": "Noah", "age": 1}, "age"),
]


@pytest.mark.parametrize(("answer", "field"), BAD, ids=[repr(a) for a, _ in BAD])
def test_a_bad_birth_date_or_age_is_named(auth_client, demo_submission, clock, answer, field):
    demo_submission["children"][0]["section2"] = answer
    response = submit(auth_client, demo_submission)
    assert response.status_code == 400
    assert f"children[0].section2.{field}" in response.json()["error"]["fields"]


@pytest.mark.parametrize(("answer", "field"), BAD, ids=[repr(a) for a, _ in BAD])
def test_the_child_profile_names_the_field_too(auth_client, demo_submission, clock, answer, field):
    submit(auth_client, demo_submission)
    body = {**answer, "startTime": "09:00", "endTime": "14:00"}
    response = auth_client.post("/api/children/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_18_today_is_accepted_and_both_agreeing_too(auth_client, demo_submission, clock):
    section2(demo_submission, 0)["birthDate"] = "2007-01-05"  # 19 tomorrow
    section2(demo_submission, 1)["age"] = 10  # Ava, born May 2015
    response = submit(auth_client, demo_submission)
    assert response.status_code == 201, response.json()


def test_birth_dates_are_pure_arithmetic():
    assert BirthDate.parse("2019-09-14") == BirthDate(dt.date(2019, 9, 14), "day")
    assert BirthDate.parse("2015-05") == BirthDate(dt.date(2015, 5, 1), "month")
    assert BirthDate.parse("2015-05").text == "2015-05"
    leap = BirthDate.parse("2016-02-29")
    assert (leap.age_on(dt.date(2026, 2, 28)), leap.age_on(dt.date(2026, 3, 1))) == (9, 10)
    estimate = BirthDate.estimated(6, dt.date(2026, 1, 31))
    assert (estimate.text, estimate.is_estimate, estimate.age_on(dt.date(2026, 1, 31))) == (
        "2020-01",
        True,
        6,
    )
    for bad in ("2019", "2019-9-14", "19-09-14", "2019-00", "2019-02-30", ""):
        with pytest.raises(ValueError):
            BirthDate.parse(bad)


class TestJsonSchema:
    @pytest.fixture
    def schema(self):
        return json.loads(SCHEMA_FILE.read_text())

    @pytest.mark.parametrize(
        "answer",
        [{"name": "Noah", "birthDate": "2019-09-14"}, {"name": "Noah", "birthDate": "2019-09"}],
    )
    def test_takes_a_birth_date(self, schema, demo_submission, answer):
        demo_submission["children"][0]["section2"] = answer
        jsonschema.validate(demo_submission, schema)

    @pytest.mark.parametrize(
        "answer",
        [
            {"name": "Noah"},
            {"name": "Noah", "birthDate": "2019-13"},
            {"name": "Noah", "birthDate": "14/09/2019"},
            {"name": "Noah", "birthDate": 2019},
        ],
    )
    def test_rejects_what_the_api_rejects(
        self, schema, auth_client, demo_submission, answer, clock
    ):
        demo_submission["children"][0]["section2"] = answer
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(demo_submission))
        assert submit(auth_client, demo_submission).status_code == 400

    def test_an_age_alone_is_still_valid(self, schema, demo_submission):
        demo_submission["children"][0]["section2"] = {"name": "Noah", "age": 6}
        jsonschema.validate(demo_submission, schema)
