"""Teacher B gets a 404 for every PE endpoint that takes one of teacher A's ids, and
changes nothing of A's.

The endpoints come from the URL resolver (namespace "pe"), so a route added later is
covered without touching this file; a route taking a kind of id this file does not
know yet fails until one of A's ids of that kind is named below.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import jwt_client

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")
# A body every PE write accepts the shape of, so a 404 is never a 400 in disguise.
BODY = {
    "status": "completed",
    "name": "Taken over",
    "note": "B was here",
    "reason": "B was here",
    "isActive": False,
    "archived": True,
    "scores": {
        "technique": {"form": 1, "accuracy": 1},
        "performance": {"speed": 1, "consistency": 1},
    },
    "goals": {"targetLevel": "expert"},
    "weeks": [],
    "performances": [],
    "activityTypes": {"game": 0.1},
    "resolution": "B fixed it",
}


def pe_routes() -> list[URLPattern]:
    def walk(patterns, inside: bool):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, inside or pattern.namespace == "pe")
            elif inside:
                yield pattern

    return list(walk(get_resolver().url_patterns, False))


def routes_with_ids() -> list[URLPattern]:
    return [route for route in pe_routes() if route.pattern.converters]


def test_the_walk_finds_the_pe_routes():
    names = {route.name for route in routes_with_ids()}
    assert {"student", "class", "plan", "routine_status", "movement_analysis"} <= names
    assert len(names) >= 30


def everything() -> dict[str, list]:
    return {
        model.__name__: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("pe").get_models()
    }


def test_teacher_b_cannot_reach_or_change_anything_of_teacher_a(world, other_teacher):
    ids_of_a = {
        "student_id": world["student"].pk,
        "class_id": world["class"].pk,
        "activity_id": world["activity"].pk,  # A's own activity
        "adaptation_id": world["adaptation"].pk,
        "plan_id": world["plan"].pk,
        "plan_activity_id": world["plan_activity"].pk,
        "routine_id": world["routine"].pk,
        "assessment_id": world["assessment"].pk,
        "incident_id": world["incident"].pk,
        "analysis_id": world["analysis"].pk,
        "safety_check_id": world["safety_check"].pk,
        "environmental_check_id": world["class"].environmental_checks.get().pk,
        "equipment_check_id": world["student"].teacher.pe_equipment_checks.get().pk,
        "risk_id": world["student"].teacher.pe_risk_assessments.get().pk,
        "exercise_id": None,  # set below: an exercise of A's own
    }
    from brightpath.coach.pe.models import Exercise

    own_exercise = Exercise.objects.create(
        owner=world["student"].teacher,
        activity=world["activity"],
        name="A's drill",
        exercise_type="cardio",
        difficulty="beginner",
    )
    ids_of_a["exercise_id"] = own_exercise.pk
    before = everything()
    client = jwt_client(other_teacher)
    answered = []
    for route in routes_with_ids():
        unknown = set(route.pattern.converters) - set(ids_of_a)
        assert not unknown, f"{route.name}: name one of teacher A's ids for {sorted(unknown)}"
        url = reverse(
            f"pe:{route.name}", kwargs={name: ids_of_a[name] for name in route.pattern.converters}
        )
        view = route.callback.view_class
        for method in (m for m in METHODS if hasattr(view, m)):
            if method in ("get", "delete"):
                answer = getattr(client, method)(url)
            else:
                answer = getattr(client, method)(url, BODY, format="json")
            answered.append((method.upper(), url, answer.status_code))
            assert answer.status_code == 404, (method, url, answer.content)
            assert answer.json()["error"]["code"] == "not_found"
            assert "Asthma" not in answer.content.decode()
    assert len(answered) >= 40
    assert everything() == before


def test_teacher_bs_lists_hold_nothing_of_teacher_as(world, other_teacher):
    client = jwt_client(other_teacher)
    for name in (
        "students",
        "classes",
        "plans",
        "routines",
        "assessments",
        "incidents",
        "movement_analyses",
        "environmental_checks",
        "equipment_checks",
        "risk_assessments",
        "safety_checks",
    ):
        answer = client.get(reverse(f"pe:{name}"))
        assert answer.status_code == 200
        assert answer.json()["count"] == 0, name
    mine = client.get(reverse("pe:activities") + "?mine=true").json()
    assert mine["count"] == 0
    everyone = client.get(reverse("pe:activities") + "?pageSize=200").json()
    assert world["activity"].name not in {a["name"] for a in everyone["results"]}


def test_a_catalogue_activity_is_shared_but_not_editable(world, other_teacher):
    client = jwt_client(other_teacher)
    squats = world["squats"]
    assert client.get(reverse("pe:activity", kwargs={"activity_id": squats.pk})).status_code == 200
    answer = client.patch(
        reverse("pe:activity", kwargs={"activity_id": squats.pk}), BODY, format="json"
    )
    assert answer.status_code == 404


def test_signed_out_is_a_401(db):
    from rest_framework.test import APIClient

    assert APIClient().get(reverse("pe:students")).status_code == 401
