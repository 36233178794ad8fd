"""PE's in-class pages: routines (the safety gate before one starts, performances per
student), safety checks and incidents, and movement analyses of landmark recordings.

Client tests for what the server decides (who sees what, the safety report and where
to fix each item, the analysis's figures and chart); browser tests in Chromium for
the interactions through the JSON API (a start refused then allowed, a recording
uploaded, a bad one named) and the accessibility check of every page at desktop and
phone width. State is built through PE's services.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach.pe.models import Exercise, MovementAnalysis, Routine, RoutinePerformance
from brightpath.coach.pe.movement import synthetic
from brightpath.coach.pe.services import activities as activity_services
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import movement as movement_services
from brightpath.coach.pe.services import routines as routine_services
from brightpath.coach.pe.services import safety as safety_services
from brightpath.coach.pe.services import students as student_services
from brightpath.coach.pe.services.catalogue import catalogue_load
from brightpath.web.views.pe_sessions import CHART_MIN_DEGREES, angle_chart

from .browser import CHROMIUM, DESKTOP, PHONE, assert_accessible, screenshot
from .conftest import sign_in

ROUTINES, SAFETY, INCIDENTS, MOVEMENT = (
    "/coach/pe/routines/",
    "/coach/pe/safety/",
    "/coach/pe/safety/incidents/",
    "/coach/pe/movement/",
)
RECORDINGS = Path(synthetic.__file__).parent / "data" / "recordings"
SCRIPT = "<script>alert(1)</script>"


# --- rows built through the services ---------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate(timezone=dt.UTC)


def make_student(teacher, first="Maya", last="Lopez"):
    return student_services.student_create(
        teacher=teacher,
        first_name=first,
        last_name=last,
        date_of_birth=today().replace(year=today().year - 10) - dt.timedelta(days=40),
        gender="female",
        medical_notes="Asthma: inhaler in bag",
    )


def make_class(teacher, name="5B PE"):
    return class_services.class_create(
        teacher=teacher,
        name=name,
        grade_level="5",
        start_date=today() - dt.timedelta(days=7),
        end_date=today() + dt.timedelta(days=120),
    )


def make_activity(teacher, name, equipment=(), kind="game"):
    return activity_services.activity_create(
        owner=teacher,
        name=name,
        activity_type=kind,
        difficulty="beginner",
        equipment_required="minimal" if equipment else "none",
        duration_minutes=10,
        intensity="moderate",
        space="large",
        activity_metadata={"equipmentDetails": {"required": list(equipment)}},
    )


def environment(teacher, pe_class, surface="good"):
    return safety_services.environmental_check_record(
        pe_class=pe_class,
        inspector=teacher,
        temperature=20,
        humidity=45,
        air_quality=30,
        lighting=400,
        surface_conditions={"condition": surface},
    )


def lesson(teacher, *, status="scheduled", checks=False, name="Relay day"):
    """A class of two with a routine of two activities (one needs cones)."""
    pe_class = make_class(teacher)
    students = [make_student(teacher), make_student(teacher, "Sam", "Okafor")]
    for student in students:
        class_services.enrolment_add(pe_class=pe_class, student=student)
    jog = make_activity(teacher, "Partner Jog", kind="warm_up")
    relay = make_activity(teacher, "Cone Relay", equipment=("cones",))
    routine = routine_services.routine_create(
        pe_class=pe_class,
        name=name,
        scheduled_for=timezone.now() + dt.timedelta(hours=1),
        steps=[
            {"activityId": str(jog.pk), "phase": "warm_up"},
            {"activityId": str(relay.pk), "phase": "main"},
        ],
    )
    if status != "draft":
        routine_services.routine_transition(routine=routine, status="scheduled")
    if checks or status in ("in_progress", "completed"):
        environment(teacher, pe_class)
        safety_services.equipment_check_record(
            inspector=teacher, equipment_type="cones", condition="good", safety_rating=0.9
        )
        for activity in (jog, relay):
            safety_services.risk_assessment_record(
                assessor=teacher, activity=activity, probability=0.2, impact=0.3
            )
    if status in ("in_progress", "completed"):
        routine_services.routine_transition(routine=routine, status="in_progress")
    return {"class": pe_class, "students": students, "jog": jog, "relay": relay, "routine": routine}


def incident(teacher, world, description="Grazed knee"):
    return safety_services.incident_report(
        reporter=teacher,
        student=world["students"][0],
        activity=world["relay"],
        date=timezone.now(),
        incident_type="injury",
        severity="minor",
        description=description,
        action_taken="Cleaned and plastered",
        routine=world["routine"],
    )


def analysis(teacher, student, name="squat_11.json"):
    exercise = Exercise.objects.get(key="squat")
    return movement_services.movement_analyse(
        student=student, exercise=exercise, data=(RECORDINGS / name).read_bytes(), by=teacher
    )


@pytest.fixture
def pe_catalogue(db):
    catalogue_load()


@pytest.fixture
def teacher_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


# --- client tests ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestRoutinePages:
    def test_signed_out_goes_to_sign_in(self, client):
        some = "00000000-0000-0000-0000-000000000001"
        for path in (
            ROUTINES,
            f"{ROUTINES}{some}/",
            SAFETY,
            INCIDENTS,
            f"{INCIDENTS}{some}/",
            MOVEMENT,
            f"{MOVEMENT}{some}/",
        ):
            response = client.get(path)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_the_list_shows_the_routines_and_offers_the_activities(self, teacher_client, user):
        world = lesson(user)
        html = html_of(teacher_client, ROUTINES)
        assert f"/coach/pe/routines/{world['routine'].pk}/" in html
        assert "Relay day" in html and "5B PE" in html and "Scheduled" in html
        assert "2 · 20 min" in html
        form = html[html.index('id="new-routine-form"') :]
        assert "Partner Jog" in form and "Cone Relay" in form
        assert html_of(teacher_client, ROUTINES + "?status=completed").count("Relay day") == 0

    def test_a_scheduled_routine_shows_each_check_and_where_to_fix_it(self, teacher_client, user):
        world = lesson(user)
        environment(user, world["class"], surface="wet")
        routine = world["routine"]
        html = html_of(teacher_client, f"{ROUTINES}{routine.pk}/")
        assert "Not ready: the routine cannot start" in html
        assert "The surface is wet." in html
        assert "No check of the cones in the last week." in html
        assert "No current risk assessment of this activity." in html
        assert ">Start the routine</button>" in html
        back = f"next=%2Fcoach%2Fpe%2Froutines%2F{routine.pk}%2F"
        here = f"/coach/pe/safety/?class={world['class'].pk}&amp;"
        assert f'href="{here}equipment=cones&amp;{back}#equipment"' in html
        assert f'href="{here}activity={world["relay"].pk}&amp;{back}#risk"' in html
        assert f'href="{here}{back}#environment"' in html
        assert "Record a new environment check" in html
        assert "How each student did" not in html  # not started

    def test_a_failed_general_check_is_resolved_where_it_is_listed(self, teacher_client, user):
        world = lesson(user, checks=True)
        check = safety_services.safety_check_create(
            inspector=user, check_type="first_aid", status="failed", notes="Kit is empty"
        )
        html = html_of(teacher_client, f"{ROUTINES}{world['routine'].pk}/")
        assert "Resolve the first aid check" in html and f"#check-{check.pk}" in html
        assert "Kit is empty" in html
        html = html_of(teacher_client, SAFETY)
        item = html[html.index(f'id="check-{check.pk}"') :]
        assert "Kit is empty" in item and "Resolve the check" in item

    def test_a_routine_in_progress_offers_each_enrolled_student(self, teacher_client, user):
        world = lesson(user, status="in_progress")
        maya, sam = world["students"]
        routine_services.performances_record(
            routine=world["routine"],
            students={str(maya.pk): maya},
            entries=[
                {
                    "studentId": str(maya.pk),
                    "isCompleted": True,
                    "completionTime": 1500,
                    "accuracyScore": 0.8,
                    "performanceData": {
                        "activities": [
                            {
                                "activityId": str(world["relay"].pk),
                                "completed": True,
                                "repetitions": 6,
                            }
                        ]
                    },
                }
            ],
        )
        html = html_of(teacher_client, f"{ROUTINES}{world['routine'].pk}/")
        assert "Safety before starting" not in html
        assert ">Complete the routine</button>" in html
        maya_form = html[html.index(f'id="performance-{maya.pk}"') :]
        maya_form = maya_form[: maya_form.index("</form>")]
        assert "Recorded" in maya_form and 'value="80"' in maya_form and 'value="25"' in maya_form
        assert 'name="activities[1].repetitions"' in maya_form and 'value="6"' in maya_form
        assert f'id="performance-{sam.pk}"' in html
        assert "Asthma" not in html  # medical notes stay on the student's own page


@pytest.mark.django_db
class TestSafetyPages:
    def test_recent_checks_show_their_verdict(self, teacher_client, user):
        world = lesson(user)
        environment(user, world["class"], surface="icy")
        safety_services.equipment_check_record(
            inspector=user, equipment_type="Mats", condition="poor", safety_rating=0.4
        )
        safety_services.risk_assessment_record(
            assessor=user, activity=world["relay"], probability=0.9, impact=0.9
        )
        html = html_of(teacher_client, SAFETY)
        recent = html[html.index('id="recent"') :]
        assert "The surface is icy." in recent
        assert "Its condition is poor." in recent and "Not safe" in recent
        assert "Critical" in recent and "Not acceptable" in recent
        assert "mats" in recent

    def test_the_forms_start_from_what_the_routine_needs(self, teacher_client, user):
        world = lesson(user)
        query = (
            f"?class={world['class'].pk}&equipment=cones&activity={world['relay'].pk}"
            f"&next=/coach/pe/routines/{world['routine'].pk}/"
        )
        html = html_of(teacher_client, SAFETY + query)
        assert f'<option value="{world["class"].pk}" selected>' in html
        assert 'value="cones" required' in html
        assert f'<option value="{world["relay"].pk}" selected>' in html
        assert f'data-next="/coach/pe/routines/{world["routine"].pk}/"' in html
        # Only a path on this site is somewhere to go back to.
        html = html_of(teacher_client, SAFETY + "?next=https://evil.example/")
        assert "evil.example" not in html and 'data-next=""' in html

    def test_incidents_list_and_follow_ups(self, teacher_client, user):
        world = lesson(user, status="in_progress")
        row = incident(user, world)
        safety_services.incident_follow_up(incident=row, note="Called home", status="investigating")
        html = html_of(teacher_client, INCIDENTS)
        assert f"/coach/pe/safety/incidents/{row.pk}/" in html and "Investigating" in html
        html = html_of(teacher_client, f"{INCIDENTS}{row.pk}/")
        assert "Grazed knee" in html and "Cleaned and plastered" in html and "Called home" in html
        select = html[html.index('id="follow-up-status"') :]
        select = select[: select.index("</select>")]
        assert re.findall(r'<option value="(\w*)"', select) == ["", "resolved"]
        assert "Keep it investigating" in select
        # Reported during a routine: the form knows it, and only its class's students.
        other = make_student(user, "Zoe", "Elsewhere")
        html = html_of(teacher_client, f"{INCIDENTS}?routine={world['routine'].pk}")
        assert f'name="routineId" value="{world["routine"].pk}"' in html
        assert "Zoe" not in html[html.index('id="incident-form"') :]
        assert other.first_name in html_of(teacher_client, INCIDENTS)


@pytest.mark.django_db
class TestMovementPages:
    def test_an_analysis_shows_its_figures_and_the_angle_chart(
        self, teacher_client, user, pe_catalogue
    ):
        student = make_student(user)
        result = analysis(user, student)
        html = html_of(teacher_client, MOVEMENT)
        assert f"/coach/pe/movement/{result.pk}/" in html and "Maya Lopez" in html
        html = html_of(teacher_client, f"{MOVEMENT}{result.pk}/")
        figure = html[html.index('id="figure-repetitions"') :]
        assert figure.startswith(
            f'id="figure-repetitions"><dt>Repetitions</dt><dd>{result.repetitions}'
        )
        rom = html[
            html.index('id="rom-table"') : html.index("</table>", html.index('id="rom-table"'))
        ]
        assert re.search(r"Knee <span class=\"tag\">Main joint</span>", rom)
        assert "80° to 125°" in rom and "Within" in rom
        assert "Tempo" in html and "Symmetry" in html and "Smoothness" in html
        assert "Compared with the reference movement" in html and "Like the reference" in html
        assert '<svg viewBox="0 0 700 240" role="img"' in html
        assert html.count('class="pe-angle-band"') == result.repetitions

    def test_without_a_stored_series_there_is_no_chart(self, teacher_client, user, pe_catalogue):
        result = analysis(user, make_student(user))
        data = dict(result.analysis_data)
        data.pop("series")
        MovementAnalysis.objects.filter(pk=result.pk).update(analysis_data=data)
        html = html_of(teacher_client, f"{MOVEMENT}{result.pk}/")
        assert "<svg" not in html and "Range of motion" in html


@pytest.mark.django_db
def test_another_teachers_rows_are_404_and_never_listed(teacher_client, user, pe_catalogue):
    other = UserFactory()
    theirs = lesson(other, status="in_progress", name="Their secret routine")
    their_incident = incident(other, theirs, description="Their private incident")
    their_analysis = analysis(other, theirs["students"][0])
    safety_services.safety_check_create(
        inspector=other, check_type="facility", status="failed", notes="Their broken door"
    )
    for path in (
        f"{ROUTINES}{theirs['routine'].pk}/",
        f"{INCIDENTS}{their_incident.pk}/",
        f"{MOVEMENT}{their_analysis.pk}/",
        f"{ROUTINES}not-a-uuid/",
    ):
        assert teacher_client.get(path).status_code == 404, path
    mine = lesson(user)
    for path in (
        ROUTINES,
        f"{ROUTINES}?class={theirs['class'].pk}",
        f"{ROUTINES}{mine['routine'].pk}/",
        SAFETY + f"?class={theirs['class'].pk}&activity={theirs['relay'].pk}",
        INCIDENTS + f"?routine={theirs['routine'].pk}",
        MOVEMENT + f"?student={theirs['students'][0].pk}",
    ):
        html = html_of(teacher_client, path)
        for secret in (
            "Their secret routine",
            "Their private incident",
            "Their broken door",
            str(theirs["class"].pk),
            str(theirs["relay"].pk),
            str(their_analysis.pk),
            str(theirs["students"][0].pk),
        ):
            assert secret not in html, (path, secret)
    # Their failed check does not stand in the way of this teacher's routine.
    assert "Their broken door" not in html_of(teacher_client, f"{ROUTINES}{mine['routine'].pk}/")


@pytest.mark.django_db
def test_teacher_text_is_escaped(teacher_client, user):
    world = lesson(user, status="in_progress", name=f"Relay {SCRIPT}")
    row = incident(user, world, description=f"Fell {SCRIPT}")
    safety_services.safety_check_create(
        inspector=user, check_type="general", status="failed", notes=SCRIPT
    )
    for path in (ROUTINES, f"{ROUTINES}{world['routine'].pk}/", SAFETY, f"{INCIDENTS}{row.pk}/"):
        html = html_of(teacher_client, path)
        assert SCRIPT not in html, path
        assert "&lt;script&gt;" in html, path


# --- in the browser ------------------------------------------------------------------------


@pytest.fixture
def tab(chromium, live_server, user):
    """A tab signed in as the teacher."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium")
    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server, user)
    yield page
    context.close()


