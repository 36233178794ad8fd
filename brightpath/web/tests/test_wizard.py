"""The onboarding wizard (/onboarding/, static/web/wizard.js) in Chromium: a
family with two children filled in and submitted, resuming after a reload
(this browser's copy) and on another device (the account's copy), the server's
validation messages next to their fields, and axe-core on every step."""

import json
import re

import pytest
from playwright.sync_api import expect

from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, Family
from brightpath.planner.models import Schedule

from .browser import DEMO_MONDAY, DESKTOP, PHONE, assert_accessible, screenshot
from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, path: str):
    """The control for an API path, e.g. "children[0].section4.subjects[1].name"."""
    return page.locator(f'[data-field="{path}"]')


def open_wizard(page, live_server, query: str = ""):
    page.goto(live_server.url + "/onboarding/" + query)
    expect(page.locator("#wizard")).to_have_attribute("data-state", "ready")
    return page


def heading(page):
    return page.locator(".wizard-step h2")


def next_step(page):
    page.get_by_role("button", name="Next", exact=True).click()


def all_saved(page):
    """Wait until the account has every change (so nothing is still in flight)."""
    expect(page.locator(".save-state")).to_have_text(
        re.compile("All changes saved"), timeout=10_000
    )


def fill_family(page):
    field(page, "section1.name").fill("The Okafors")
    field(page, "section1.timeZone").select_option("America/New_York")
    next_step(page)
    expect(heading(page)).to_have_text("Family commitments")
    page.get_by_role("button", name="Add a commitment").click()
    field(page, "section3.commitments[0].name").fill("Work call")
    field(page, "section3.commitments[0].daysOfWeek").get_by_label("Wednesday").check()
    field(page, "section3.commitments[0].startTime").fill("13:00")
    field(page, "section3.commitments[0].endTime").fill("14:00")
    next_step(page)
    expect(heading(page)).to_have_text("How structured")
    page.get_by_label("Flexible", exact=True).check()
    next_step(page)
    expect(heading(page)).to_have_text("Your approach")
    field(page, "section7.homeschoolingPhilosophy.charlotte_mason").get_by_text("5").click()
    page.get_by_label("A mix of planned and spontaneous").check()
    next_step(page)
    expect(heading(page)).to_have_text("Your children")


def add_child(
    page, index: int, name: str, birth: str, subjects: list[dict], hours=("09:00", "13:00")
):
    """From the children step: one child's four steps, back to the children step."""
    page.get_by_role("button", name=re.compile("^Add (a|another) child$")).click()
    child = f"children[{index}]"
    expect(field(page, f"{child}.section2.name")).to_be_focused()
    field(page, f"{child}.section2.name").fill(name)
    if len(birth) == 7:
        page.get_by_label("I only know the month and year").check()
    field(page, f"{child}.section2.birthDate").fill(birth)
    next_step(page)
    expect(heading(page)).to_have_text(f"{name}: commitments")
    next_step(page)
    expect(heading(page)).to_have_text(f"{name}: subjects")
    for number, subject in enumerate(subjects):
        if number:
            page.get_by_role("button", name="Add a subject").click()
        row = f"{child}.section4.subjects[{number}]"
        field(page, f"{row}.name").fill(subject["name"])
        field(page, f"{row}.sessionDuration").fill(str(subject["minutes"]))
        field(page, f"{row}.frequency").select_option(subject.get("frequency", "daily"))
        if subject.get("at"):
            field(page, f"{row}.fixedTime.required").check()
            field(page, f"{row}.fixedTime.preferredTime").fill(subject["at"])
    next_step(page)
    expect(heading(page)).to_have_text(f"{name}: learning day")
    field(page, f"{child}.section6.startTime").fill(hours[0])
    field(page, f"{child}.section6.endTime").fill(hours[1])
    field(page, f"{child}.section6.bestLearningTimes").get_by_label(
        re.compile("Mid-morning")
    ).check()
    page.get_by_role("button", name=re.compile("^Your children")).click()


def show_steps(page):
    """Unfold the list of steps (folded on a phone)."""
    if page.locator(".wizard-steps").get_attribute("open") is None:
        page.locator(".wizard-steps summary").click()


def local_storage(page) -> dict:
    return json.loads(page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))"))


