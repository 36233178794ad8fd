"""The week as a calendar the parent changes by hand (web/static/web/calendar.js),
in a real browser: drag and drop with the mouse, resize, the clash dialog, skip,
add, delete, undo, the keyboard's way through the item's dialog, a stale version,
replanning, the phone's day view; and axe-core at desktop and phone width."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from brightpath.planner.models import ActivityLog, Schedule, ScheduleItem
from brightpath.planner.services import items as item_services

from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot


# The browser tests' marks (the live server reads the database from another thread);
# the page's server side is tested with Django's client at the end of this module.
def in_browser(test):
    return pytest.mark.browser(pytest.mark.django_db(transaction=True)(test))


WEEK_URL = "/week/?week=2026-01-05"
MONDAY = DEMO_MONDAY.isoformat()
TALL = {"width": 1280, "height": 1300}
ITEMS = "#calendar .fc-event[data-item-id]"  # the items, not the parent's commitments behind


def _item(family, child: str, name: str, day: dt.date = DEMO_MONDAY) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__family=family,
        schedule__child__name=child,
        schedule__is_active=True,
        name=name,
        day_date=day,
    )


@pytest.fixture
def family_page(family_page):
    """The signed-in tab; at the end, the test waits for the page's last requests:
    a live server still writing when the test database is flushed makes SQLite fail."""
    import time

    in_flight = set()
    family_page.on("request", lambda request: in_flight.add(request))
    family_page.on("requestfinished", lambda request: in_flight.discard(request))
    family_page.on("requestfailed", lambda request: in_flight.discard(request))
    family_page.on(
        "response",
        lambda r: print(r.request.method, r.url, r.status, r.request.post_data or ""),
    )
    yield family_page
    print("toast:", family_page.locator("#week-toast").inner_text())
    print("dialog:", family_page.locator("#conflict-dialog").inner_text())
    deadline = time.monotonic() + 10
    while in_flight and time.monotonic() < deadline:
        family_page.wait_for_timeout(100)


def _session(family, child: str, name: str) -> ScheduleItem:
    """The child's session of a subject planned once a week (its day is the solver's choice)."""
    return ScheduleItem.objects.get(
        schedule__family=family, schedule__child__name=child, schedule__is_active=True, name=name
    )


def _free_slot(item: ScheduleItem, days: list[dt.date]) -> tuple[dt.date, dt.time]:
    """A place (on the 5-minute grid) where `item` breaks no rule, found as a move checks
    it (the solver's plan for the demo week may differ from run to run)."""
    from brightpath.planner.selectors.checks import week_state
    from brightpath.planner.services.placement import conflicts

    state = week_state(
        family=item.schedule.family,
        week_start=item.schedule.week_start_date,
        leave_out=str(item.pk),
    )
    now = item.start_time.hour * 60 + item.start_time.minute
    for day in days:
        for start in range(8 * 60, 14 * 60, 5):
            if day == item.day_date and abs(start - now) < 60:
                continue  # a move the eye (and the test) can tell from staying put
            end = start + item.minutes
            child_id = str(item.schedule.child_id)
            if not conflicts(state, item, child_id=child_id, day=day, start=start, end=end):
                return day, dt.time(start // 60, start % 60)
    pytest.fail(f"no free slot for {item.name}")


def _movable_to_another_day(family) -> tuple[ScheduleItem, dt.date, dt.time]:
    """A session with a free place on another school day (which, depends on the plan)."""
    days = [DEMO_MONDAY + dt.timedelta(days=n) for n in range(5)]
    sessions = ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, item_type="subject"
    ).order_by("day_date", "start_time")
    for session in sessions:
        try:
            day, start = _free_slot(session, [d for d in days if d != session.day_date])
        except pytest.fail.Exception:
            continue
        return session, day, start
    pytest.fail("no session can move to another day")


def _later(time: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(DEMO_MONDAY, time) + dt.timedelta(minutes=minutes)).time()


def _open(page, live_server, url: str = WEEK_URL):
    if page.viewport_size["width"] > PHONE["width"]:
        page.set_viewport_size(TALL)  # the whole day in view: the mouse drags within the window
    page.goto(live_server.url + url)
    page.locator(ITEMS).first.wait_for()
    return page


def _event(page, item: ScheduleItem):
    return page.locator(f'#calendar .fc-event[data-item-id="{item.pk}"]')


def _slot_y(page, time: str) -> float:
    """Where `time` ("14:05") is on the time grid, in page pixels."""
    hours, minutes = map(int, time.split(":"))
    lane = f"{hours:02d}:{minutes - minutes % 30:02d}:00"
    box = page.locator(f'#calendar td.fc-timegrid-slot-lane[data-time="{lane}"]').bounding_box()
    return box["y"] + box["height"] * (minutes % 30) / 30


def _column_x(page, day: str) -> float:
    box = page.locator(f'#calendar td.fc-timegrid-col[data-date="{day}"]').bounding_box()
    return box["x"] + box["width"] / 2


def _minutes(time: str) -> int:
    hours, minutes = map(int, time.split(":"))
    return hours * 60 + minutes


def _steer(page, x: float, y: float, *, want: str, end: bool) -> None:
    """Move the pointer (button down) near `y` until FullCalendar's mirror of the item
    shows `want` as its start (or end), then let go: its snapping is the judge."""
    per_minute = (_slot_y(page, "12:00") - _slot_y(page, "11:00")) / 60
    mirror = page.locator("#calendar .fc-event-mirror .item-time").first
    for _ in range(3):  # aim by the minutes it is off...
        page.mouse.move(x, y, steps=4)
        shown = mirror.inner_text().split("–")[1 if end else 0]
        if shown == want:
            page.mouse.up()
            return
        y += (_minutes(want) - _minutes(shown)) * per_minute
    for nudge in range(-12, 13):  # ...then pixel by pixel around there
        page.mouse.move(x, y + nudge)
        if mirror.inner_text().split("–")[1 if end else 0] == want:
            break
    page.mouse.up()


def _box(event) -> dict:
    """Where the item is on the page. The calendar may be drawing its events again
    (a live update's refresh), so an element can be between two renders: wait."""
    from playwright.sync_api import Error

    for _ in range(50):
        try:
            event.scroll_into_view_if_needed()
            box = event.bounding_box()
        except Error:  # detached by a re-render between the two calls
            box = None
        if box:
            return box
        event.page.wait_for_timeout(100)
    raise AssertionError(f"{event} is not on the page")


def _drag(page, event, *, day: str, time: str) -> None:
    """Drag the item with the mouse and drop it so that it starts at `day` `time`."""
    box = _box(event)
    start = event.locator(".item-time").inner_text().split("–")[0]
    grab_x, grab_y = box["x"] + box["width"] / 2, box["y"] + 6
    page.mouse.move(grab_x, grab_y)
    page.mouse.down()
    page.mouse.move(grab_x + 5, grab_y + 5, steps=3)  # past FullCalendar's drag threshold
    y = _slot_y(page, time) + grab_y - _slot_y(page, start)
    _steer(page, _column_x(page, day), y, want=time, end=False)


def _resize(page, event, *, end: dt.time, to: dt.time) -> None:
    """Drag the bottom edge of the item (ending at `end`) so that it ends at `to`."""
    event.scroll_into_view_if_needed()
    event.hover()
    handle = event.locator(".fc-event-resizer-end").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 6, steps=3)
    target = y + _slot_y(page, f"{to:%H:%M}") - _slot_y(page, f"{end:%H:%M}")
    _steer(page, x, target, want=f"{to:%H:%M}", end=True)


