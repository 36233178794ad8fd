"""Google sign-in, end to end through the real google-auth verification.

A local HTTP server publishes a self-signed certificate the way Google does
(`{"<kid>": "<PEM>"}`), and the tests sign ID tokens with its private key, so
signature, audience, expiry and issuer checks all run for real.
"""

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

from brightpath.accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CLIENT_ID = "test-client.apps.googleusercontent.com"
KID = "test-key-1"
GOOGLE_URL = "/api/auth/google/"


def _private_key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _self_signed_cert_pem(key: rsa.RSAPrivateKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test.googleapis.com")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def google_keys():
    """Google's signing key, and a certs endpoint on 127.0.0.1 that publishes it."""
    key = _new_rsa_key()
    body = json.dumps({KID: _self_signed_cert_pem(key)}).encode()
    served = SimpleNamespace(count=0)

    class CertsHandler(BaseHTTPRequestHandler):
        def do_GET(self):
            served.count += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), CertsHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield SimpleNamespace(
        private_pem=_private_key_pem(key),
        certs_url=f"http://{host}:{port}/oauth2/v1/certs",
        served=served,
    )
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def _google_settings(settings, google_keys):
    settings.GOOGLE_CLIENT_ID = CLIENT_ID
    settings.GOOGLE_CERTS_URL = google_keys.certs_url


@pytest.fixture
def make_token(google_keys):
    """Sign a Google ID token; keyword arguments override or add claims."""

    def make(*, private_pem: bytes | None = None, **claims) -> str:
        now = int(time.time())
        payload = {
            "iss": "https://accounts.google.com",
            "aud": CLIENT_ID,
            "sub": "google-sub-1",
            "email": "new.parent@example.com",
            "email_verified": True,
            "name": "New Parent",
            "iat": now,
            "exp": now + 3600,
            **claims,
        }
        signer = crypt.RSASigner.from_string(private_pem or google_keys.private_pem, key_id=KID)
        return jwt.encode(signer, payload).decode()

    return make


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
        forged = make_token(private_pem=_private_key_pem(_new_rsa_key()))

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
