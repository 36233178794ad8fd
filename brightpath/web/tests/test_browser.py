"""The account pages in a real browser: Debian's Chromium driven by Playwright."""

import pytest

from brightpath.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_sign_out_and_sign_in_again(page, live_server):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")

    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_label("Your name").fill("Maya Lopez")
    page.get_by_label("Email").fill("maya@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("status").inner_text() == "Welcome to BrightPath, Maya!"
    assert page.url.endswith("/onboarding/")  # a new parent goes straight to the questionnaire

    page.get_by_role("button", name="Sign out").click()
    assert "/accounts/login/" in page.url

    page.get_by_label("Email").fill("maya@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert "correct email and password" in page.get_by_role("alert").inner_text()

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", name="Hello, Maya").is_visible()