def _toast(page):
    toast = page.locator("#week-toast")
    toast.wait_for()
    return toast


def _wait_until(check, timeout: float = 20) -> None:
    """Poll the database (the browser's request commits in the live server's thread).
    The tests wait for the page to confirm a change first: SQLite's shared in-memory
    database fails a write while another thread reads the same table."""
    import time

    from django.db import OperationalError

    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except OperationalError:  # SQLite: the live server is writing that table right now
            pass
        assert time.monotonic() < deadline, "the change never reached the database"
        time.sleep(0.1)


# --- the calendar ------------------------------------------------------------------


@in_browser
def test_the_calendar_shows_every_childs_items_in_its_colour(family_page, live_server, demo_family):
    page = _open(family_page, live_server)
    active = ScheduleItem.objects.filter(schedule__family=demo_family, schedule__is_active=True)
    assert page.locator(ITEMS).count() == active.count()
    page.get_by_text("You: Work Meeting").first.wait_for()  # the parent's own commitment
    noah_math = _item(demo_family, "Noah", "Mathematics")
    ava_math = _item(demo_family, "Ava", "Mathematics")
    # each child's colour, and the child's name written on the item (never colour alone)
    noah_colour = _event(page, noah_math).evaluate("e => getComputedStyle(e).backgroundColor")
    ava_colour = _event(page, ava_math).evaluate("e => getComputedStyle(e).backgroundColor")
    assert noah_colour != ava_colour
    assert "Noah" in _event(page, noah_math).inner_text()
    assert re.search(
        r"Noah: Mathematics, Monday 5 January, \d\d:\d\d to \d\d:\d\d",
        _event(page, noah_math).get_attribute("aria-label"),
    )
    page.locator(".legend li", has_text="Noah").wait_for()
    page.locator(".legend li", has_text="Ava").wait_for()
    screenshot(page, "week-calendar")

    # the filter: only Noah's items
    page.get_by_label("Ava", exact=True).uncheck()
    noah_count = active.filter(schedule__child__name="Noah").count()
    page.wait_for_function(f"document.querySelectorAll('{ITEMS}').length === {noah_count}")
    assert _event(page, ava_math).count() == 0

    # one child's own view of the week
    noah = demo_family.children.get(name="Noah")
    page = _open(page, live_server, f"{WEEK_URL}&child={noah.pk}")
    assert page.locator("h1").inner_text().startswith("Noah: week of")
    assert page.locator(ITEMS).count() == noah_count
    assert page.get_by_role("link", name="All children").is_visible()


