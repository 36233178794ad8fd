"""Spark end to end in Chromium against the live server (issue 14's journey): a
parent signs up, gives consent and adds two children; one child enters with the
PIN, opens today's spark, explores a topic, sends an unsafe message that is
blocked (and shown to the parent) and earns a star; the parent revokes consent
and the child can no longer start a conversation; the parent deletes the child
and nothing about them remains in any Spark table."""

import datetime as dt
import re
import uuid

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import PASSWORD
from brightpath.spark.models import Child, Message
from brightpath.spark.selectors.topics import constellation

from .browser import DESKTOP, screenshot
from .conftest import sign_in
from .test_spark_child import TABLET

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNSAFE = "my phone number is 555 201 7788 call me"


@pytest.fixture
def catalogue(db):
    """What `make run` loads: the shipped topics and the sparks from today on."""
    from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule

    catalogue_load()
    sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=3)


def birth_date(years: int) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - years, day=min(today.day, 28))).isoformat()


def add_child(page, name: str, years: int, avatar: str, pin: str) -> None:
    form = page.locator("#add-child-form")
    form.get_by_label("Display name").fill(name)
    form.get_by_label("Birth date").fill(birth_date(years))
    form.get_by_role("radio", name=avatar).check()
    form.get_by_label("PIN (4 digits)").fill(pin)
    form.get_by_label("PIN again").fill(pin)
    form.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def card(page, name: str):
    return page.locator(".child-card", has=page.get_by_role("heading", name=name, exact=True))


def leave_child_mode(page, live_server) -> None:
    page.get_by_role("button", name="Grown-ups").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("dialog").get_by_role("button", name="Leave").click()
    page.wait_for_url(f"{live_server.url}/spark/")


def enter_with_pin(page, live_server, name: str, pin: str) -> None:
    card(page, name).get_by_role("link", name=re.compile(rf"^Open {name}.s Spark$")).click()
    expect(page.get_by_role("heading", name=f"Hi, {name}!")).to_be_visible()
    for digit in pin:
        page.get_by_role("button", name=digit, exact=True).click()
    page.wait_for_url(f"{live_server.url}/spark/kids/")


def rows_about(ids: list[uuid.UUID]) -> dict[str, int]:
    """Every Spark table's rows that mention any of `ids` (a child's, and their
    conversations'): by a foreign key, directly or through a conversation, or
    the id in any UUID, text or JSON column."""
    found = {}
    for model in apps.get_app_config("spark").get_models():
        query = models.Q()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model._meta.model_name == "conversation":
                query |= models.Q(**{f"{field.name}__in": ids})
                query |= models.Q(**{f"{field.name}__child_id__in": ids})
            elif field.is_relation or isinstance(field, models.UUIDField):
                query |= models.Q(**{f"{field.attname}__in": ids})
            elif isinstance(field, models.CharField | models.TextField | models.JSONField):
                for id_ in ids:
                    query |= models.Q(**{f"{field.name}__icontains": str(id_)})
        count = model.objects.filter(query).count()
        if count:
            found[model._meta.db_table] = count
    return found