def test_two_children_are_filled_in_and_submitted_then_the_week_is_planned(
    signed_in, live_server, user, before_the_demo_week, reused_solves
):
    page = open_wizard(signed_in, live_server)
    expect(page.locator(".progress-summary")).to_contain_text("Step 1 of 6")
    fill_family(page)
    add_child(
        page,
        0,
        "Mia",
        "2018-03-02",
        [
            {"name": "Mathematics", "minutes": 30},
            {"name": "Reading", "minutes": 20, "at": "09:30"},
        ],
    )
    add_child(
        page,
        1,
        "Leo",
        "2014-07",
        [
            {"name": "Science", "minutes": 45, "frequency": "2-3_times_per_week"},
            {"name": "Writing", "minutes": 25},
        ],
        hours=("08:30", "14:00"),
    )
    # The progress list: each child's steps, all complete.
    steps = page.get_by_role("navigation", name="Questionnaire steps")
    expect(steps.get_by_role("button", name=re.compile("Subjects.*Complete"))).to_have_count(2)
    expect(page.locator(".progress-summary")).to_contain_text("Step 5 of 14")
    expect(page.locator(".progress-summary")).to_contain_text("12 of 12 sections complete")
    screenshot(page, "wizard-children")

    steps.get_by_role("button", name=re.compile("^Check and save")).click()
    expect(heading(page)).to_have_text("Check and save")
    expect(page.locator("dl.review")).to_contain_text("Science 45 min, 2-3 times a week")
    screenshot(page, "wizard-review")
    all_saved(page)
    page.get_by_role("button", name="Save and plan our week").click()
    expect(page.locator(".wizard-busy")).to_contain_text(
        re.compile("Saving your answers|Planning your week")
    )
    page.wait_for_url(live_server.url + "/week/", timeout=60_000)
    expect(page.locator("main")).to_contain_text("Mia")
    expect(page.locator("main")).to_contain_text("Leo")

    family = Family.objects.get(owner=user)
    assert family.name == "The Okafors" and family.time_zone == "America/New_York"
    assert [c.name for c in family.children.live().order_by("position")] == ["Mia", "Leo"]
    leo = family.children.get(name="Leo")
    assert leo.birth.text == "2014-07"
    reading = Subject.objects.get(child__name="Mia", name="Reading")
    assert reading.fixed_time_required and reading.preferred_time.strftime("%H:%M") == "09:30"
    assert family.commitments.get().days_of_week == ["Wednesday"]
    planned = Schedule.objects.filter(family=family, week_start_date=DEMO_MONDAY, is_active=True)
    assert sorted(planned.values_list("child__name", flat=True)) == ["Leo", "Mia"]
    # Submitted: this browser's drafts are gone.
    assert not [key for key in local_storage(page) if key.startswith("questionnaire_")]


def test_a_reload_midway_resumes_from_this_browser(signed_in, live_server, user):
    page = open_wizard(signed_in, live_server)
    field(page, "section1.name").fill("The Okafors")
    next_step(page)
    page.get_by_role("button", name="Add a commitment").click()
    field(page, "section3.commitments[0].name").fill("Dentist")
    field(page, "section3.commitments[0].frequency").select_option("one-time")
    field(page, "section3.commitments[0].date").fill("2026-02-03")

    stored = local_storage(page)
    progress = json.loads(stored[f"questionnaire_progress_{user.pk}"])
    assert progress["currentStep"] == "section3"
    assert progress["progress"]["section1"] == "complete"
    assert progress["progress"]["section3"] == "complete"
    draft = json.loads(stored[f"questionnaire_draft_{user.pk}_section3"])
    assert draft["commitments"][0]["name"] == "Dentist"

    all_saved(page)
    page.reload()
    expect(page.locator("#wizard")).to_have_attribute("data-state", "ready")
    expect(page.locator(".wizard-notice")).to_contain_text("saved on this device")
    expect(heading(page)).to_have_text("Family commitments")
    expect(field(page, "section3.commitments[0].name")).to_have_value("Dentist")
    expect(field(page, "section3.commitments[0].date")).to_have_value("2026-02-03")
    page.get_by_role("button", name="Back").click()
    expect(field(page, "section1.name")).to_have_value("The Okafors")