@in_browser
def test_a_week_that_cannot_be_loaded_says_so_and_tries_again(family_page, live_server):
    page = family_page
    page.route("**/api/family/week/**", lambda route: route.fulfill(status=503, body="down"))
    page.goto(live_server.url + WEEK_URL)
    state = page.locator(".calendar-state")
    state.get_by_text("The week could not be loaded: The server answered 503.").wait_for()
    page.unroute("**/api/family/week/**")
    state.get_by_role("button", name="Try again").click()
    page.locator(ITEMS).first.wait_for()
    assert not state.is_visible()


@in_browser
def test_dragging_an_item_to_a_free_slot_saves_it_and_undo_puts_it_back(
    family_page, live_server, demo_family
):
    math = _item(demo_family, "Noah", "Mathematics")
    before = (math.start_time, math.end_time)
    _, free = _free_slot(math, [DEMO_MONDAY])
    page = _open(family_page, live_server)
    _drag(page, _event(page, math), day=MONDAY, time=f"{free:%H:%M}")

    slot = f"{free:%H:%M}–{_later(free, 30):%H:%M}"
    toast = _toast(page)
    toast.get_by_text(f"Moved Mathematics (Noah) to Monday 5 January {slot}").wait_for()
    _wait_until(lambda: _item(demo_family, "Noah", "Mathematics").start_time == free)
    moved = _item(demo_family, "Noah", "Mathematics")
    assert (moved.end_time, moved.pinned) == (_later(free, 30), True)
    assert slot in _event(page, moved).inner_text()
    screenshot(page, "week-moved")

    toast.get_by_role("button", name="Undo").click()
    toast.get_by_text("Undone.").wait_for()
    _wait_until(lambda: _item(demo_family, "Noah", "Mathematics").start_time == before[0])
    assert _item(demo_family, "Noah", "Mathematics").end_time == before[1]


