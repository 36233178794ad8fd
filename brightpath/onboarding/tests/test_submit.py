"""Submitting the questionnaire: round trip, JSONB shapes, all-or-nothing, re-submit."""

from unittest import mock

import pytest

from brightpath.curriculum.models import CatalogSubject, Subject
from brightpath.families.models import Child, ChildCommitment, Family, FamilyCommitment
from brightpath.onboarding.questionnaire.serializers import validate_submission
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db


def submit(client, data):
    return client.post("/api/questionnaire/submit/", data, format="json")


def without_ids(value):
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def test_seed_example_round_trips_through_the_api(auth_client, user, demo_submission):
    response = submit(auth_client, demo_submission)
    assert response.status_code == 201, response.data

    read_back = auth_client.get("/api/questionnaire/responses/")
    assert read_back.status_code == 200
    answers = read_back.json()
    assert without_ids(answers) == without_ids(validate_submission(demo_submission))
    noah = answers["children"][0]
    assert noah["section2"] == {"name": "Noah", "birthDate": "2019-09-14"}
    assert answers["children"][1]["section2"] == {"name": "Ava", "birthDate": "2015-05"}
    assert noah["section3Child"]["commitments"][0]["daysOfWeek"] == ["Monday", "Wednesday"]
    reading = noah["section4"]["subjects"][1]
    assert reading["fixedTime"] == {"required": True, "preferredTime": "09:00"}
    assert reading["sessionDuration"] == 45
    ava_math = answers["children"][1]["section4"]["subjects"][0]
    assert ava_math["metadata"] == {"curriculum": "Singapore Math 4A"}
    user.refresh_from_db()
    assert user.questionnaire_completed and user.questionnaire_completed_at


def test_jsonb_fields_hold_seed_000_shapes(user, demo_submission, before_the_demo_week):
    """In January 2026, when Noah is 6 (born September 2019)."""
    family = questionnaire_submit(user=user, data=demo_submission)
    assert family.preferences == {
        "schedulingFlexibility": "moderate_structure",
        "homeschoolingPhilosophy": demo_submission["section7"]["homeschoolingPhilosophy"],
        "schedulingStyle": demo_submission["section7"]["schedulingStyle"],
        "planningApproach": "mix_of_planned_and_spontaneous",
        "activityPreferences": demo_submission["section7"]["activityPreferences"],
    }
    assert family.scheduling_flexibility == "moderate_structure"
    assert set(family.questionnaire_responses) == {"section1", "section3", "section5", "section7"}
    noah = family.children.get(name="Noah")
    assert noah.learning_preferences["bestLearningTimes"] == ["mid-morning", "early_afternoon"]
    assert noah.learning_preferences["homeschoolingHours"] == {
        "startTime": "09:00",
        "endTime": "14:00",
    }
    insights = noah.learning_preferences["derivedInsights"]
    assert insights["attentionSpan"] == "15-30_minutes"
    assert insights["recommendedBreaks"]["frequency"] == "every_30_minutes"
    assert insights["interestClusters"] == [
        {"name": "Language Arts", "subjects": ["Reading"], "averageInterest": 5},
        {"name": "STEM", "subjects": ["Mathematics"], "averageInterest": 4},
    ]
    assert set(noah.questionnaire_responses) == {
        "section2",
        "section3Child",
        "section4",
        "section6",
    }
    reading = noah.subjects.get(name="Reading")
    assert (reading.fixed_time_required, reading.preferred_time.isoformat()) == (True, "09:00:00")
    assert reading.catalog_subject == CatalogSubject.objects.get(name="Reading", owner=None)
    piano = family.children.get(name="Ava").subjects.get(name="Piano Practice")
    assert piano.catalog_subject.owner == user  # a custom catalogue entry for a new name
    meeting = FamilyCommitment.objects.get(family=family)
    assert (meeting.days_of_week, str(meeting.start_time)) == (["Tuesday", "Thursday"], "10:00:00")
    co_op = ChildCommitment.objects.get(name="Homeschool Co-op")
    assert (co_op.frequency, co_op.week_of_month, co_op.days_of_week) == (
        "monthly",
        2,
        ["Wednesday"],
    )


def test_mid_morning_spelling_is_accepted_and_stored_canonically(user, demo_submission):
    demo_submission["children"][0]["section6"]["bestLearningTimes"] = ["mid_morning", "mid-morning"]
    family = questionnaire_submit(user=user, data=demo_submission)
    noah = family.children.get(name="Noah")
    assert noah.learning_preferences["bestLearningTimes"] == ["mid-morning"]


