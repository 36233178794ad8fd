"""POST /api/ml/evaluate-schedule/: the active reward model scores a stored week."""

import pytest

from brightpath.insights.services import ml_model_activate
from brightpath.planner.models import Schedule
from brightpath.planner.services.learned import learned_preferences_save

from .models_by_hand import artifact, constant_trees, register

pytestmark = pytest.mark.django_db

URL = "/api/ml/evaluate-schedule/"

# 3.5 stars, one down when few sessions start in their learned window, one up
# when most do; a completion rate of 0.8 whatever the week.
KNOWN = artifact(constant_trees(3.5, split=("learned_fit", 0.5, -1.0, 1.0)), constant_trees(0.8))


def noahs_week(family) -> Schedule:
    return Schedule.objects.get(family=family, child__name="Noah", is_active=True)


@pytest.fixture
def known_model(db):
    model = register(KNOWN)
    ml_model_activate(model=model)
    return model


def test_a_known_week_gets_the_known_score(auth_client, family, known_model):
    week = noahs_week(family)
    response = auth_client.post(URL, {"scheduleId": str(week.pk)}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["modelVersion"] == known_model.version
    assert body["predictedSatisfaction"] == 2.5  # nothing learned: no session in a learned window
    assert body["predictedCompletionRate"] == 0.8
    features = body["features"]
    assert features["children"] == 1  # one child's week
    assert features["sessions_per_child"] == week.items.filter(item_type="subject").count()
    assert features["learned_coverage"] == 0


def test_the_score_follows_what_was_learned(auth_client, family, known_model):
    """Noah's Mathematics learned for a window holding every session of it this week
    (wherever the solver put them): the week fits what was learned, and the model says so."""
    noah = family.children.get(name="Noah")
    maths = noah.subjects.get(name="Mathematics")
    starts = [
        item.start_time.hour * 60 + item.start_time.minute
        for item in noahs_week(family).items.filter(subject=maths, item_type="subject")
    ]
    learned_preferences_save(
        family=family,
        data={
            "version": 1,
            "engine": {
                "weights": {},
                "learnedTimes": [
                    {
                        "childId": str(noah.pk),
                        "subjectId": str(maths.pk),
                        "windows": [[min(starts), max(starts) + 5]],
                        "strength": 1.0,
                    }
                ],
            },
            "explanations": [],
        },
    )
    body = auth_client.post(URL, {"scheduleId": str(noahs_week(family).pk)}, format="json").json()
    assert body["features"]["learned_fit"] == 1.0
    assert body["predictedSatisfaction"] == 4.5


def test_without_an_active_model_it_says_so(auth_client, family):
    register(KNOWN)  # trained, never activated
    response = auth_client.post(URL, {"scheduleId": str(noahs_week(family).pk)}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_active_model"


def test_another_familys_week_is_a_404(other_client, family, other_family, known_model):
    response = other_client.post(URL, {"scheduleId": str(noahs_week(family).pk)}, format="json")
    assert response.status_code == 404
    assert "features" not in response.json()


def test_a_bad_schedule_id_names_the_field(auth_client, family, known_model):
    for body in ({}, {"scheduleId": "soon"}):
        response = auth_client.post(URL, body, format="json")
        assert response.status_code == 400
        assert "scheduleId" in response.json()["error"]["fields"]
