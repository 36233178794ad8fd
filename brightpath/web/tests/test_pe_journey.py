"""PE end to end in Chromium against the live server (issue 16's journey), through the
pages only: a teacher signs up, creates a class with students, plans a unit, records a
safety check that fails and sees the routine's start refused, fixes it with a passing
check, runs the routine (start, performances, complete), uploads a shipped landmark
recording and reads its repetitions and range of motion, and records an assessment
that moves a student's skill progress on the student's page."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import PASSWORD
from brightpath.coach.pe.models import (
    Activity,
    Exercise,
    MovementAnalysis,
    Routine,
    RoutinePerformance,
    SkillProgress,
)
from brightpath.coach.pe.services.catalogue import catalogue_load

from .browser import PHONE, screenshot
from .test_pe_sessions import RECORDINGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORDING = "squat_11.json"


@pytest.fixture
def catalogue(db):
    """What `make run` loads: PE's shared activities, exercises and reference movements."""
    catalogue_load()


def catalogue_activity(name: str) -> Activity:
    return Activity.objects.get(owner__isnull=True, name=name)


def flash(page):
    return page.locator("#coach-flash")


def pe_nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Physical education").get_by_role("link", name=name).click()


def sign_up(page, live_server, email: str) -> User:
    # The live server's first request imports every page's module: give it time.
    page.goto(f"{live_server.url}/accounts/signup/", timeout=60_000)
    page.get_by_label("Your name").fill("Jordan Rivera")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/onboarding/$"))
    return User.objects.get(email=email)


