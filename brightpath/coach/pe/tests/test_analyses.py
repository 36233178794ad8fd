"""Movement analysis through the API: a landmark recording of a student doing an exercise
is analysed against the exercise's reference pattern, stored, and feeds skill progress.
Recordings come from the movement engine's kinematic model, with known repetitions."""

import gzip
import json

import pytest

from brightpath.coach.pe import models as m

from .conftest import make_student, recording

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"


@pytest.fixture
def squat(catalogue):
    return m.Exercise.objects.get(key="squat")


@pytest.fixture
def student(teacher):
    return make_student(teacher)


def _upload(client, student, exercise, body, content_type="application/json", **params):
    query = "&".join(
        f"{k}={v}" for k, v in {"student": student.pk, "exercise": exercise.pk, **params}.items()
    )
    return client.generic("POST", f"{API}/movement/?{query}", body, content_type=content_type)


def _nothing_saved():
    assert not m.MovementAnalysis.objects.exists()
    assert not m.MovementPattern.objects.filter(analysis__isnull=False).exists()
    assert not m.SkillProgress.objects.exists()


def test_a_recording_gives_repetitions_range_of_motion_and_feeds_progress(client, student, squat):
    answer = _upload(client, student, squat, recording("squat", reps=6, seed=3))
    assert answer.status_code == 201, answer.content
    analysis = answer.json()
    assert analysis["repetitions"] == 6
    assert analysis["movementType"] == "squat"
    assert 60 <= analysis["rangeOfMotion"]["knee"] <= 130
    assert 0 < analysis["qualityScore"] <= 1 and 0 < analysis["confidence"] <= 1
    assert analysis["similarity"] is not None
    assert analysis["activity"]["name"] == "Bodyweight Squats"
    data = analysis["analysisData"]
    assert data["repetitions"]["count"] == 6 and data["series"]["angle"]
    assert data["source"]["format"] == "json"

    progress = client.get(f"{API}/students/{student.pk}/progress/").json()
    assert progress[0]["activity"]["name"] == "Bodyweight Squats"
    point = progress[0]["series"][0]
    assert point["source"] == "movement" and point["sourceId"] == analysis["id"]
    assert point["score"] == pytest.approx(100 * analysis["qualityScore"], abs=0.01)

    listed = client.get(f"{API}/movement/?student={student.pk}").json()
    assert listed["count"] == 1 and "analysisData" not in listed["results"][0]
    observed = m.MovementPattern.objects.get(analysis_id=analysis["id"])
    assert observed.metrics["observed"]["repetitions"] == 6


@pytest.mark.parametrize(
    ("exercise", "reps", "fmt", "content_type", "compress"),
    [
        ("jumping_jack", 12, "csv", "text/csv", False),
        ("push_up", 5, "json-dict", "application/json", False),
        ("bicep_curl", 7, "csv", "application/gzip", True),
    ],
)
def test_csv_mediapipe_objects_and_gzip(
    client, student, catalogue, exercise, reps, fmt, content_type, compress
):
    body = recording(exercise, reps=reps, seed=5, fmt=fmt, compress=compress)
    target = m.Exercise.objects.get(key=exercise)
    answer = _upload(client, student, target, body, content_type=content_type)
    assert answer.status_code == 201, answer.content
    assert answer.json()["repetitions"] == reps
    assert answer.json()["sourceFormat"] == ("csv" if fmt == "csv" else "json")


def _frames(exercise="squat", reps=3):
    return json.loads(recording(exercise, reps=reps, seed=9))


def _broken(change) -> bytes:
    document = _frames()
    change(document["frames"])
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "field_start"),
    [
        (lambda frames: frames[5]["landmarks"].pop(), "frames[5]"),  # 32 joints
        (lambda frames: frames[7].__setitem__("t", frames[3]["t"]), "frames[7]"),  # time goes back
        (lambda frames: frames.__delitem__(slice(12, None)), "frames"),  # too short
        (
            lambda frames: frames[0]["landmarks"][25].__setitem__(1, "left"),
            "frames[0].landmarks[25]",
        ),
    ],
    ids=["wrong joint count", "out of order", "too short", "text for a number"],
)
def test_a_recording_that_cannot_be_analysed_is_a_400_naming_the_frame(
    client, student, squat, change, field_start
):
    answer = _upload(client, student, squat, _broken(change))
    assert answer.status_code == 400, answer.content
    fields = answer.json()["error"]["fields"]
    assert any(f.startswith(field_start) for f in fields), fields
    _nothing_saved()


def test_nan_landmarks_and_long_gaps_in_the_knees_are_refused(client, student, squat):
    def hide_knees(frames):
        for frame in frames[10:]:
            if frame["landmarks"]:  # frames where no one was found have none
                frame["landmarks"][25] = frame["landmarks"][26] = [float("nan")] * 4

    answer = _upload(client, student, squat, _broken(hide_knees))
    assert answer.status_code == 400, answer.content
    assert "knee" in json.dumps(answer.json()["error"])
    _nothing_saved()


def test_a_short_dropout_is_filled_and_counted(client, student, squat):
    def blink(frames):
        for frame in frames[20:24]:
            frame["landmarks"][25] = [None, None, None, 0.0]

    answer = _upload(client, student, squat, _broken(blink))
    assert answer.status_code == 201, answer.content
    assert answer.json()["repetitions"] == 3


def test_a_recording_over_the_size_limit_is_a_413(client, student, squat, settings):
    settings.PE_RECORDING_MAX_BYTES = 10_000
    answer = _upload(client, student, squat, recording("squat", reps=3))
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "request_too_large"
    assert "gzip" in answer.json()["error"]["message"]
    _nothing_saved()


def test_the_query_must_name_the_teachers_student_and_an_exercise(
    client, student, squat, other_teacher
):
    body = recording("squat", reps=3)
    answer = client.generic("POST", f"{API}/movement/", body, content_type="application/json")
    assert set(answer.json()["error"]["fields"]) == {"student", "exercise"}
    theirs = make_student(other_teacher)
    answer = _upload(client, theirs, squat, body)
    assert answer.json()["error"]["fields"] == {"student": ["No such student."]}
    empty = _upload(client, student, squat, b"")
    assert empty.status_code == 400 and "recording" in empty.json()["error"]["fields"]
    garbage = _upload(
        client, student, squat, gzip.compress(b"\xff\xfe not text"), "application/gzip"
    )
    assert garbage.status_code == 400
    _nothing_saved()


def test_deleting_an_analysis_takes_its_point_out_of_the_progress(client, student, squat):
    first = _upload(client, student, squat, recording("squat", reps=4, seed=1)).json()
    second = _upload(client, student, squat, recording("squat", reps=5, seed=2)).json()
    assert client.delete(f"{API}/movement/{first['id']}/").status_code == 204
    series = client.get(f"{API}/students/{student.pk}/progress/").json()[0]["series"]
    assert [p["sourceId"] for p in series] == [second["id"]]


def test_an_exercise_without_a_reference_is_analysed_without_a_comparison(
    client, teacher, student, catalogue
):
    activity = m.Activity.objects.get(key="bodyweight-squats")
    own = m.Exercise.objects.create(
        owner=teacher,
        activity=activity,
        name="Chair squat",
        exercise_type="strength",
        difficulty="beginner",
    )
    answer = _upload(client, student, own, recording("squat", reps=4, seed=4))
    assert answer.status_code == 201, answer.content
    assert answer.json()["similarity"] is None
    assert answer.json()["repetitions"] == 4
