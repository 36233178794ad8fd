"""Lesson sequences (issue 13): made by hand, pasted, imported from CSV, copied
to a sibling, made from a resource; strict, all-or-nothing imports; another
family's sequence is a 404 everywhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brightpath.curriculum.models import Lesson, LessonSequence, Subject
from brightpath.curriculum.services.lessons import (
    MAX_LESSONS,
    LessonInput,
    lesson_sequence_create,
    lessons_parse_csv,
    lessons_parse_text,
)
from brightpath.onboarding.services import questionnaire_submit

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/lesson-sequences/"


@pytest.fixture
def family(user, demo_submission):
    return questionnaire_submit(user=user, data=demo_submission)


@pytest.fixture
def other_family(other_user, demo_submission):
    return questionnaire_submit(user=other_user, data=demo_submission)


def subject(family, child: str, name: str = "Mathematics") -> Subject:
    return Subject.objects.get(child__family=family, child__name=child, name=name)


def titles(body: dict) -> list[str]:
    return [row["title"] for row in body["lessons"]]


def errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]


def create(client, **body):
    response = client.post(URL, {"name": "Singapore 1A", **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


# --- making a sequence -------------------------------------------------------------------


def test_a_sequence_typed_lesson_by_lesson(auth_client, family):
    body = create(
        auth_client,
        lessons=[
            {"title": "Counting to 10", "estimatedMinutes": 20},
            {
                "title": "Number bonds",
                "notes": "Use the blocks",
                "resourceUrl": "https://example.com/bonds",
            },
        ],
    )
    assert body["name"] == "Singapore 1A" and body["lessonCount"] == 2
    assert body["lessons"][0] == {
        "id": body["lessons"][0]["id"],
        "position": 1,
        "title": "Counting to 10",
        "notes": "",
        "resourceUrl": "",
        "estimatedMinutes": 20,
    }
    assert body["lessons"][1]["position"] == 2 and body["lessons"][1]["notes"] == "Use the blocks"
    listed = auth_client.get(URL).json()
    assert [(s["name"], s["lessonCount"]) for s in listed] == [("Singapore 1A", 2)]


def test_a_pasted_list_one_lesson_a_line(auth_client, family):
    text = "Chapter 1\n\n- Chapter 2 | 40\n* Chapter 3 | | https://example.com/3\n"
    body = create(auth_client, text=text)
    assert titles(body) == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert [row["estimatedMinutes"] for row in body["lessons"]] == [None, 40, None]
    assert body["lessons"][2]["resourceUrl"] == "https://example.com/3"


def test_a_pasted_list_names_the_bad_line():
    with pytest.raises(Exception) as error:
        lessons_parse_text("Chapter 1\n | 30\nChapter 3 | soon\n")
    assert error.value.fields["text"] == [
        "Line 2: the title is empty.",
        "Line 3: “soon” is not a number of minutes.",
    ]


CSV = "position,title,notes,url,minutes\n2,Lesson two,,,30\n1,Lesson one,Warm up,https://example.com/1,20\n"


def test_a_csv_file_as_text_takes_its_order_from_the_positions(auth_client, family):
    body = create(auth_client, csv=CSV)
    assert titles(body) == ["Lesson one", "Lesson two"]
    assert body["lessons"][0]["notes"] == "Warm up"
    assert body["lessons"][0]["resourceUrl"] == "https://example.com/1"


def test_a_csv_file_uploaded_appends_or_replaces(auth_client, family):
    sequence = create(auth_client, lessons=[{"title": "Intro"}])
    url = f"{URL}{sequence['id']}/lessons/"
    upload = SimpleUploadedFile("lessons.csv", ("\ufeff" + CSV).encode(), "text/csv")
    response = auth_client.post(url, {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert titles(response.json()) == ["Intro", "Lesson one", "Lesson two"]
    upload = SimpleUploadedFile("lessons.csv", b"title\nOnly one\n", "text/csv")
    response = auth_client.post(url, {"file": upload, "mode": "replace"}, format="multipart")
    assert titles(response.json()) == ["Only one"]


def test_a_spreadsheets_own_column_names_are_understood():
    lessons = lessons_parse_csv("Lesson,Estimated minutes,Link\nFractions,25,https://e.com/f\n")
    assert lessons == [LessonInput(title="Fractions", url="https://e.com/f", minutes=25)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title,notes\nOne,\n,only notes\n", "Row 3: the title is empty."),
        ("position,title\n1,One\n1,Again\n", "Row 3: position 1 is already on row 2."),
        (
            'title,notes\nOne,=HYPERLINK("http://evil")\n',
            "Row 2, notes: starts with “=”, which a spreadsheet would run as a formula; "
            "remove that character.",
        ),
        ("title\n@SUM(A1)\n", "Row 2, title: starts with “@”"),
        ("title\n+1\n", "Row 2, title: starts with “+”"),
        ("title\n-1\n", "Row 2, title: starts with “-”"),
        ("title,colour\nOne,red\n", "Row 1: unknown column “colour”"),
        ("notes\nOne\n", "Row 1: the first row names the columns, and one must be “title”."),
        ("title,minutes\nOne,ten\n", "Row 2: “ten” is not a number of minutes."),
        ("title,url\nOne,javascript:alert(1)\n", "Row 2: Use an http:// or https:// address."),
        ("position,title\n0,One\n", "Row 2: the position “0” is not 1, 2, 3…"),
        ("title\n", "The file has no lessons under its header row."),
        ("", "The file is empty: the first row names the columns."),
    ],
)
def test_a_bad_csv_row_is_a_clear_error_and_nothing_is_imported(auth_client, family, text, message):
    sequence = create(auth_client, lessons=[{"title": "Keep me"}])
    response = auth_client.post(
        f"{URL}{sequence['id']}/lessons/", {"csv": text, "mode": "replace"}, format="json"
    )
    assert any(m.startswith(message) for m in errors(response)["csv"]), errors(response)
    assert list(Lesson.objects.values_list("title", flat=True)) == ["Keep me"]


def test_ten_thousand_rows_are_refused_whole(auth_client, family):
    text = "title\n" + "".join(f"Lesson {n}\n" for n in range(1, 10_001))
    response = auth_client.post(URL, {"name": "Too long", "csv": text}, format="json")
    assert errors(response)["csv"] == [
        f"The file has 10,000 lessons; a sequence holds at most {MAX_LESSONS:,}."
    ]
    assert not LessonSequence.objects.exists()


def test_many_bad_rows_are_all_named_up_to_a_limit(auth_client, family):
    text = "title,minutes\n" + "One,x\n" * 30
    response = auth_client.post(URL, {"name": "Bad", "csv": text}, format="json")
    messages = errors(response)["csv"]
    assert messages[0] == "Row 2: “x” is not a number of minutes."
    assert messages[-1] == "…and 10 more problems."
    assert not LessonSequence.objects.exists()


def test_appending_past_the_limit_is_refused(user, family, auth_client):
    sequence = lesson_sequence_create(
        user=user, name="Big", lessons=[LessonInput(f"L{n}") for n in range(MAX_LESSONS)]
    )
    response = auth_client.post(
        f"{URL}{sequence.pk}/lessons/", {"lessons": [{"title": "One more"}]}, format="json"
    )
    assert "lessons" in errors(response)
    assert sequence.lessons.count() == MAX_LESSONS


def test_bad_typed_lessons_name_the_field(auth_client, family):
    response = auth_client.post(
        URL,
        {"name": "X", "lessons": [{"title": "Fine"}, {"title": "", "estimatedMinutes": 0}]},
        format="json",
    )
    fields = errors(response)
    assert set(fields) == {"lessons[1].title", "lessons[1].estimatedMinutes"}
    sources = auth_client.post(URL, {"name": "X", "text": "a", "csv": "title\nb"}, format="json")
    assert "csv" in errors(sources)
    nameless = auth_client.post(URL, {"text": "a"}, format="json")
    assert "name" in errors(nameless)


def test_a_sequence_from_a_catalogue_resources_default_lessons(auth_client, user, family, maths):
    response = auth_client.post(
        f"/api/subjects/{maths.pk}/resources/",
        {
            "title": "Beast Academy 2A",
            "resourceType": "book",
            "isPublic": True,
            "defaultLessons": [
                {"title": "Place value"},
                {"title": "Comparing", "estimatedMinutes": 25},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    resource = response.json()
    assert [row["title"] for row in resource["defaultLessons"]] == ["Place value", "Comparing"]
    body = create(auth_client, name="", resourceId=resource["id"])
    assert body["name"] == "Beast Academy 2A" and body["resourceId"] == resource["id"]
    assert titles(body) == ["Place value", "Comparing"]
    empty = ResourceFactory(catalog_subject=maths, owner=user)
    assert "resourceId" in errors(
        auth_client.post(URL, {"resourceId": str(empty.pk)}, format="json")
    )
    private = ResourceFactory(catalog_subject=maths, default_lessons=[{"title": "x"}])
    assert auth_client.post(URL, {"resourceId": str(private.pk)}, format="json").status_code == 404


# --- changing it ------------------------------------------------------------------------


def test_replace_keeps_each_positions_lesson_and_delete_moves_the_rest_up(auth_client, family):
    sequence = create(auth_client, text="One\nTwo\nThree")
    ids = [row["id"] for row in sequence["lessons"]]
    url = f"{URL}{sequence['id']}/lessons/"
    replaced = auth_client.post(url, {"mode": "replace", "text": "Uno\nDos"}, format="json").json()
    assert titles(replaced) == ["Uno", "Dos"]
    assert [row["id"] for row in replaced["lessons"]] == ids[:2]
    appended = auth_client.post(url, {"text": "Tres\nCuatro"}, format="json").json()
    assert [row["position"] for row in appended["lessons"]] == [1, 2, 3, 4]
    first = appended["lessons"][0]["id"]
    assert auth_client.delete(f"{url}{first}/").status_code == 204
    after = auth_client.get(f"{URL}{sequence['id']}/").json()
    assert [(r["position"], r["title"]) for r in after["lessons"]] == [
        (1, "Dos"),
        (2, "Tres"),
        (3, "Cuatro"),
    ]
    edited = auth_client.put(
        f"{url}{after['lessons'][0]['id']}/",
        {"title": "Two", "estimatedMinutes": 15},
        format="json",
    )
    assert edited.json()["title"] == "Two" and edited.json()["position"] == 1
    renamed = auth_client.patch(f"{URL}{sequence['id']}/", {"name": "Spanish"}, format="json")
    assert renamed.json()["name"] == "Spanish"


def test_attach_share_copy_and_detach(auth_client, family):
    sequence = create(auth_client, text="One\nTwo")
    noah, ava = subject(family, "Noah"), subject(family, "Ava")
    attach = f"/api/children/{noah.child_id}/subjects/{noah.pk}/lesson-sequence/"
    response = auth_client.put(attach, {"sequenceId": sequence["id"]}, format="json")
    assert response.status_code == 200 and response.json()["lessonSequenceId"] == sequence["id"]
    ava_url = f"/api/children/{ava.child_id}/subjects/{ava.pk}/lesson-sequence/"
    auth_client.put(ava_url, {"sequenceId": sequence["id"]}, format="json")  # shared
    shared = auth_client.get(f"{URL}{sequence['id']}/").json()
    assert [(p["childName"], p["subjectName"]) for p in shared["subjectPlans"]] == [
        ("Noah", "Mathematics"),
        ("Ava", "Mathematics"),
    ]
    copied = auth_client.post(
        f"{URL}{sequence['id']}/copy/", {"subjectId": str(ava.pk)}, format="json"
    )
    assert copied.status_code == 201
    copy = copied.json()
    assert copy["name"] == "Singapore 1A (copy)" and titles(copy) == ["One", "Two"]
    assert [p["childName"] for p in copy["subjectPlans"]] == ["Ava"]
    assert subject(family, "Ava").lesson_sequence_id != subject(family, "Noah").lesson_sequence_id
    plans = auth_client.get(f"/api/children/{noah.child_id}/subjects/").json()
    assert (
        next(p for p in plans if p["name"] == "Mathematics")["lessonSequenceId"] == sequence["id"]
    )
    detached = auth_client.put(attach, {"sequenceId": None}, format="json")
    assert detached.json()["lessonSequenceId"] is None
    assert auth_client.delete(f"{URL}{copy['id']}/").status_code == 204
    assert subject(family, "Ava").lesson_sequence_id is None


def test_a_resubmitted_questionnaire_keeps_the_subjects_sequence(
    auth_client, user, family, demo_submission
):
    sequence = create(auth_client, text="One")
    noah = subject(family, "Noah")
    url = f"/api/children/{noah.child_id}/subjects/{noah.pk}/lesson-sequence/"
    auth_client.put(url, {"sequenceId": sequence["id"]}, format="json")
    questionnaire_submit(user=user, data=demo_submission)
    assert str(subject(family, "Noah").lesson_sequence_id) == sequence["id"]


# --- another family's ---------------------------------------------------------------------


def test_another_familys_sequence_is_404_everywhere(
    auth_client, other_client, family, other_family
):
    theirs = create(other_client, text="Secret")
    lesson = theirs["lessons"][0]["id"]
    url = f"{URL}{theirs['id']}/"
    assert auth_client.get(URL).json() == []
    assert auth_client.get(url).status_code == 404
    assert auth_client.patch(url, {"name": "Mine"}, format="json").status_code == 404
    assert auth_client.delete(url).status_code == 404
    assert auth_client.post(f"{url}lessons/", {"text": "x"}, format="json").status_code == 404
    upload = SimpleUploadedFile("l.csv", b"title\nx\n", "text/csv")
    assert (
        auth_client.post(f"{url}lessons/", {"file": upload}, format="multipart").status_code == 404
    )
    assert (
        auth_client.put(f"{url}lessons/{lesson}/", {"title": "x"}, format="json").status_code == 404
    )
    assert auth_client.delete(f"{url}lessons/{lesson}/").status_code == 404
    assert auth_client.post(f"{url}copy/", {}, format="json").status_code == 404
    # Their sequence on my subject, my sequence onto their subject or copied to it: 404.
    mine = create(auth_client, text="Mine")
    noah = subject(family, "Noah")
    attach = f"/api/children/{noah.child_id}/subjects/{noah.pk}/lesson-sequence/"
    assert auth_client.put(attach, {"sequenceId": theirs["id"]}, format="json").status_code == 404
    their_noah = subject(other_family, "Noah")
    their_attach = f"/api/children/{their_noah.child_id}/subjects/{their_noah.pk}/lesson-sequence/"
    assert (
        auth_client.put(their_attach, {"sequenceId": mine["id"]}, format="json").status_code == 404
    )
    copy = auth_client.post(
        f"{URL}{mine['id']}/copy/", {"subjectId": str(their_noah.pk)}, format="json"
    )
    assert copy.status_code == 404
    assert Lesson.objects.filter(sequence_id=theirs["id"]).get().title == "Secret"
    assert LessonSequence.objects.filter(family=family).count() == 1  # no half-made copy
