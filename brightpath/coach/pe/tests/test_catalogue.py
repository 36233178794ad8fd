"""The shipped catalogue: at least 40 activities in categories, each with equipment,
space, intensity, ages, safety notes and adaptations; exercises with the movement
engine's reference patterns; loaded idempotently by `pe_catalogue`."""

import io

import pytest
from django.core.management import call_command

from brightpath.coach.pe import models as m
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.movement.patterns import pattern_from_metrics

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"


def test_the_command_loads_the_catalogue_and_a_second_run_changes_nothing():
    out = io.StringIO()
    call_command("pe_catalogue", stdout=out)
    assert "Activities: 47 (47 created" in out.getvalue()
    before = sorted(m.Activity.objects.values_list("id", "updated_at"))
    out = io.StringIO()
    call_command("pe_catalogue", stdout=out)
    assert "Activities: 47 (0 created, 0 updated, 47 unchanged)" in out.getvalue()
    assert sorted(m.Activity.objects.values_list("id", "updated_at")) == before


def test_every_activity_is_complete_and_every_kind_is_there(catalogue):
    activities = list(m.Activity.objects.filter(owner=None).prefetch_related("category_links"))
    assert len(activities) >= 40
    assert {a.activity_type for a in activities} == set(v.ACTIVITY_TYPES)
    categories = set(m.ActivityCategory.objects.values_list("name", flat=True))
    for expected in (
        "Warm-ups",
        "Locomotor skills",
        "Ball skills",
        "Fitness",
        "Team games",
        "Dance and rhythm",
        "Yoga and mindfulness",
        "Cool-downs",
    ):
        assert expected in categories
    for activity in activities:
        links = list(activity.category_links.all())
        assert links and sum(link.primary_category for link in links) == 1, activity.name
        assert activity.safety_guidelines.strip(), activity.name
        assert activity.instructions.strip(), activity.name
        assert activity.activity_metadata["adaptations"], activity.name
        assert activity.min_age <= activity.max_age
        if activity.equipment_required != "none":
            details = activity.activity_metadata["equipmentDetails"]
            assert details["required"] or details["optional"], activity.name


def test_each_exercise_has_a_reference_pattern_the_engine_reads(catalogue):
    exercises = list(m.Exercise.objects.filter(owner=None))
    assert {e.key for e in exercises} == {"squat", "push_up", "bicep_curl", "jumping_jack"}
    for exercise in exercises:
        pattern = exercise.reference_patterns.get()
        assert pattern_from_metrics(pattern.metrics).primary_joint in exercise.primary_joints


def test_teachers_browse_the_catalogue_by_type_category_and_age(client, catalogue):
    games = client.get(f"{API}/activities/?type=game&pageSize=100").json()
    assert games["count"] >= 5
    assert {a["activityType"] for a in games["results"]} == {"game"}
    ball = m.ActivityCategory.objects.get(name="Ball skills")
    under = client.get(f"{API}/activities/?category={ball.pk}&pageSize=100").json()
    names = {a["name"] for a in under["results"]}
    assert "Underhand Toss and Catch" in names  # in a sub-category of Ball skills
    young = client.get(f"{API}/activities/?age=6&pageSize=100").json()["results"]
    assert all(a["minAge"] <= 6 <= a["maxAge"] for a in young)
    bad = client.get(f"{API}/activities/?type=sport")
    assert bad.status_code == 400 and "type" in bad.json()["error"]["fields"]
    assert client.get(f"{API}/categories/").json()[0]["name"]
    flag = m.Activity.objects.get(key="capture-the-flag")
    detail = client.get(f"{API}/activities/{flag.pk}/").json()
    assert detail["equipment"] == ["pinnies", "cones", "flags"]
    assert detail["isCatalogue"] is True
    steps = client.get(
        f"{API}/activities/{m.Activity.objects.get(key='stationary-dribble').pk}/progressions/"
    )
    assert steps.json()[0]["toActivity"]["name"] == "Dribbling Relay"


def test_a_teacher_adds_changes_and_archives_an_activity_of_their_own(client, catalogue):
    ball = m.ActivityCategory.objects.get(name="Ball skills")
    body = {
        "name": "Noodle Tag",
        "activityType": "game",
        "difficulty": "beginner",
        "equipmentRequired": "minimal",
        "durationMinutes": 10,
        "intensity": "vigorous",
        "space": "large",
        "minAge": 6,
        "maxAge": 11,
        "activityMetadata": {"equipmentDetails": {"required": ["Pool Noodles"]}},
        "categoryIds": [str(ball.pk)],
    }
    created = client.post(f"{API}/activities/", body, format="json")
    assert created.status_code == 201, created.content
    activity = created.json()
    assert activity["equipment"] == ["pool noodles"] and activity["isCatalogue"] is False
    assert activity["categories"] == [{"id": str(ball.pk), "name": "Ball skills", "primary": True}]
    assert client.post(f"{API}/activities/", body, format="json").status_code == 409
    for change, field in (
        ({"durationMinutes": 241}, "durationMinutes"),
        ({"minAge": 12}, "maxAge"),
        ({"name": " "}, "name"),
        (
            {"activityMetadata": {"equipmentDetails": {"needed": []}}},
            "activityMetadata.equipmentDetails.needed",
        ),
    ):
        answer = client.patch(f"{API}/activities/{activity['id']}/", change, format="json")
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"], (
            answer.json()
        )
    archived = client.post(f"{API}/activities/{activity['id']}/archive/", {}, format="json").json()
    assert archived["isArchived"] is True
    mine = client.get(f"{API}/activities/?mine=true").json()
    assert mine["count"] == 0


def test_a_teacher_adds_an_exercise_with_a_reference_pattern(client, catalogue):
    squat = m.Exercise.objects.get(key="squat")
    reference = {
        "patternType": "lunge",
        "description": "Forward lunge, back knee towards the floor",
        "metrics": {**squat.reference_patterns.get().metrics, "romRange": {"knee": [60, 100]}},
    }
    body = {
        "activityId": str(squat.activity_id),
        "name": "Forward lunge",
        "exerciseType": "strength",
        "difficulty": "intermediate",
        "primaryJoints": ["knee"],
        "referencePattern": reference,
    }
    broken = {**reference, "metrics": {**reference["metrics"], "romRange": {"knee": [100, 60]}}}
    answer = client.post(f"{API}/exercises/", {**body, "referencePattern": broken}, format="json")
    assert answer.status_code == 400
    assert "referencePattern.metrics.romRange.knee" in answer.json()["error"]["fields"]
    assert not m.Exercise.objects.filter(owner__isnull=False).exists()
    created = client.post(f"{API}/exercises/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["referencePattern"]["patternType"] == "lunge"
    assert created.json()["isCatalogue"] is False