def test_a_failure_mid_way_saves_nothing(user, demo_submission):
    from brightpath.curriculum import insights

    calls = {"n": 0}
    real = insights.derived_insights

    def fail_on_second_child(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    with (
        mock.patch("brightpath.curriculum.services.derived_insights", fail_on_second_child),
        pytest.raises(RuntimeError),
    ):
        questionnaire_submit(user=user, data=demo_submission)
    assert calls["n"] == 2  # the first child had been written when it failed
    assert not Family.objects.exists()
    assert not Child.objects.exists()
    assert not Subject.objects.exists()
    assert not FamilyCommitment.objects.exists()
    user.refresh_from_db()
    assert not user.questionnaire_completed


def test_invalid_submission_answers_400_and_saves_nothing(auth_client, demo_submission):
    demo_submission["children"][1]["section4"]["subjects"][0]["sessionDuration"] = 500
    response = submit(auth_client, demo_submission)
    assert response.status_code == 400
    assert "children[1].section4.subjects[0].sessionDuration" in response.data["error"]["fields"]
    assert not Family.objects.exists() and not Subject.objects.exists()


class TestResubmit:
    @pytest.fixture
    def first(self, user, auth_client, demo_submission):
        submit(auth_client, demo_submission)
        return auth_client.get("/api/questionnaire/responses/").json()

    def test_updates_in_place_keeping_ids(self, auth_client, first, before_the_demo_week):
        first["children"][0]["section4"]["subjects"][0]["sessionDuration"] = 25
        first["children"][0]["section2"] = {"name": "Noah", "age": 7}  # was 6 in January 2026
        assert submit(auth_client, first).status_code == 201
        again = auth_client.get("/api/questionnaire/responses/").json()
        assert [c["id"] for c in again["children"]] == [c["id"] for c in first["children"]]
        noah_subjects = again["children"][0]["section4"]["subjects"]
        assert [s["id"] for s in noah_subjects] == [
            s["id"] for s in first["children"][0]["section4"]["subjects"]
        ]
        assert noah_subjects[0]["sessionDuration"] == 25
        assert Child.objects.get(pk=first["children"][0]["id"]).age == 7
        assert Child.objects.count() == 2

    def test_without_ids_matches_by_name(self, auth_client, first, demo_submission):
        demo_submission["children"][0]["section4"]["subjects"][0]["interestLevel"] = 1
        assert submit(auth_client, demo_submission).status_code == 201
        math = Subject.objects.get(pk=first["children"][0]["section4"]["subjects"][0]["id"])
        assert math.interest_level == 1
        assert Subject.objects.count() == 11

    def test_referenced_subject_is_archived_unreferenced_deleted(self, auth_client, first):
        ava = first["children"][1]
        history_id = ava["section4"]["subjects"][7]["id"]  # Art: pretend logs reference it
        gone_id = ava["section4"]["subjects"][8]["id"]  # Nature Study: nothing references it
        ava["section4"]["subjects"] = ava["section4"]["subjects"][:7]

        def referenced(obj):
            return str(obj.pk) == history_id

        with mock.patch("brightpath.common.archive.is_referenced", side_effect=referenced):
            assert submit(auth_client, first).status_code == 201
        art = Subject.objects.get(pk=history_id)
        assert art.archived_at is not None
        assert not Subject.objects.filter(pk=gone_id).exists()
        live = auth_client.get(f"/api/children/{ava['id']}/").json()["subjects"]
        assert "Art" not in [s["name"] for s in live]
        assert len(live) == 7

    def test_archived_subject_comes_back_when_named_again(self, auth_client, first):
        ava = first["children"][1]
        art = ava["section4"]["subjects"].pop(7)
        with mock.patch("brightpath.common.archive.is_referenced", return_value=True):
            submit(auth_client, first)
        ava["section4"]["subjects"].append(art)
        assert submit(auth_client, first).status_code == 201
        restored = Subject.objects.get(pk=art["id"])
        assert restored.archived_at is None

    def test_dropped_child_without_history_is_deleted(self, auth_client, first):
        first["children"] = first["children"][:1]
        assert submit(auth_client, first).status_code == 201
        assert list(Child.objects.values_list("name", flat=True)) == ["Noah"]
        assert not Subject.objects.filter(name="Piano Practice").exists()

    def test_unknown_child_id_is_400_and_changes_nothing(self, auth_client, first):
        first["children"][0]["id"] = "5d1c6f2e-8a4b-4c1e-9f00-000000000000"
        first["section1"]["name"] = "Changed"
        response = submit(auth_client, first)
        assert response.status_code == 400
        assert "children[0].id" in response.data["error"]["fields"]
        assert Family.objects.get().name == "Sarah Kim"

    def test_another_familys_child_id_is_unknown(self, auth_client, first, demo_submission):
        from brightpath.accounts.tests.factories import UserFactory

        other = questionnaire_submit(user=UserFactory(), data=demo_submission)
        first["children"][0]["id"] = str(other.children.first().pk)
        response = submit(auth_client, first)
        assert response.status_code == 400
        assert "children[0].id" in response.data["error"]["fields"]


def test_a_new_child_named_like_a_renamed_one_is_a_new_child(auth_client, demo_submission):
    submit(auth_client, demo_submission)
    answers = auth_client.get("/api/questionnaire/responses/").json()
    answers["children"][0]["section2"]["name"] = "Noah Jr"  # renamed, same id
    newcomer = {**demo_submission["children"][0], "id": "temp_child_3"}
    answers["children"].append(newcomer)  # a new child called Noah
    assert submit(auth_client, answers).status_code == 201
    names = [
        c["section2"]["name"]
        for c in auth_client.get("/api/questionnaire/responses/").json()["children"]
    ]
    assert names == ["Noah Jr", "Ava", "Noah"]


def test_a_subject_a_schedule_uses_is_archived_not_deleted(
    auth_client, user, demo_submission, before_the_demo_week
):
    """The real reference: generated schedule items point at the subject."""
    import datetime as dt

    from brightpath.planner.models import ScheduleItem
    from brightpath.planner.services import schedule_generate

    family = questionnaire_submit(user=user, data=demo_submission)
    schedule_generate(family=family, week_start=dt.date(2026, 1, 5), time_limit=1)
    art = Subject.objects.get(name="Art")
    assert ScheduleItem.objects.filter(subject=art).exists()
    answers = auth_client.get("/api/questionnaire/responses/").json()
    ava = answers["children"][1]
    ava["section4"]["subjects"] = [s for s in ava["section4"]["subjects"] if s["name"] != "Art"]
    assert submit(auth_client, answers).status_code == 201
    art.refresh_from_db()
    assert art.archived_at is not None
    assert ScheduleItem.objects.filter(subject=art).exists()  # history intact