def test_another_device_resumes_from_the_account_and_the_newer_copy_wins(
    chromium, signed_in, live_server, user
):
    laptop = open_wizard(signed_in, live_server)
    field(laptop, "section1.name").fill("The Okafors")
    laptop.get_by_role("button", name=re.compile("^Your children")).click()
    laptop.get_by_role("button", name="Add a child").click()
    field(laptop, "children[0].section2.name").fill("Mia")
    all_saved(laptop)

    phone_context = chromium.new_context(viewport=PHONE)
    try:
        phone = phone_context.new_page()
        sign_in(phone, live_server, user)
        open_wizard(phone, live_server)
        expect(phone.locator(".wizard-notice")).to_contain_text("saved to your account")
        expect(heading(phone)).to_have_text("About Mia")
        expect(field(phone, "children[0].section2.name")).to_have_value("Mia")
        # The phone goes on: Mia's birth date.
        field(phone, "children[0].section2.birthDate").fill("2018-03-02")
        all_saved(phone)
    finally:
        phone_context.close()

    # Back on the laptop, the account's copy is newer than this browser's.
    laptop.reload()
    expect(laptop.locator("#wizard")).to_have_attribute("data-state", "ready")
    expect(laptop.locator(".wizard-notice")).to_contain_text("newer than this device's copy")
    expect(field(laptop, "children[0].section2.birthDate")).to_have_value("2018-03-02")
    expect(field(laptop, "children[0].section2.name")).to_have_value("Mia")


