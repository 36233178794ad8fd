"""A stand-in for Google's sign-in, for tests: a local HTTP server publishes a
self-signed certificate the way Google does (`{"<kid>": "<PEM>"}`), and
`make_token` signs ID tokens with its private key, so signature, audience,
expiry and issuer checks run for real in google-auth. Import the fixtures
(`google_keys`, `google_settings`, `make_token`) into a test module to use them."""

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

CLIENT_ID = "test-client.apps.googleusercontent.com"
KID = "test-key-1"


def private_key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def self_signed_cert_pem(key: rsa.RSAPrivateKey) -> str:
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


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def google_keys():
    """Google's signing key, and a certs endpoint on 127.0.0.1 that publishes it."""
    key = new_rsa_key()
    body = json.dumps({KID: self_signed_cert_pem(key)}).encode()
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
        private_pem=private_key_pem(key),
        certs_url=f"http://{host}:{port}/oauth2/v1/certs",
        served=served,
    )
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def google_settings(settings, google_keys):
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
