"""The family's settings and children: /api/family/, /api/children/, /api/children/<id>/."""

import copy
import json
import uuid

import pytest
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment, Family
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db

DEMO_FILE = DEMO_FAMILY_FILE
DEMO = json.loads(DEMO_FILE.read_text())
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def demo() -> dict:
    return copy.deepcopy(DEMO)


@pytest.fixture
def family(user) -> Family:
    """The user's family after submitting the seed's questionnaire (Noah 6, Ava 10)."""
    return questionnaire_submit(user=user, data=demo())


@pytest.fixture
def other_family() -> Family:
    data = demo()
    data["section1"]["name"] = "The Lees"
    data["children"] = data["children"][:1]
    data["children"][0]["section2"]["name"] = "Mia"
    return questionnaire_submit(user=UserFactory(password=None), data=data)


def patch(client, body):
    return client.patch("/api/family/", body, format="json")


class TestFamily:
    def test_no_family_before_the_questionnaire(self, auth_client):
        response = auth_client.get("/api/family/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_family_after_the_questionnaire(self, auth_client, family):
        response = auth_client.get("/api/family/")

        assert response.status_code == 200
        body = response.json()
        assert body["id"] == str(family.pk)
        assert body["name"] == "Sarah Kim"
        assert body["timeZone"] == "America/New_York"
        assert body["schoolDays"] == WEEKDAYS
        assert body["adults"] == 1
        assert body["schedulingFlexibility"] == "moderate_structure"
        assert body["planningApproach"] == "mix_of_planned_and_spontaneous"
        assert body["preferences"]["homeschoolingPhilosophy"]["charlotte_mason"] == 5

    def test_another_users_family_is_not_mine(self, auth_client, other_family):
        assert auth_client.get("/api/family/").status_code == 404

    def test_needs_a_signed_in_user(self, api_client, family):
        assert api_client.get("/api/family/").status_code == 401
        assert patch(api_client, {"adults": 2}).status_code == 401


class TestFamilyUpdate:
    def test_valid_time_zone_is_saved(self, auth_client, family):
        response = patch(auth_client, {"timeZone": "Europe/London"})

        assert response.status_code == 200
        assert response.json()["timeZone"] == "Europe/London"
        assert auth_client.get("/api/family/").json()["timeZone"] == "Europe/London"

    @pytest.mark.parametrize("time_zone", ["Mars/Olympus_Mons", "EST5", "", "america/new_york"])
    def test_unknown_time_zone_is_400_naming_time_zone(self, auth_client, family, time_zone):
        response = patch(auth_client, {"timeZone": time_zone})

        assert response.status_code == 400
        assert "timeZone" in response.json()["error"]["fields"]
        family.refresh_from_db()
        assert family.time_zone == "America/New_York"

    def test_school_days_are_saved_in_week_order_without_repeats(self, auth_client, family):
        response = patch(auth_client, {"schoolDays": ["Saturday", "Monday", "Wednesday", "Monday"]})

        assert response.status_code == 200
        assert response.json()["schoolDays"] == ["Monday", "Wednesday", "Saturday"]
        family.refresh_from_db()
        assert family.school_days == ["Monday", "Wednesday", "Saturday"]

    @pytest.mark.parametrize(
        ("days", "path"),
        [(["Monday", "Funday"], "schoolDays[1]"), ([], "schoolDays"), ("Monday", "schoolDays")],
    )
    def test_invalid_school_days_are_400_naming_school_days(self, auth_client, family, days, path):
        response = patch(auth_client, {"schoolDays": days})

        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == [path]
        family.refresh_from_db()
        assert family.school_days == WEEKDAYS

    @pytest.mark.parametrize("adults", [1, 2])
    def test_one_or_two_adults(self, auth_client, family, adults):
        response = patch(auth_client, {"adults": adults})

        assert response.status_code == 200
        assert response.json()["adults"] == adults
        family.refresh_from_db()
        assert family.adults == adults

    @pytest.mark.parametrize("adults", [3, 0, -1, "two"])
    def test_other_numbers_of_adults_are_400_naming_adults(self, auth_client, family, adults):
        patch(auth_client, {"adults": 2})

        response = patch(auth_client, {"adults": adults})

        assert response.status_code == 400
        assert "adults" in response.json()["error"]["fields"]
        family.refresh_from_db()
        assert family.adults == 2

    def test_a_bad_field_saves_none_of_the_others(self, auth_client, family):
        response = patch(auth_client, {"name": "The Kims", "adults": 3})

        assert response.status_code == 400
        family.refresh_from_db()
        assert (family.name, family.adults) == ("Sarah Kim", 1)

    def test_patch_leaves_the_questionnaire_answers_alone(self, auth_client, family):
        patch(auth_client, {"name": "The Kims", "adults": 2})

        family.refresh_from_db()
        assert family.name == "The Kims"
        assert family.time_zone == "America/New_York"
        assert family.scheduling_flexibility == "moderate_structure"
        assert family.children.count() == 2


class TestChildren:
    def test_lists_the_users_children_with_subjects_and_commitments(
        self, auth_client, family, other_family, before_the_demo_week
    ):
        response = auth_client.get("/api/children/")

        assert response.status_code == 200
        children = response.json()
        assert [(c["name"], c["age"]) for c in children] == [("Noah", 6), ("Ava", 10)]
        noah, ava = children
        assert [s["name"] for s in noah["subjects"]] == ["Mathematics", "Reading"]
        reading = noah["subjects"][1]
        assert reading["fixedTime"] == {"required": True, "preferredTime": "09:00"}
        assert reading["sessionDuration"] == 45
        assert [c["name"] for c in noah["commitments"]] == ["Soccer Practice"]
        co_op = next(c for c in ava["commitments"] if c["name"] == "Homeschool Co-op")
        assert co_op["frequency"] == "monthly"
        assert co_op["weekOfMonth"] == 2
        assert co_op["daysOfWeek"] == ["Wednesday"]
        assert (co_op["startTime"], co_op["endTime"]) == ("13:00", "15:00")
        assert len(ava["subjects"]) == len(DEMO["children"][1]["section4"]["subjects"])
        assert ava["learningPreferences"]["bestLearningTimes"] == ["early_morning", "late_morning"]

    def test_no_children_before_the_questionnaire(self, auth_client, other_family):
        response = auth_client.get("/api/children/")
        assert response.status_code == 200
        assert response.json() == []

    def test_archived_children_subjects_and_commitments_are_not_listed(self, auth_client, family):
        now = timezone.now()
        Child.objects.filter(family=family, name="Noah").update(archived_at=now)
        Subject.objects.filter(child__family=family, name="Art").update(archived_at=now)
        ChildCommitment.objects.filter(name="Swim Team").update(archived_at=now)

        children = auth_client.get("/api/children/").json()

        assert [c["name"] for c in children] == ["Ava"]
        assert "Art" not in [s["name"] for s in children[0]["subjects"]]
        assert "Reading" in [s["name"] for s in children[0]["subjects"]]
        assert [c["name"] for c in children[0]["commitments"]] == ["Homeschool Co-op"]
        noah = Child.objects.get(family=family, name="Noah")
        assert auth_client.get(f"/api/children/{noah.pk}/").status_code == 404

    def test_detail_of_my_child(self, auth_client, family, before_the_demo_week):
        ava = family.children.get(name="Ava")

        response = auth_client.get(f"/api/children/{ava.pk}/")

        assert response.status_code == 200
        body = response.json()
        assert (body["id"], body["name"], body["age"]) == (str(ava.pk), "Ava", 10)
        assert {c["name"] for c in body["commitments"]} == {"Swim Team", "Homeschool Co-op"}
        assert "Singapore Math 4A" in json.dumps(body["subjects"])

    def test_another_familys_child_is_not_found(self, auth_client, family, other_family):
        mia = other_family.children.get()

        response = auth_client.get(f"/api/children/{mia.pk}/")

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert "Mia" not in response.content.decode()

    def test_a_random_id_is_not_found(self, auth_client, family):
        response = auth_client.get(f"/api/children/{uuid.uuid4()}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_needs_a_signed_in_user(self, api_client, family):
        assert api_client.get("/api/children/").status_code == 401
        ava = family.children.get(name="Ava")
        assert api_client.get(f"/api/children/{ava.pk}/").status_code == 401


# The request's queries: the user (JWT), the children, their commitments, their subjects.
CHILDREN_LIST_QUERIES = 4


@pytest.mark.parametrize("number_of_children", [1, 2])
def test_children_list_queries_do_not_grow_with_the_children(
    auth_client, user, django_assert_num_queries, number_of_children
):
    data = demo()
    data["children"] = data["children"][:number_of_children]
    questionnaire_submit(user=user, data=data)

    with django_assert_num_queries(CHILDREN_LIST_QUERIES):
        response = auth_client.get("/api/children/")

    assert response.status_code == 200
    assert len(response.json()) == number_of_children
    assert all(child["subjects"] for child in response.json())