@in_browser
def test_a_drop_into_a_clash_asks_and_cancel_puts_it_back_keep_anyway_saves_it(
    family_page, live_server, demo_family
):
    math = _item(demo_family, "Noah", "Mathematics")
    start = math.start_time
    page = _open(family_page, live_server)
    _drag(page, _event(page, math), day=MONDAY, time="16:00")  # Soccer Practice

    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    assert "Soccer Practice" in dialog.inner_text()
    assert_accessible(page)
    screenshot(page, "week-clash")
    dialog.get_by_role("button", name="Cancel").click()
    assert not dialog.is_visible()
    page.wait_for_function(
        f"""document.querySelector('[data-item-id="{math.pk}"]').textContent
            .includes('{start:%H:%M}')"""
    )
    assert _item(demo_family, "Noah", "Mathematics").start_time == start  # nothing saved

    _drag(page, _event(page, math), day=MONDAY, time="16:00")
    dialog.get_by_role("button", name="Keep anyway").click()
    _toast(page).get_by_text("Moved Mathematics (Noah) to Monday 5 January 16:00–16:30").wait_for()
    _wait_until(lambda: _item(demo_family, "Noah", "Mathematics").start_time == dt.time(16, 0))
    log = ActivityLog.objects.filter(schedule_item__name="Mathematics", action="rescheduled")
    assert log.get().actual["forced"] is True


@in_browser
def test_resizing_an_item_changes_its_end(family_page, live_server, demo_family, user):
    ava = demo_family.children.get(name="Ava")
    project = item_services.activity_add(
        user=user,
        child_id=ava.pk,
        activity=item_services.Activity(
            name="Volcano project", day=DEMO_MONDAY, start=dt.time(17, 30), end=dt.time(18, 0)
        ),
    )
    page = _open(family_page, live_server)
    _resize(page, _event(page, project), end=dt.time(18, 0), to=dt.time(18, 30))
    _toast(page).get_by_text(
        "Changed Volcano project (Ava) to Monday 5 January 17:30–18:30"
    ).wait_for()
    resized = ScheduleItem.objects.get(pk=project.pk)
    assert (resized.start_time, resized.end_time) == (dt.time(17, 30), dt.time(18, 30))


@in_browser
def test_resizing_a_session_past_its_length_asks_first(family_page, live_server, demo_family):
    art = _session(demo_family, "Ava", "Art")  # 60 minutes, once a week
    shorter = _later(art.end_time, -10)
    page = _open(family_page, live_server)
    _resize(page, _event(page, art), end=art.end_time, to=shorter)
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("lasts 50 minutes, not 60").wait_for()
    dialog.get_by_role("button", name="Keep anyway").click()
    _toast(page).get_by_text(
        f"Changed Art (Ava) to {art.day_date:%A} {art.day_date.day}"
    ).wait_for()
    _wait_until(lambda: ScheduleItem.objects.get(pk=art.pk).end_time == shorter)


@in_browser
def test_skip_and_unskip_through_the_items_dialog(family_page, live_server, demo_family):
    reading = _item(demo_family, "Ava", "Reading")
    page = _open(family_page, live_server)
    _event(page, reading).click()
    dialog = page.get_by_role("dialog", name="Reading")
    dialog.wait_for()
    assert "Ava · Monday 5 January" in dialog.inner_text()
    assert_accessible(page)
    screenshot(page, "week-item-dialog")
    dialog.get_by_role("button", name="Skip this time").click()
    _toast(page).get_by_text("Skipped Reading (Ava) on Monday 5 January.").wait_for()
    page.wait_for_selector(f'.fc-event.is-skipped[data-item-id="{reading.pk}"]')
    _wait_until(lambda: ScheduleItem.objects.get(pk=reading.pk).skipped)

    _event(page, reading).click()
    dialog.get_by_role("button", name="Put it back (unskip)").click()
    _toast(page).get_by_text("Put back Reading (Ava) on Monday 5 January.").wait_for()
    page.wait_for_selector(f'.fc-event:not(.is-skipped)[data-item-id="{reading.pk}"]')
    _wait_until(lambda: not ScheduleItem.objects.get(pk=reading.pk).skipped)

    # undo of an unskip skips it again
    _toast(page).get_by_role("button", name="Undo").click()
    _toast(page).get_by_text("Undone.").wait_for()
    _wait_until(lambda: ScheduleItem.objects.get(pk=reading.pk).skipped)


