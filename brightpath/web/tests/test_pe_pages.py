"""PE's planning pages for teachers: classes and students, a student's private details,
adaptations, assessments and skill progress, the activity catalogue, unit plans.

Client tests for what the server decides (who sees what, private details kept to the
student's page, filters, charts, the statuses offered); browser tests in Chromium for
the writes through the JSON API (a class with students, a plan week by week, an
assessment that moves the skill progress, an adaptation applied) and the accessibility
check of every page at desktop and phone width. State is built through PE's services.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach.pe import selectors
from brightpath.coach.pe.models import (
    Activity,
    ActivityAdaptation,
    ActivityPlan,
    ClassStudent,
    PEClass,
    SkillAssessment,
    SkillProgress,
    Student,
)
from brightpath.coach.pe.services import activities as activity_services
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import plans as plan_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.coach.pe.services import students as student_services
from brightpath.coach.pe.services.catalogue import catalogue_load
from brightpath.web.views.pe_charts import progress_chart

from .browser import CHROMIUM, DESKTOP, PHONE, assert_accessible, screenshot
from .conftest import sign_in

HOME, ACTIVITIES, PLANS = "/coach/pe/", "/coach/pe/activities/", "/coach/pe/plans/"
SECRET = "Asthma: inhaler kept in the blue bag"
NEED = "uses a wheelchair"
SCRIPT = "<script>alert(1)</script>"
WARM_UP = "traffic-light-warm-up"  # a catalogue activity with a wheelchair adaptation


@pytest.fixture
def catalogue(db):
    catalogue_load()


@pytest.fixture
def teacher(user):
    return user


@pytest.fixture
def teacher_client(teacher) -> Client:
    client = Client()
    client.force_login(teacher)
    return client


def today(teacher) -> dt.date:
    return selectors.teacher_today(teacher)


def make_class(teacher, name="5B PE", **extra) -> PEClass:
    start = today(teacher) - dt.timedelta(days=7)
    return class_services.class_create(
        teacher=teacher,
        name=name,
        grade_level=extra.pop("grade_level", "5"),
        start_date=start,
        end_date=start + dt.timedelta(days=120),
        **extra,
    )


def make_student(teacher, first="Maya", last="Lopez", age=10, **extra) -> Student:
    day = today(teacher)
    return student_services.student_create(
        teacher=teacher,
        first_name=first,
        last_name=last,
        date_of_birth=day.replace(year=day.year - age) - dt.timedelta(days=30),
        gender=extra.pop("gender", "female"),
        **extra,
    )


def warm_up() -> Activity:
    return Activity.objects.get(key=WARM_UP)


def make_plan(teacher, pe_class, name="Invasion games", weeks=None) -> ActivityPlan:
    start = today(teacher)
    return plan_services.plan_create(
        teacher=teacher,
        pe_class=pe_class,
        name=name,
        start_date=start,
        end_date=start + dt.timedelta(days=27),
        objectives={"learningObjectives": [{"area": "ball skills", "target": "pass on the move"}]},
        weeks=weeks or [],
    )


def assess(teacher, student, activity, *, days_ago, technique, performance):
    """A completed assessment on a flat rubric (technique 40%, performance 60%)."""
    return progress_services.assessment_create(
        student=student,
        activity=activity,
        assessor=teacher,
        assessment_date=today(teacher) - dt.timedelta(days=days_ago),
        rubric={
            "scale": {"min": 0, "max": 10},
            "criteria": {"technique": {"weight": 0.4}, "performance": {"weight": 0.6}},
        },
        scores={"technique": technique, "performance": performance},
        complete=True,
    )


@pytest.fixture
def world(teacher, catalogue):
    """A class with Maya (private notes, a need) and Sam, a plan, two assessments."""
    pe_class = make_class(teacher)
    maya = make_student(teacher, medical_notes=SECRET, accommodations=[NEED])
    sam = make_student(teacher, first="Sam", last="Reed", gender="male")
    for student in (maya, sam):
        class_services.enrolment_add(pe_class=pe_class, student=student)
    plan = make_plan(
        teacher, pe_class, weeks=[{"week": 1, "activities": [{"activityId": str(warm_up().pk)}]}]
    )
    assess(teacher, maya, warm_up(), days_ago=14, technique=5, performance=5)
    assess(teacher, maya, warm_up(), days_ago=2, technique=8, performance=7)
    return {"class": pe_class, "maya": maya, "sam": sam, "plan": plan}


def class_path(pe_class) -> str:
    return f"/coach/pe/classes/{pe_class.pk}/"


def student_path(student) -> str:
    return f"/coach/pe/students/{student.pk}/"


def plan_path(plan) -> str:
    return f"/coach/pe/plans/{plan.pk}/"


def activity_path(activity) -> str:
    return f"/coach/pe/activities/{activity.pk}/"


def pages_of(world) -> list[str]:
    return [
        HOME,
        class_path(world["class"]),
        student_path(world["maya"]),
        ACTIVITIES,
        activity_path(warm_up()),
        PLANS,
        plan_path(world["plan"]),
    ]


def html_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def between(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at : html.index(end, at)]


# --- client tests -------------------------------------------------------------------------


@pytest.mark.django_db
class TestPages:
    def test_signed_out_goes_to_sign_in(self, client, world):
        for path in pages_of(world):
            response = client.get(path)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_home_lists_the_teachers_classes_only(self, teacher_client, teacher, world):
        make_class(UserFactory(), name="Their secret class")
        html = html_of(teacher_client, HOME)
        row = between(html, f'id="class-{world["class"].pk}"', "</tr>")
        assert "5B PE" in row and "Grade 5" in row and "2 of 30" in row and "Planned" in row
        assert "Their secret class" not in html
        assert 'aria-current="page">Classes</a>' in html
        assert 'aria-current="page">Physical education</a>' in html  # Coach's navigation
        assert 'id="class-form"' in html and "Create the class" in html

    def test_another_teachers_rows_are_404_on_every_page(self, teacher_client, catalogue):
        other = UserFactory()
        their_class = make_class(other, name="Theirs")
        their_student = make_student(other, first="Zed")
        their_plan = make_plan(other, their_class)
        their_activity = activity_services.activity_create(
            owner=other,
            name="Their own relay",
            activity_type="game",
            difficulty="beginner",
            equipment_required="none",
            duration_minutes=10,
            intensity="moderate",
            space="large",
        )
        for path in (
            class_path(their_class),
            student_path(their_student),
            plan_path(their_plan),
            activity_path(their_activity),
            "/coach/pe/classes/00000000-0000-0000-0000-000000000001/",
        ):
            assert teacher_client.get(path).status_code == 404, path
        assert "Their own relay" not in html_of(teacher_client, ACTIVITIES)
        assert "Zed" not in html_of(teacher_client, HOME)

    def test_another_teachers_exercise_on_a_shared_activity_is_not_listed(
        self, teacher_client, catalogue
    ):
        shared = Activity.objects.filter(owner__isnull=True, exercises__isnull=False).first()
        activity_services.exercise_create(
            owner=UserFactory(),
            activity=shared,
            name="Their secret drill",
            exercise_type="strength",
            difficulty="beginner",
        )
        html = html_of(teacher_client, activity_path(shared))
        assert "Their secret drill" not in html
        assert shared.exercises.filter(owner__isnull=True).first().name in html

    def test_medical_notes_and_accommodations_stay_on_the_students_page(
        self, teacher_client, world
    ):
        html = html_of(teacher_client, student_path(world["maya"]))
        private = between(html, 'aria-labelledby="private-title"', "</section>")
        assert SECRET in private and NEED in private and "Private to you" in private
        for path in pages_of(world):
            if path == student_path(world["maya"]):
                continue
            html = html_of(teacher_client, path)
            assert "inhaler" not in html and "wheelchair" not in html, path
        # Nor on a classmate's page.
        html = html_of(teacher_client, student_path(world["sam"]))
        assert "inhaler" not in html and "wheelchair" not in html

    def test_the_class_page_has_its_roster_and_the_statuses_it_may_move_to(
        self, teacher_client, teacher, world
    ):
        other_student = make_student(teacher, first="Ava", last="Kim")
        html = html_of(teacher_client, class_path(world["class"]))
        roster = between(html, 'id="roster"', "</table>")
        assert "Maya Lopez" in roster and "Sam Reed" in roster
        assert student_path(world["maya"]) in roster
        assert 'Remove<span class="visually-hidden"> Maya Lopez from the class' in roster
        enrol = between(html, 'id="enrol-form"', "</form>")
        assert f'value="{other_student.pk}"' in enrol and "Maya" not in enrol
        actions = between(html, 'id="class-status"', "</div>")
        assert re.findall(r'data-status="(\w+)"', actions) == ["active"]
        assert "Invasion games" in html  # its plan
        class_services.class_transition(pe_class=world["class"], status="active")
        class_services.class_transition(pe_class=world["class"], status="completed")
        html = html_of(teacher_client, class_path(world["class"]))
        assert "data-status=" not in between(html, 'id="class-status"', "</div>")
        assert 'id="new-student-form"' not in html and "data-withdraw" not in html

    def test_a_full_class_shows_its_waiting_list(self, teacher_client, teacher, catalogue):
        pe_class = make_class(teacher, capacity=1)
        for first in ("Ann", "Ben"):
            student = make_student(teacher, first=first)
            class_services.enrolment_add(pe_class=pe_class, student=student)
        html = html_of(teacher_client, class_path(pe_class))
        assert "1 of 1 places taken" in html and "Waiting list" in html
        assert "1 of 1" in html_of(teacher_client, HOME) and "(+1 waiting)" in html_of(
            teacher_client, HOME
        )

    def test_suggestions_answer_the_students_needs(self, teacher_client, world):
        html = html_of(teacher_client, student_path(world["maya"]))
        suggestions = between(html, 'id="suggestions"', "</ul>")
        # The best matches across the catalogue, each for the need the notes record.
        assert suggestions.count("data-apply-suggestion") == 8
        assert suggestions.count("Matches “") == 8 and "Matches “wheelchair”" in suggestions
        # One activity: only its own templates.
        html = html_of(teacher_client, student_path(world["maya"]) + f"?activity={warm_up().pk}")
        suggestions = between(html, 'id="suggestions"', "</ul>")
        assert suggestions.count("data-apply-suggestion") == 1
        assert "Traffic Light Warm-up" in suggestions and "Play from the chair" in suggestions
        # Once applied, it is in use, not offered again.
        activity_services.adaptation_create(
            student=world["maya"],
            activity=warm_up(),
            adaptation_type="technique",
            adaptation_data={"summary": "Play from the chair"},
            by=world["maya"].teacher,
        )
        html = html_of(teacher_client, student_path(world["maya"]) + f"?activity={warm_up().pk}")
        assert "Already in use." in html and "Stop this adaptation" in html
        # Sam records no need: nothing to suggest; a malformed id is no filter.
        html = html_of(teacher_client, student_path(world["sam"]) + "?activity=nonsense")
        assert 'id="suggestions"' not in html and "No activity has an adaptation" in html

    def test_assessments_show_the_weighted_total_and_progress_is_charted(
        self, teacher_client, world
    ):
        html = html_of(teacher_client, student_path(world["maya"]))
        table = between(html, 'id="assessment-table"', "</table>")
        # 0.4 x 80% + 0.6 x 70% = 74; 0.4 x 50% + 0.6 x 50% = 50.
        assert "74 / 100" in table and "50 / 100" in table
        assert "Technique (40%): 8 of 10" in table and "Performance (60%): 7 of 10" in table
        progress = between(html, 'id="progress"', "</section>")
        assert 'role="img"' in progress and 'data-points="2"' in progress
        assert re.search(r'<polyline class="line" points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', progress)
        assert "from 50 on" in progress and "to 74 on" in progress and "up 24 points" in progress
        assert "<td>74</td>" in progress and "<td>50</td>" in progress  # the table alternative
        assert "Intermediate" in progress  # mean of 50 and 74

    def test_the_criteria_of_a_new_assessment_start_from_technique_and_performance(
        self, teacher_client, world
    ):
        html = html_of(teacher_client, student_path(world["maya"]))
        form = between(html, 'id="assessment-form"', "</form>")
        assert 'value="Technique"' in form and 'value="40"' in form
        assert 'value="Performance"' in form and 'value="60"' in form
        assert 'id="criterion-template"' in html

    def test_the_catalogue_filters_without_javascript(self, teacher_client, catalogue):
        html = html_of(teacher_client, ACTIVITIES)
        assert "47 activities" in html and "<h2" in html and "Traffic Light Warm-up" in html
        assert 'method="get"' in html
        html = html_of(teacher_client, ACTIVITIES + "?type=cool_down")
        assert "Traffic Light Warm-up" not in html and "Show all" in html
        cool_downs = Activity.objects.filter(activity_type="cool_down", owner__isnull=True)
        assert f"{cool_downs.count()} activit" in html
        assert all(a.name in html for a in cool_downs)
        html = html_of(teacher_client, ACTIVITIES + "?q=traffic+light&age=7")
        assert "1 activity" in html and "Traffic Light Warm-up" in html
        category = warm_up().category_links.get(primary_category=True).category
        html = html_of(teacher_client, ACTIVITIES + f"?category={category.pk}")
        assert "Traffic Light Warm-up" in html and f'value="{category.pk}" selected' in html
        html = html_of(teacher_client, ACTIVITIES + "?type=nonsense&age=99&category=nope")
        assert "47 activities" in html
        assert "No activity matches" in html_of(teacher_client, ACTIVITIES + "?q=zzzzzz")

    def test_an_activity_shows_its_adaptations_and_progressions(self, teacher_client, catalogue):
        html = html_of(teacher_client, activity_path(warm_up()))
        adaptations = between(html, 'id="adaptations-title"', "</section>")
        assert "Wheelchair user" in adaptations and "Play from the chair" in adaptations
        assert "No progression from this activity." in html
        assert "Ages" in html and "8 minutes" in html
        toss = Activity.objects.get(key="underhand-toss-catch")
        html = html_of(teacher_client, activity_path(toss))
        progressions = between(html, 'id="progressions-title"', "</section>")
        target = Activity.objects.get(key="overhand-throw-targets")
        assert activity_path(target) in progressions and target.name in progressions

    def test_plans_are_listed_and_planned_for_the_teachers_classes(
        self, teacher_client, teacher, world
    ):
        other = UserFactory()
        make_plan(other, make_class(other, name="Their class"), name="Their unit")
        html = html_of(teacher_client, PLANS)
        assert "Invasion games" in html and "Their unit" not in html
        form = between(html, 'id="plan-form"', "</form>")
        assert f'value="{world["class"].pk}"' in form and "Their class" not in form
        html = html_of(teacher_client, PLANS + f"?class={world['class'].pk}")
        assert f'value="{world["class"].pk}" selected' in html

    def test_a_plan_shows_its_weeks_and_the_statuses_it_may_move_to(self, teacher_client, world):
        plan = world["plan"]
        html = html_of(teacher_client, plan_path(plan))
        assert html.count('class="pe-week"') == 4
        week_one = between(html, 'id="week-1"', "</section>")
        assert "Traffic Light Warm-up" in week_one and 'data-move="week"' in week_one
        assert "Nothing planned this week yet." in between(html, 'id="week-2"', "</section>")
        actions = between(html, 'id="plan-status"', "</div>")
        assert re.findall(r'data-status="(\w+)"', actions) == ["active", "cancelled"]
        assert "Ball skills" in html and "Technique: 40%" in html
        plan_services.plan_transition(plan=plan, status="active")
        html = html_of(teacher_client, plan_path(plan))
        week_one = between(html, 'id="week-1"', "</section>")
        assert "data-move=" not in week_one and "data-mark" in week_one  # marked, not moved
        plan_services.plan_transition(plan=plan, status="completed")
        html = html_of(teacher_client, plan_path(plan))
        assert 'id="plan-add-form"' not in html and "Skipped" in html

    def test_the_student_page_reads_the_same_number_of_times_however_much_it_shows(
        self, teacher_client, teacher, world
    ):
        maya, path = world["maya"], student_path(world["maya"])
        other = Activity.objects.get(key="underhand-toss-catch")

        def adapt(activity, summary):
            activity_services.adaptation_create(
                student=maya,
                activity=activity,
                adaptation_type="equipment",
                adaptation_data={"summary": summary},
                by=teacher,
            )

        adapt(warm_up(), "Cones instead of lines")
        with CaptureQueriesContext(connection) as before:
            html_of(teacher_client, path)
        for days_ago in (1, 3, 5):
            assess(teacher, maya, other, days_ago=days_ago, technique=6, performance=7)
        adapt(other, "A softer, larger ball")
        with CaptureQueriesContext(connection) as after:
            html = html_of(teacher_client, path)
        assert "A softer, larger ball" in html and html.count('role="img"') == 2
        assert len(after.captured_queries) == len(before.captured_queries)

    def test_what_teachers_write_is_escaped(self, teacher_client, teacher, catalogue):
        pe_class = make_class(teacher, name=f"Class {SCRIPT}")
        student = make_student(teacher, first=f"Ann {SCRIPT}", medical_notes=SCRIPT)
        class_services.enrolment_add(pe_class=pe_class, student=student)
        plan = make_plan(teacher, pe_class, name=f"Unit {SCRIPT}")
        for path in (HOME, class_path(pe_class), student_path(student), PLANS, plan_path(plan)):
            html = html_of(teacher_client, path)
            assert SCRIPT not in html, path
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path


def test_a_chart_puts_time_on_x_and_the_score_on_y():
    chart = progress_chart(
        [
            {"date": "2026-03-11", "score": 100, "source": "assessment"},
            {"date": "2026-03-01", "score": 0, "source": "assessment"},
            {"date": "2026-03-03", "score": 50, "source": "movement"},
        ]
    )
    first, middle, last = chart["points"]
    assert (first.score, last.score) == (0, 100)  # by date
    assert (first.x, last.x) == (chart["left"], chart["right"])
    assert middle.x == chart["left"] + (chart["right"] - chart["left"]) * 2 / 10
    assert first.y == chart["axis_y"] and last.y == chart["grid"][-1]["y"]
    assert (
        chart["summary"] == "3 scores, from 0 on 1 Mar 2026 to 100 on 11 Mar 2026 (up 100 points)."
    )
    one_day = progress_chart(
        [{"date": "2026-03-01", "score": 40}, {"date": "2026-03-01", "score": 40}]
    )
    assert one_day["points"][0].x < one_day["points"][1].x  # side by side, not on top
    assert "level" in one_day["summary"]
    assert progress_chart([]) is None


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture
def tab(chromium, live_server, teacher):
    """A tab signed in as the teacher."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium")
    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server, teacher)
    yield page
    context.close()


