"""Spark's parent pages: consent, the children, their settings, the dashboard's
flags, revoking consent and deleting a child. Client tests for the server's
rules (who sees what, escaping, child mode); browser tests in Chromium for the
interactions through the JSON API, the accessibility check at desktop and phone
width, and screenshots. State is built through Spark's services."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.models import Consent
from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.models import Child, Conversation, Message, ParentProfile, Topic
from brightpath.spark.selectors.children import (
    coppa_consent,
    llm_sharing_allowed,
    parent_timezone,
)
from brightpath.spark.services.children import child_create
from brightpath.spark.services.consent import spark_consent_grant, spark_consent_revoke
from brightpath.spark.services.conversations import conversation_start, message_send
from brightpath.spark.services.summaries import cognitive_metrics_build, daily_activity_build
from brightpath.web.views.spark_parent import markdown_html

from .browser import CHROMIUM, DESKTOP, PHONE, assert_accessible, screenshot
from .conftest import sign_in

HOME, DASHBOARD, PRIVACY = "/spark/", "/spark/dashboard/", "/spark/privacy/"
BROWSER_ZONE = "America/Chicago"
UNSAFE = "my phone number is 555-867-5309"


def consent(user) -> None:
    spark_consent_grant(user=user, consent_type="coppa", signature="Sam Rivera", password=PASSWORD)


# Children here talk on the real clock: no bedtime (the same start and end), so a run
# in the evening behaves as one in the afternoon.
NO_BEDTIME = {"bedtime_start": "00:00", "bedtime_end": "00:00"}


def add_child(user, name: str, *, years: int = 8, pin: str = "1234", **fields) -> Child:
    today = dt.date.today()
    fields["settings"] = {**NO_BEDTIME, **(fields.get("settings") or {})}
    return child_create(
        parent=user,
        name=name,
        birth_date=today.replace(year=today.year - years) - dt.timedelta(days=30),
        pin=pin,
        **fields,
    )


def a_topic(child: Child) -> Topic:
    """A topic the child can explore now: the first open star of the shipped catalogue."""
    from brightpath.spark.selectors.topics import constellation
    from brightpath.spark.services.catalogue import catalogue_load

    if not Topic.objects.exists():
        catalogue_load()
    return next(star.topic for star in constellation(child=child) if not star.locked)


def flagged_conversation(child: Child) -> tuple[Conversation, Message]:
    """A talk where the child typed something the safety filter blocks."""
    conversation = conversation_start(child=child, topic=a_topic(child))
    message_send(conversation=conversation, text="Why is that?")
    sent = message_send(conversation=conversation, text=UNSAFE)
    assert sent[0].was_filtered, "the safety filter lets a phone number through"
    return conversation, sent[0]


def talk_on(child: Child, *, days_ago: int, minutes: int) -> Conversation:
    """A talk of about `minutes` at noon `days_ago` days back (the parent's days), with
    the nightly summaries of that day built: the dashboard's bars and growth."""
    noon = timezone.now().astimezone(parent_timezone(child.parent)).replace(
        hour=12, minute=0, second=0, microsecond=0
    ) - dt.timedelta(days=days_ago)
    conversation = conversation_start(child=child, topic=a_topic(child), now=noon)
    for step in range(1, minutes // 4 + 1):
        text = "Why is that?" if step % 2 else "What if it was bigger?"
        message_send(
            conversation=conversation, text=text, now=noon + dt.timedelta(minutes=4 * step)
        )
    daily_activity_build(child=child, day=noon.date())
    cognitive_metrics_build(child=child, day=noon.date())
    return conversation


@pytest.fixture
def parent(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- client tests -------------------------------------------------------------------------


@pytest.mark.django_db
class TestPages:
    def test_signed_out_goes_to_sign_in(self, client):
        for path in (HOME, DASHBOARD, PRIVACY):
            response = client.get(path)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_without_consent_the_notice_and_the_form_come_first(self, parent, user):
        response = parent.get(HOME)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Give your consent" in html and 'name="signature"' in html
        assert "I am the parent or legal guardian" in html
        assert "Optional and separate: an outside AI model" in html
        assert "Add a child" not in html
        assert 'aria-current="page">Spark</a>' in html  # the main nav's link

    def test_the_outside_model_is_named_where_it_is_offered(self, parent, user, settings):
        settings.LLM_BASE_URL = "https://llm.example.org/v1"
        settings.LLM_MODEL = "kind-model-7b"
        assert "(kind-model-7b at llm.example.org)" in parent.get(HOME).content.decode()
        consent(user)
        assert "(kind-model-7b at llm.example.org)" in parent.get(HOME).content.decode()

    def test_with_consent_the_children_and_the_consent_status(self, parent, user):
        consent(user)
        add_child(user, "Mia")
        html = parent.get(HOME).content.decode()
        assert "Your children" in html and "Mia" in html
        assert "Open Mia’s Spark" in html
        assert "signed “Sam Rivera”" in html
        assert "Revoke consent…" in html

    def test_consent_to_an_old_notice_offers_no_new_child_until_agreed_again(
        self, parent, user, settings
    ):
        consent(user)
        add_child(user, "Mia")
        settings.SPARK_NOTICE_VERSION = "2099-01"  # the notice changed materially
        html = parent.get(HOME).content.decode()
        assert "it is now version 2099-01" in html  # asked to agree again
        assert 'id="add-child-form"' not in html and "Add child" not in html
        assert "Open Mia’s Spark" not in html and "Settings for Mia" not in html
        assert "Download Mia’s data" in html  # what is held stays the parent's

    def test_names_and_messages_are_escaped(self, parent, user):
        consent(user)
        child = add_child(user, "<b>Bo</b>")
        conversation, _ = flagged_conversation(child)
        message_send(conversation=conversation, text="<script>alert(1)</script> what?")
        for path in (HOME, DASHBOARD, f"/spark/conversations/{conversation.pk}/"):
            html = parent.get(path).content.decode()
            assert "<b>Bo</b>" not in html and "&lt;b&gt;Bo&lt;/b&gt;" in html, path
            assert "<script>alert(1)" not in html

    def test_a_childs_view_sends_parent_pages_back_to_the_child(self, parent, user):
        consent(user)
        child = add_child(user, "Mia")
        session = parent.session
        session[SESSION_KEY] = str(child.pk)
        session.save()
        for path in (HOME, DASHBOARD, PRIVACY):
            response = parent.get(path)
            assert response.status_code == 302 and response["Location"] == "/spark/kids/"

    def test_another_parents_transcript_is_404(self, parent, user):
        other = UserFactory()
        consent(other)
        conversation, _ = flagged_conversation(add_child(other, "Zed"))
        assert parent.get(f"/spark/conversations/{conversation.pk}/").status_code == 404
        consent(user)
        assert "Zed" not in parent.get(DASHBOARD).content.decode()

    def test_the_transcript_marks_what_the_filter_blocked(self, parent, user):
        consent(user)
        conversation, blocked = flagged_conversation(add_child(user, "Mia"))
        html = parent.get(f"/spark/conversations/{conversation.pk}/").content.decode()
        assert UNSAFE in html
        assert "Blocked by the safety filter: Personal information" in html
        assert f'id="m-{blocked.pk}"' in html


def test_the_notice_is_rendered_simply_and_escaped():
    html = markdown_html(
        "# Notice\n\nWe keep **little**.\n\n- one <b>\n- two\n  continued\n\n"
        "1. first\n\n[mail](mailto:privacy@example.com) [bad](javascript:alert(1))\n",
        top_level=2,
    )
    assert "<h2>Notice</h2>" in html
    assert "<p>We keep <strong>little</strong>.</p>" in html
    assert "<ul><li>one &lt;b&gt;</li><li>two continued</li></ul>" in html
    assert "<ol><li>first</li></ol>" in html
    assert '<a href="mailto:privacy@example.com">mail</a>' in html
    assert 'href="javascript' not in html


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture
def tab(chromium, live_server, user):
    """A tab signed in as `user`, whose browser lives in Chicago."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium")
    context = chromium.new_context(
        viewport=DESKTOP, timezone_id=BROWSER_ZONE, accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server, user)
    yield page
    context.close()


def flash(page):
    return page.locator("#spark-flash")


def card(page, name: str):
    return page.locator(".child-card", has=page.get_by_role("heading", name=name, exact=True))


def fill_child(page, name: str, birth: str, *, avatar: str = "Owl", pin: str = "2468") -> None:
    form = page.locator("#add-child-form")
    form.get_by_label("Display name").fill(name)
    form.get_by_label("Birth date").fill(birth)
    form.get_by_role("radio", name=avatar).check()
    form.get_by_label("PIN (4 digits)").fill(pin)
    form.get_by_label("PIN again").fill(pin)


def years_ago(years: int) -> str:
    today = dt.date.today()
    return (today.replace(year=today.year - years) - dt.timedelta(days=40)).isoformat()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestParentBrowser:
    def test_consent_a_wrong_password_is_named_and_nothing_is_stored(self, tab, live_server, user):
        page = tab
        page.goto(live_server.url + HOME)
        form = page.locator("#consent-form")
        expect(form.locator("[data-timezone-name]")).to_have_text(BROWSER_ZONE)

        # Not ticking the guardian box is named beside it.
        form.get_by_label("Your full name, as your signature").fill("Sam Rivera")
        form.get_by_label("Your BrightPath password").fill(PASSWORD)
        form.get_by_role("button", name="Give consent").click()
        expect(form.locator(".field-error")).to_contain_text("parent or legal guardian")

        # A wrong password: the error under the password, focus on it, nothing stored.
        form.get_by_label("I am the parent or legal guardian", exact=False).check()
        form.get_by_label("Your BrightPath password").fill("not-my-password")
        form.get_by_role("button", name="Give consent").click()
        error = form.locator(".field-error")
        expect(error).to_have_text("That is not your account password.")
        password = form.get_by_label("Your BrightPath password")
        expect(password).to_have_attribute("aria-invalid", "true")
        expect(password).to_be_focused()
        assert not Consent.objects.filter(user=user).exists()
        assert not ParentProfile.objects.filter(user=user).exists()
        assert_accessible(page)
        screenshot(page, "spark-consent-error")

        # The right password, and the separate consent to an outside model.
        password.fill(PASSWORD)
        form.get_by_label("Also allow an outside AI model").check()
        form.get_by_role("button", name="Give consent").click()
        expect(flash(page)).to_contain_text("your consent is recorded")
        expect(flash(page)).to_contain_text("You also allowed an outside AI model.")
        expect(page.get_by_role("heading", name="Add a child")).to_be_visible()
        row = coppa_consent(user=user)
        assert row is not None and row.method == "password+signature"
        assert row.history[-1]["signature"] == "Sam Rivera"
        assert llm_sharing_allowed(user=user)
        assert ParentProfile.objects.get(user=user).timezone == BROWSER_ZONE
        assert any("consent" in message.subject.lower() for message in mail.outbox)

    def test_an_account_without_a_password_consents_with_an_emailed_code(
        self, tab, live_server, user
    ):
        user.set_unusable_password()  # an account made with Google sign-in
        user.save()
        page = tab
        sign_in(page, live_server, user)  # the new password ended the old session
        page.goto(live_server.url + HOME)
        form = page.locator("#consent-form")
        expect(form.get_by_label("Your BrightPath password")).to_have_count(0)
        form.get_by_label("I am the parent or legal guardian", exact=False).check()
        form.get_by_label("Your full name, as your signature").fill("Sam Rivera")
        form.get_by_role("button", name="Email me a code").click()
        expect(form.get_by_role("button", name="Email me a new code")).to_be_visible()
        code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
        wrong = "000000" if code != "000000" else "111111"
        form.get_by_label("The 6-digit code we email you").fill(wrong)
        form.get_by_role("button", name="Give consent").click()
        expect(form.locator(".field-error")).to_contain_text("code is wrong")
        assert coppa_consent(user=user) is None
        form.get_by_label("The 6-digit code we email you").fill(code)
        form.get_by_role("button", name="Give consent").click()
        expect(flash(page)).to_contain_text("your consent is recorded")
        assert coppa_consent(user=user).method == "email_code+signature"

    def test_a_new_notice_is_agreed_to_again(self, tab, live_server, user, settings):
        consent(user)
        settings.SPARK_NOTICE_VERSION = "2099-01"
        page = tab
        page.goto(live_server.url + HOME)
        note = page.locator("#consent .note")
        expect(note).to_contain_text("it is now version 2099-01")
        note.get_by_text("Agree to version 2099-01…").click()
        note.get_by_label("Your full name, as your signature").fill("Sam Rivera")
        note.get_by_label("Your BrightPath password").fill(PASSWORD)
        note.get_by_role("button", name="Agree to the new notice").click()
        expect(flash(page)).to_contain_text("consent to the new notice is recorded")
        expect(page.locator("#consent .note")).to_have_count(0)
        assert coppa_consent(user=user).version == "2099-01"

    def test_the_time_zone_follows_this_browser_when_asked(self, tab, live_server, user, settings):
        consent(user)
        page = tab
        page.goto(live_server.url + HOME)
        # A new parent's zone is the site's until they choose one.
        expect(page.locator("#consent .timezone strong")).to_have_text(settings.TIME_ZONE)
        page.get_by_role("button", name=f"Use this browser’s time zone ({BROWSER_ZONE})").click()
        expect(flash(page)).to_contain_text(f"now follow {BROWSER_ZONE}")
        expect(page.locator("#consent .timezone strong")).to_have_text(BROWSER_ZONE)
        assert ParentProfile.objects.get(user=user).timezone == BROWSER_ZONE

    def test_add_two_children_and_a_fifth_is_refused(self, tab, live_server, user):
        consent(user)
        page = tab
        page.goto(live_server.url + HOME)
        expect(page.get_by_text("No children in Spark yet.")).to_be_visible()

        fill_child(page, "Mia", years_ago(8), avatar="Owl")
        page.get_by_label("Interests (optional)").fill("space, Dinosaurs")
        page.get_by_role("button", name="Add child").click()
        expect(flash(page)).to_contain_text("Added Mia.")
        expect(card(page, "Mia")).to_contain_text("0 of 60 min")
        mia = Child.objects.get(parent=user, name="Mia")
        assert (mia.avatar_id, mia.interests, mia.age_group) == (
            "owl",
            ["space", "dinosaurs"],
            "curious_explorers",
        )

        # PINs that differ, then a child too young: each named beside its field.
        fill_child(page, "Leo", years_ago(2))
        page.get_by_label("PIN again").fill("9999")
        page.get_by_role("button", name="Add child").click()
        expect(page.locator("#add-child-form .field-error")).to_have_text(
            "The two PINs are not the same."
        )
        page.get_by_label("PIN again").fill("2468")
        page.get_by_role("button", name="Add child").click()
        expect(page.locator("#add-child-form .field-error")).to_contain_text("aged 4 to 14")
        assert not Child.objects.filter(name="Leo").exists()

        page.get_by_label("Birth date").fill(years_ago(5))
        page.get_by_role("button", name="Add child").click()
        expect(flash(page)).to_contain_text("Added Leo.")
        expect(page.locator(".child-card")).to_have_count(2)
        assert Child.objects.get(name="Leo").age_group == "wonder_cubs"

        # Two more elsewhere (another tab): this page still offers the form, and the
        # fifth child is refused with the API's message, nothing stored.
        add_child(user, "Ava")
        page.reload()
        add_child(user, "Zoe")
        fill_child(page, "Max", years_ago(9))
        page.get_by_role("button", name="Add child").click()
        summary = page.locator("#add-child-form .form-errors")
        expect(summary).to_have_text("A parent can have at most 4 children in Spark.")
        assert Child.objects.filter(parent=user).count() == 4
        screenshot(page, "spark-fifth-child")
        page.reload()
        expect(page.locator("#add-child")).to_contain_text("the most it allows")
        expect(page.locator("#add-child-form")).to_have_count(0)

    def test_a_childs_settings_are_saved(self, tab, live_server, user):
        consent(user)
        mia = add_child(user, "Mia")
        page = tab
        page.goto(live_server.url + HOME)
        mia_card = card(page, "Mia")
        mia_card.get_by_text("Settings for Mia").click()
        cap = mia_card.get_by_label("Daily time cap (minutes)")
        cap.fill("500")
        mia_card.get_by_role("button", name="Save Mia’s settings").click()
        expect(mia_card.locator(".field-error")).to_contain_text("240")
        expect(cap).to_have_attribute("aria-invalid", "true")
        mia.refresh_from_db()
        assert mia.settings["daily_time_limit_minutes"] == 60

        cap.fill("30")
        mia_card.get_by_label("Bedtime starts").fill("19:30")
        expect(mia_card.get_by_label("Sounds on")).to_have_count(0)  # nothing plays sound
        mia_card.get_by_role("button", name="Save Mia’s settings").click()
        expect(mia_card.get_by_role("status")).to_have_text("Saved Mia’s settings.")
        expect(mia_card.locator(".field-error")).to_have_count(0)
        expect(mia_card.locator(".stat.today")).to_contain_text("0 of 30 min")
        mia.refresh_from_db()
        assert mia.settings["daily_time_limit_minutes"] == 30
        assert mia.settings["bedtime_start"] == "19:30"
        assert "sound_enabled" not in mia.settings
        page.reload()
        expect(card(page, "Mia").get_by_label("Daily time cap (minutes)")).to_have_value("30")

    def test_the_dashboard_shows_a_flag_with_its_context(self, tab, live_server, user):
        consent(user)
        mia = add_child(user, "Mia")
        talk_on(mia, days_ago=3, minutes=12)
        talk_on(mia, days_ago=1, minutes=20)
        conversation, blocked = flagged_conversation(mia)
        page = tab
        page.goto(live_server.url + HOME)
        expect(card(page, "Mia").locator(".stat.today")).to_contain_text("of 60 min")

        page.get_by_role("navigation", name="Spark").get_by_role("link", name="Dashboard").click()
        section = page.locator(f"#dash-{mia.pk}")
        flag = section.locator(f"#flag-{blocked.pk}")
        expect(flag).to_contain_text("Personal information")
        expect(flag.locator(".turn.filtered")).to_contain_text(UNSAFE)
        expect(flag.locator(".turn.child").first).to_contain_text("Why is that?")  # before it
        redirect = Message.objects.filter(
            conversation=conversation, role="assistant", created_at__gte=blocked.created_at
        ).exclude(pk=blocked.pk)
        expect(flag).to_contain_text(redirect.first().content[:40])  # the guide's redirect
        expect(section.locator("[data-unseen-count]")).to_have_text("1 not seen yet")
        summary = section.locator(".chart-summary")
        expect(summary).to_contain_text("32 minutes on 2 of 14 days")
        section.get_by_text("Minutes a day as a table").click()
        expect(section.locator(".chart-table tbody tr").nth(12)).to_contain_text("20")
        expect(section.locator(".growth")).to_contain_text("Curiosity")
        assert_accessible(page)
        screenshot(page, "spark-dashboard-flag")

        flag.get_by_role("button", name="Mark as seen").click()
        expect(flag.locator(".flag-state")).to_have_text("Seen")
        expect(section.locator("[data-unseen-count]")).to_have_text("all seen")
        blocked.refresh_from_db()
        assert blocked.reviewed_at is not None

        page.reload()
        expect(page.locator(f"#flag-{blocked.pk}")).to_have_count(0)
        page.locator(f"#dash-{mia.pk}").get_by_role("link").filter(
            has_text=a_topic(mia).name
        ).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Mia’s conversation")
        expect(page.locator(f"#m-{blocked.pk}")).to_contain_text(
            "Blocked by the safety filter: Personal information"
        )

    def test_revoke_consent_after_a_dialog_that_says_what_it_does(self, tab, live_server, user):
        consent(user)
        add_child(user, "Mia")
        page = tab
        page.goto(live_server.url + HOME)
        page.get_by_role("button", name="Revoke consent…").click()
        dialog = page.get_by_role("dialog", name="Revoke your consent to Spark?")
        expect(dialog).to_contain_text("no child can start or go on with a conversation")
        expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
        assert_accessible(page)
        screenshot(page, "spark-revoke-dialog")
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_be_hidden()
        expect(page.get_by_role("button", name="Revoke consent…")).to_be_focused()
        assert coppa_consent(user=user) is not None

        page.get_by_role("button", name="Revoke consent…").click()
        dialog.get_by_role("button", name="Revoke consent").click()
        expect(flash(page)).to_contain_text("Your consent is revoked")
        expect(page.get_by_role("heading", name="Give your consent")).to_be_visible()
        assert coppa_consent(user=user) is None
        # What is held stays the parent's to download or delete, but Spark is closed.
        mia = card(page, "Mia")
        expect(mia.get_by_role("button", name="Download Mia’s data")).to_be_visible()
        expect(mia.get_by_role("button", name="Delete Mia…")).to_be_visible()
        expect(mia.get_by_role("link", name="Open Mia’s Spark")).to_have_count(0)
        assert Child.objects.filter(parent=user, name="Mia").exists()

    def test_delete_a_child_after_confirming_what_goes(self, tab, live_server, user):
        consent(user)
        mia, leo = add_child(user, "Mia"), add_child(user, "Leo", years=6)
        conversation, _ = flagged_conversation(mia)
        page = tab
        page.goto(live_server.url + HOME)

        with page.expect_download() as download:
            card(page, "Mia").get_by_role("button", name="Download Mia’s data").click()
        exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert "Mia" in json.dumps(exported) and UNSAFE in json.dumps(exported)
        assert download.value.suggested_filename.startswith("spark-mia-")

        card(page, "Mia").get_by_role("button", name="Delete Mia…").click()
        dialog = page.get_by_role("dialog", name="Delete Mia?")
        expect(dialog).to_contain_text("Mia’s profile: name, birth date")
        expect(dialog).to_contain_text("1 conversation and every message in them")
        dialog.get_by_role("button", name="Cancel").click()
        assert Child.objects.filter(pk=mia.pk).exists()

        card(page, "Mia").get_by_role("button", name="Delete Mia…").click()
        dialog.get_by_role("button", name="Delete Mia and this data").click()
        expect(flash(page)).to_contain_text("Deleted Mia")
        expect(card(page, "Mia")).to_have_count(0)
        expect(card(page, "Leo")).to_have_count(1)
        assert not Child.objects.filter(pk=mia.pk).exists()
        assert not Conversation.objects.filter(pk=conversation.pk).exists()
        assert not Message.objects.filter(conversation_id=conversation.pk).exists()
        assert Child.objects.filter(pk=leo.pk).exists()

    @pytest.mark.parametrize(
        "which",
        ["consent", "home", "dashboard", "transcript", "privacy", "delete-dialog", "revoked"],
    )
    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, tab, live_server, user, which
    ):
        conversation = None
        if which != "consent":
            consent(user)
            mia = add_child(user, "Mia", interests=["space"])
            add_child(user, "Leo", years=5, avatar_id="rocket")
            talk_on(mia, days_ago=2, minutes=16)
            conversation, _ = flagged_conversation(mia)
        if which == "revoked":
            spark_consent_revoke(user=user, consent_type="coppa")
        path = {
            "consent": HOME,
            "home": HOME,
            "delete-dialog": HOME,
            "revoked": HOME,
            "dashboard": DASHBOARD,
            "privacy": PRIVACY,
            "transcript": f"/spark/conversations/{conversation.pk}/" if conversation else "",
        }[which]
        page = tab
        page.goto(live_server.url + path)
        if which == "home":
            card(page, "Mia").get_by_text("Settings for Mia").click()
        if which == "delete-dialog":
            card(page, "Mia").get_by_role("button", name="Delete Mia…").click()
        for viewport in (None, PHONE):
            if viewport:
                page.set_viewport_size(viewport)
            assert_accessible(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                "window.innerWidth"
            ), "nothing wider than the screen"
            screenshot(page, f"spark-parent-{which}")
        nav = page.get_by_role("navigation", name="Main").get_by_role("link", name="Spark")
        expect(nav).to_have_attribute("aria-current", "page")

    def test_the_pages_work_with_the_keyboard(self, tab, live_server, user):
        consent(user)
        add_child(user, "Mia")
        page = tab
        page.goto(live_server.url + HOME)
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        page.get_by_role("button", name="Delete Mia…").focus()
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog", name="Delete Mia?")
        expect(dialog).to_be_visible()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(page.get_by_role("button", name="Delete Mia…")).to_be_focused()
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused control shows it"