@in_browser
def test_adding_an_activity_then_undo_and_delete(family_page, live_server, demo_family):
    noah = demo_family.children.get(name="Noah")
    page = _open(family_page, live_server)
    page.get_by_role("button", name="Add an activity").click()
    dialog = page.get_by_role("dialog", name="Add an activity")
    dialog.get_by_label("For").select_option(label="Noah")
    dialog.get_by_label("Day").select_option(label="Friday 9 January")
    dialog.get_by_label("Starts").fill("17:30")
    dialog.get_by_label("Ends").fill("17:00")
    dialog.get_by_role("button", name="Add it").click()
    assert dialog.locator(".field-error").all_inner_texts() == [
        "Say what it is.",
        "It must end after it starts.",
    ]
    assert page.evaluate("document.activeElement.name") == "name"  # the first error has focus

    dialog.get_by_label("What").fill("Library visit")
    dialog.get_by_label("Ends").fill("18:30")
    dialog.get_by_role("button", name="Add it").click()
    added_text = "Added Library visit (Noah) on Friday 9 January 17:30–18:30."
    _toast(page).get_by_text(added_text).wait_for()
    _wait_until(lambda: ScheduleItem.objects.filter(name="Library visit").exists())
    added = ScheduleItem.objects.get(name="Library visit")
    assert (added.schedule.child, added.day_date, added.item_type) == (
        noah,
        DEMO_MONDAY + dt.timedelta(days=4),
        "activity",
    )
    _event(page, added).wait_for()
    assert "added by you" in _event(page, added).inner_text()

    _toast(page).get_by_role("button", name="Undo").click()  # undo: the added one goes
    _toast(page).get_by_text("Undone: Library visit is no longer on the week.").wait_for()
    _wait_until(lambda: not ScheduleItem.objects.filter(name="Library visit").exists())
    expect(_event(page, added)).to_have_count(0)

    # added again, then deleted from its dialog, then brought back by Undo
    page.get_by_role("button", name="Add an activity").click()
    dialog.get_by_label("What").fill("Library visit")
    dialog.get_by_label("Day").select_option(label="Friday 9 January")
    dialog.get_by_label("Starts").fill("17:30")
    dialog.get_by_label("Ends").fill("18:30")
    dialog.get_by_role("button", name="Add it").click()
    _toast(page).get_by_text(added_text).wait_for()
    _wait_until(lambda: ScheduleItem.objects.filter(name="Library visit").exists())
    added = ScheduleItem.objects.get(name="Library visit")
    _event(page, added).click()
    page.get_by_role("dialog", name="Library visit").get_by_role(
        "button", name="Delete this activity"
    ).click()
    _toast(page).get_by_text("Deleted Library visit (Noah).").wait_for()
    _wait_until(lambda: not ScheduleItem.objects.filter(name="Library visit").exists())
    _toast(page).get_by_role("button", name="Undo").click()
    _toast(page).get_by_text("Undone.").wait_for()
    _wait_until(lambda: ScheduleItem.objects.filter(name="Library visit").exists())


@in_browser
def test_the_keyboard_moves_an_item_through_its_dialog(family_page, live_server, demo_family):
    session, day, start = _movable_to_another_day(demo_family)
    page = _open(family_page, live_server)
    _event(page, session).focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=session.name)
    dialog.wait_for()
    dialog.get_by_label("Day").select_option(label=f"{day:%A} {day.day} {day:%B}")
    dialog.get_by_label("Starts").fill(f"{start:%H:%M}")
    dialog.get_by_label("Starts").dispatch_event("change")
    end = _later(start, session.minutes)
    assert dialog.get_by_label("Ends").input_value() == f"{end:%H:%M}"  # the length is kept
    dialog.get_by_label("Starts").press("Enter")  # submits the form
    _toast(page).get_by_text(f"Moved {session.name}").wait_for()
    _wait_until(lambda: ScheduleItem.objects.get(pk=session.pk).day_date == day)
    moved = ScheduleItem.objects.get(pk=session.pk)
    assert (moved.start_time, moved.end_time) == (start, end)
    assert not dialog.is_visible()
    # focus is back on the item, in its new place
    page.wait_for_function(f"document.activeElement.dataset.itemId === '{session.pk}'")