def test_a_family_from_sign_up_to_deleting_a_child(page, chromium, live_server, catalogue):
    # A parent signs up, then opens Spark: consent comes first.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Ada Okafor")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/onboarding/$"))
    page.goto(f"{live_server.url}/spark/")
    expect(page.get_by_role("heading", name="Give your consent")).to_be_visible()
    page.get_by_label(re.compile("^I am the parent or legal guardian")).check()
    page.get_by_label("Your full name, as your signature").fill("Ada Okafor")
    page.get_by_label("Your BrightPath password").fill(PASSWORD)
    page.get_by_role("button", name="Give consent").click()

    # Two children.
    expect(page.get_by_role("heading", name="Add a child")).to_be_visible()
    add_child(page, "Mia", 7, "Owl", "2468")
    add_child(page, "Leo", 10, "Rocket", "1357")
    parent = User.objects.get(email="ada@example.com")
    mia = Child.objects.get(parent=parent, name="Mia")
    assert Child.objects.filter(parent=parent).count() == 2

    # The journey runs at any hour: Mia's parent sets no bedtime (the same start and end).
    settings_form = card(page, "Mia")
    settings_form.get_by_text("Settings for Mia").click()
    settings_form.get_by_label("Bedtime starts").fill("00:00")
    settings_form.get_by_label("Bedtime ends").fill("00:00")
    settings_form.get_by_role("button", name="Save Mia’s settings").click()
    expect(settings_form.get_by_role("status")).to_have_text("Saved Mia’s settings.")

    # Mia takes the tablet and enters with her PIN.
    page.set_viewport_size(TABLET)
    enter_with_pin(page, live_server, "Mia", "2468")
    expect(page.locator(".kid-bar")).to_contain_text("Mia")
    expect(page.locator(".stat-stars")).to_contain_text("0 stars")

    # Today's brain spark: she thinks about it with the guide.
    page.get_by_role("button", name="Let's think!").click()
    page.wait_for_url(re.compile(r"/spark/kids/talk/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", name="Today's Brain Spark")).to_be_visible()
    expect(page.locator(".msg.guide")).to_have_count(1)
    page.locator("#choices button").first.click()
    expect(page.locator(".msg.guide")).to_have_count(2)

    # Back to her stars: she picks an open star on the map and explores it.
    page.get_by_role("link", name="My stars").click()
    topic = next(star.topic for star in constellation(child=mia) if not star.locked)
    page.get_by_role("button", name="Map", exact=True).click()
    page.locator(".constellation").get_by_role(
        "button", name=re.compile(rf"^{topic.name},")
    ).click()
    page.get_by_role("dialog").get_by_role("button", name=f"Let's explore {topic.name}!").click()
    page.wait_for_url(re.compile(r"/spark/kids/talk/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", name=topic.name)).to_be_visible()
    page.get_by_role("button", name="Tell me more").click()
    expect(page.locator("#celebration")).to_contain_text("You earned a star!")
    screenshot(page, "spark-journey-star")

    # Something she should not share: blocked, with a kind redirect, not echoed.
    page.get_by_label("Or say it your way").fill(UNSAFE)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg.me").last).to_have_text(re.compile("This message stays private"))
    expect(page.locator("main")).not_to_contain_text("555 201 7788")
    expect(page.locator(".msg.guide")).to_have_count(3)
    screenshot(page, "spark-journey-blocked")
    page.get_by_role("link", name="My stars").click()
    expect(page.locator(".stat-stars")).to_contain_text("1 star")

    # A grown-up leaves Mia's view: the dashboard shows the blocked message and the star.
    leave_child_mode(page, live_server)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Dashboard").click()
    mias = page.locator(f"#dash-{mia.pk}")
    expect(mias.locator(".flag")).to_contain_text("555 201 7788")
    expect(mias.locator(".flag")).to_contain_text("Personal information")
    expect(mias).to_contain_text("1 star")
    screenshot(page, "spark-journey-dashboard")
    assert Message.objects.filter(conversation__child=mia, was_filtered=True).count() == 1

    # Mia has the tablet again when her parent, on their phone, revokes consent.
    page.goto(f"{live_server.url}/spark/")
    enter_with_pin(page, live_server, "Mia", "2468")
    phone = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        parents_phone = phone.new_page()
        sign_in(parents_phone, live_server, parent)
        parents_phone.goto(f"{live_server.url}/spark/")
        parents_phone.get_by_role("button", name="Revoke consent…").click()
        parents_phone.get_by_role("dialog").get_by_role("button", name="Revoke consent").click()
        expect(parents_phone.get_by_role("heading", name="Give your consent")).to_be_visible()
    finally:
        phone.close()

    # Mia can no longer start a conversation: Spark asks her to fetch a grown-up.
    page.get_by_role("button", name="Think again!").click()
    expect(page.get_by_role("heading", name="Spark is resting")).to_be_visible()
    conversations = mia.conversations.count()
    page.goto(f"{live_server.url}/spark/kids/")
    expect(page.get_by_role("heading", name="Spark is resting")).to_be_visible()
    assert mia.conversations.count() == conversations

    # The parent deletes Mia; nothing about her remains, and Leo is untouched.
    about_mia = [mia.pk, *mia.conversations.values_list("id", flat=True)]
    assert rows_about(about_mia)  # the check finds what there is
    leave_child_mode(page, live_server)
    card(page, "Mia").get_by_role("button", name="Delete Mia…").click()
    page.get_by_role("dialog", name="Delete Mia?").get_by_role(
        "button", name="Delete Mia and this data"
    ).click()
    expect(page.get_by_role("heading", name="Mia", exact=True)).to_have_count(0)
    assert not Child.objects.filter(pk=mia.pk).exists()
    assert rows_about(about_mia) == {}
    assert list(Child.objects.filter(parent=parent).values_list("name", flat=True)) == ["Leo"]
