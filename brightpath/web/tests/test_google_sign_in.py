"""Sign in with Google on the web pages: Google's button posts its ID token to
/accounts/google/; the same verification as the API (against a local stand-in
for Google), then a browser session."""

import pytest

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import UserFactory
from brightpath.accounts.tests.google_fake import (
    CLIENT_ID,
    google_keys,
    google_settings,
    make_token,
)

pytestmark = pytest.mark.django_db
__all__ = ["google_keys", "google_settings", "make_token"]  # fixtures, used by name

URL = "/accounts/google/"


def _post(client, credential: str, *, cookie: str = "double-submit", body: str | None = None):
    client.cookies["g_csrf_token"] = cookie
    return client.post(URL, {"credential": credential, "g_csrf_token": body or cookie})


def test_no_button_and_no_door_without_a_google_client(client, settings):
    settings.GOOGLE_CLIENT_ID = ""
    assert "g_id_onload" not in client.get("/accounts/login/").content.decode()
    assert client.post(URL, {"credential": "x"}).status_code == 404


@pytest.mark.usefixtures("google_settings")
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_the_button_names_the_client_and_where_to_post(client, path):
    html = client.get(path).content.decode()
    assert f'data-client_id="{CLIENT_ID}"' in html
    assert 'data-login_uri="http://testserver/accounts/google/"' in html


@pytest.mark.usefixtures("google_settings")
def test_a_new_parent_is_signed_up_and_signed_in(client, make_token):
    response = _post(client, make_token())
    assert response.status_code == 302
    user = User.objects.get(email="new.parent@example.com")
    assert user.google_id == "google-sub-1"
    assert client.get("/").wsgi_request.user == user


@pytest.mark.usefixtures("google_settings")
def test_an_existing_account_with_the_same_verified_email_is_linked(client, make_token):
    user = UserFactory(email="new.parent@example.com")
    _post(client, make_token())
    user.refresh_from_db()
    assert user.google_id == "google-sub-1"
    assert client.get("/").wsgi_request.user == user


@pytest.mark.usefixtures("google_settings")
def test_a_forged_or_expired_token_goes_back_to_the_login_page_with_the_reason(client, make_token):
    response = _post(client, make_token(aud="someone-else"), cookie="c")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/").content.decode()
    assert "Google sign-in failed" in page
    assert not User.objects.exists()


@pytest.mark.usefixtures("google_settings")
def test_without_googles_double_submit_cookie_nothing_happens(client, make_token):
    response = _post(client, make_token(), cookie="one", body="another")
    assert response["Location"] == "/accounts/login/"
    assert "could not be checked" in client.get("/accounts/login/").content.decode()
    assert not User.objects.exists()