@in_browser
def test_a_stale_version_says_so_and_shows_the_item_as_it_is(
    family_page, live_server, demo_family, user, settings
):
    # The page must not hear of the other device's change before it writes: no
    # live channel (with Redis the event could refresh the item first), no polling.
    settings.REDIS_URL = ""
    settings.LIVE_UPDATES_POLL_SECONDS = 600
    math = _item(demo_family, "Noah", "Mathematics")
    page = _open(family_page, live_server)
    # another device moves it first (the page has not heard yet)
    item_services.item_move(
        user=user,
        item_id=math.pk,
        version=math.version,
        day=DEMO_MONDAY,
        start=dt.time(13, 0),
        force=True,
    )
    _event(page, math).click()
    dialog = page.get_by_role("dialog", name="Mathematics")
    dialog.get_by_label("Starts").fill("13:30")
    dialog.get_by_label("Ends").fill("14:00")
    dialog.get_by_role("button", name="Save the new time").click()
    toast = _toast(page)
    toast.get_by_text(
        "was changed on another device or tab, so your change was not saved"
    ).wait_for()
    assert ScheduleItem.objects.get(pk=math.pk).start_time == dt.time(13, 0)  # theirs is kept
    assert dialog.get_by_label("Starts").input_value() == "13:00"  # shown as it is now
    assert "Nothing was saved" in dialog.inner_text()


@in_browser
def test_replanning_says_what_is_kept_then_replans(family_page, live_server, demo_family, user):
    math = _item(demo_family, "Noah", "Mathematics")
    _, free = _free_slot(math, [DEMO_MONDAY])
    item_services.item_move(
        user=user, item_id=math.pk, version=math.version, day=DEMO_MONDAY, start=free
    )
    page = _open(family_page, live_server)
    page.get_by_role("button", name="Replan this week…").click()
    dialog = page.get_by_role("dialog", name="Replan this week?")
    dialog.get_by_text("1 session you moved or fixed by hand").wait_for()
    text = dialog.inner_text()
    assert "0 sessions already done" in text and "0 activities you added" in text
    assert "everything before now (today is Sunday 4 January)" in text
    assert "May change:" in text
    assert_accessible(page)
    screenshot(page, "week-replan")

    before = Schedule.objects.get(family=demo_family, child__name="Noah", is_active=True)
    dialog.get_by_role("button", name="Replan the week").click()
    _toast(page).get_by_text("The week is replanned.").wait_for()
    noah = Schedule.objects.get(family=demo_family, child__name="Noah", is_active=True)
    assert noah.version == before.version + 1
    kept = _item(demo_family, "Noah", "Mathematics")
    assert (kept.start_time, kept.pinned) == (free, True)  # moved by hand: kept
    _event(page, kept).wait_for()  # the calendar shows the new version's items


@in_browser
def test_a_replanning_on_a_worker_shows_progress_until_its_task_is_done(
    family_page, live_server, demo_family
):
    """With a broker, POST /api/schedules/generate/ answers 202 and a task id: the
    dialog polls /api/tasks/<id>/ and shows progress until the task succeeds."""
    import json

    polls = []

    def accepted(route):
        body = {"taskId": "t-1", "statusUrl": "/api/tasks/t-1/"}
        route.fulfill(status=202, content_type="application/json", body=json.dumps(body))

    def task(route):
        polls.append(1)
        state = "SUCCESS" if len(polls) >= 2 else "STARTED"
        body = {"taskId": "t-1", "state": state, "result": None}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page = _open(family_page, live_server)
    page.route("**/api/schedules/generate/", accepted)
    page.route("**/api/tasks/t-1/", task)
    page.get_by_role("button", name="Replan this week…").click()
    dialog = page.get_by_role("dialog", name="Replan this week?")
    dialog.get_by_role("button", name="Replan the week").click()
    dialog.get_by_text("Planning the week").wait_for()
    assert dialog.get_by_role("button", name="Replan the week").is_disabled()
    _toast(page).get_by_text("The week is replanned.").wait_for()
    assert len(polls) == 2


@in_browser
def test_a_week_not_planned_yet_is_planned_on_request(family_page, live_server, demo_family):
    far = "/week/?week=2026-04-06"  # beyond the weeks planned on first look
    page = family_page
    page.goto(live_server.url + far)
    page.get_by_text("This week is not planned").wait_for()
    page.get_by_role("button", name="Plan this week").click()
    page.get_by_role("dialog", name="Plan this week?").get_by_role(
        "button", name="Plan the week"
    ).click()
    page.locator(ITEMS).first.wait_for(timeout=30_000)  # reloaded, planned
    assert (
        Schedule.objects.filter(
            family=demo_family, week_start_date=dt.date(2026, 4, 6), is_active=True
        ).count()
        == 2
    )


