"""Fixtures for the pages in a real browser: Debian's Chromium driven by
Playwright (no downloaded browsers), a context signed in as a user, and the
demo family with its week of 2026-01-05 planned. A browser test module
says `pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]`:
the live server reads the database from another thread."""

import json

import pytest
from django.conf import settings as django_settings
from django.test import Client

from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit

from .browser import CHROMIUM, CSP_REFUSALS, DEMO_MONDAY, DESKTOP, watch_csp


# One browser per test module, not per session: Playwright's sync API keeps an
# event loop in this thread while it runs, which Django refuses to do ORM work
# beside unless DJANGO_ALLOW_ASYNC_UNSAFE is set; both end with the module, so
# the worker's other tests run as in production.
@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test itself makes are synchronous and safe.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        new_context = browser.new_context
        patch.setattr(browser, "new_context", lambda *a, **kw: watch_csp(new_context(*a, **kw)))
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_csp_refusal():
    """Every browser test also fails when a page of it reported a Content-Security-Policy
    violation: an inline script, style or handler the policy refused to run."""
    CSP_REFUSALS.clear()
    yield
    assert not CSP_REFUSALS, "the CSP refused: " + "; ".join(CSP_REFUSALS)


@pytest.fixture
def page(chromium):
    """A fresh browser tab, signed out, at desktop width."""
    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def sign_in(page, live_server, user) -> None:
    """Give the tab a session for `user` without going through the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.fixture
def signed_in(page, live_server, user):
    """A tab signed in as `user` (who has no family yet)."""
    sign_in(page, live_server, user)
    return page


@pytest.fixture
def demo_family(user, before_the_demo_week, reused_solves):
    """The seed's family (Sarah Kim; Noah 6, Ava 10) for `user`, its week of
    2026-01-05 planned; the server's clock is the Sunday evening before it."""
    from brightpath.planner.tests.stored_weeks import generate_reusing_solve

    family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


@pytest.fixture
def family_page(signed_in, demo_family):
    """A tab signed in as the demo family's parent."""
    return signed_in
