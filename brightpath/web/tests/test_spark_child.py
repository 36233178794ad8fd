"""Spark's child view in Chromium: the PIN screen (right, wrong, locked), the
star map (locked and open stars, by keyboard), a conversation (a choice, free
text, a blocked message, the daily cap), leaving the child's view, and axe-core
on every page at phone, tablet and desktop widths, with screenshots."""

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import PASSWORD
from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.models import Message, Topic
from brightpath.spark.selectors.topics import constellation
from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule
from brightpath.spark.services.children import child_create, child_update
from brightpath.spark.services.consent import spark_consent_grant, spark_consent_revoke
from brightpath.spark.services.conversations import conversation_start, message_send

from .browser import DESKTOP, PHONE, assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
WIDTHS = (PHONE, TABLET, DESKTOP)
PIN = "2468"


# --- state, built through the services --------------------------------------------------


def consent(user) -> None:
    spark_consent_grant(
        user=user, consent_type="coppa", signature=user.name or "A Parent", password=PASSWORD
    )


def birthday(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


# These tests run on the real clock: their children have no bedtime (the same start
# and end), so a run in the evening behaves as one in the afternoon.
NO_BEDTIME = {"bedtime_start": "00:00", "bedtime_end": "00:00"}


def new_child(user, name: str = "Mia", years: int = 7, **fields):
    fields["settings"] = {**NO_BEDTIME, **(fields.get("settings") or {})}
    return child_create(
        parent=user, name=name, birth_date=birthday(years), pin=PIN, avatar_id="owl", **fields
    )


@pytest.fixture
def catalogue(db):
    """The shipped topics and connections, and the sparks from today on."""
    catalogue_load()
    sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=3)


@pytest.fixture
def mia(user, catalogue):
    consent(user)
    return new_child(user)


def enter_child_mode(page, live_server, user, child) -> None:
    """The tab signed in as the parent with the session in `child`'s view (as a
    right PIN leaves it), without typing the PIN."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = str(child.pk)
    session.save()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def kid_page(page, live_server, user, mia):
    enter_child_mode(page, live_server, user, mia)
    return page


def check_everywhere(page, name: str) -> None:
    """axe-core and a screenshot at phone, tablet and desktop widths (the page
    loaded at each, as a device would load it)."""
    for width in WIDTHS:
        page.set_viewport_size(width)
        page.reload()
        page.wait_for_load_state("networkidle")
        assert_accessible(page)
        screenshot(page, f"spark-child-{name}")
    page.set_viewport_size(DESKTOP)


def open_and_unlocked(child):
    """The child's open stars and locked stars (the catalogue has both for every age)."""
    stars = constellation(child=child)
    unlocked = [s for s in stars if not s.locked]
    locked = [s for s in stars if s.locked]
    assert unlocked and locked, "the catalogue has roots and locked stars for this age"
    return unlocked, locked


def press_until_focused(page, selector: str, limit: int = 80) -> None:
    """Tab through the page until an element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"never reached {selector} with Tab")


def start_talk(page, live_server, topic_name: str) -> None:
    """From the stars page, open a star's card in the list and explore it."""
    page.goto(f"{live_server.url}/spark/kids/")
    page.get_by_role("button", name="List", exact=True).click()
    page.get_by_role("button", name=f"Let's explore {topic_name}!").click()
    page.wait_for_url(re.compile(r"/spark/kids/talk/[0-9a-f-]+/$"))


# --- the PIN screen ---------------------------------------------------------------------


def test_the_pin_screen_lets_the_right_pin_in(signed_in, live_server, user, mia):
    page = signed_in
    page.goto(f"{live_server.url}/spark/kids/enter/{mia.pk}/")
    expect(page.get_by_role("heading", name="Hi, Mia!")).to_be_visible()
    check_everywhere(page, "pin")
    for key in page.locator(".pin-key").all():
        box = key.bounding_box()
        assert box["width"] >= 64 and box["height"] >= 64

    # A wrong PIN on the pad: said kindly, with the tries left.
    for digit in "1357":
        page.get_by_role("button", name=digit, exact=True).click()
    expect(page.locator("#pin-message")).to_have_text(
        "Oops, that's not it. Try again! You have 4 tries left."
    )
    screenshot(page, "spark-child-pin-wrong")

    # The right one from the keyboard: into Mia's stars.
    page.get_by_label("Type your secret number").focus()
    page.keyboard.type(PIN)
    page.wait_for_url(f"{live_server.url}/spark/kids/")
    expect(page.get_by_role("heading", name=re.compile("^Hi, Mia!"))).to_be_visible()