def flash(page):
    return page.locator("#coach-flash")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestInTheBrowser:
    def test_a_failed_check_blocks_the_start_until_a_new_one_passes(self, tab, live_server, user):
        world = lesson(user, checks=True)
        environment(user, world["class"], surface="wet")
        routine = world["routine"]
        page = tab
        page.goto(f"{live_server.url}{ROUTINES}{routine.pk}/", timeout=60_000)
        page.get_by_role("button", name="Start the routine").click()
        refusal = page.locator("#start-refused")
        expect(refusal).to_be_visible()
        expect(refusal).to_be_focused()
        expect(refusal).to_contain_text("The routine cannot start yet")
        expect(refusal).to_contain_text("A safety check failed")
        expect(refusal).to_contain_text("The surface is wet.")
        routine.refresh_from_db()
        assert routine.status == "scheduled"
        screenshot(page, "pe-routine-refused")

        refusal.get_by_role("link", name="Record a new environment check").click()
        page.wait_for_url(re.compile(r"/coach/pe/safety/\?"))
        form = page.locator("#environment-form")
        expect(form.get_by_label("Class")).to_have_value(str(world["class"].pk))
        form.get_by_role("button", name="Record the environment check").click()
        expect(form.get_by_label("Temperature (°C)")).to_have_attribute("aria-invalid", "true")
        form.get_by_label("Temperature (°C)").fill("19")
        form.get_by_label("Humidity (%)").fill("40")
        form.get_by_label("Air quality index").fill("25")
        form.get_by_label("Lighting (lux)").fill("450")
        form.get_by_label("Surface").select_option("good")
        form.get_by_role("button", name="Record the environment check").click()
        page.wait_for_url(f"{live_server.url}{ROUTINES}{routine.pk}/")
        expect(flash(page)).to_contain_text("the environment check passed")
        expect(page.locator(".pe-verdict")).to_have_text("Every check has passed today.")

        page.get_by_role("button", name="Start the routine").click()
        expect(page.locator("#routine-status")).to_have_text("In progress")
        maya = page.locator(f"#performance-{world['students'][0].pk}")
        maya.get_by_label("Cone Relay done").check()
        maya.get_by_label("Cone Relay repetitions").fill("7")
        maya.get_by_label("Accuracy (%)").fill("120")
        maya.get_by_role("button", name="Save Maya’s performance").click()
        expect(maya.locator(".field-error")).to_have_text("A percentage from 0 to 100.")
        maya.get_by_label("Accuracy (%)").fill("85")
        maya.get_by_label("Completed the routine").check()
        maya.get_by_role("button", name="Save Maya’s performance").click()
        expect(maya.locator(".saved")).to_have_text("Saved.")
        performance = RoutinePerformance.objects.get(routine=routine)
        assert performance.accuracy_score == 0.85 and performance.is_completed
        assert performance.performance_data["activities"][1] == {
            "activityId": str(world["relay"].pk),
            "completed": True,
            "repetitions": 7,
        }
        page.get_by_role("button", name="Complete the routine").click()
        expect(page.locator("#routine-status")).to_have_text("Completed")
        assert Routine.objects.get(pk=routine.pk).status == "completed"

    def test_upload_a_recording_and_a_bad_one_is_named(
        self, tab, live_server, user, pe_catalogue, tmp_path
    ):
        make_student(user)
        page = tab
        page.goto(live_server.url + MOVEMENT, timeout=60_000)
        form = page.locator("#movement-form")
        form.get_by_label("Student").select_option(label="Maya Lopez")
        form.get_by_label("Exercise").select_option(str(Exercise.objects.get(key="squat").pk))
        bad = tmp_path / "broken.json"
        bad.write_text('{"fps": 30, "frames": [{"t": 0, "landmarks": [[0.5, 0.5, 0, 1]]}]}')
        form.get_by_label("Recording file").set_input_files(str(bad))
        form.get_by_role("button", name="Analyse the recording").click()
        error = form.locator(".field-error")
        # The engine's words at the file; the path inside it ("frames[0].landmarks") is no
        # help to a teacher.
        expect(error).to_have_text("1 landmarks; expected 33 (MediaPipe BlazePose)")
        expect(form.get_by_role("alert")).to_have_text("This recording cannot be analysed.")
        expect(form.get_by_label("Recording file")).to_have_attribute("aria-invalid", "true")
        assert not MovementAnalysis.objects.exists()

        form.get_by_label("Recording file").set_input_files(str(RECORDINGS / "squat_12.csv.gz"))
        form.get_by_role("button", name="Analyse the recording").click()
        page.wait_for_url(re.compile(r"/coach/pe/movement/[0-9a-f-]+/$"))
        stored = MovementAnalysis.objects.get()
        assert stored.source_format == "csv"
        expect(flash(page)).to_contain_text(f"{stored.repetitions} repetitions")
        expect(page.locator("#figure-repetitions dd")).to_have_text(str(stored.repetitions))
        expect(page.locator("#rom-table")).to_contain_text("Knee")
        screenshot(page, "pe-movement-analysis")

    def test_a_general_check_fails_and_is_resolved_and_an_incident_is_followed_up(
        self, tab, live_server, user
    ):
        world = lesson(user, status="in_progress")
        page = tab
        page.goto(live_server.url + SAFETY, timeout=60_000)
        form = page.locator("#general-form")
        form.get_by_label("What was checked").select_option("first_aid")
        form.get_by_label("Result").select_option("failed")
        form.get_by_role("button", name="Record the safety check").click()
        expect(form.get_by_label("Notes")).to_have_attribute("aria-invalid", "true")
        form.get_by_label("Notes").fill("The first-aid kit is empty")
        form.get_by_role("button", name="Record the safety check").click()
        expect(flash(page)).to_contain_text("Recorded the first aid check: failed.")
        check = page.locator(".pe-check-failed", has_text="The first-aid kit is empty")
        check.get_by_label("What was done to fix it").fill("Restocked from the office")
        check.get_by_role("button", name="Resolve the check").click()
        expect(flash(page)).to_contain_text("The first aid check is resolved.")
        expect(page.locator(".pe-check-resolved")).to_contain_text("Restocked from the office")

        page.goto(f"{live_server.url}{ROUTINES}{world['routine'].pk}/")
        page.get_by_role("link", name="Report an incident during this routine").click()
        report = page.locator("#incident-form")
        report.get_by_role("button", name="Report the incident").click()
        expect(report.get_by_label("Student")).to_have_attribute("aria-invalid", "true")
        report.get_by_label("Student").select_option(label="Sam Okafor")
        report.get_by_label("Activity").select_option(label="Cone Relay")
        report.get_by_label("Severity").select_option("serious")
        report.get_by_label("What happened").fill("Twisted an ankle on a cone")
        report.get_by_label("What was done").fill("Ice pack, sat out")
        report.get_by_role("button", name="Report the incident").click()
        expect(report.get_by_label("Follow up on")).to_have_attribute("aria-invalid", "true")
        report.get_by_label("Follow up on").fill((today() + dt.timedelta(days=2)).isoformat())
        report.get_by_role("button", name="Report the incident").click()
        page.wait_for_url(re.compile(r"/coach/pe/safety/incidents/[0-9a-f-]+/$"))
        expect(page.locator("#incident-status")).to_have_text("Reported")
        for note, status, label in (
            ("Parents called", "investigating", "Investigating"),
            ("Back in class, no pain", "resolved", "Resolved"),
        ):
            page.get_by_label("Note").fill(note)
            page.get_by_label("Status").select_option(status)
            page.get_by_role("button", name="Add the follow-up").click()
            expect(page.locator("#incident-status")).to_have_text(label)
            expect(page.locator(".pe-follow-ups li").first).to_contain_text(note)
        reported = world["routine"].incidents.get()
        assert (reported.student, reported.status) == (world["students"][1], "resolved")
        assert len(reported.incident_metadata["followUps"]) == 2
        # "When" was now on the teacher's clock (UTC), whatever the browser's zone is.
        assert abs(reported.date - timezone.now()) < dt.timedelta(minutes=5)

    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, tab, live_server, user, pe_catalogue
    ):
        world = lesson(user, checks=True)
        environment(user, world["class"], surface="uneven")
        safety_services.safety_check_create(
            inspector=user, check_type="supervision", status="pending"
        )
        row = incident(user, world)
        result = analysis(user, world["students"][0])
        page = tab
        pages = {
            "routines": ROUTINES,
            "routine": f"{ROUTINES}{world['routine'].pk}/",
            "safety": SAFETY,
            "incidents": INCIDENTS,
            "incident": f"{INCIDENTS}{row.pk}/",
            "movement": MOVEMENT,
            "analysis": f"{MOVEMENT}{result.pk}/",
        }
        for name, path in pages.items():
            page.set_viewport_size(DESKTOP)
            page.goto(live_server.url + path, timeout=60_000)
            if name == "routine":  # the refusal is part of the page too
                page.get_by_role("button", name="Start the routine").click()
                expect(page.locator("#start-refused")).to_be_visible()
            for viewport in (None, PHONE):
                if viewport:
                    page.set_viewport_size(viewport)
                assert_accessible(page)
                assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                    "window.innerWidth"
                ), f"{path}: nothing wider than the screen"
                screenshot(page, f"pe-{name}")


def test_a_joint_that_barely_moves_is_drawn_nearly_flat():
    """Its noise is not stretched to the chart's height, where it would look like reps."""
    series = {"t": [i / 30 for i in range(90)], "angle": [165.0 + i % 3 for i in range(90)]}
    chart = angle_chart(series, [])
    heights = [float(point.split(",")[1]) for point in chart["points"].split()]
    assert max(heights) - min(heights) == pytest.approx(200 * 2 / CHART_MIN_DEGREES, abs=0.2)
    assert (chart["low"], chart["high"]) == (165, 167)  # the labels say what was measured
