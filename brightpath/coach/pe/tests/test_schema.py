"""The PE API answers what /api/schema/ documents: every GET of the namespace, on a world
with one row of every table, and the safety gate's refusal."""

import pytest
from django.urls import reverse

from brightpath.common.tests.openapi import documented

from .test_isolation import pe_routes

pytestmark = pytest.mark.django_db
PREFIX = "/api/coach/pe/"


def _template(route) -> str:
    path = str(route.pattern)
    for name in route.pattern.converters:
        path = path.replace(f"<uuid:{name}>", "{" + name + "}")
    return PREFIX + path


def test_every_get_answers_its_documented_shape(client, world, teacher):
    ids = {
        "student_id": world["student"].pk,
        "class_id": world["class"].pk,
        "activity_id": world["squats"].pk,
        "adaptation_id": world["adaptation"].pk,
        "plan_id": world["plan"].pk,
        "routine_id": world["routine"].pk,
        "assessment_id": world["assessment"].pk,
        "incident_id": world["incident"].pk,
        "analysis_id": world["analysis"].pk,
        "exercise_id": world["exercise"].pk,
        "safety_check_id": world["safety_check"].pk,
        "environmental_check_id": world["class"].environmental_checks.get().pk,
        "equipment_check_id": teacher.pe_equipment_checks.get().pk,
        "risk_id": teacher.pe_risk_assessments.get().pk,
    }
    query = {
        "student_adaptation_suggestions": f"?activity={world['activity'].pk}",
        "class_safety": f"?activity={world['activity'].pk}",
    }
    checked = 0
    for route in pe_routes():
        if not hasattr(route.callback.view_class, "get"):
            continue
        kwargs = {name: ids[name] for name in route.pattern.converters}
        url = reverse(f"pe:{route.name}", kwargs=kwargs) + query.get(route.name, "")
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.content)
        documented(answer, _template(route))
        checked += 1
    assert checked >= 25


def test_a_refused_start_is_documented(client, world):
    routine = world["routine"]
    answer = client.post(
        reverse("pe:routine_status", kwargs={"routine_id": routine.pk}),
        {"status": "draft"},
        format="json",
    )
    assert answer.status_code == 409
    body = documented(answer, PREFIX + "routines/{routine_id}/status/", "post")
    assert body["error"]["code"] == "invalid_transition"