def flash(page):
    return page.locator("#coach-flash")


def birth_for(teacher, age: int) -> str:
    day = today(teacher)
    return (day.replace(year=day.year - age) - dt.timedelta(days=30)).isoformat()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestPeBrowser:
    def test_create_a_class_add_students_and_remove_one(self, tab, live_server, teacher, catalogue):
        existing = make_student(teacher, first="Ava", last="Kim")
        page = tab
        page.goto(live_server.url + HOME)
        form = page.locator("#class-form")
        form.get_by_role("button", name="Create the class").click()
        expect(form.get_by_label("Class name")).to_have_attribute("aria-invalid", "true")
        assert not PEClass.objects.exists()
        # api.js puts an error before a field's own help text and gives the help back after.
        described = page.evaluate(
            """() => {
              const form = document.createElement("form");
              form.innerHTML = '<input name="notes" aria-describedby="notes-help">'
                + '<p id="notes-help">One a line.</p>';
              document.body.append(form);
              const input = form.querySelector("input");
              BrightPath.showErrors(form, {fields: {notes: ["Too long."]}});
              const during = input.getAttribute("aria-describedby");
              BrightPath.clearErrors(form);
              const after = input.getAttribute("aria-describedby");
              form.remove();
              return [during, after];
            }"""
        )
        assert described[0].split()[1:] == ["notes-help"] and described[1] == "notes-help"
        form.get_by_label("Class name").fill("6A PE")
        form.get_by_label("Grade").select_option("6")
        form.get_by_label("Places (1 to 50)").fill("2")
        form.get_by_role("button", name="Create the class").click()
        page.wait_for_url(re.compile(r"/coach/pe/classes/[0-9a-f-]+/$"))
        expect(flash(page)).to_contain_text("Created the class 6A PE.")
        expect(page.get_by_role("heading", level=1)).to_have_text("6A PE")

        new = page.locator("#new-student-form")
        new.get_by_label("First name").fill("Maya")
        new.get_by_label("Last name").fill("Lopez")
        new.get_by_label("Date of birth").fill(birth_for(teacher, 20))
        new.get_by_label("Medical notes (optional)").fill(SECRET)
        new.get_by_label("Accommodations (optional)").fill(f"{NEED}\nrest breaks")
        new.get_by_role("button", name="Add the student to the class").click()
        expect(new.locator(".field-error")).to_contain_text("5 to 18 years old")
        expect(new.get_by_label("Date of birth")).to_be_focused()
        new.get_by_label("Date of birth").fill(birth_for(teacher, 10))
        new.get_by_role("button", name="Add the student to the class").click()
        expect(flash(page)).to_contain_text("Added Maya Lopez. Enrolled Maya Lopez.")
        maya = Student.objects.get(first_name="Maya")
        assert (maya.medical_notes, maya.accommodations) == (SECRET, [NEED, "rest breaks"])
        expect(page.locator("#roster")).to_contain_text("Maya Lopez")
        expect(page.locator("#roster")).not_to_contain_text("inhaler")

        page.get_by_label("Student", exact=True).select_option(label="Ava Kim")
        page.get_by_role("button", name="Enrol the student").click()
        expect(flash(page)).to_contain_text("Enrolled Ava Kim.")
        page.get_by_role("button", name="Remove Maya Lopez from the class").click()
        expect(flash(page)).to_contain_text("Removed Maya Lopez from the class.")
        expect(page.locator("#roster")).not_to_contain_text("Maya Lopez")
        pe_class = PEClass.objects.get(name="6A PE")
        assert (pe_class.enrolled_count, pe_class.capacity) == (1, 2)
        assert ClassStudent.objects.get(student=existing).status == "enrolled"

        page.get_by_role("button", name="Start the class").click()
        expect(flash(page)).to_contain_text("The class is now active.")
        expect(page.get_by_role("button", name="Mark the class completed")).to_be_visible()

    def test_plan_a_unit_week_by_week(self, tab, live_server, teacher, catalogue):
        pe_class = make_class(teacher)
        page = tab
        page.goto(live_server.url + class_path(pe_class))
        page.get_by_role("link", name="Plan a unit for 5B PE").click()
        form = page.locator("#plan-form")
        expect(form.get_by_label("Class")).to_have_value(str(pe_class.pk))
        form.get_by_label("Unit name").fill("Invasion games")
        form.get_by_role("button", name="Create the plan").click()
        expect(form.get_by_label("Area")).to_have_attribute("aria-invalid", "true")
        form.get_by_label("Area").fill("ball skills")
        form.get_by_label("Target").fill("pass on the move")
        form.get_by_role("button", name="Create the plan").click()
        page.wait_for_url(re.compile(r"/coach/pe/plans/[0-9a-f-]+/$"))
        expect(flash(page)).to_contain_text("Created the plan Invasion games.")

        page.get_by_role("button", name="Activate the plan").click()
        expect(page.locator("#plan-status .form-errors")).to_contain_text("at least one activity")

        add = page.locator("#plan-add-form")
        for name, week in (
            ("Traffic Light Warm-up", "1"),
            ("Jumping Jacks", "1"),
            ("Traffic Light Warm-up", "2"),
        ):
            add.get_by_label("Activity").select_option(label=name)
            add.get_by_label("Week").select_option(week)
            add.get_by_role("button", name="Add to the plan").click()
            expect(flash(page)).to_contain_text(f"Added {name} to week {week}.")
        week_one = page.get_by_role("region", name=re.compile("^Week 1"))
        expect(week_one.get_by_role("listitem")).to_have_count(2)
        week_one.get_by_role("button", name="move Jumping Jacks earlier in week 1").click()
        expect(flash(page)).to_contain_text("Moved Jumping Jacks earlier.")
        expect(week_one.get_by_role("listitem").first).to_contain_text("Jumping Jacks")
        week_one.get_by_label("Week for Jumping Jacks").select_option("3")
        week_one.get_by_role("button", name="Move Jumping Jacks to that week").click()
        expect(flash(page)).to_contain_text("Moved Jumping Jacks to week 3.")
        page.get_by_role("region", name=re.compile("^Week 2")).get_by_role(
            "button", name="Remove Traffic Light Warm-up from week 2"
        ).click()
        expect(flash(page)).to_contain_text("Took Traffic Light Warm-up out of the plan.")
        plan = ActivityPlan.objects.get(name="Invasion games")
        assert [(r.week, r.sequence_order, r.activity.name) for r in plan.sequence.all()] == [
            (1, 1, "Traffic Light Warm-up"),
            (3, 1, "Jumping Jacks"),
        ]
        page.get_by_role("button", name="Activate the plan").click()
        expect(flash(page)).to_contain_text("The plan is now active.")
        expect(page.locator("[data-plan-status]")).to_have_text("Active")

    def test_record_an_assessment_and_apply_an_adaptation(
        self, tab, live_server, teacher, catalogue
    ):
        maya = make_student(teacher, medical_notes=SECRET, accommodations=[NEED])
        assess(teacher, maya, warm_up(), days_ago=7, technique=5, performance=5)
        page = tab
        page.goto(live_server.url + student_path(maya))
        form = page.locator("#assessment-form")
        form.get_by_label("Activity assessed").select_option(label="Traffic Light Warm-up")
        form.get_by_label("Weight of criterion 1 (%)").fill("50")
        form.get_by_label("Score of criterion 1 (0 to 10)").fill("9")
        form.get_by_label("Score of criterion 2 (0 to 10)").fill("8")
        expect(form.locator("[data-weight-sum]")).to_have_text("110")
        form.get_by_role("button", name="Record the assessment").click()
        expect(form.locator(".field-error")).to_contain_text("add up to 100%")
        form.get_by_role("button", name="Add a criterion").click()
        expect(form.get_by_label("Criterion 3", exact=True)).to_be_focused()
        form.get_by_label("Criterion 3", exact=True).fill("Teamwork")
        form.get_by_label("Weight of criterion 2 (%)").fill("30")
        form.get_by_label("Weight of criterion 3 (%)").fill("20")
        form.get_by_label("Score of criterion 3 (0 to 10)").fill("7")
        # 0.5 x 90 + 0.3 x 80 + 0.2 x 70 = 83
        expect(form.locator("[data-weighted-total]")).to_have_text("83")
        form.get_by_role("button", name="Record the assessment").click()
        expect(flash(page)).to_contain_text("Weighted total: 83 / 100.")
        assessment = SkillAssessment.objects.filter(student=maya).latest("created_at")
        assert assessment.status == "completed" and assessment.overall_score == 83
        assert set(assessment.rubric["criteria"]) == {"Technique", "Performance", "Teamwork"}
        progress = SkillProgress.objects.get(student=maya, activity=warm_up())
        assert [p["score"] for p in progress.progress_data["series"]] == [50, 83]
        chart = page.locator(f"#progress-{warm_up().pk}")
        expect(chart.get_by_role("img", name="Scores at Traffic Light Warm-up")).to_be_visible()
        expect(chart.locator("circle")).to_have_count(2)
        chart.get_by_text("Scores at Traffic Light Warm-up as a table").click()
        expect(chart.get_by_role("table")).to_contain_text("83")

        page.get_by_label("Activity", exact=True).select_option(label="Traffic Light Warm-up")
        page.get_by_role("button", name="Suggest adaptations").click()
        suggestion = page.locator(".pe-suggestion", has_text="Traffic Light Warm-up")
        suggestion.get_by_role(
            "button", name="Apply the technique adaptation to Traffic Light Warm-up"
        ).click()
        expect(flash(page)).to_contain_text("Applied the adaptation to Traffic Light Warm-up.")
        adaptation = ActivityAdaptation.objects.get(student=maya)
        assert adaptation.is_active and "chair" in adaptation.adaptation_data["summary"]
        card = page.locator(f"#adaptation-{adaptation.pk}")
        card.get_by_role("button", name=re.compile("^Stop this adaptation")).click()
        expect(card.locator(".field-error")).to_be_visible()
        card.get_by_label("Why stop it?").fill("Moved to the full game")
        card.get_by_role("button", name=re.compile("^Stop this adaptation")).click()
        expect(flash(page)).to_contain_text("Stopped the adaptation for Traffic Light Warm-up.")
        adaptation.refresh_from_db()
        assert not adaptation.is_active

    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, tab, live_server, teacher, world
    ):
        page = tab
        # A stopped adaptation is drawn apart from the ones in use: still legible.
        stopped = activity_services.adaptation_create(
            student=world["maya"],
            activity=warm_up(),
            adaptation_type="equipment",
            adaptation_data={"summary": "A softer ball"},
            by=teacher,
        )
        activity_services.adaptation_set_active(
            adaptation=stopped, active=False, by=teacher, reason="No longer needed"
        )
        names = ["classes", "class", "student", "activities", "activity", "plans", "plan"]
        for name, path in zip(names, pages_of(world), strict=True):
            page.set_viewport_size(DESKTOP)
            page.goto(live_server.url + path)
            if name == "student":  # the folded forms too
                page.get_by_text("Change Maya’s details").click()
                page.get_by_text("Write an adaptation").click()
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                assert_accessible(page)
                assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                    "window.innerWidth"
                ), f"{path}: nothing wider than the screen"
                screenshot(page, f"pe-{name}")
