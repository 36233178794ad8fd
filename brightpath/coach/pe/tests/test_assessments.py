"""Assessments on weighted rubrics (weights sum to 1) and the skill progress they move."""

import datetime as dt

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe import shapes
from brightpath.coach.pe.services import plans as plan_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.common.errors import Conflict, Invalid

from .conftest import TODAY, make_activity, make_class, make_student

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"

RUBRIC = {
    "scale": {"min": 0, "max": 10},
    "criteria": {
        "technique": {
            "weight": 0.4,
            "minimumScore": 7,
            "subCriteria": {"form": 0.5, "accuracy": 0.5},
        },
        "performance": {"weight": 0.6, "subCriteria": {"speed": 0.3, "consistency": 0.7}},
    },
}
SCORES = {"technique": {"form": 8, "accuracy": 7}, "performance": {"speed": 6, "consistency": 7}}


@pytest.fixture
def pair(teacher):
    return make_student(teacher), make_activity(teacher, name="Dribbling")


def test_the_overall_score_is_the_weighted_sum_of_the_criteria():
    results, overall, errors = shapes.score_rubric(RUBRIC, SCORES)
    assert not errors
    # technique 7.5/10 x 0.4 = 30; performance (0.3 x 6 + 0.7 x 7) = 6.7/10 x 0.6 = 40.2
    assert overall == pytest.approx(70.2)
    assert results["technique"]["score"] == pytest.approx(7.5)
    assert results["technique"]["meetsMinimum"] is True
    assert results["performance"]["percent"] == pytest.approx(67.0)


@pytest.mark.parametrize(
    ("rubric", "path"),
    [
        ({"criteria": {"a": {"weight": 0.5}, "b": {"weight": 0.4}}}, "rubric.criteria"),
        ({"criteria": {"a": {"weight": 0.5}, "b": {"weight": 0.6}}}, "rubric.criteria"),
        (
            {"criteria": {"a": {"weight": 1.0, "subCriteria": {"x": 0.5, "y": 0.25}}}},
            "rubric.criteria.a.subCriteria",
        ),
        ({"scale": {"min": 10, "max": 10}, "criteria": {"a": {"weight": 1}}}, "rubric.scale"),
        ({"criteria": {"a": {"weight": 1, "minimumScore": 11}}}, "rubric.criteria.a.minimumScore"),
        ({"criteria": {"a": {"weight": 0}}}, "rubric.criteria.a.weight"),
        ({"criteria": {}}, "rubric.criteria"),
        ({"criteria": {"a": {"wieght": 1}}}, "rubric.criteria.a.wieght"),
    ],
)
def test_a_rubric_whose_weights_do_not_add_up_is_refused(teacher, pair, rubric, path):
    student, activity = pair
    with pytest.raises(Invalid) as error:
        progress_services.assessment_create(
            student=student, activity=activity, assessor=teacher, rubric=rubric
        )
    assert path in error.value.fields, error.value.fields
    assert not m.SkillAssessment.objects.exists()


@pytest.mark.parametrize(
    ("scores", "path"),
    [
        ({"technique": {"form": 8, "accuracy": 7}}, "scores.performance"),
        ({**SCORES, "effort": 5}, "scores.effort"),
        ({**SCORES, "technique": {"form": 11, "accuracy": 7}}, "scores.technique.form"),
        ({**SCORES, "technique": 7}, "scores.technique"),
        ({**SCORES, "technique": {"form": 8}}, "scores.technique.accuracy"),
    ],
)
def test_scores_must_fit_the_rubric_and_nothing_is_saved(teacher, pair, scores, path):
    student, activity = pair
    with pytest.raises(Invalid) as error:
        progress_services.assessment_create(
            student=student,
            activity=activity,
            assessor=teacher,
            rubric=RUBRIC,
            scores=scores,
            complete=True,
        )
    assert path in error.value.fields
    assert not m.SkillAssessment.objects.exists() and not m.SkillProgress.objects.exists()


def _assess(teacher, student, activity, scores, day):
    return progress_services.assessment_create(
        student=student,
        activity=activity,
        assessor=teacher,
        rubric={"criteria": {"skill": {"weight": 1.0}}, "scale": {"min": 0, "max": 100}},
        scores=scores,
        assessment_date=day,
        complete=True,
    )


def test_completed_assessments_build_a_progress_series_and_move_the_level(teacher, pair):
    student, activity = pair
    days = [TODAY - dt.timedelta(days=28 - 7 * k) for k in range(5)]
    levels = []
    for day, score in zip(days, (30, 50, 62, 80, 95), strict=True):
        _assess(teacher, student, activity, {"skill": score}, day)
        levels.append(m.SkillProgress.objects.get(student=student, activity=activity).skill_level)
    progress = m.SkillProgress.objects.get(student=student, activity=activity)
    series = progress.progress_data["series"]
    assert [p["score"] for p in series] == [30, 50, 62, 80, 95]
    assert [p["date"] for p in series] == [d.isoformat() for d in days]
    assert {p["source"] for p in series} == {"assessment"}
    # the level follows the mean of the last three points
    assert levels == ["beginner", "intermediate", "intermediate", "intermediate", "advanced"]
    assert progress.latest_score == 95
    assert [ms["proficiencyLevel"] for ms in progress.progress_data["milestonesAchieved"]] == [
        "intermediate",
        "advanced",
    ]


