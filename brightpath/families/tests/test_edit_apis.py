"""Editing children, subject plans and commitments outside the questionnaire."""

import pytest

from brightpath.accounts.tests.factories import UserFactory
from brightpath.curriculum.models import Subject
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db

ART = {
    "name": "Art",
    "sessionDuration": 40,
    "frequency": "once_a_week",
    "parentInvolvement": "some_assistance",
    "interestLevel": 5,
}


@pytest.fixture
def family(user, demo_submission, before_the_demo_week):
    """The demo family in January 2026, when Noah is 6 and Ava 10."""
    return questionnaire_submit(user=user, data=demo_submission)


@pytest.fixture
def noah(family):
    return family.children.get(name="Noah")


class TestSubjectPlans:
    def test_add_list_change_and_remove(self, auth_client, noah):
        url = f"/api/children/{noah.pk}/subjects/"
        created = auth_client.post(url, ART, format="json")
        assert created.status_code == 201
        assert created.data["fixedTime"] == {"required": False, "preferredTime": None}
        assert [s["name"] for s in auth_client.get(url).data] == ["Mathematics", "Reading", "Art"]
        noah.refresh_from_db()
        clusters = noah.learning_preferences["derivedInsights"]["interestClusters"]
        assert "Arts" in [c["name"] for c in clusters]

        detail = f"{url}{created.data['id']}/"
        changed = auth_client.put(detail, {**ART, "sessionDuration": 25}, format="json")
        assert changed.status_code == 200 and changed.data["sessionDuration"] == 25
        assert auth_client.delete(detail).status_code == 204
        assert not Subject.objects.filter(pk=created.data["id"]).exists()

    def test_rules_of_the_questionnaire_apply(self, auth_client, noah):
        shorter_day = {"name": "Noah", "age": 6, "startTime": "09:00", "endTime": "12:00"}
        assert (
            auth_client.put(f"/api/children/{noah.pk}/", shorter_day, format="json").status_code
            == 200
        )
        url = f"/api/children/{noah.pk}/subjects/"
        too_long = auth_client.post(url, {**ART, "sessionDuration": 200}, format="json")
        assert too_long.status_code == 400
        assert "sessionDuration" in too_long.data["error"]["fields"]
        duplicate = auth_client.post(url, {**ART, "name": "reading"}, format="json")
        assert "name" in duplicate.data["error"]["fields"]
        fixed = {**ART, "fixedTime": {"required": True, "preferredTime": "11:30"}}
        late = auth_client.post(url, fixed, format="json")
        assert "fixedTime.preferredTime" in late.data["error"]["fields"]
        assert noah.subjects.count() == 2

    def test_another_familys_plans_are_404(self, auth_client, demo_submission):
        other = questionnaire_submit(user=UserFactory(), data=demo_submission)
        their_child = other.children.first()
        their_subject = their_child.subjects.first()
        base = f"/api/children/{their_child.pk}/subjects/"
        assert auth_client.get(base).status_code == 404
        assert auth_client.post(base, ART, format="json").status_code == 404
        assert auth_client.put(f"{base}{their_subject.pk}/", ART, format="json").status_code == 404
        assert auth_client.delete(f"{base}{their_subject.pk}/").status_code == 404
        assert Subject.objects.filter(pk=their_subject.pk).exists()


class TestCommitments:
    def test_family_commitment_round_trip(self, auth_client, family):
        body = {
            "name": "Dentist",
            "frequency": "one-time",
            "date": "2026-12-03",
            "startTime": "14:00",
            "endTime": "15:00",
        }
        created = auth_client.post("/api/family/commitments/", body, format="json")
        assert created.status_code == 201
        names = [c["name"] for c in auth_client.get("/api/family/commitments/").data]
        assert names == ["Work Meeting", "Dentist"]
        url = f"/api/family/commitments/{created.data['id']}/"
        bad = auth_client.put(url, {**body, "endTime": "13:00"}, format="json")
        assert bad.status_code == 400 and "endTime" in bad.data["error"]["fields"]
        assert auth_client.delete(url).status_code == 204
        assert len(auth_client.get("/api/family/commitments/").data) == 1

    def test_child_commitment_validation_and_scoping(self, auth_client, noah, demo_submission):
        url = f"/api/children/{noah.pk}/commitments/"
        monthly = {
            "name": "Library",
            "frequency": "monthly",
            "startTime": "10:00",
            "endTime": "11:00",
        }
        bad = auth_client.post(url, monthly, format="json")
        assert "dayOfMonth" in bad.data["error"]["fields"]
        ok = auth_client.post(url, {**monthly, "dayOfMonth": 15}, format="json")
        assert ok.status_code == 201 and ok.data["dayOfMonth"] == 15
        other = questionnaire_submit(user=UserFactory(), data=demo_submission).children.first()
        assert auth_client.get(f"/api/children/{other.pk}/commitments/").status_code == 404


class TestChildren:
    def test_add_a_child(self, auth_client, family):
        body = {"name": "Mia", "age": 4, "startTime": "09:00", "endTime": "11:00"}
        response = auth_client.post("/api/children/", body, format="json")
        assert response.status_code == 201
        assert (
            response.data["learningPreferences"]["derivedInsights"]["attentionSpan"]
            == "15-30_minutes"
        )
        assert [c["name"] for c in auth_client.get("/api/children/").data] == ["Noah", "Ava", "Mia"]

    def test_new_hours_must_still_fit_every_subject(self, auth_client, noah):
        body = {"name": "Noah", "age": 6, "startTime": "10:00", "endTime": "10:30"}
        response = auth_client.put(f"/api/children/{noah.pk}/", body, format="json")
        assert response.status_code == 400
        messages = response.data["error"]["fields"]["endTime"]
        assert any(m.startswith("Reading:") for m in messages)
        noah.refresh_from_db()
        assert noah.homeschool_hours == ("09:00", "14:00")

    def test_age_out_of_range_is_named(self, auth_client, noah):
        body = {"name": "Noah", "age": 30, "startTime": "09:00", "endTime": "14:00"}
        response = auth_client.put(f"/api/children/{noah.pk}/", body, format="json")
        assert "age" in response.data["error"]["fields"]

    def test_remove_a_child(self, auth_client, noah):
        assert auth_client.delete(f"/api/children/{noah.pk}/").status_code == 204
        assert auth_client.get(f"/api/children/{noah.pk}/").status_code == 404
