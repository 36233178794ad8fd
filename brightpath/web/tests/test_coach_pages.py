"""Coach's pages for teachers: the assistants, a chat, the memories, the lessons.

Client tests for what the server decides (who sees what, escaping, filters, a
failed reply and the memories a reply used); browser tests in Chromium for the
interactions through the JSON API (the reply streamed in, Retry, Save as lesson,
correcting and deleting a memory, editing a lesson), the accessibility check at
desktop and phone width, and screenshots. State is built through Coach's services.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach import memory_index
from brightpath.coach.models import AssistantProfile, Lesson, Message, UserMemory
from brightpath.coach.services import chat
from brightpath.coach.services.assistants import assistant_create
from brightpath.coach.services.catalogue import catalogue_load
from brightpath.coach.services.lessons import lesson_create
from brightpath.coach.services.teachers import teacher_ensure
from brightpath.common.tests.llm_fake import fail, llm_server, llm_settings

from .browser import CHROMIUM, DESKTOP, PHONE, assert_accessible, screenshot
from .conftest import sign_in

__all__ = ["llm_server", "llm_settings"]

HOME, MEMORIES, LESSONS = "/coach/", "/coach/memories/", "/coach/lessons/"
CLASS = "I teach 5th grade science, 24 students."
NEED = "Maya has dyslexia and needs texts read aloud."
PLAN = "Can you plan a lesson on photosynthesis?"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _fresh_indexes():
    """No retrieval index cached from another test (ids can repeat after a flush)."""
    memory_index.forget_all()
    yield
    memory_index.forget_all()


@pytest.fixture
def catalogue(db):
    catalogue_load()


@pytest.fixture
def teacher(user):
    teacher_ensure(user=user)
    return user


def planner() -> AssistantProfile:
    return AssistantProfile.objects.get(owner__isnull=True, name="Lesson Planner")


def talk(teacher, *messages: str, assistant: AssistantProfile | None = None):
    """A conversation with the Lesson Planner (or `assistant`) where the teacher said `messages`."""
    conversation = chat.conversation_start(
        teacher=teacher, assistant_id=(assistant or planner()).pk
    )
    for text in messages:
        chat.message_send(teacher=teacher, conversation_id=conversation.pk, content=text)
    return conversation


def chat_path(conversation) -> str:
    return f"/coach/chat/{conversation.pk}/"


def lesson_path(lesson) -> str:
    return f"/coach/lessons/{lesson.pk}/"


@pytest.fixture
def teacher_client(teacher) -> Client:
    client = Client()
    client.force_login(teacher)
    return client


# --- client tests -------------------------------------------------------------------------


@pytest.mark.django_db
class TestPages:
    def test_signed_out_goes_to_sign_in(self, client):
        for path in (HOME, MEMORIES, LESSONS, "/coach/chat/00000000-0000-0000-0000-000000000001/"):
            response = client.get(path)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_home_offers_the_catalogue_with_what_each_assistant_is(self, teacher_client, catalogue):
        html = teacher_client.get(HOME).content.decode()
        start = html.index(f'id="assistant-{planner().pk}"')
        card = html[start : html.index("</article>", start)]
        assert "Lesson Planner" in card and "K to 12" in card
        assert "Warm" in card and "Lesson planning" in card and "Differentiation" in card
        science = AssistantProfile.objects.get(owner__isnull=True, name="Science Lab Partner")
        assert "3 to 8" in html and "Science" in html
        assert f'data-start-chat="{science.pk}"' in html
        assert 'aria-current="page">Coach</a>' in html  # the main nav
        assert "Offline" in html  # no outside model is set up
        assert "No conversations yet." in html

    def test_the_outside_model_is_named_when_one_is_set_up(
        self, teacher_client, catalogue, settings
    ):
        settings.LLM_BASE_URL = "https://llm.example.org/v1"
        settings.LLM_MODEL = "teacher-model"
        assert "teacher-model at llm.example.org" in teacher_client.get(HOME).content.decode()

    def test_recent_conversations_and_own_assistants_are_the_teachers_alone(
        self, teacher_client, teacher, catalogue
    ):
        mine = talk(teacher, CLASS)
        other = UserFactory()
        teacher_ensure(user=other)
        theirs = talk(other, "I teach 2nd grade reading to 18 children.")
        assistant_create(teacher=other, name="Zed's secret helper", description="Private.")
        html = teacher_client.get(HOME).content.decode()
        assert chat_path(mine) in html and CLASS in html  # titled from the first message
        assert chat_path(theirs) not in html
        assert "Zed&#x27;s secret helper" not in html and "Zed's secret helper" not in html

    def test_another_teachers_conversation_and_lesson_are_404(self, teacher_client, catalogue):
        other = UserFactory()
        teacher_ensure(user=other)
        conversation = talk(other, CLASS)
        lesson = lesson_create(teacher=other, title="Their photosynthesis lesson")
        assert teacher_client.get(chat_path(conversation)).status_code == 404
        assert teacher_client.get(lesson_path(lesson)).status_code == 404
        assert teacher_client.get("/coach/lessons/not-a-uuid/").status_code == 404
        for path in (MEMORIES, LESSONS, HOME):
            html = teacher_client.get(path).content.decode()
            assert "5th grade science" not in html and "Their photosynthesis" not in html

    def test_a_chat_shows_the_messages_and_the_memories_a_reply_used(
        self, teacher_client, teacher, catalogue
    ):
        conversation = talk(teacher, CLASS, PLAN)
        reply = conversation.messages.filter(role="assistant").last()
        assert reply.memory_ids, "the plan was given the class memory"
        html = teacher_client.get(chat_path(conversation)).content.decode()
        assert CLASS in html and PLAN in html
        turn = html[html.index(f'id="m-{reply.pk}"') : html.index('id="chat-empty"')]  # the last
        assert "Remembered:" in turn and CLASS in turn
        assert "Save as lesson" in turn and "Offline" in turn
        assert 'role="log" aria-live="polite"' in html
        assert "of 4000 characters" in html

    def test_a_failed_reply_shows_its_error_and_retry(
        self, teacher_client, teacher, catalogue, llm_settings, settings
    ):
        settings.COACH_LLM_FALLBACK = False
        llm_settings.then(fail(500), fail(500), fail(500))
        conversation = talk(teacher, PLAN)
        reply = conversation.messages.get(role="assistant")
        assert reply.status == "failed"
        html = teacher_client.get(chat_path(conversation)).content.decode()
        assert PLAN in html  # the teacher's message is kept
        assert "The assistant could not answer" in html and ">Retry</button>" in html
        assert "Save as lesson" not in html

    def test_user_text_is_escaped_everywhere(self, teacher_client, teacher, catalogue):
        conversation = talk(teacher, f"I teach 5th grade science {SCRIPT}")
        lesson = lesson_create(teacher=teacher, title=f"Plants {SCRIPT}", objectives=[SCRIPT])
        assistant_create(teacher=teacher, name=f"Mine {SCRIPT}", description=SCRIPT)
        assert UserMemory.objects.filter(user=teacher, content__contains=SCRIPT).exists()
        for path in (HOME, chat_path(conversation), MEMORIES, LESSONS, lesson_path(lesson)):
            html = teacher_client.get(path).content.decode()
            assert SCRIPT not in html, path
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path

    def test_memories_filter_by_kind_and_search(self, teacher_client, teacher, catalogue):
        talk(teacher, CLASS, NEED)
        kinds = set(UserMemory.objects.filter(user=teacher).values_list("category", flat=True))
        assert {"class", "student"} <= kinds
        html = teacher_client.get(MEMORIES).content.decode()
        assert CLASS in html and NEED in html and "2 memories" in html
        html = teacher_client.get(MEMORIES + "?category=student").content.decode()
        assert NEED in html and CLASS not in html and "1 of 2 memories" in html
        html = teacher_client.get(MEMORIES + "?q=SCIENCE").content.decode()
        assert CLASS in html and NEED not in html
        html = teacher_client.get(MEMORIES + "?category=nonsense&q=").content.decode()
        assert CLASS in html and NEED in html
        assert "No memory matches" in teacher_client.get(MEMORIES + "?q=volcano").content.decode()

    def test_lessons_list_and_filter(self, teacher_client, teacher, catalogue):
        assert "No lessons yet." in teacher_client.get(LESSONS).content.decode()
        lesson_create(
            teacher=teacher, title="Photosynthesis", objectives=["Explain it"], status="ready"
        )
        lesson_create(teacher=teacher, title="Fractions")
        html = teacher_client.get(LESSONS).content.decode()
        assert "Photosynthesis" in html and "Fractions" in html
        html = teacher_client.get(LESSONS + "?status=ready").content.decode()
        assert "Photosynthesis" in html and "Fractions" not in html
        html = teacher_client.get(LESSONS + "?q=fraction").content.decode()
        assert "Fractions" in html and "Photosynthesis" not in html

    def test_a_lesson_offers_only_the_statuses_it_may_move_to(
        self, teacher_client, teacher, catalogue
    ):
        lesson = lesson_create(teacher=teacher, title="Photosynthesis")
        html = teacher_client.get(lesson_path(lesson)).content.decode()
        select = html[
            html.index('id="lesson-status"') : html.index(
                "</select>", html.index('id="lesson-status"')
            )
        ]
        assert re.findall(r'<option value="(\w+)"', select) == ["draft", "ready", "archived"]


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


def assistant_card(page, name: str):
    return page.locator(".assistant-card", has=page.get_by_role("heading", name=name, exact=True))


def send(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def last_reply(page):
    return page.locator(".turn.reply").last


def wait_for_reply(page):
    reply = last_reply(page)
    expect(reply).to_have_attribute("data-status", re.compile("complete|failed"))
    return reply


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestCoachBrowser:
    def test_pick_an_assistant_and_chat_with_it(self, tab, live_server, teacher, catalogue):
        page = tab
        page.goto(live_server.url + HOME)
        assistant_card(page, "Lesson Planner").get_by_role(
            "button", name="Chat with Lesson Planner"
        ).click()
        page.wait_for_url(re.compile(r"/coach/chat/[0-9a-f-]+/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Lesson Planner")
        expect(page.locator(".provider-note .offline-label")).to_be_visible()

        composer = page.locator("#composer")
        page.get_by_label("Your message").fill(CLASS)
        expect(composer.locator("[data-count]")).to_have_text(str(len(CLASS)))
        page.get_by_role("button", name="Send").click()
        reply = wait_for_reply(page)
        expect(reply).to_have_attribute("data-status", "complete")
        expect(page.locator(".turn.mine").first).to_contain_text(CLASS)
        expect(page.locator(".turn.mine .noted").first).to_contain_text(CLASS)
        expect(page.get_by_label("Your message")).to_have_value("")

        with page.expect_response(re.compile(r"/messages/stream/$")) as streamed:
            send(page, PLAN)
        assert streamed.value.headers["content-type"].startswith("text/event-stream")
        reply = wait_for_reply(page)
        expect(reply.locator(".turn-text h3").first).to_contain_text("Lesson plan")
        expect(reply.locator(".remembered")).to_contain_text("Remembered:")
        expect(reply.locator(".remembered")).to_contain_text(CLASS)
        expect(reply.locator(".who .offline-label")).to_have_text("Offline")
        expect(page.locator("#announcer")).to_have_text("Lesson Planner has answered.")
        expect(page.get_by_role("log")).to_have_attribute("aria-busy", "false")
        screenshot(page, "coach-chat")

        # Saved as a lesson: the same reply twice is the same lesson.
        reply.get_by_role("button", name="Save as lesson").click()
        expect(reply.locator(".lesson-saved")).to_contain_text("Saved as the lesson")
        assert Lesson.objects.filter(user=teacher).count() == 1
        reply.get_by_role("button", name="Save as lesson").click()
        expect(reply.locator(".lesson-saved")).to_contain_text("Already saved as the lesson")
        assert Lesson.objects.filter(user=teacher).count() == 1
        reply.locator(".lesson-saved a").click()
        page.wait_for_url(re.compile(r"/coach/lessons/[0-9a-f-]+/$"))
        expect(page.get_by_label("Objectives")).not_to_have_value("")

        # The page read again shows the same conversation, formatted the same way.
        page.go_back()
        page.reload()
        expect(page.locator(".turn")).to_have_count(4)
        expect(last_reply(page).locator(".turn-text h3").first).to_contain_text("Lesson plan")
        expect(last_reply(page).locator(".remembered")).to_contain_text(CLASS)

    def test_a_message_too_long_or_empty_is_named_and_not_sent(
        self, tab, live_server, teacher, catalogue, settings
    ):
        settings.COACH_MESSAGE_MAX_CHARS = 100
        conversation = chat.conversation_start(teacher=teacher, assistant_id=planner().pk)
        page = tab
        page.goto(live_server.url + chat_path(conversation))
        page.get_by_role("button", name="Send").click()
        expect(page.locator("#composer .field-error")).to_have_text("Type a message first.")
        page.get_by_label("Your message").fill("x" * 101)
        expect(page.locator("#composer [data-counter]")).to_have_class(re.compile("over"))
        expect(page.locator("#composer [data-counter]")).to_contain_text("101 of 100 characters")
        page.get_by_role("button", name="Send").click()
        expect(page.locator("#composer .field-error")).to_contain_text("At most 100 characters")
        expect(page.get_by_label("Your message")).to_be_focused()
        assert not Message.objects.filter(conversation=conversation).exists()

    def test_when_the_model_fails_the_message_stays_and_retry_answers(
        self, tab, live_server, teacher, catalogue, llm_settings, settings
    ):
        settings.COACH_LLM_FALLBACK = False
        conversation = chat.conversation_start(teacher=teacher, assistant_id=planner().pk)
        page = tab
        page.goto(live_server.url + chat_path(conversation))
        expect(page.locator(".provider-note")).to_contain_text("fake-model at 127.0.0.1")
        llm_settings.then(fail(500), fail(500), fail(500))
        send(page, PLAN)
        reply = wait_for_reply(page)
        expect(reply).to_have_attribute("data-status", "failed")
        expect(reply.get_by_role("alert")).to_contain_text("The assistant could not answer")
        expect(page.locator(".turn.mine")).to_contain_text(PLAN)
        assert_accessible(page)
        screenshot(page, "coach-chat-failed")
        stored = Message.objects.get(conversation=conversation, role="user")
        assert stored.content == PLAN

        # The model's words are text, whatever they look like; **bold** is formatting.
        llm_settings.answer("Here is a plan about <b>photosynthesis</b> for your **class**.")
        reply.get_by_role("button", name="Retry").click()
        reply = wait_for_reply(page)
        expect(reply).to_have_attribute("data-status", "complete")
        expect(reply.locator(".turn-text")).to_have_text(
            "Here is a plan about <b>photosynthesis</b> for your class."
        )
        expect(reply.locator(".turn-text strong")).to_have_text("class")
        expect(reply.locator(".turn-text b")).to_have_count(0)
        expect(reply.get_by_role("button", name="Retry")).to_have_count(0)
        expect(reply.locator(".offline-label")).to_have_count(0)
        assert Message.objects.filter(conversation=conversation).count() == 2

        # A page read later shows the failure as stored, too.
        llm_settings.then(fail(500), fail(500), fail(500))
        send(page, "And a quiz on it?")
        expect(wait_for_reply(page)).to_have_attribute("data-status", "failed")
        page.reload()
        expect(last_reply(page).get_by_role("button", name="Retry")).to_be_visible()
        expect(page.locator(".turn.mine").last).to_contain_text("And a quiz on it?")

    def test_configure_an_assistant_then_edit_it(self, tab, live_server, teacher, catalogue):
        page = tab
        page.goto(live_server.url + HOME)
        form = page.locator("#assistant-form")
        form.get_by_role("button", name="Save assistant").click()
        expect(form.locator(".field-error").first).to_be_visible()
        expect(form.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
        assert not AssistantProfile.objects.filter(owner=teacher).exists()

        form.get_by_label("Name").fill("Grade 5 science helper")
        form.get_by_label("What it is for").fill("Plans hands-on science lessons for my class.")
        form.get_by_label("Tone").select_option("encouraging")
        form.get_by_label("Grades from").select_option("4")
        form.get_by_label("Grades to").select_option("3")
        form.get_by_label("Science", exact=True).check()
        form.get_by_role("checkbox", name=re.compile("^Student feedback")).uncheck()
        form.get_by_role("button", name="Save assistant").click()
        expect(form.locator(".field-error", has_text="later one")).to_be_visible()
        expect(form.locator(".field-error")).to_have_count(1)
        form.get_by_label("Grades to").select_option("6")
        form.get_by_role("button", name="Save assistant").click()
        expect(flash(page)).to_contain_text("Added your assistant Grade 5 science helper.")
        card = assistant_card(page, "Grade 5 science helper")
        expect(card).to_contain_text("4 to 6")
        expect(card).to_contain_text("Encouraging")
        expect(card.locator(".capabilities")).not_to_contain_text("Student feedback")
        mine = AssistantProfile.objects.get(owner=teacher)
        assert list(mine.subjects.values_list("name", flat=True)) == ["Science"]

        card.get_by_role("button", name="Edit Grade 5 science helper").click()
        expect(form.get_by_label("Name")).to_have_value("Grade 5 science helper")
        expect(form.get_by_label("Name")).to_be_focused()
        form.get_by_label("Tone").select_option("concise")
        form.get_by_role("button", name="Save Grade 5 science helper").click()
        expect(flash(page)).to_contain_text("Saved Grade 5 science helper.")
        expect(assistant_card(page, "Grade 5 science helper")).to_contain_text("Concise")

        # From a shared one: its settings are the starting point.
        assistant_card(page, "Quiz Builder").get_by_role(
            "button", name="Make your own from Quiz Builder"
        ).click()
        expect(form.get_by_label("Name")).to_have_value("My Quiz Builder")
        expect(form.get_by_label("Tone")).to_have_value("concise")
        form.get_by_role("button", name="Save assistant").click()
        expect(flash(page)).to_contain_text("Added your assistant My Quiz Builder.")
        assistant_card(page, "My Quiz Builder").get_by_role(
            "button", name="Chat with My Quiz Builder"
        ).click()
        page.wait_for_url(re.compile(r"/coach/chat/[0-9a-f-]+/$"))

    def test_correct_a_memory_inline_and_delete_another(self, tab, live_server, teacher, catalogue):
        talk(teacher, CLASS, NEED)
        page = tab
        page.goto(live_server.url + MEMORIES)
        memory = UserMemory.objects.get(user=teacher, category="class")
        item = page.locator(f"#memory-{memory.pk}")
        item.get_by_role("button", name="Correct").click()
        content = item.get_by_label("What Coach should remember")
        expect(content).to_be_focused()
        item.get_by_label("Importance (1 to 10)").fill("11")
        item.get_by_role("button", name="Save").click()
        expect(item.locator(".field-error")).to_contain_text("1 to 10")
        content.fill("I teach 6th grade science, 24 students.")
        item.get_by_label("Importance (1 to 10)").fill("9")
        item.get_by_role("button", name="Save").click()
        expect(flash(page)).to_contain_text("Corrected: “I teach 6th grade science, 24 students.”")
        memory.refresh_from_db()
        assert (memory.content, memory.importance, memory.source) == (
            "I teach 6th grade science, 24 students.",
            9.0,
            "teacher",
        )
        expect(page.locator(f"#memory-{memory.pk} .memory-content")).to_have_text(memory.content)

        need = UserMemory.objects.get(user=teacher, category="student")
        page.locator(f"#memory-{need.pk}").get_by_role("button", name="Delete…").click()
        dialog = page.get_by_role("dialog", name="Delete this memory?")
        expect(dialog).to_contain_text(NEED)
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_be_hidden()
        expect(
            page.locator(f"#memory-{need.pk}").get_by_role("button", name="Delete…")
        ).to_be_focused()
        assert UserMemory.objects.filter(pk=need.pk).exists()
        page.locator(f"#memory-{need.pk}").get_by_role("button", name="Delete…").click()
        dialog.get_by_role("button", name="Delete the memory").click()
        expect(flash(page)).to_contain_text("Deleted the memory")
        expect(page.locator(f"#memory-{need.pk}")).to_have_count(0)
        assert not UserMemory.objects.filter(pk=need.pk).exists()

    def test_write_a_lesson_edit_it_and_delete_it(self, tab, live_server, teacher, catalogue):
        page = tab
        page.goto(live_server.url + LESSONS)
        form = page.locator("#new-lesson-form")
        form.get_by_role("button", name="Create the lesson").click()
        expect(form.locator(".field-error")).to_be_visible()
        form.get_by_label("Title").fill("Photosynthesis")
        form.get_by_label("Subject").select_option(label="Science: Biology")
        form.get_by_label("Grade").select_option("5")
        form.get_by_role("button", name="Create the lesson").click()
        page.wait_for_url(re.compile(r"/coach/lessons/[0-9a-f-]+/$"))
        expect(flash(page)).to_contain_text("Created “Photosynthesis”")
        lesson = Lesson.objects.get(user=teacher)
        assert (lesson.subject_category.name, lesson.grade_level) == ("Biology", "5")

        # Ready needs an objective: the error sits at the objectives.
        page.get_by_label("Status").select_option("ready")
        page.get_by_role("button", name="Save the lesson").click()
        expect(page.locator("#lesson-form .field-error")).to_contain_text("at least one objective")
        expect(page.get_by_label("Objectives")).to_have_attribute("aria-invalid", "true")

        page.get_by_label("Objectives").fill("Explain what plants need\nName the products")
        page.get_by_label("Materials").fill("Leaves\nIodine")
        page.get_by_label("Standards").fill("NGSS 5-LS1-1")
        page.get_by_role("button", name="Add a section").click()
        page.locator("#lesson-form [data-section]").last.get_by_label("Title").fill("Warm-up")
        page.locator("#lesson-form [data-section]").last.get_by_label("Minutes (optional)").fill(
            "10"
        )
        page.get_by_role("button", name="Save the lesson").click()
        expect(flash(page)).to_contain_text("Saved “Photosynthesis”.")
        lesson.refresh_from_db()
        assert lesson.status == "ready"
        assert lesson.content["objectives"] == ["Explain what plants need", "Name the products"]
        assert lesson.content["materials"] == ["Leaves", "Iodine"]
        assert lesson.content["standards"] == ["NGSS 5-LS1-1"]
        assert lesson.content["sections"] == [{"title": "Warm-up", "minutes": 10, "body": ""}]
        expect(page.locator(".status").first).to_have_text("Ready")

        # Changed elsewhere meanwhile: the stale save is refused, nothing overwritten.
        from brightpath.coach.services.lessons import lesson_update

        lesson_update(teacher=teacher, lesson_id=lesson.pk, title="Photosynthesis (v2)")
        page.get_by_label("Lesson title").fill("My old tab")
        page.get_by_role("button", name="Save the lesson").click()
        expect(page.locator("#lesson-form .form-errors")).to_contain_text("changed elsewhere")
        lesson.refresh_from_db()
        assert lesson.title == "Photosynthesis (v2)"

        page.reload()
        page.get_by_role("button", name="Delete this lesson…").click()
        dialog = page.get_by_role("dialog", name="Delete “Photosynthesis (v2)”?")
        dialog.get_by_role("button", name="Delete the lesson").click()
        page.wait_for_url(live_server.url + LESSONS)
        expect(flash(page)).to_contain_text("Deleted the lesson.")
        assert not Lesson.objects.filter(user=teacher).exists()

    @pytest.mark.parametrize("which", ["home", "chat", "memories", "lessons", "lesson", "dialog"])
    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, tab, live_server, teacher, catalogue, which
    ):
        conversation = talk(teacher, CLASS, NEED, PLAN)
        reply = conversation.messages.filter(role="assistant").last()
        from brightpath.coach.services.lessons import lesson_from_reply

        lesson, _ = lesson_from_reply(
            teacher=teacher, conversation_id=conversation.pk, message_id=reply.pk
        )
        assistant_create(teacher=teacher, name="My science helper", description="Mine.")
        path = {
            "home": HOME,
            "chat": chat_path(conversation),
            "memories": MEMORIES,
            "dialog": MEMORIES,
            "lessons": LESSONS,
            "lesson": lesson_path(lesson),
        }[which]
        page = tab
        page.goto(live_server.url + path)
        if which == "dialog":
            page.get_by_role("button", name="Delete…").first.click()
            expect(page.get_by_role("dialog")).to_be_visible()
        if which == "memories":
            page.get_by_role("button", name="Correct").first.click()
        for viewport in (None, PHONE):
            if viewport:
                page.set_viewport_size(viewport)
            assert_accessible(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                "window.innerWidth"
            ), "nothing wider than the screen"
            screenshot(page, f"coach-{which}")
        nav = page.get_by_role("navigation", name="Main").get_by_role("link", name="Coach")
        expect(nav).to_have_attribute("aria-current", "page")

    def test_the_chat_works_with_the_keyboard(self, tab, live_server, teacher, catalogue):
        page = tab
        page.goto(live_server.url + HOME)
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        page.get_by_role("button", name="Chat with Lesson Planner").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/coach/chat/[0-9a-f-]+/$"))
        page.get_by_label("Your message").focus()
        page.keyboard.type(CLASS)
        page.keyboard.press("Control+Enter")
        expect(wait_for_reply(page)).to_have_attribute("data-status", "complete")
        page.keyboard.press("Shift+Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused control shows it"
