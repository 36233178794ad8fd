import re

import pytest
from django.core import mail

from brightpath.accounts.models import User, UserPreference

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "An0ther-good-passphrase"


def login(client, email, password=PASSWORD):
    return client.post("/api/auth/login/", {"email": email, "password": password}, format="json")


def bearer(client, access):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


class TestRegister:
    def test_creates_account_and_returns_working_tokens(self, api_client):
        response = api_client.post(
            "/api/auth/register/",
            {"email": "Sarah@Example.com", "password": PASSWORD, "name": "Sarah Kim"},
            format="json",
        )
        assert response.status_code == 201
        assert response.data["user"]["email"] == "sarah@example.com"
        assert response.data["user"]["questionnaireCompleted"] is False
        user = User.objects.get(email="sarah@example.com")
        assert user.password.startswith("argon2")
        me = bearer(api_client, response.data["tokens"]["access"]).get("/api/users/me/")
        assert me.status_code == 200 and me.data["name"] == "Sarah Kim"

    def test_duplicate_email_any_case_is_refused(self, api_client, user):
        response = api_client.post(
            "/api/auth/register/",
            {"email": user.email.upper(), "password": PASSWORD, "name": "Twin"},
            format="json",
        )
        assert response.status_code == 400
        assert "email" in response.data["error"]["fields"]
        assert User.objects.count() == 1

    def test_weak_password_names_the_field_and_saves_nothing(self, api_client):
        response = api_client.post(
            "/api/auth/register/",
            {"email": "a@example.com", "password": "12345678", "name": "A"},
            format="json",
        )
        assert response.status_code == 400
        assert response.data["error"]["code"] == "validation_error"
        assert response.data["error"]["fields"]["password"]
        assert not User.objects.exists()


class TestLoginRefreshLogout:
    def test_login_with_email_and_password(self, api_client, user):
        response = login(api_client, user.email)
        assert response.status_code == 200
        assert {"access", "refresh"} <= set(response.data)
        user.refresh_from_db()
        assert user.last_login is not None

    def test_wrong_password_is_401_in_error_shape(self, api_client, user):
        response = login(api_client, user.email, "wrong-password")
        assert response.status_code == 401
        assert response.data["error"]["code"] == "no_active_account"

    def test_refresh_rotates_and_blacklists_the_old_token(self, api_client, user):
        first = login(api_client, user.email).data["refresh"]
        rotated = api_client.post("/api/auth/token/refresh/", {"refresh": first}, format="json")
        assert rotated.status_code == 200
        assert rotated.data["refresh"] != first
        replay = api_client.post("/api/auth/token/refresh/", {"refresh": first}, format="json")
        assert replay.status_code == 401
        assert replay.data["error"]["code"] == "token_not_valid"
        again = api_client.post(
            "/api/auth/token/refresh/", {"refresh": rotated.data["refresh"]}, format="json"
        )
        assert again.status_code == 200

    def test_logout_blacklists_the_refresh_token(self, api_client, user):
        tokens = login(api_client, user.email).data
        bearer(api_client, tokens["access"])
        response = api_client.post(
            "/api/auth/logout/", {"refresh": tokens["refresh"]}, format="json"
        )
        assert response.status_code == 204
        refresh = api_client.post(
            "/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
        )
        assert refresh.status_code == 401

    def test_logout_needs_authentication(self, api_client):
        response = api_client.post("/api/auth/logout/", {"refresh": "x"}, format="json")
        assert response.status_code == 401
        assert response.data["error"]["code"] == "not_authenticated"


