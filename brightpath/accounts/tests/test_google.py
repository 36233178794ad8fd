"""Google sign-in through the API, end to end through the real google-auth
verification against a local stand-in for Google (google_fake.py)."""

import time

import pytest

from brightpath.accounts.models import User

from .factories import PASSWORD, UserFactory
from .google_fake import google_keys, google_settings, make_token, new_rsa_key, private_key_pem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("google_settings")]

GOOGLE_URL = "/api/auth/google/"
__all__ = ["google_keys", "google_settings", "make_token"]  # fixtures, used by name


def sign_in(client, token: str):
    return client.post(GOOGLE_URL, {"credential": token}, format="json")


def me(client, access: str):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/users/me/")


def assert_rejected(response, message_part: str = "") -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"]
    error = response.json()["error"]
    assert error["code"] == "authentication_failed"
    assert message_part in error["message"]


class TestNewAccount:
    def test_verified_email_creates_passwordless_account_with_working_tokens(
        self, api_client, make_token
    ):
        response = sign_in(api_client, make_token())

        assert response.status_code == 201
        body = response.json()
        assert body["created"] is True
        assert body["user"]["email"] == "new.parent@example.com"
        assert body["user"]["googleLinked"] is True
        user = User.objects.get(email="new.parent@example.com")
        assert user.google_id == "google-sub-1"
        assert user.name == "New Parent"
        assert not user.has_usable_password()
        profile = me(api_client, body["tokens"]["access"])
        assert profile.status_code == 200
        assert profile.json()["id"] == str(user.pk)

    def test_same_token_again_signs_in_the_same_account(self, api_client, make_token):
        token = make_token()
        first = sign_in(api_client, token)
        again = sign_in(api_client, token)

        assert again.status_code == 200
        assert again.json()["created"] is False
        assert again.json()["user"]["id"] == first.json()["user"]["id"]
        assert User.objects.count() == 1
        assert me(api_client, again.json()["tokens"]["access"]).status_code == 200


class TestRejectedTokens:
    def test_wrong_audience(self, api_client, make_token):
        response = sign_in(api_client, make_token(aud="someone-else.apps.googleusercontent.com"))

        assert_rejected(response, "Google sign-in failed")
        assert not User.objects.exists()

    def test_expired_token(self, api_client, make_token):
        now = int(time.time())
        response = sign_in(api_client, make_token(iat=now - 7200, exp=now - 3600))

        assert_rejected(response, "expired")
        assert not User.objects.exists()

    def test_signed_with_another_key_under_the_same_kid(self, api_client, make_token):
        forged = make_token(private_pem=private_key_pem(new_rsa_key()))

        assert_rejected(sign_in(api_client, forged), "signature")
        assert not User.objects.exists()

    def test_wrong_issuer(self, api_client, make_token):
        response = sign_in(api_client, make_token(iss="https://evil.example.com"))

        assert_rejected(response, "issuer")
        assert not User.objects.exists()

    def test_not_configured_without_client_id(self, api_client, make_token, settings):
        settings.GOOGLE_CLIENT_ID = ""

        assert_rejected(sign_in(api_client, make_token()), "Google sign-in is not configured")
        assert not User.objects.exists()


class TestLinking:
    def test_existing_password_account_is_linked_by_email_any_case(self, api_client, make_token):
        user = UserFactory(email="linked@example.com")

        response = sign_in(api_client, make_token(sub="google-sub-7", email="Linked@Example.com"))

        assert response.status_code == 200
        assert response.json()["created"] is False
        assert response.json()["user"]["id"] == str(user.pk)
        user.refresh_from_db()
        assert user.google_id == "google-sub-7"
        assert User.objects.count() == 1
        login = api_client.post(
            "/api/auth/login/", {"email": user.email, "password": PASSWORD}, format="json"
        )
        assert login.status_code == 200

    def test_unverified_email_does_not_link(self, api_client, make_token):
        user = UserFactory(email="linked@example.com")

        response = sign_in(api_client, make_token(email=user.email, email_verified=False))

        assert_rejected(response, "not verified")
        user.refresh_from_db()
        assert user.google_id is None

    def test_account_linked_to_another_google_account(self, api_client, make_token):
        user = UserFactory(email="linked@example.com", google_id="google-sub-other")

        response = sign_in(api_client, make_token(sub="google-sub-7", email=user.email))

        assert_rejected(response, "different Google account")
        user.refresh_from_db()
        assert user.google_id == "google-sub-other"


class TestCertificates:
    def test_certificates_are_fetched_once_and_cached(self, api_client, make_token, google_keys):
        before = google_keys.served.count
        assert sign_in(api_client, make_token()).status_code == 201
        assert sign_in(api_client, make_token()).status_code == 200
        assert google_keys.served.count == before + 1

    def test_unknown_key_id_refetches_once(self, api_client, make_token, google_keys):
        from django.core.cache import cache

        cache.set("google:id-token-certs", {"old-key": "stale"})
        assert sign_in(api_client, make_token()).status_code == 201
