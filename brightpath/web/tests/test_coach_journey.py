"""Coach end to end in Chromium against the live server (issue 15's journey): a
teacher signs up, picks an assistant, tells it about a class, asks for a lesson
plan, sees a memory created, corrects it, and the next answer uses the corrected
memory. Twice: with the offline assistant (no model set up), and with a local
fake OpenAI-compatible server, so the same journey passes through the real
`openai` client code (the live server runs in this process: the settings
override reaches it)."""

import json
import re

import pytest
from playwright.sync_api import expect

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import PASSWORD
from brightpath.coach import memory_index
from brightpath.coach.models import Message, UserMemory
from brightpath.coach.services.catalogue import catalogue_load
from brightpath.common.tests.llm_fake import llm_server, llm_settings

from .browser import PHONE, screenshot

__all__ = ["llm_server", "llm_settings"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLASS = "I teach 5th grade science, 24 students."
CORRECTED = "I teach 6th grade science, 24 students."
PLAN = "Can you plan a lesson on photosynthesis?"


@pytest.fixture(autouse=True)
def _fresh_indexes():
    memory_index.forget_all()
    yield
    memory_index.forget_all()


@pytest.fixture
def catalogue(db):
    """What `make run` loads: the shared assistants."""
    catalogue_load()


def sign_up(page, live_server, email: str) -> User:
    # The live server's first request imports every page's module: give it time.
    page.goto(f"{live_server.url}/accounts/signup/", timeout=60_000)
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/onboarding/$"))
    return User.objects.get(email=email)


def pick_lesson_planner(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Coach").click()
    expect(page.get_by_role("heading", name="Pick an assistant")).to_be_visible()
    card = page.locator(
        ".assistant-card", has=page.get_by_role("heading", name="Lesson Planner", exact=True)
    )
    expect(card).to_contain_text("Lesson planning")
    card.get_by_role("button", name="Chat with Lesson Planner").click()
    page.wait_for_url(re.compile(r"/coach/chat/[0-9a-f-]+/$"))


def say(page, text: str):
    """Send `text` and wait for the reply to be complete; returns the reply's bubble."""
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()
    reply = page.locator(".turn.reply").last
    expect(reply).to_have_attribute("data-status", "complete")
    return reply


def correct_the_class(page, teacher: User) -> UserMemory:
    """On the memories page: the class memory is there; the teacher corrects its grade."""
    page.get_by_role("navigation", name="Coach").get_by_role("link", name="Memories").click()
    memory = UserMemory.objects.get(user=teacher, category="class")
    item = page.locator(f"#memory-{memory.pk}")
    expect(item.locator(".memory-content")).to_have_text(CLASS)
    expect(item).to_contain_text("Class")
    item.get_by_role("button", name="Correct").click()
    item.get_by_label("What Coach should remember").fill(CORRECTED)
    item.get_by_role("button", name="Save").click()
    expect(page.locator(f"#memory-{memory.pk} .memory-content")).to_have_text(CORRECTED)
    memory.refresh_from_db()
    assert memory.content == CORRECTED
    assert UserMemory.objects.filter(user=teacher).count() == 1, "corrected, not duplicated"
    return memory


def back_to_the_conversation(page) -> None:
    page.get_by_role("navigation", name="Coach").get_by_role("link", name="Assistants").click()
    page.locator(".conversation-list a").first.click()
    page.wait_for_url(re.compile(r"/coach/chat/[0-9a-f-]+/$"))


def test_a_teacher_from_sign_up_to_an_answer_using_a_corrected_memory(page, live_server, catalogue):
    teacher = sign_up(page, live_server, "grace@example.com")
    pick_lesson_planner(page)
    expect(page.locator(".provider-note .offline-label")).to_have_text("Offline")

    # About the class: the assistant says what it will remember.
    reply = say(page, CLASS)
    expect(page.locator(".turn.mine .noted").first).to_contain_text(CLASS)
    expect(reply.locator(".who .offline-label")).to_be_visible()

    # A lesson plan, for that class.
    reply = say(page, PLAN)
    expect(reply.locator(".turn-text h3").first).to_contain_text("Lesson plan")
    expect(reply.locator(".turn-text")).to_contain_text("Grade 5")
    expect(reply.locator(".remembered")).to_contain_text(CLASS)
    screenshot(page, "coach-journey-plan")

    memory = correct_the_class(page, teacher)
    screenshot(page, "coach-journey-memory")

    # The next answer uses the corrected memory.
    back_to_the_conversation(page)
    page.set_viewport_size(PHONE)
    reply = say(page, PLAN)
    expect(reply.locator(".remembered")).to_contain_text(CORRECTED)
    expect(reply.locator(".remembered")).not_to_contain_text(CLASS)
    expect(reply.locator(".turn-text")).to_contain_text("Grade 6")
    expect(reply.locator(".turn-text")).not_to_contain_text("Grade 5")
    screenshot(page, "coach-journey-corrected")
    last = Message.objects.filter(conversation__user=teacher, role="assistant").last()
    assert str(memory.pk) in last.memory_ids and last.provider == "offline"


def _grade_of_class(request: dict) -> str:
    """The fake model's answer: a plan for the class the prompt's memories describe."""
    system = request["messages"][0]["content"]
    data = json.loads(system.split("<<<TEACHER_DATA>>>", 1)[1].split("<<<END_TEACHER_DATA>>>")[0])
    facts = [m["fact"] for m in data["memories"] if m["category"] == "class"]
    if not facts:
        return "Thanks! Tell me about your class and I will plan for it."
    return (
        "# Lesson plan: photosynthesis\n"
        f"For your class ({facts[0]})\n\n## Objectives\n- Explain what a plant needs to make food"
    )


def test_the_same_journey_through_an_openai_compatible_model(
    page, live_server, catalogue, llm_settings
):
    llm_settings.answer(_grade_of_class)
    teacher = sign_up(page, live_server, "ada@example.com")
    pick_lesson_planner(page)
    expect(page.locator(".provider-note")).to_contain_text("fake-model at 127.0.0.1")
    expect(page.locator(".provider-note .offline-label")).to_have_count(0)

    say(page, CLASS)
    expect(page.locator(".turn.mine .noted").first).to_contain_text(CLASS)

    reply = say(page, PLAN)
    expect(reply.locator(".turn-text h3")).to_have_text("Lesson plan: photosynthesis")
    expect(reply.locator(".turn-text")).to_contain_text(f"For your class ({CLASS})")
    expect(reply.locator(".remembered")).to_contain_text(CLASS)
    expect(reply.locator(".offline-label")).to_have_count(0)
    assert llm_settings.chat_requests[-1]["stream"] is True  # streamed through the client
    screenshot(page, "coach-journey-model")

    memory = correct_the_class(page, teacher)
    back_to_the_conversation(page)
    reply = say(page, PLAN)
    expect(reply.locator(".turn-text")).to_contain_text(f"For your class ({CORRECTED})")
    expect(reply.locator(".remembered")).to_contain_text(CORRECTED)
    system = llm_settings.chat_requests[-1]["messages"][0]["content"]
    assert CORRECTED in system and CLASS not in system
    last = Message.objects.filter(conversation__user=teacher, role="assistant").last()
    assert str(memory.pk) in last.memory_ids and last.provider == "openai"