def create_class_with_students(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Coach").click()
    page.get_by_role("navigation", name="Coach").get_by_role(
        "link", name="Physical education"
    ).click()
    form = page.locator("#class-form")
    form.get_by_label("Class name").fill("5B PE")
    form.get_by_role("button", name="Create the class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("5B PE")
    born = (timezone.localdate() - dt.timedelta(days=10 * 365 + 40)).isoformat()
    for first, last, gender in (("Maya", "Lopez", "female"), ("Sam", "Okafor", "male")):
        new = page.locator("#new-student-form")
        new.get_by_label("First name").fill(first)
        new.get_by_label("Last name").fill(last)
        new.get_by_label("Date of birth").fill(born)
        new.get_by_label("Gender").select_option(gender)
        new.get_by_role("button", name="Add the student to the class").click()
        expect(flash(page)).to_contain_text(f"Enrolled {first} {last}.")
    expect(page.locator("#roster")).to_contain_text("Sam Okafor")
    page.get_by_role("button", name="Start the class").click()
    expect(flash(page)).to_contain_text("The class is now active.")


def plan_a_unit(page) -> None:
    page.get_by_role("link", name="Plan a unit for 5B PE").click()
    form = page.locator("#plan-form")
    form.get_by_label("Unit name").fill("Strength and form")
    form.get_by_label("Area").fill("fitness")
    form.get_by_label("Target").fill("Squat to parallel with a straight back")
    form.get_by_role("button", name="Create the plan").click()
    page.wait_for_url(re.compile(r"/coach/pe/plans/[0-9a-f-]+/$"))
    add = page.locator("#plan-add-form")
    for name in ("Jumping Jacks", "Bodyweight Squats"):
        add.get_by_label("Activity").select_option(label=name)
        add.get_by_label("Week").select_option("1")
        add.get_by_role("button", name="Add to the plan").click()
        expect(flash(page)).to_contain_text(f"Added {name} to week 1.")
    page.get_by_role("button", name="Activate the plan").click()
    expect(page.locator("[data-plan-status]")).to_have_text("Active")


def make_the_routine(page) -> Routine:
    pe_nav(page, "Routines")
    form = page.locator("#new-routine-form")
    form.get_by_label("Name").fill("Monday strength")
    form.get_by_label("Class").select_option(label="5B PE")
    form.get_by_label("Unit plan (optional)").select_option(label="Strength and form (5B PE)")
    for number, (name, part) in enumerate(
        (("Jumping Jacks", "warm_up"), ("Bodyweight Squats", "main")), start=1
    ):
        if number > 1:
            form.get_by_role("button", name="Add an activity").click()
        step = form.locator("[data-step]").nth(number - 1)
        expect(step.get_by_role("group", name=f"Activity {number}")).to_be_visible()
        step.get_by_label("Activity", exact=True).select_option(str(catalogue_activity(name).pk))
        step.get_by_label("Part").select_option(part)
    form.get_by_role("button", name="Create the routine").click()
    page.wait_for_url(re.compile(r"/coach/pe/routines/[0-9a-f-]+/$"))
    expect(flash(page)).to_contain_text("Created the routine “Monday strength”.")
    # Scheduled for the lesson an hour from now (the browser's clock, as the teacher's).
    lesson = timezone.localtime(timezone.now() + dt.timedelta(hours=1), dt.UTC)
    page.get_by_label("When").fill(lesson.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule the routine").click()
    expect(page.locator("#routine-status")).to_have_text("Scheduled")
    routine = Routine.objects.get(name="Monday strength")
    assert [step.activity.name for step in routine.steps.all()] == [
        "Jumping Jacks",
        "Bodyweight Squats",
    ]
    return routine


def record_environment(page, *, surface: str) -> None:
    """On the safety page, reached from the routine: today's conditions in the hall."""
    form = page.locator("#environment-form")
    expect(form.get_by_label("Class")).to_have_value(re.compile(r"[0-9a-f-]{36}"))
    form.get_by_label("Temperature (°C)").fill("21")
    form.get_by_label("Humidity (%)").fill("45")
    form.get_by_label("Air quality index").fill("30")
    form.get_by_label("Lighting (lux)").fill("450")
    form.get_by_label("Surface").select_option(surface)
    form.get_by_role("button", name="Record the environment check").click()


def check_the_safety_and_run(page, routine: Routine) -> None:
    routine_url = re.compile(rf"/coach/pe/routines/{routine.pk}/$")
    safety = page.locator("#safety")
    for name in ("Jumping Jacks", "Bodyweight Squats"):
        safety.get_by_role("link", name=f"Assess the risk of {name}").click()
        form = page.locator("#risk-form")
        expect(form.get_by_label("Activity")).to_have_value(str(catalogue_activity(name).pk))
        form.get_by_label("Likelihood of harm (0 to 1)").fill("0.2")
        form.get_by_label("Impact of harm (0 to 1)").fill("0.3")
        form.get_by_role("button", name="Record the risk assessment").click()
        page.wait_for_url(routine_url)
        expect(flash(page)).to_contain_text(f"Recorded the risk assessment of {name}: low risk.")

    # The hall floor is wet: the check fails, and the start is refused.
    safety.get_by_role("link", name="Record a new environment check").click()
    record_environment(page, surface="wet")
    page.wait_for_url(routine_url)
    expect(flash(page)).to_contain_text("the environment check failed. The surface is wet.")
    page.get_by_role("button", name="Start the routine").click()
    refusal = page.get_by_role("alert").filter(has_text="The routine cannot start yet")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("A safety check failed: environment (5B PE)")
    expect(refusal).to_contain_text("The surface is wet.")
    screenshot(page, "pe-journey-refused")
    routine.refresh_from_db()
    assert routine.status == "scheduled" and routine.started_at is None

    # Mopped and dry: a new check passes, and the routine starts.
    refusal.get_by_role("link", name="Record a new environment check").click()
    record_environment(page, surface="good")
    page.wait_for_url(routine_url)
    expect(flash(page)).to_contain_text("the environment check passed.")
    expect(page.locator("#safety .pe-verdict")).to_have_text("Every check has passed today.")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.locator("#routine-status")).to_have_text("In progress")

    maya = page.locator("form[data-performance]", has_text="Maya Lopez")
    maya.get_by_label("Jumping Jacks done").check()
    maya.get_by_label("Jumping Jacks repetitions").fill("30")
    maya.get_by_label("Bodyweight Squats done").check()
    maya.get_by_label("Bodyweight Squats repetitions").fill("12")
    maya.get_by_label("Time taken (minutes)").fill("18")
    maya.get_by_label("Accuracy (%)").fill("85")
    maya.get_by_label("Effort (%)").fill("95")
    maya.get_by_label("Completed the routine").check()
    maya.get_by_role("button", name="Save Maya’s performance").click()
    expect(maya.locator(".saved")).to_have_text("Saved.")
    page.get_by_role("button", name="Complete the routine").click()
    expect(page.locator("#routine-status")).to_have_text("Completed")
    expect(page.locator("form[data-performance]", has_text="Maya Lopez")).to_contain_text(
        "Recorded"
    )
    performance = RoutinePerformance.objects.get(routine=routine)
    assert (performance.completion_time, performance.accuracy_score) == (1080, 0.85)
    assert [a["repetitions"] for a in performance.performance_data["activities"]] == [30, 12]
    assert Routine.objects.get(pk=routine.pk).status == "completed"


def upload_a_recording(page) -> MovementAnalysis:
    pe_nav(page, "Movement")
    form = page.locator("#movement-form")
    form.get_by_label("Student").select_option(label="Maya Lopez")
    form.get_by_label("Exercise").select_option(str(Exercise.objects.get(key="squat").pk))
    form.get_by_label("Recording file").set_input_files(str(RECORDINGS / RECORDING))
    form.get_by_role("button", name="Analyse the recording").click()
    page.wait_for_url(re.compile(r"/coach/pe/movement/[0-9a-f-]+/$"))
    analysis = MovementAnalysis.objects.get()
    truth = next(
        entry
        for entry in json.loads((RECORDINGS / "manifest.json").read_text())
        if entry["file"] == RECORDING
    )
    assert analysis.repetitions == truth["trueRepetitions"]
    expect(page.locator("#figure-repetitions dd")).to_have_text(str(truth["trueRepetitions"]))
    knee = page.locator("#rom-table tr", has_text="Knee")
    expect(knee).to_contain_text("Main joint")
    rom = analysis.analysis_data["rangeOfMotion"]["knee"]["romDegrees"]
    expect(knee.locator("td").first).to_have_text(f"{round(rom)}°")
    assert abs(rom - truth["trueRom"]["knee"]["left"]) < 10
    expect(page.get_by_role("img", name=re.compile("^Knee angle"))).to_be_visible()
    screenshot(page, "pe-journey-movement")
    return analysis


def record_an_assessment(page) -> None:
    page.get_by_role("link", name="Maya’s progress").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maya Lopez")
    squats = catalogue_activity("Bodyweight Squats")
    progress = page.locator(f"#progress-{squats.pk}")
    expect(progress.locator("circle")).to_have_count(1)  # the movement analysis's point
    before = SkillProgress.objects.get(activity=squats).latest_score

    form = page.locator("#assessment-form")
    form.get_by_label("Activity assessed").select_option(label="Bodyweight Squats")
    form.get_by_label("Score of criterion 1 (0 to 10)").fill("9")
    form.get_by_label("Score of criterion 2 (0 to 10)").fill("8")
    expect(form.locator("[data-weighted-total]")).to_have_text("84")  # 0.4 x 90 + 0.6 x 80
    form.get_by_role("button", name="Record the assessment").click()
    expect(flash(page)).to_contain_text("Weighted total: 84 / 100.")
    progress = page.locator(f"#progress-{squats.pk}")
    expect(progress.locator("circle")).to_have_count(2)
    expect(progress).to_contain_text("latest score 84")
    after = SkillProgress.objects.get(activity=squats)
    assert after.latest_score == 84 and after.latest_score != before
    assert [p["source"] for p in after.progress_data["series"]] == ["movement", "assessment"]


def test_a_teacher_from_a_new_class_to_a_students_progress(page, live_server, catalogue):
    teacher = sign_up(page, live_server, "jordan@example.com")
    create_class_with_students(page)
    plan_a_unit(page)
    routine = make_the_routine(page)
    check_the_safety_and_run(page, routine)
    upload_a_recording(page)
    page.set_viewport_size(PHONE)
    record_an_assessment(page)
    screenshot(page, "pe-journey-progress")
    assert Routine.objects.get(pk=routine.pk).pe_class.teacher == teacher
