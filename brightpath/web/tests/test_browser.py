"""The account pages in a real browser: Debian's Chromium driven by Playwright."""

from pathlib import Path

import pytest

from brightpath.accounts.tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt)"),
]


@pytest.fixture(scope="module")
def chromium():
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
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    yield context.new_page()
    context.close()


def test_sign_up_sign_out_and_sign_in_again(page, live_server):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")

    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_label("Your name").fill("Maya Lopez")
    page.get_by_label("Email").fill("maya@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("status").inner_text() == "Welcome to BrightPath, Maya!"
    assert page.get_by_role("heading", name="Hello, Maya").is_visible()

    page.get_by_role("button", name="Sign out").click()
    assert "/accounts/login/" in page.url

    page.get_by_label("Email").fill("maya@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert "correct email and password" in page.get_by_role("alert").inner_text()

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", name="Hello, Maya").is_visible()
