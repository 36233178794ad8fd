"""Production mode refuses unsafe configuration; deploy checks are clean; its responses
carry HSTS, secure HttpOnly cookies and the Content-Security-Policy."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=240,  # a cold start of Django on a busy CI machine
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="brightpath.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize("debug", ["false"])  # its other spellings are django-environ's to parse
def test_deploy_check_is_clean_in_production_mode(debug):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG=debug,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="brightpath.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def production(**env: str) -> dict[str, str]:
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "brightpath.example",
        **env,
    }


@pytest.mark.parametrize(
    "secret",
    [
        "dev-only-insecure-key-do-not-use-in-production-0123456789",  # the development default
        "too-short",
        "a" * 60,  # long but not random
    ],
)
def test_production_refuses_a_development_or_weak_secret_key(secret):
    result = manage("check", **production(SECRET_KEY=secret))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# Asks the production settings for a page over HTTPS and over HTTP (no database needed;
# static files unhashed, as there was no collectstatic).
PROBE = """
import json
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
plain_files = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
client = Client(HTTP_HOST="brightpath.example")
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_files}):
    page = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")
cookie = page.cookies["csrftoken"]
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"])},
    "plain": [plain.status_code, plain.headers.get("Location")],
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
}))
"""


def test_production_responses_carry_hsts_secure_cookies_and_the_csp():
    result = manage("shell", "-c", PROBE, **production())
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and "upgrade-insecure-requests" in csp
    assert seen["csrf_cookie"] == {"secure": True, "httponly": True}
    assert seen["session_cookie"] == [True, True]
    assert seen["plain"] == [301, "https://brightpath.example/accounts/login/"]