@in_browser
def test_the_phone_shows_a_day_at_a_time_and_the_list(family_page, live_server, demo_family):
    family_page.set_viewport_size(PHONE)
    page = _open(family_page, live_server)
    assert (
        page.get_by_role("button", name="Day", exact=True).get_attribute("aria-pressed") == "true"
    )
    assert page.locator("#calendar .fc-toolbar-title").inner_text() == "Monday 5 January"
    page.get_by_role("button", name="Next day").click()  # FullCalendar's hint for "next"
    assert page.locator("#calendar .fc-toolbar-title").inner_text() == "Tuesday 6 January"
    screenshot(page, "week-day")

    page.get_by_role("button", name="List", exact=True).click()
    assert not page.locator("#calendar").is_visible()
    assert page.locator("#week-plan .child-week").first.is_visible()
    math = _item(demo_family, "Noah", "Mathematics")
    page.locator(f'li[data-item-id="{math.pk}"]').get_by_role("button").click()
    page.get_by_role("dialog", name="Mathematics").wait_for()
    screenshot(page, "week-list-dialog")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@in_browser
def test_the_week_page_is_accessible(family_page, live_server, viewport):
    if viewport:
        family_page.set_viewport_size(viewport)
    page = _open(family_page, live_server)
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.get_by_role("button", name="List", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Add an activity").click()
    assert_accessible(page)
    screenshot(page, "week-add")


# --- the page's server side (Django's client) -----------------------------------------


@pytest.fixture
def kim(client, user, before_the_demo_week, reused_solves):
    """The demo family, its week planned, its parent signed in to `client`."""
    import json

    from brightpath.onboarding.demo import DEMO_FAMILY_FILE
    from brightpath.onboarding.services import questionnaire_submit
    from brightpath.planner.tests.stored_weeks import generate_reusing_solve

    family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    client.force_login(user)
    return family


def _calendar_config(html: str) -> dict:
    import json

    found = re.search(r'<script id="calendar-config" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_the_page_gives_the_calendar_its_week_and_each_child_a_colour(client, kim):
    html = client.get(WEEK_URL).content.decode()
    config = _calendar_config(html)
    assert config["week"] == MONDAY
    assert config["today"] == "2026-01-04" and config["now"] == "2026-01-04T20:00:00"
    assert config["days"] == [f"2026-01-0{d}" for d in range(5, 10)]  # the school days
    assert config["weekUrl"] == "/api/family/week/"
    assert config["childId"] is None
    names = [c["name"] for c in config["children"]]
    colours = {c["colour"] for c in config["children"]}
    assert names == ["Noah", "Ava"] and len(colours) == 2
    assert "web/calendar.js" in html and "vendor/fullcalendar-6.1.22/index.global.min.js" in html
    # without JavaScript the lists stay: every item, with its id for the calendar's dialog
    reading = _item(kim, "Noah", "Reading")
    assert f'data-item-id="{reading.pk}"><span class="time">09:00–09:45</span> Reading' in html


@pytest.mark.django_db
def test_one_childs_week(client, kim):
    noah = kim.children.get(name="Noah")
    html = client.get(f"{WEEK_URL}&child={noah.pk}").content.decode()
    assert "Noah: week of Monday 5 January 2026" in html
    assert html.count('<section class="child-week"') == 1
    assert _calendar_config(html)["childId"] == str(noah.pk)
    assert f"/children/{noah.pk}/week/print/?week=2026-01-05" in html
    assert f'href="?week=2026-01-12&amp;child={noah.pk}"' in html  # the next week, still Noah's
    assert "Replan Noah's week" in html


@pytest.mark.django_db
def test_a_child_of_another_family_or_no_child_at_all_is_a_404(client, kim, other_user):
    import json

    from brightpath.onboarding.demo import DEMO_FAMILY_FILE
    from brightpath.onboarding.services import questionnaire_submit

    theirs = questionnaire_submit(user=other_user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    stranger = theirs.children.get(name="Noah")
    assert client.get(f"{WEEK_URL}&child={stranger.pk}").status_code == 404
    assert client.get(f"{WEEK_URL}&child=not-a-uuid").status_code == 404


@pytest.mark.django_db
def test_the_week_shows_its_clashes_and_what_could_not_be_placed(client, kim, user):
    math = _item(kim, "Noah", "Mathematics")
    item_services.item_move(  # onto Soccer Practice, kept anyway
        user=user,
        item_id=math.pk,
        version=math.version,
        day=DEMO_MONDAY,
        start=dt.time(16, 0),
        force=True,
    )
    ava = Schedule.objects.get(family=kim, child__name="Ava", is_active=True)
    ava.generation_report = {
        **ava.generation_report,
        "unplaced": [{"subjectName": "Art", "date": None, "reason": "No free hour is left."}],
    }
    ava.save()
    html = client.get(WEEK_URL).content.decode()
    assert re.search(r"\d+ clash(es)? this week", html)  # outside hours, over Soccer Practice
    assert "overlaps the commitment Soccer Practice 16:00-17:00" in html
    assert "Ava: 1 session could not be placed" in html
    assert "<strong>Art</strong>: No free hour is left." in html


@pytest.mark.django_db
def test_the_replan_note_counts_what_is_kept(client, kim, user):
    noah = kim.children.get(name="Noah")
    math = _item(kim, "Noah", "Mathematics")
    item_services.item_complete(user=user, item_id=math.pk, version=math.version)
    reading = _item(kim, "Ava", "Reading")
    item_services.item_skip(user=user, item_id=reading.pk, version=reading.version)
    art = _session(kim, "Ava", "Art")
    item_services.item_move(
        user=user,
        item_id=art.pk,
        version=art.version,
        day=DEMO_MONDAY + dt.timedelta(days=4),
        start=dt.time(10, 40),
        force=True,  # wherever it lands: only "moved by hand" counts here
    )
    item_services.activity_add(
        user=user,
        child_id=noah.pk,
        activity=item_services.Activity(
            name="Library visit", day=DEMO_MONDAY, start=dt.time(17, 30), end=dt.time(18, 30)
        ),
        force=True,
    )
    html = client.get(WEEK_URL).content.decode()
    note = re.sub(
        r"\s+", " ", re.search(r'<div class="replan-note" hidden>(.*?)</div>', html, re.S).group(1)
    )
    assert "1 session already done" in note
    assert "1 session you moved or fixed by hand" in note
    assert "1 activity you added" in note
    assert "1 skipped session still ahead will be planned again" in note

    # Noah's own view counts Noah's week only
    html = client.get(f"{WEEK_URL}&child={noah.pk}").content.decode()
    assert "0 sessions you moved or fixed by hand" in html


def test_what_has_begun_is_kept_as_generation_keeps_it():
    """Begun: starting before the next 5-minute slot after now (generation's rule)."""
    from brightpath.web.views.week import replan_note

    def item(start: str, **state) -> dict:
        return {
            "type": "subject",
            "date": MONDAY,
            "startTime": start,
            "completed": False,
            "pinned": False,
            "skipped": False,
            **state,
        }

    week = {
        "days": [
            {
                "items": [
                    item("09:00"),
                    item("10:03"),
                    item("10:05", skipped=True),
                    item("11:00"),
                    {**item("08:00"), "type": "commitment"},
                ]
            }
        ]
    }
    now = dt.datetime(2026, 1, 5, 10, 1)
    note = replan_note([week], now)
    assert (note["past"], note["free"], note["skipped"], note["kept"]) == (2, 2, 1, 2)


@pytest.mark.django_db
def test_an_unplanned_week_says_so_and_offers_to_plan_it(client, kim):
    far = client.get("/week/?week=2026-04-06").content.decode()  # 13 weeks ahead: not auto-planned
    assert "This week is not planned" in far
    assert "Plan this week" in far
    assert 'id="calendar"' not in far
    past = client.get("/week/?week=2025-12-01").content.decode()
    assert "This week is not planned" in past and "Plan this week" not in past
    assert 'id="replan-dialog"' not in past
