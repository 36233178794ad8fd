import re

import pytest
from django.core import mail
from django.test import Client

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import PASSWORD
from brightpath.onboarding.demo import DEMO_FAMILY_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf_post(client: Client, url: str, data: dict):
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def test_home_redirects_to_login_when_signed_out(browser):
    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_and_logout(browser, user):
    response = csrf_post(
        browser, "/accounts/login/", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    home = browser.get("/")
    assert user.email in home.content.decode()
    logout = browser.post(
        "/accounts/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )
    assert logout.status_code == 302
    assert browser.get("/").status_code == 302


def test_wrong_password_shows_an_error(browser, user):
    response = csrf_post(browser, "/accounts/login/", {"username": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct email and password" in response.content.decode().lower()


def test_post_without_csrf_token_is_refused(browser, user):
    response = browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 403


def test_signup_creates_the_account_and_signs_in(browser):
    response = csrf_post(
        browser,
        "/accounts/signup/",
        {"name": "Maya Lopez", "email": "maya@example.com", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.filter(email="maya@example.com").exists()
    assert "Welcome to BrightPath, Maya" in browser.get("/").content.decode()


def test_signup_shows_service_errors_beside_the_field(browser, user):
    response = csrf_post(
        browser, "/accounts/signup/", {"name": "Twin", "email": user.email, "password": "123"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "already exists" in page
    assert User.objects.count() == 1


def test_password_reset_pages_round_trip(browser, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = csrf_post(browser, "/accounts/password/reset/", {"email": user.email})
    assert "Check your email" in sent.content.decode()
    link = re.search(r"http://testserver(\S+/)\s", mail.outbox[0].body).group(1)
    assert "Choose a new password" in browser.get(link).content.decode()
    done = csrf_post(browser, link, {"new_password": "Brand-new-passw0rd"})
    assert done.status_code == 302
    assert "no longer works" in browser.get(link).content.decode()
    assert browser.login(username=user.email, password="Brand-new-passw0rd")


class TestFamilyPages:
    @pytest.fixture
    def signed_in(self, client, user, before_the_demo_week):
        import json

        from brightpath.onboarding.services import questionnaire_submit

        demo = DEMO_FAMILY_FILE
        questionnaire_submit(user=user, data=json.loads(demo.read_text()))
        client.force_login(user)
        return client

    def test_home_lists_the_children_and_their_subjects(self, signed_in, reused_solves):
        page = signed_in.get("/").content.decode()
        assert "Noah" in page and "Ava" in page
        assert "Piano Practice" in page and "at 13:00" in page

    def test_week_page_plans_and_shows_every_child(self, signed_in, reused_solves):
        page = signed_in.get("/week/?week=2026-01-07").content.decode()
        assert "Week of Monday 5 January 2026" in page
        assert page.count('<section class="child-week"') == 2  # one list per child
        assert "09:00–09:45</span> Reading" in page
        assert "Soccer Practice" in page
        again = signed_in.get("/week/?week=2026-01-05").content.decode()
        assert "version 1" in again  # read, not regenerated

    def test_week_page_without_a_family_goes_home(self, client, user):
        client.force_login(user)
        assert client.get("/week/")["Location"] == "/"


class TestRateLimits:
    """The sign-in, sign-up and password reset pages count each submission per
    address in the API's buckets, at the API's rates (settings THROTTLE_*)."""

    @pytest.fixture
    def rates(self, settings):
        def set_rates(**changed):
            rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **changed}
            settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

        return set_rates

    def test_the_11th_wrong_password_is_429_at_the_default_rate(self, browser, user, settings):
        assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] == "10/min"
        wrong = {"username": user.email, "password": "nope"}
        statuses = [csrf_post(browser, "/accounts/login/", wrong).status_code for _ in range(10)]
        assert statuses == [200] * 10
        response = csrf_post(browser, "/accounts/login/", wrong)
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        page = response.content.decode()
        assert "Too many attempts" in page and "try again" in page
        assert 'role="alert"' in page
        assert user.email in page  # what was typed stays, the password does not
        assert "nope" not in page

    def test_past_the_limit_the_right_password_is_not_even_checked(self, browser, user, rates):
        rates(login="2/min")
        for _ in range(2):
            csrf_post(browser, "/accounts/login/", {"username": user.email, "password": "nope"})
        right = csrf_post(
            browser, "/accounts/login/", {"username": user.email, "password": PASSWORD}
        )
        assert right.status_code == 429
        assert browser.get("/").status_code == 302  # not signed in

    def test_the_web_and_the_api_share_one_bucket(self, browser, user, rates):
        from rest_framework.test import APIClient

        rates(login="4/min")
        api = APIClient()
        body = {"email": user.email, "password": "nope"}
        assert [
            api.post("/api/auth/login/", body, format="json").status_code for _ in range(2)
        ] == [
            401,
            401,
        ]
        wrong = {"username": user.email, "password": "nope"}
        assert [csrf_post(browser, "/accounts/login/", wrong).status_code for _ in range(2)] == [
            200,
            200,
        ]
        assert csrf_post(browser, "/accounts/login/", wrong).status_code == 429
        refused = api.post("/api/auth/login/", body, format="json")
        assert refused.status_code == 429 and int(refused["Retry-After"]) > 0

    def test_the_api_counts_against_the_web_page(self, browser, user, rates):
        from rest_framework.test import APIClient

        rates(register="3/min")
        api = APIClient()
        for n in range(3):
            api.post("/api/auth/register/", {"email": f"x{n}@example.com"}, format="json")
        data = {"name": "Maya", "email": "maya@example.com", "password": PASSWORD}
        response = csrf_post(browser, "/accounts/signup/", data)
        assert response.status_code == 429
        assert not User.objects.filter(email="maya@example.com").exists()
        assert "maya@example.com" in response.content.decode()

    def test_sign_up_is_limited_at_its_rate(self, browser, rates):
        rates(register="2/min")
        data = {"name": "Twin", "email": "not-an-email", "password": PASSWORD}
        statuses = [csrf_post(browser, "/accounts/signup/", data).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]

    def test_password_reset_request_and_confirm_share_the_reset_limit(self, browser, user, rates):
        rates(password_reset="3/min")
        for _ in range(2):
            sent = csrf_post(browser, "/accounts/password/reset/", {"email": user.email})
            assert sent.status_code == 200
        link = "/accounts/password/reset/MQ/not-a-token/"  # a dead link has no form to read
        token = {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
        confirm = browser.post(link, {"new_password": "Brand-new-passw0rd", **token})
        assert confirm.status_code == 200
        refused = csrf_post(browser, "/accounts/password/reset/", {"email": user.email})
        assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
        assert browser.post(link, {"new_password": "x", **token}).status_code == 429

    def test_viewing_the_pages_is_not_counted(self, browser, rates):
        rates(login="1/min")
        for _ in range(5):
            assert browser.get("/accounts/login/").status_code == 200

    def test_each_address_has_its_own_bucket(self, user, rates):
        rates(login="1/min")
        first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
        wrong = {"username": user.email, "password": "nope"}
        assert csrf_post(first, "/accounts/login/", wrong).status_code == 200
        assert csrf_post(first, "/accounts/login/", wrong).status_code == 429
        assert csrf_post(second, "/accounts/login/", wrong).status_code == 200


@pytest.mark.django_db
def test_an_unplanned_past_week_says_so(client, user, demo_submission):
    from brightpath.onboarding.services import questionnaire_submit

    questionnaire_submit(user=user, data=demo_submission)
    client.force_login(user)
    page = client.get("/week/?week=2020-01-06").content.decode()
    assert "This week is not planned" in page
