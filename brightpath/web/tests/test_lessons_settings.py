"""Lesson sequences on the pages (issue 13): the lessons page of a child's subject
(settings), the lessons section of the records page and the lessons covered in
the printable report. Client tests for the server's rules (all or nothing, rows
named, another family's ids a 404); browser tests for pasting a list, uploading a
CSV through the file input, the accessibility check and screenshots."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.curriculum.models import Lesson, LessonSequence, Subject
from brightpath.families.models import Family
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.demo_lessons import demo_lessons_load
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import LessonCompletion, RecordsTarget, ScheduleItem
from brightpath.planner.services.items import item_complete

from .browser import PHONE, assert_accessible, screenshot

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY_EVENING = dt.datetime(2026, 1, 9, 19, 0, tzinfo=NEW_YORK)


def subject_of(family: Family, child: str, name: str) -> Subject:
    return Subject.objects.live().get(child__family=family, child__name=child, name=name)


def lessons_url(subject: Subject) -> str:
    return f"/settings/children/{subject.child_id}/subjects/{subject.pk}/lessons/"


def text_of(response) -> str:
    """The page's words, tags and runs of spaces taken out."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def field_errors(response, field_id: str) -> str:
    html = response.content.decode()
    found = re.search(rf'<ul class="errorlist" id="id_{field_id}_error">(.*?)</ul>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def csv_upload(text: str, name: str = "lessons.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def complete_sessions(family: Family, child: str, subject: str, count: int) -> list[ScheduleItem]:
    """Mark the first `count` sessions of the child's subject in the demo week done."""
    items = list(
        ScheduleItem.objects.filter(
            schedule__family=family,
            schedule__is_active=True,
            schedule__child__name=child,
            name=subject,
        ).order_by("day_date", "start_time")[:count]
    )
    for item in items:
        item_complete(user=family.owner, item_id=item.pk, version=item.version)
    return items


@pytest.fixture
def parent(client, demo_family) -> Client:
    client.force_login(demo_family.owner)
    return client


@pytest.fixture
def with_lessons(demo_family) -> Family:
    """The demo family with its sequences: Noah's Mathematics "Lesson 1..120",
    Ava's Reading the chapters of Charlotte's Web."""
    demo_lessons_load(user=demo_family.owner)
    return demo_family


@pytest.fixture
def friday(monkeypatch):
    """The clock at Friday evening of the demo week: its sessions are past, can be done."""
    monkeypatch.setattr(timezone, "now", lambda: FRIDAY_EVENING)
    return FRIDAY_EVENING


# --- the lessons page: making a sequence --------------------------------------------------


@pytest.mark.django_db
class TestMakingASequence:
    def test_the_childs_page_links_to_each_subjects_lessons(self, parent, with_lessons):
        noah = with_lessons.children.get(name="Noah")
        html = parent.get(f"/settings/children/{noah.pk}/").content.decode()
        for subject in noah.subjects.live():
            assert f'href="{lessons_url(subject)}"' in html
        assert 'Lessons<span class="visually-hidden"> of Mathematics</span>' in html

    def test_a_subject_without_a_sequence_says_so_and_offers_the_ways_to_make_one(
        self, parent, demo_family
    ):
        response = parent.get(lessons_url(subject_of(demo_family, "Noah", "Reading")))
        assert response.status_code == 200
        text = text_of(response)
        assert "No lesson sequence yet" in text
        assert "Paste a list" in text and "Upload a CSV file" in text
        assert "position, title, notes, url, minutes" in text  # the expected columns
        assert 'enctype="multipart/form-data"' in response.content.decode()

    def test_a_pasted_list_makes_a_sequence_attached_to_the_subject(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        response = parent.post(
            lessons_url(reading),
            {
                "action": "paste",
                "paste-name": "Phonics A",
                "paste-text": "- Short a\n\nShort e | 20\nShort i | 25 | https://example.org/i\n",
            },
        )
        assert response.status_code == 302 and response["Location"] == lessons_url(reading)
        reading.refresh_from_db()
        sequence = reading.lesson_sequence
        assert sequence.name == "Phonics A" and sequence.family == demo_family
        rows = list(sequence.lessons.order_by("position"))
        assert [(r.position, r.title, r.estimated_minutes) for r in rows] == [
            (1, "Short a", None),
            (2, "Short e", 20),
            (3, "Short i", 25),
        ]
        assert rows[2].resource_url == "https://example.org/i"

        page = parent.get(lessons_url(reading))
        text = text_of(page)
        assert "Made “Phonics A” with 3 lessons." in text
        assert "0 of 3 lessons done" in text
        assert "Next: lesson 1, Short a" in text
        assert "Planned pace 5 lessons a week" in text  # Reading is daily: five sessions this week
        assert "Projected finish" in text
        assert 'id="lesson-3"' in page.content.decode()

    def test_a_pasted_list_with_bad_lines_names_them_and_saves_nothing(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        before = LessonSequence.objects.count()
        response = parent.post(
            lessons_url(reading),
            {
                "action": "paste",
                "paste-name": "Phonics",
                "paste-text": "Short a\n | 20\nShort e | twenty\nShort i | 5 | ftp://x\n",
            },
        )
        assert response.status_code == 400
        errors = field_errors(response, "paste-text")
        assert "Line 2: the title is empty." in errors
        assert "Line 3: “twenty” is not a number of minutes." in errors
        assert "Line 4: Use an http:// or https:// address." in errors
        assert "Nothing was saved." in text_of(response)
        assert LessonSequence.objects.count() == before
        reading.refresh_from_db()
        assert reading.lesson_sequence is None
        # What was typed stays in the box, to be corrected.
        assert "Short e | twenty" in response.content.decode()

    def test_an_empty_name_or_list_is_named(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        response = parent.post(
            lessons_url(reading), {"action": "paste", "paste-name": " ", "paste-text": "\n \n"}
        )
        assert response.status_code == 400
        assert field_errors(response, "paste-name") == "This field is required."
        assert LessonSequence.objects.count() == 0

    def test_a_csv_file_makes_a_sequence_in_the_order_of_its_positions(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        upload = csv_upload(
            "\ufeffPosition,Title,Minutes,URL,Notes\n"
            "2,Chapter 2,30,https://example.org/2,\n"
            "1,Chapter 1,25,,Read aloud\n"
            "\n"
            "3,Chapter 3,,,\n"
        )
        response = parent.post(
            lessons_url(reading), {"action": "csv", "csv-name": "Frog and Toad", "csv-file": upload}
        )
        assert response.status_code == 302
        reading.refresh_from_db()
        rows = list(reading.lesson_sequence.lessons.order_by("position"))
        assert [r.title for r in rows] == ["Chapter 1", "Chapter 2", "Chapter 3"]
        assert rows[0].notes == "Read aloud" and rows[0].estimated_minutes == 25

    def test_a_csv_with_bad_rows_names_each_row_and_saves_nothing(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        upload = csv_upload(
            "position,title,minutes\n"
            "1,Chapter 1,20\n"
            "2,,20\n"  # row 3: no title
            "1,Chapter 1 again,20\n"  # row 4: position 1 twice
            '4,=HYPERLINK("http://x"),20\n'  # row 5: a formula
            "5,Chapter 5,abc\n"  # row 6: minutes not a number
        )
        response = parent.post(
            lessons_url(reading), {"action": "csv", "csv-name": "Chapters", "csv-file": upload}
        )
        assert response.status_code == 400
        errors = field_errors(response, "csv-file")
        assert "Row 3: the title is empty." in errors
        assert "Row 4: position 1 is already on row 2." in errors
        assert "Row 5, title: starts with “=”" in errors and "formula" in errors
        assert "Row 6: “abc” is not a number of minutes." in errors
        assert LessonSequence.objects.count() == 0 and Lesson.objects.count() == 0
        reading.refresh_from_db()
        assert reading.lesson_sequence is None

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("title\n" + "".join(f"Lesson {n}\n" for n in range(10_000)), "has 10,000 lessons"),
            ("", "The file is empty"),
            ("chapter,pages\nOne,3\n", "unknown columns"),
            ("title\n", "no lessons under its header row"),
        ],
        ids=["10000-rows", "empty", "unknown-columns", "header-only"],
    )
    def test_a_csv_that_cannot_be_a_sequence_is_refused_whole(
        self, parent, demo_family, content, message
    ):
        reading = subject_of(demo_family, "Noah", "Reading")
        upload = csv_upload(content) if content else SimpleUploadedFile("x.csv", b"")
        response = parent.post(
            lessons_url(reading), {"action": "csv", "csv-name": "Big", "csv-file": upload}
        )
        assert response.status_code == 400
        errors = field_errors(response, "csv-file")
        assert message in errors or (not content and "empty" in errors), errors
        assert LessonSequence.objects.count() == 0 and Lesson.objects.count() == 0

    def test_a_file_over_a_megabyte_or_a_paste_over_the_limit_is_refused(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        upload = csv_upload("title,notes\n" + f"Lesson,{'x' * 4000}\n" * 300)
        response = parent.post(
            lessons_url(reading), {"action": "csv", "csv-name": "Big", "csv-file": upload}
        )
        assert field_errors(response, "csv-file") == "The file is larger than 1 MB."
        pasted = "\n".join(f"Lesson {n}" for n in range(10_000))
        response = parent.post(
            lessons_url(reading), {"action": "paste", "paste-name": "Big", "paste-text": pasted}
        )
        assert response.status_code == 400
        assert field_errors(response, "paste-text") == (
            "That makes 10,000 lessons; a sequence holds at most 2,000."
        )
        assert not LessonSequence.objects.exists() and not Lesson.objects.exists()

    def test_a_file_that_is_not_text_is_named(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        upload = SimpleUploadedFile("x.csv", b"\xff\xfe\x00title\x00", content_type="text/csv")
        response = parent.post(
            lessons_url(reading), {"action": "csv", "csv-name": "X", "csv-file": upload}
        )
        assert "Save the file as CSV with UTF-8 encoding." in field_errors(response, "csv-file")
        assert not LessonSequence.objects.exists()

    def test_an_unknown_action_saves_nothing(self, parent, demo_family):
        reading = subject_of(demo_family, "Noah", "Reading")
        response = parent.post(lessons_url(reading), {"action": "explode"}, follow=True)
        assert "That form was not recognised; nothing was saved." in text_of(response)


# --- the lessons page: changing it ----------------------------------------------------------


@pytest.mark.django_db
class TestChangingASequence:
    def test_lessons_are_appended_then_replaced(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        url = lessons_url(maths)
        response = parent.post(
            url, {"action": "paste", "paste-mode": "append", "paste-text": "Review\nTest"}
        )
        assert response.status_code == 302
        titles = list(
            maths.lesson_sequence.lessons.order_by("position").values_list("title", flat=True)
        )
        assert len(titles) == 122 and titles[-2:] == ["Review", "Test"]

        upload = csv_upload("title\nOne\nTwo\n")
        response = parent.post(url, {"action": "csv", "csv-mode": "replace", "csv-file": upload})
        assert response.status_code == 302
        assert list(
            maths.lesson_sequence.lessons.order_by("position").values_list("title", flat=True)
        ) == ["One", "Two"]
        assert "Replaced the lessons with 2 lessons." in text_of(parent.get(url))

    def test_too_many_appended_lessons_are_refused_and_nothing_is_added(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        text = "\n".join(f"Extra {n}" for n in range(1_900))
        response = parent.post(
            lessons_url(maths), {"action": "paste", "paste-mode": "append", "paste-text": text}
        )
        assert response.status_code == 400
        assert "That makes 2,020 lessons; a sequence holds at most 2,000." in field_errors(
            response, "paste-text"
        )
        assert maths.lesson_sequence.lessons.count() == 120

    def test_a_mode_is_needed_to_add_to_a_sequence(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        response = parent.post(lessons_url(maths), {"action": "paste", "paste-text": "More"})
        assert response.status_code == 400
        assert field_errors(response, "paste-mode") == "This field is required."

    def test_one_lesson_is_changed_and_another_deleted(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        second = maths.lesson_sequence.lessons.get(position=2)
        edit = f"{lessons_url(maths)}{second.pk}/"
        assert "Lesson 2 of “Math Lessons, Level 1”" in text_of(parent.get(edit))

        bad = parent.post(edit, {"title": "Adding", "minutes": "30", "url": "javascript:alert(1)"})
        assert bad.status_code == 400
        assert field_errors(bad, "url") == "Use an http:// or https:// address."
        second.refresh_from_db()
        assert second.title == "Lesson 2"

        saved = parent.post(
            edit,
            {
                "title": "Adding to 5",
                "minutes": "25",
                "url": "https://example.org/add",
                "notes": "Beads",
            },
        )
        assert saved.status_code == 302 and saved["Location"].endswith("#lesson-2")
        second.refresh_from_db()
        assert (second.title, second.estimated_minutes, second.notes) == (
            "Adding to 5",
            25,
            "Beads",
        )

        first = maths.lesson_sequence.lessons.get(position=1)
        remove = f"{lessons_url(maths)}{first.pk}/remove/"
        assert "Delete lesson 1, “Lesson 1”?" in text_of(parent.get(remove))
        parent.post(remove, {"confirmed": "yes"})
        assert not Lesson.objects.filter(pk=first.pk).exists()
        second.refresh_from_db()
        assert second.position == 1  # the ones after it moved up
        assert maths.lesson_sequence.lessons.count() == 119

    def test_starting_part_way_counts_the_earlier_lessons_done(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        url = lessons_url(maths)
        response = parent.post(url, {"action": "start", "start-position": "23"})
        assert response.status_code == 302
        assert LessonCompletion.objects.filter(subject=maths).count() == 22
        text = text_of(parent.get(url))
        assert "22 of 120 lessons done" in text
        assert "Next: lesson 23, Lesson 23" in text
        assert "✓ Done before starting" in text

        too_far = parent.post(url, {"action": "start", "start-position": "500"})
        assert too_far.status_code == 400
        assert field_errors(too_far, "start-position") == "Use a lesson from 1 to 120."
        assert LessonCompletion.objects.filter(subject=maths).count() == 22

    def test_a_siblings_sequence_is_shared_and_each_child_moves_on_their_own(
        self, parent, with_lessons, friday
    ):
        noahs = subject_of(with_lessons, "Noah", "Mathematics")
        avas = subject_of(with_lessons, "Ava", "Mathematics")
        page = text_of(parent.get(lessons_url(avas)))
        assert "Math Lessons, Level 1 (120 lessons; Noah’s Mathematics)" in page
        response = parent.post(
            lessons_url(avas),
            {"action": "attach", "attach-sequence": str(noahs.lesson_sequence_id)},
        )
        assert response.status_code == 302
        avas.refresh_from_db()
        assert avas.lesson_sequence_id == noahs.lesson_sequence_id

        complete_sessions(with_lessons, "Noah", "Mathematics", 3)
        complete_sessions(with_lessons, "Ava", "Mathematics", 1)
        noah_page, ava_page = (
            text_of(parent.get(lessons_url(noahs))),
            text_of(parent.get(lessons_url(avas))),
        )
        assert "3 of 120 lessons done" in noah_page and "Next: lesson 4, Lesson 4" in noah_page
        assert "1 of 120 lessons done" in ava_page and "Next: lesson 2, Lesson 2" in ava_page
        assert "Shared with Noah’s Mathematics" in ava_page
        assert "Shared with Ava’s Mathematics" in noah_page

    def test_copying_a_siblings_sequence_makes_the_childs_own(self, parent, with_lessons):
        noahs = subject_of(with_lessons, "Noah", "Mathematics")
        avas = subject_of(with_lessons, "Ava", "Mathematics")
        response = parent.post(
            lessons_url(avas),
            {"action": "copy", "copy-sequence": str(noahs.lesson_sequence_id), "copy-name": ""},
        )
        assert response.status_code == 302
        avas.refresh_from_db()
        copy = avas.lesson_sequence
        assert copy.pk != noahs.lesson_sequence_id
        assert copy.name == "Math Lessons, Level 1 (copy)" and copy.lessons.count() == 120
        parent.post(
            lessons_url(avas),
            {"action": "paste", "paste-mode": "append", "paste-text": "Ava’s extra"},
        )
        assert noahs.lesson_sequence.lessons.count() == 120  # Noah's own is untouched

    def test_detaching_keeps_the_sequence_and_renaming_and_deleting_it(self, parent, with_lessons):
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        sequence = maths.lesson_sequence
        url = lessons_url(maths)
        assert parent.post(url, {"action": "rename", "rename-name": "Level 1"}).status_code == 302
        sequence.refresh_from_db()
        assert sequence.name == "Level 1"
        assert parent.post(url, {"action": "detach"}).status_code == 302
        maths.refresh_from_db()
        assert (
            maths.lesson_sequence is None and LessonSequence.objects.filter(pk=sequence.pk).exists()
        )
        assert "No lesson sequence yet" in text_of(parent.get(url))

        parent.post(url, {"action": "attach", "attach-sequence": str(sequence.pk)})
        delete = f"{url}delete/"
        assert "Its 120 lessons go" in text_of(parent.get(delete))
        parent.post(delete, {"confirmed": "yes"})
        assert not LessonSequence.objects.filter(pk=sequence.pk).exists()
        assert parent.get(delete).status_code == 404  # nothing attached any more

    def test_a_late_finish_is_warned_with_a_suggestion(self, parent, with_lessons):
        RecordsTarget.objects.create(
            family=with_lessons,
            year_start=dt.date(2025, 8, 1),
            year_end=dt.date(2026, 2, 27),
            required_days=180,
        )
        maths = subject_of(with_lessons, "Noah", "Mathematics")
        text = text_of(parent.get(lessons_url(maths)))
        assert "Finishes late." in text
        assert "after the school year ends (February 27)" in text
        assert "to finish by February 27" in text  # the suggestion
        records = text_of(parent.get("/records/"))
        assert "! Finishes late." in records

        reading = subject_of(with_lessons, "Ava", "Reading")  # 22 chapters: in time
        assert "On course to finish before the school year ends." in text_of(
            parent.get(lessons_url(reading))
        )


# --- another family's rows ----------------------------------------------------------------


@pytest.mark.django_db
def test_another_familys_ids_are_404_and_change_nothing(parent, with_lessons, other_user):
    theirs = questionnaire_submit(user=other_user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    demo_lessons_load(user=other_user)
    their_maths = subject_of(theirs, "Noah", "Mathematics")
    their_lesson = their_maths.lesson_sequence.lessons.first()
    mine = subject_of(with_lessons, "Noah", "Mathematics")
    my_lesson = mine.lesson_sequence.lessons.first()
    my_ava = with_lessons.children.get(name="Ava")
    urls = [
        lessons_url(their_maths),
        f"{lessons_url(their_maths)}delete/",
        f"{lessons_url(their_maths)}{their_lesson.pk}/",
        f"{lessons_url(their_maths)}{their_lesson.pk}/remove/",
        # their lesson under my subject, and my subject under my other child
        f"{lessons_url(mine)}{their_lesson.pk}/",
        f"{lessons_url(mine)}{their_lesson.pk}/remove/",
        f"/settings/children/{my_ava.pk}/subjects/{mine.pk}/lessons/",
    ]
    for url in urls:
        assert parent.get(url).status_code == 404, url
        assert parent.post(url, {"confirmed": "yes", "title": "Mine now"}).status_code == 404, url
    for action in ("attach", "copy"):
        response = parent.post(
            lessons_url(mine),
            {"action": action, f"{action}-sequence": str(their_maths.lesson_sequence_id)},
        )
        assert response.status_code == 404, action
    mine.refresh_from_db()
    assert mine.lesson_sequence.family == with_lessons
    assert LessonSequence.objects.filter(family=with_lessons).count() == 2
    their_lesson.refresh_from_db()
    assert their_lesson.title == "Lesson 1"
    my_lesson.refresh_from_db()
    assert my_lesson.title == "Lesson 1"


@pytest.mark.django_db
def test_signed_out_goes_to_sign_in_and_no_family_to_the_questionnaire(client, user):
    some = "00000000-0000-0000-0000-00000000000"
    url = f"/settings/children/{some}1/subjects/{some}2/lessons/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(user)
    assert client.get(url)["Location"] == "/onboarding/"


# --- the records page and the printable report ---------------------------------------------


@pytest.mark.django_db
class TestRecords:
    def test_the_records_page_says_when_no_subject_has_lessons(self, parent, demo_family):
        text = text_of(parent.get("/records/"))
        assert "No subject follows a lesson sequence yet." in text

    def test_the_records_page_shows_progress_and_the_lessons_covered(
        self, parent, with_lessons, friday
    ):
        complete_sessions(with_lessons, "Noah", "Mathematics", 2)
        complete_sessions(with_lessons, "Ava", "Reading", 1)
        response = parent.get("/records/")
        html, text = response.content.decode(), text_of(response)
        assert "Lessons" in text
        assert re.search(r"Mathematics Math Lessons, Level 1 2 of 120 done", text)
        assert "Reading Charlotte's Web 1 of 22 done" in text.replace("&#x27;", "'")
        assert "Projected finish:" in text
        assert "Lessons covered from" in text and "(2)" in text
        assert "1. Lesson 1" in text and "2. Lesson 2" in text
        assert html.count('class="lesson-covered"') == 3

        # One child: only that child's lessons.
        noah = with_lessons.children.get(name="Noah")
        one = text_of(parent.get(f"/records/?child={noah.pk}"))
        assert "2 of 120 done" in one and "of 22 done" not in one

        # A period with nothing done in it: progress stays, nothing covered.
        before = text_of(parent.get("/records/?from=2025-12-01&to=2025-12-31"))
        assert "2 of 120 done" in before
        assert "No lessons done in sessions from 1 Dec 2025 to 31 Dec 2025." in before

    def test_the_printable_report_lists_the_lessons_covered(self, parent, with_lessons, friday):
        done = complete_sessions(with_lessons, "Noah", "Mathematics", 3)
        noah = with_lessons.children.get(name="Noah")
        response = parent.get(f"/children/{noah.pk}/report/")
        text = text_of(response)
        assert "Lessons covered" in text
        assert "Mathematics (3 lessons)" in text
        day = done[0].day_date
        assert f"{day:%a} {day.day} {day:%b %Y} 1 Lesson 1" in text
        assert response.content.decode().count('class="lesson-covered"') == 3

        # Outside the period asked for: not listed.
        earlier = text_of(parent.get(f"/children/{noah.pk}/report/?from=2025-12-01&to=2025-12-31"))
        assert "Lessons covered" not in earlier


# --- in the browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestLessonsBrowser:
    def test_paste_a_list_then_see_the_lessons_and_the_pace(
        self, family_page, live_server, demo_family
    ):
        page = family_page
        reading = subject_of(demo_family, "Noah", "Reading")
        page.goto(f"{live_server.url}/settings/children/{reading.child_id}/")
        page.get_by_role("link", name="Lessons of Reading").click()
        expect(page.get_by_role("heading", name="No lesson sequence yet")).to_be_visible()
        screenshot(page, "lessons-empty")

        page.get_by_label("Lessons, one a line").fill("Short a\n\nShort e | 20\nShort i")
        page.get_by_role("button", name="Make the sequence").first.click()
        expect(page.locator(".flash")).to_contain_text("Made “Reading” with 3 lessons.")
        expect(page.locator("#lessons-done")).to_have_text("0 of 3")
        expect(page.locator("#lesson-1")).to_contain_text("Next")
        expect(page.locator("#planned-pace")).to_have_text("5 lessons a week")
        expect(page.locator("#projected-finish")).not_to_be_empty()
        assert Subject.objects.get(pk=reading.pk).lesson_sequence.lessons.count() == 3

        # A bad line: named beside the box, focus on the summary, nothing added.
        page.get_by_label("Lessons, one a line").fill("Short o\n | 20")
        page.locator("#paste-form").get_by_label("Add them after the last lesson").check()
        page.get_by_role("button", name="Save the lessons").click()
        expect(page.locator("#id_paste-text_error")).to_contain_text("Line 2: the title is empty.")
        expect(page.locator("#paste-form .error-summary")).to_be_focused()
        assert Subject.objects.get(pk=reading.pk).lesson_sequence.lessons.count() == 3
        assert_accessible(page)

    def test_upload_a_csv_file_through_the_file_input(
        self, family_page, live_server, demo_family, tmp_path
    ):
        page = family_page
        reading = subject_of(demo_family, "Ava", "Writing")
        page.goto(live_server.url + lessons_url(reading))
        bad = tmp_path / "bad.csv"
        bad.write_text("title,minutes\nParagraphs,20\n,20\n=SUM(1),5\n")
        page.get_by_label("CSV file", exact=True).set_input_files(str(bad))
        page.get_by_role("button", name="Make the sequence").last.click()
        errors = page.locator("#id_csv-file_error")
        expect(errors).to_contain_text("Row 3: the title is empty.")
        expect(errors).to_contain_text("Row 4, title: starts with “=”")
        assert not LessonSequence.objects.exists()
        screenshot(page, "lessons-csv-error")

        good = tmp_path / "writing.csv"
        good.write_text(
            "title,minutes,url\nParagraphs,20,\nLetters,25,https://example.org/letters\n"
        )
        page.get_by_label("CSV file", exact=True).set_input_files(str(good))
        page.locator("#id_csv-name").fill("Writing Skills")
        page.get_by_role("button", name="Make the sequence").last.click()
        expect(page.locator(".flash")).to_contain_text("Made “Writing Skills” with 2 lessons.")
        expect(page.locator("#lesson-2")).to_contain_text("Letters")
        expect(page.locator("#lesson-2").get_by_role("link", name="material")).to_have_attribute(
            "href", "https://example.org/letters"
        )

    @pytest.mark.parametrize("which", ["lessons", "lesson", "records", "report"])
    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, family_page, live_server, demo_family, friday, which
    ):
        demo_lessons_load(user=demo_family.owner)
        RecordsTarget.objects.create(
            family=demo_family,
            year_start=dt.date(2025, 8, 1),
            year_end=dt.date(2026, 2, 27),
            required_days=180,
        )
        maths = subject_of(demo_family, "Noah", "Mathematics")
        complete_sessions(demo_family, "Noah", "Mathematics", 2)
        lesson = maths.lesson_sequence.lessons.get(position=3)
        path = {
            "lessons": lessons_url(maths),
            "lesson": f"{lessons_url(maths)}{lesson.pk}/",
            "records": f"/records/?child={maths.child_id}&from=2026-01-01&to=2026-01-31",
            "report": f"/children/{maths.child_id}/report/?from=2026-01-01&to=2026-01-31",
        }[which]
        page = family_page
        page.goto(live_server.url + path)
        if which == "records":
            page.locator("#lessons summary").first.click()
        for viewport in (None, PHONE):
            if viewport:
                page.set_viewport_size(viewport)
            assert_accessible(page)
            screenshot(page, f"lessons-page-{which}")
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                "window.innerWidth"
            ), "nothing wider than the screen"