def test_the_servers_messages_are_shown_next_to_their_fields_on_their_step(
    signed_in, live_server, user, before_the_demo_week, reused_solves
):
    page = open_wizard(signed_in, live_server)
    fill_family(page)
    # Mia's day ends before it starts; the second child has no name.
    add_child(
        page,
        0,
        "Mia",
        "2018-03-02",
        [{"name": "Mathematics", "minutes": 30}],
        hours=("09:00", "08:00"),
    )
    add_child(page, 1, "Leo", "2014-07-09", [{"name": "Science", "minutes": 45}])
    page.get_by_role(
        "button", name="Add another child"
    ).click()  # a third child left without a name
    field(page, "children[2].section2.birthDate").fill("2016-01-20")
    next_step(page)
    next_step(page)
    field(page, "children[2].section4.subjects[0].name").fill("Art")
    page.get_by_role("navigation", name="Questionnaire steps").get_by_role(
        "button", name=re.compile("^Check and save")
    ).click()
    all_saved(page)
    page.get_by_role("button", name="Save and plan our week").click()

    summary = page.locator(".wizard-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("answers need a change")
    expect(summary).to_contain_text("Mia: Learning day · End time: Must be after the start time.")
    expect(summary).to_contain_text("About Child 3 · Name: This field may not be blank.")
    # The wizard is on the first step with an error, the message under the field.
    expect(heading(page)).to_have_text("Mia: learning day")
    end = field(page, "children[0].section6.endTime")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_be_focused()
    error_id = end.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text("Must be after the start time.")
    screenshot(page, "wizard-errors")
    assert_accessible(page)
    assert not Child.objects.filter(family__owner=user).exists()  # nothing half saved

    # The summary's link goes to the other step and its control.
    summary.get_by_role("link", name=re.compile("Child 3")).click()
    expect(heading(page)).to_have_text("About Child 3")
    name = field(page, "children[2].section2.name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_be_focused()
    # Typing clears that field's message.
    name.fill("Zoe")
    expect(name).not_to_have_attribute("aria-invalid", "true")

    page.get_by_role("navigation", name="Questionnaire steps").get_by_role(
        "button", name=re.compile("^Learning day")
    ).first.click()
    expect(heading(page)).to_have_text("Mia: learning day")
    field(page, "children[0].section6.endTime").fill("12:00")
    page.get_by_role("navigation", name="Questionnaire steps").get_by_role(
        "button", name=re.compile("^Check and save")
    ).click()
    all_saved(page)
    page.get_by_role("button", name="Save and plan our week").click()
    page.wait_for_url(live_server.url + "/week/", timeout=60_000)
    assert Child.objects.live().filter(family__owner=user).count() == 3


def test_every_step_is_accessible_at_desktop_and_phone_width(
    chromium, live_server, user, demo_family
):
    """The demo family changing its answers: every step has content (two children)."""
    for viewport in (DESKTOP, PHONE):
        context = chromium.new_context(viewport=viewport)
        try:
            page = context.new_page()
            sign_in(page, live_server, user)
            open_wizard(page, live_server, "?edit=1")
            number = 1
            while True:
                assert_accessible(page)
                if number in (1, 4, 8):
                    screenshot(page, f"wizard-step-{number}")
                if heading(page).inner_text() == "Check and save":
                    break
                next_step(page)
                number += 1
            assert number == 14
            if viewport is PHONE:
                page.locator(".wizard-steps summary").click()  # the folded list of steps
                expect(page.get_by_role("navigation", name="Questionnaire steps")).to_be_visible()
                assert_accessible(page)
                screenshot(page, "wizard-steps-open")
            # Passing steps changes nothing: saved answers are not saved again.
            expect(page.locator(".save-state")).to_have_text("Your answers are saved as you go")
        finally:
            context.close()


def test_a_new_parents_empty_states_are_accessible(signed_in, live_server):
    """No children yet, and a review with steps not done: designed, never blank."""
    page = open_wizard(signed_in, live_server)
    steps = page.get_by_role("navigation", name="Questionnaire steps")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        show_steps(page)
        steps.get_by_role("button", name=re.compile("^Your children")).click()
        expect(page.locator(".empty-state")).to_contain_text("No children yet")
        assert_accessible(page)
        screenshot(page, "wizard-no-children")
        show_steps(page)
        steps.get_by_role("button", name=re.compile("^Check and save")).click()
        expect(page.locator(".notice")).to_contain_text("Some steps are not complete yet")
        assert_accessible(page)


def test_a_family_that_answered_is_told_so_and_may_change_its_answers(
    family_page, live_server, user, demo_family
):
    page = family_page
    page.goto(live_server.url + "/onboarding/")
    expect(page.get_by_role("heading", name="Your family is set up")).to_be_visible()
    expect(page.get_by_role("link", name="See this week's plan")).to_have_attribute(
        "href", "/week/"
    )
    expect(page.get_by_role("link", name="Settings").last).to_have_attribute("href", "/settings/")
    assert_accessible(page)
    screenshot(page, "onboarding-done")

    page.get_by_role("link", name=re.compile("whole questionnaire again")).click()
    expect(page.locator("#wizard")).to_have_attribute("data-state", "ready")
    steps = page.get_by_role("navigation", name="Questionnaire steps")
    expect(steps).to_contain_text("Noah")
    expect(steps).to_contain_text("Ava")
    expect(field(page, "section1.name")).to_have_value("Sarah Kim")
    noah = [c.name for c in demo_family.children.live().order_by("position")].index("Noah")
    steps.get_by_role("button", name=re.compile("^Subjects")).nth(noah).click()
    field(page, f"children[{noah}].section4.subjects[0].sessionDuration").fill("35")
    steps.get_by_role("button", name=re.compile("^Check and save")).click()
    all_saved(page)
    page.get_by_role("button", name="Save changes and plan the week").click()
    page.wait_for_url(live_server.url + "/week/*", timeout=60_000)

    children = Child.objects.live().filter(family__owner=user)
    assert sorted(c.name for c in children) == ["Ava", "Noah"]  # updated in place, none added
    maths = Subject.objects.live().get(child__name="Noah", name="Mathematics")
    assert maths.session_duration == 35


def test_removing_a_child_forgets_its_drafts_here_and_in_the_account(signed_in, live_server, user):
    from brightpath.families.selectors import questionnaire_state

    page = open_wizard(signed_in, live_server)
    page.get_by_role("button", name=re.compile("^Your children")).click()
    page.get_by_role("button", name="Add a child").click()
    field(page, "children[0].section2.name").fill("Mia")
    page.get_by_role("button", name=re.compile("^Your children")).click()
    page.get_by_role("button", name="Add another child").click()
    field(page, "children[1].section2.name").fill("Leo")
    all_saved(page)
    mia_key = questionnaire_state(user=user)["childrenProgress"][0]["childId"]
    assert any(mia_key in key for key in local_storage(page))

    page.get_by_role("button", name=re.compile("^Your children")).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Mia").click()
    expect(page.locator(".child-card")).to_have_count(1)
    expect(page.locator(".child-card")).to_contain_text("Leo")
    all_saved(page)
    assert not any(mia_key in key for key in local_storage(page))
    state = questionnaire_state(user=user)
    assert [entry["name"] for entry in state["childrenProgress"]] == ["Leo"]
    assert mia_key not in state["drafts"]["children"]


def test_without_a_connection_answers_stay_on_this_device_and_go_up_later(
    signed_in, live_server, user
):
    from brightpath.families.selectors import questionnaire_state

    page = open_wizard(signed_in, live_server)
    page.route("**/api/questionnaire/drafts/**", lambda route: route.abort())
    field(page, "section1.name").fill("The Okafors")
    expect(page.locator(".save-state")).to_contain_text("Saved on this device only")
    stored = json.loads(local_storage(page)[f"questionnaire_draft_{user.pk}_section1"])
    assert stored["name"] == "The Okafors"
    assert "section1" not in questionnaire_state(user=user)["drafts"]

    page.unroute("**/api/questionnaire/drafts/**")
    next_step(page)  # moving on tries again
    all_saved(page)
    assert questionnaire_state(user=user)["drafts"]["section1"]["name"] == "The Okafors"