def test_five_wrong_pins_lock_the_screen_for_a_while(signed_in, live_server, user, mia):
    page = signed_in
    page.goto(f"{live_server.url}/spark/kids/enter/{mia.pk}/")
    message = page.locator("#pin-message")
    field = page.get_by_label("Type your secret number")
    for left in (4, 3, 2, 1):
        field.fill("0000")
        expect(message).to_contain_text(f"You have {left} {'try' if left == 1 else 'tries'} left")
    field.fill("0000")
    expect(message).to_have_text(
        "Time for a little break! Try again in 15 minutes, or ask a grown-up."
    )
    expect(page.get_by_role("button", name="5", exact=True)).to_be_disabled()
    screenshot(page, "spark-child-pin-locked")

    # Coming back still says so, and even the right PIN cannot be typed.
    page.reload()
    expect(message).to_contain_text("Try again in 15 minutes")
    expect(field).to_be_disabled()
    mia.refresh_from_db()
    assert mia.pin_locked_until is not None


# --- the stars ----------------------------------------------------------------------------


def test_the_star_map_by_keyboard(kid_page, live_server, mia):
    page = kid_page
    unlocked, locked = open_and_unlocked(mia)
    page.goto(f"{live_server.url}/spark/kids/")
    expect(page.get_by_role("heading", name="Today's Brain Spark")).to_be_visible()
    expect(page.get_by_role("button", name="Let's think!")).to_be_visible()
    check_everywhere(page, "stars")
    page.get_by_role("button", name="List", exact=True).click()
    screenshot(page, "spark-child-stars-list")
    page.get_by_role("button", name="Map", exact=True).click()

    # Each star says what it is: its stars, or what opens it.
    open_star = unlocked[0]
    expect(
        page.locator(".constellation").get_by_role(
            "button", name=f"{open_star.topic.name}, no stars yet"
        )
    ).to_be_visible()
    locked_star = page.locator(f'a.star[data-slug="{locked[0].topic.slug}"]')
    expect(locked_star).to_have_attribute(
        "aria-label", re.compile(rf"^{re.escape(locked[0].topic.name)}, locked: explore .+ first$")
    )
    expect(locked_star).to_have_class(re.compile(r"\blocked\b"))

    # Tab reaches the stars; arrows move between them; Enter opens a star's card.
    press_until_focused(page, "a.star")
    first = page.evaluate("document.activeElement.dataset.slug")
    page.keyboard.press("ArrowRight")
    moved = page.evaluate("document.activeElement.dataset.slug")
    assert page.evaluate("document.activeElement.matches('a.star')")
    assert moved and moved != first

    # A locked star's card says what to explore first and offers no way in.
    locked_star.focus()
    page.keyboard.press("Enter")
    card = page.get_by_role("dialog")
    expect(card).to_contain_text(locked[0].topic.name)
    expect(card).to_contain_text(re.compile(r"Locked: explore .+ first\."))
    expect(card.get_by_role("button", name=re.compile("^Let's explore"))).to_have_count(0)
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(locked_star).to_be_focused()

    # An open star's card: Enter on "Let's explore" starts the talk.
    star = page.locator(f'a.star[data-slug="{open_star.topic.slug}"]')
    star.focus()
    page.keyboard.press("Enter")
    go = card.get_by_role("button", name=f"Let's explore {open_star.topic.name}!")
    expect(go).to_be_focused()
    screenshot(page, "spark-child-star-card")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/spark/kids/talk/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", name=open_star.topic.name)).to_be_visible()