class TestPasswordReset:
    def _reset_link(self):
        assert len(mail.outbox) == 1
        body = mail.outbox[0].body
        uid = re.search(r"uid=(\S+)", body).group(1)
        token = re.search(r"token=(\S+)", body).group(1)
        link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", body).group(1)
        return uid, token, link

    @pytest.fixture
    def request_reset(self, api_client, django_capture_on_commit_callbacks):
        def request_reset(email):
            # The email is sent once the request's transaction commits.
            with django_capture_on_commit_callbacks(execute=True):
                return api_client.post("/api/auth/password/reset/", {"email": email}, format="json")

        return request_reset

    def test_round_trip_through_the_email_outbox(self, api_client, user, request_reset):
        old_refresh = login(api_client, user.email).data["refresh"]
        response = request_reset(user.email)
        assert response.status_code == 202
        assert mail.outbox[0].to == [user.email]
        uid, token, link = self._reset_link()
        assert link == f"/accounts/password/reset/{uid}/{token}/"

        confirm = api_client.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "newPassword": NEW_PASSWORD},
            format="json",
        )
        assert confirm.status_code == 200
        assert login(api_client, user.email).status_code == 401
        assert login(api_client, user.email, NEW_PASSWORD).status_code == 200
        # The link works once, and sessions from before the reset are revoked.
        reuse = api_client.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "newPassword": "Yet-another-passw0rd"},
            format="json",
        )
        assert reuse.status_code == 400
        assert "token" in reuse.data["error"]["fields"]
        stale = api_client.post("/api/auth/token/refresh/", {"refresh": old_refresh}, format="json")
        assert stale.status_code == 401

    def test_unknown_email_answers_the_same_and_sends_nothing(self, request_reset):
        response = request_reset("nobody@example.com")
        assert response.status_code == 202
        assert mail.outbox == []

    def test_weak_new_password_is_refused_and_token_survives(self, api_client, user, request_reset):
        request_reset(user.email)
        uid, token, _ = self._reset_link()
        weak = api_client.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "newPassword": "password"},
            format="json",
        )
        assert weak.status_code == 400
        assert "newPassword" in weak.data["error"]["fields"]
        strong = api_client.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "newPassword": NEW_PASSWORD},
            format="json",
        )
        assert strong.status_code == 200


class TestMeAndPreferences:
    def test_patch_me_updates_name_only(self, auth_client, user):
        response = auth_client.patch(
            "/api/users/me/", {"name": "Sarah K.", "email": "evil@example.com"}, format="json"
        )
        assert response.status_code == 200
        user.refresh_from_db()
        assert (user.name, user.email) == ("Sarah K.", response.data["email"])
        assert user.email != "evil@example.com"

    def test_put_replaces_all_preferences(self, auth_client, user):
        first = {"theme": "dark", "weekStartsOn": "monday", "notifications": {"email": True}}
        assert (
            auth_client.put(
                "/api/users/preferences/", {"preferences": first}, format="json"
            ).status_code
            == 200
        )
        response = auth_client.put(
            "/api/users/preferences/", {"preferences": {"theme": "light"}}, format="json"
        )
        assert response.data == {"preferences": {"theme": "light"}}
        assert auth_client.get("/api/users/preferences/").data == {
            "preferences": {"theme": "light"}
        }
        assert UserPreference.objects.filter(user=user).count() == 1

    def test_preferences_are_private(self, auth_client, api_client):
        other = UserFactory()
        UserPreference.objects.create(user=other, key="secret", value=1)
        assert auth_client.get("/api/users/preferences/").data == {"preferences": {}}

    def test_preferences_must_be_an_object(self, auth_client):
        response = auth_client.put("/api/users/preferences/", {"preferences": [1]}, format="json")
        assert response.status_code == 400
        assert "preferences" in response.data["error"]["fields"]


class TestThrottling:
    @pytest.mark.parametrize(
        ("url", "scope", "body"),
        [
            ("/api/auth/login/", "login", {"email": "x@example.com", "password": "nope"}),
            ("/api/auth/register/", "register", {"email": "bad"}),
            ("/api/auth/password/reset/", "password_reset", {"email": "x@example.com"}),
            ("/api/auth/google/", "google", {"credential": "not-a-jwt"}),
        ],
    )
    def test_429_with_retry_after_past_the_limit(self, api_client, settings, url, scope, body):
        from rest_framework.settings import api_settings
        from rest_framework.throttling import ScopedRateThrottle

        rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: "3/min"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        statuses = [api_client.post(url, body, format="json").status_code for _ in range(4)]
        assert 429 not in statuses[:3]
        assert statuses[3] == 429
        response = api_client.post(url, body, format="json")
        assert response.data["error"]["code"] == "throttled"
        assert int(response["Retry-After"]) > 0


def test_signed_in_calls_have_a_limit_per_user(auth_client, other_client, settings):
    """Issue 21 #2: a signed-in client past its rate gets 429, another user does not."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "user": "3/min",
        },
    }
    answers = [auth_client.get("/api/users/me/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = auth_client.get("/api/users/me/")
    assert limited["Retry-After"] and limited.json()["error"]["code"] == "throttled"
    assert other_client.get("/api/users/me/").status_code == 200