def test_an_assessment_dated_earlier_goes_in_its_place_in_the_series(teacher, pair):
    student, activity = pair
    _assess(teacher, student, activity, {"skill": 70}, TODAY)
    _assess(teacher, student, activity, {"skill": 40}, TODAY - dt.timedelta(days=14))
    series = m.SkillProgress.objects.get(student=student).progress_data["series"]
    assert [p["score"] for p in series] == [40, 70]
    assert m.SkillProgress.objects.get(student=student).latest_score == 70


def test_criteria_below_their_minimum_become_areas_for_improvement(teacher, pair):
    student, activity = pair
    progress_services.assessment_create(
        student=student,
        activity=activity,
        assessor=teacher,
        rubric=RUBRIC,
        scores={**SCORES, "technique": {"form": 6, "accuracy": 6}},
        complete=True,
    )
    data = m.SkillProgress.objects.get(student=student).progress_data
    assert data["areasForImprovement"] == ["technique"]
    assert data["metrics"] == {"technique": 0.6, "performance": 0.67}


def test_scoring_then_completing_in_steps_and_final_scores(teacher, pair):
    student, activity = pair
    assessment = progress_services.assessment_create(
        student=student, activity=activity, assessor=teacher, rubric=RUBRIC
    )
    assert assessment.status == "pending" and assessment.overall_score is None
    with pytest.raises(Invalid):
        progress_services.assessment_transition(assessment=assessment, status="completed")
    assessment = progress_services.assessment_score(assessment=assessment, scores=SCORES)
    assert assessment.status == "in_progress"
    assert not m.SkillProgress.objects.exists()  # only a completed assessment counts
    progress_services.assessment_transition(assessment=assessment, status="completed")
    assert m.SkillProgress.objects.get(student=student).latest_score == pytest.approx(70.2)
    with pytest.raises(Conflict) as error:
        progress_services.assessment_score(assessment=assessment, scores=SCORES)
    assert error.value.code == "assessment_closed"


def test_a_plans_assessment_criteria_are_the_default_rubric(teacher, pair):
    student, activity = pair
    plan = plan_services.plan_create(
        teacher=teacher,
        pe_class=make_class(teacher),
        name="Ball skills",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=20),
        objectives={"learningObjectives": [{"area": "skill", "target": "dribble"}]},
        assessment_criteria={"criteria": {"control": {"weight": 0.7}, "speed": {"weight": 0.3}}},
    )
    assessment = progress_services.assessment_create(
        student=student,
        activity=activity,
        assessor=teacher,
        plan=plan,
        scores={"control": 9, "speed": 5},
    )
    assert assessment.overall_score == pytest.approx(78.0)


def test_an_assessment_over_the_api_moves_the_progress_a_teacher_charts(client, teacher, pair):
    student, activity = pair
    answer = client.post(
        f"{API}/assessments/",
        {
            "studentId": str(student.pk),
            "activityId": str(activity.pk),
            "rubric": RUBRIC,
            "scores": SCORES,
            "complete": True,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "completed"
    assert answer.json()["overallScore"] == pytest.approx(70.2)
    progress = client.get(f"{API}/students/{student.pk}/progress/").json()
    assert len(progress) == 1
    assert progress[0]["activity"]["id"] == str(activity.pk)
    assert progress[0]["skillLevel"] == "advanced"
    assert progress[0]["series"][0]["score"] == pytest.approx(70.2)
    one = client.get(f"{API}/students/{student.pk}/progress/{activity.pk}/")
    assert one.status_code == 200
    goals = client.patch(
        f"{API}/students/{student.pk}/progress/{activity.pk}/",
        {"goals": {"targetLevel": "expert", "targetScore": 90, "targetDate": "2026-06-01"}},
        format="json",
    )
    assert goals.status_code == 200 and goals.json()["goals"]["targetLevel"] == "expert"


def test_an_assessment_cannot_be_dated_in_the_future(teacher, pair):
    student, activity = pair
    with pytest.raises(Invalid) as error:
        progress_services.assessment_create(
            student=student,
            activity=activity,
            assessor=teacher,
            assessment_date=TODAY + dt.timedelta(days=1),
        )
    assert "assessmentDate" in error.value.fields


def test_a_future_date_is_the_only_error_of_a_scored_final_assessment(teacher, pair):
    """Scores were given: the refusal names the date, not missing scores as well."""
    student, activity = pair
    with pytest.raises(Invalid) as error:
        progress_services.assessment_create(
            student=student,
            activity=activity,
            assessor=teacher,
            assessment_date=TODAY + dt.timedelta(days=1),
            rubric=RUBRIC,
            scores=SCORES,
            complete=True,
        )
    assert set(error.value.fields) == {"assessmentDate"}