# Every control a child can press that is under 48px either way, as "name WxH".
SMALL_TARGETS = """() => [...document.querySelectorAll(
      'main button:not([hidden]), main a, .kid-bar a, .kid-bar button')]
  .filter(el => el.offsetParent !== null || el.closest('svg'))
  .map(el => [el.getAttribute('aria-label') || el.textContent.trim(),
              el.getBoundingClientRect()])
  .filter(([, r]) => r.width > 0 && (r.width < 48 || r.height < 48))
  .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


def test_touch_targets_and_type_are_big_on_a_tablet_and_a_phone(kid_page, live_server, mia):
    page = kid_page
    talk = conversation_start(child=mia, topic=open_and_unlocked(mia)[0][0].topic)
    for width in (TABLET, PHONE):
        page.set_viewport_size(width)
        for path in ("/spark/kids/", f"/spark/kids/talk/{talk.pk}/"):
            page.goto(live_server.url + path)
            assert page.evaluate(SMALL_TARGETS) == [], f"{path} at {width['width']}px"
            size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert 18 <= size <= 22


# --- a conversation ----------------------------------------------------------------------


def test_a_conversation_with_a_choice_and_free_text(kid_page, live_server, mia):
    page = kid_page
    unlocked, _ = open_and_unlocked(mia)
    topic = unlocked[0].topic
    start_talk(page, live_server, topic.name)
    check_everywhere(page, "talk")
    page.evaluate("window.stillHere = true")  # a reload would forget it

    guide = page.locator(".msg.guide")
    expect(guide).to_have_count(1)
    choice = page.locator("#choices button").first
    label = choice.inner_text()
    choice.click()
    expect(page.locator(".msg.me").last).to_have_text(re.compile(re.escape(label)))
    expect(guide).to_have_count(2)

    box = page.get_by_label("Or say it your way")
    box.fill("Why do they have such big teeth?")
    expect(page.locator("#say-count")).to_have_text("32 of 500 letters")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg.me").last).to_have_text(re.compile("big teeth"))
    expect(guide).to_have_count(3)
    expect(box).to_have_value("")
    assert page.evaluate("window.stillHere") is True
    expect(page.get_by_role("log", name="Our talk")).to_contain_text("big teeth")
    screenshot(page, "spark-child-talk-going")


def test_flying_to_another_star_starts_a_talk_about_it(kid_page, live_server, mia):
    page = kid_page
    start_talk(page, live_server, open_and_unlocked(mia)[0][0].topic.name)
    fly = page.locator('#choices button[data-kind="related"]')
    for _ in range(6):  # the guide offers a neighbouring star every other turn or so
        if fly.count():
            break
        guides = page.locator(".msg.guide").count()
        page.get_by_role("button", name="Tell me more").click()
        expect(page.locator(".msg.guide")).to_have_count(guides + 1)
    there = Topic.objects.get(slug=fly.first.get_attribute("data-topic")).name
    first_talk = page.url
    fly.first.click()
    page.wait_for_url(lambda url: url != first_talk and "/spark/kids/talk/" in url)
    expect(page.get_by_role("heading", name=there)).to_be_visible()
    assert mia.conversations.filter(ended_at__isnull=False).count() == 1


def test_a_long_message_is_refused_by_its_counter(kid_page, live_server, mia):
    page = kid_page
    start_talk(page, live_server, open_and_unlocked(mia)[0][0].topic.name)
    box = page.get_by_label("Or say it your way")
    box.fill("a" * 600)  # the box keeps the first 500
    expect(page.locator("#say-count")).to_have_text("500 of 500 letters")
    expect(box).to_have_value("a" * 500)


def test_a_blocked_message_gets_a_kind_redirect_and_is_not_echoed(kid_page, live_server, mia):
    page = kid_page
    start_talk(page, live_server, open_and_unlocked(mia)[0][0].topic.name)
    page.get_by_label("Or say it your way").fill("my phone number is 555-201-7788 call me")
    page.get_by_role("button", name="Send").click()
    mine = page.locator(".msg.me").last
    expect(mine).to_have_text(re.compile("This message stays private"))
    expect(page.locator("#chat")).not_to_contain_text("555-201-7788")
    expect(page.locator(".msg.guide")).to_have_count(2)
    screenshot(page, "spark-child-talk-blocked")

    # The parent can read it; a reload shows the child the same as before.
    flagged = Message.objects.get(conversation__child=mia, was_filtered=True)
    assert "555-201-7788" in flagged.content
    page.reload()
    expect(page.locator("#chat")).not_to_contain_text("555-201-7788")


def test_the_daily_cap_ends_the_day_kindly(kid_page, live_server, user, mia):
    child_update(child=mia, settings={"daily_time_limit_minutes": 5})
    unlocked, _ = open_and_unlocked(mia)
    page = kid_page
    start_talk(page, live_server, unlocked[0].topic.name)
    expect(page.locator(".msg.guide")).to_have_count(1)

    # Five minutes of talk earlier today (a gap counts up to five minutes).
    now = timezone.now()
    earlier = conversation_start(
        child=mia, topic=unlocked[-1].topic, now=now - dt.timedelta(minutes=6)
    )
    message_send(conversation=earlier, text="Tell me more", now=now - dt.timedelta(minutes=1))

    page.get_by_label("Or say it your way").fill("What else?")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(f"{live_server.url}/spark/kids/done/")
    expect(page.get_by_role("heading", name="That's all for today!")).to_be_visible()
    check_everywhere(page, "done")

    # Starting another talk leads there too.
    page.goto(f"{live_server.url}/spark/kids/")
    page.get_by_role("button", name="Let's think!").click()
    page.wait_for_url(f"{live_server.url}/spark/kids/done/")


def test_without_consent_the_child_is_asked_to_fetch_a_grown_up(kid_page, live_server, user, mia):
    page = kid_page
    page.goto(f"{live_server.url}/spark/kids/")
    expect(page.get_by_role("button", name="Let's think!")).to_be_visible()
    spark_consent_revoke(user=user, consent_type="coppa")
    page.get_by_role("button", name="Let's think!").click()
    expect(page.get_by_role("heading", name="Spark is resting")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Please ask a grown-up to help you.")
    check_everywhere(page, "paused")


# --- the grown-ups' door ---------------------------------------------------------------------


def test_a_grown_up_leaves_with_the_password(kid_page, live_server, user, mia):
    page = kid_page
    page.goto(f"{live_server.url}/spark/kids/")
    expect(page.locator(".kid-bar")).not_to_contain_text("Settings")
    page.get_by_role("button", name="Grown-ups").click()
    dialog = page.get_by_role("dialog", name="For grown-ups")
    expect(page.get_by_label("Password")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Password").fill("not-the-password")
    dialog.get_by_role("button", name="Leave").click()
    expect(dialog.locator(".field-error")).to_have_text("That is not your account password.")
    expect(page.get_by_label("Password")).to_be_focused()
    page.goto(f"{live_server.url}/spark/")  # the parent's pages send the child back
    page.wait_for_url(f"{live_server.url}/spark/kids/")

    page.get_by_role("button", name="Grown-ups").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("dialog").get_by_role("button", name="Leave").click()
    page.wait_for_url(f"{live_server.url}/spark/")
    page.goto(f"{live_server.url}/spark/kids/")
    page.wait_for_url(f"{live_server.url}/spark/")


def test_a_grown_up_without_a_password_leaves_with_an_emailed_code(
    page, live_server, user, mia, mailoutbox
):
    user.set_unusable_password()  # an account made with Google sign-in
    user.save()
    enter_child_mode(page, live_server, user, mia)
    page.goto(f"{live_server.url}/spark/kids/")
    page.get_by_role("button", name="Grown-ups").click()
    dialog = page.get_by_role("dialog", name="For grown-ups")
    dialog.get_by_role("button", name="Email me a code").click()
    expect(dialog.get_by_role("status")).to_have_text("A code is on its way to your email.")
    code = re.search(r"^\s+(\d{6})$", mailoutbox[-1].body, re.MULTILINE)[1]
    page.get_by_label("Code from the email").fill(code)
    dialog.get_by_role("button", name="Leave").click()
    page.wait_for_url(f"{live_server.url}/spark/")


def test_motion_follows_the_device_and_the_childs_setting(page, live_server, user, mia):
    unlocked, _ = open_and_unlocked(mia)
    talk = conversation_start(child=mia, topic=unlocked[0].topic)
    message_send(conversation=talk, choice_index=0)  # a first star: it twinkles
    enter_child_mode(page, live_server, user, mia)

    def twinkles() -> bool:
        page.goto(f"{live_server.url}/spark/kids/")
        glow = page.locator(".star.lit .star-glow").first
        return glow.evaluate("el => getComputedStyle(el).animationName") != "none"

    assert twinkles()
    page.emulate_media(reduced_motion="reduce")
    assert not twinkles()
    page.emulate_media(reduced_motion="no-preference")
    child_update(child=mia, settings={"animation_level": "none"})
    assert not twinkles()
