"""The security headers every response carries (issue 18): a strict Content-Security-Policy,
X-Frame-Options, Referrer-Policy, nosniff, Cross-Origin-Opener-Policy, HttpOnly cookies;
no template holds code the policy would refuse; and, in Chromium, the main pages of
every product run with no CSP refusal (conftest's no_csp_refusal checks every other
browser test the same way)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule

from .browser import CSP_REFUSALS, DEMO_MONDAY
from .conftest import sign_in
from .test_spark_child import consent, enter_child_mode, new_child

ROOT = Path(__file__).resolve().parents[3]

STRICT = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
    "frame-src": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}


def policy(response) -> dict[str, set[str]]:
    """The Content-Security-Policy header as {directive: sources}, nonces left out."""
    out = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        out[name] = {s for s in sources if not s.startswith("'nonce-")}
    return out


def nonce_of(response) -> str:
    found = set(re.findall(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]))
    assert len(found) == 1, response.headers["Content-Security-Policy"]
    return found.pop()


# --- the headers ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/api/docs/", "/spark/", "/coach/pe/"])
def test_pages_send_the_strict_policy_and_the_other_headers(client, user, path):
    client.force_login(user)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert policy(response) == STRICT
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # drf-spectacular opens Swagger UI's page to OAuth pop-ups; every other page is isolated.
    coop = "unsafe-none" if path == "/api/docs/" else "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == coop


@pytest.mark.django_db
def test_api_responses_carry_the_headers_too(client, user):
    client.force_login(user)
    response = client.get("/api/users/me/")
    assert policy(response) == STRICT
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_session_and_csrf_cookies_are_hidden_from_scripts(user):
    client = Client()
    page = client.get("/accounts/login/")
    assert page.cookies["csrftoken"]["httponly"]
    # The pages' scripts take the token from the page, not from document.cookie.
    assert '<meta name="csrf-token" content="' in page.content.decode()
    client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    assert session.value and session["httponly"]


@pytest.mark.django_db
def test_with_google_sign_in_the_policy_lets_in_only_googles_sign_in_sources(monkeypatch):
    """The GSI sources are added when GOOGLE_CLIENT_ID is set at start-up (settings.py)."""
    import importlib

    import config.settings as project_settings

    monkeypatch.setenv("GOOGLE_CLIENT_ID", "1234.apps.googleusercontent.com")
    try:
        directives = importlib.reload(project_settings).CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://accounts.google.com/gsi/client" in directives["script-src"]
        assert "https://accounts.google.com/gsi/style" in directives["style-src"]
        assert "https://accounts.google.com/gsi/" in directives["frame-src"]
        assert "'unsafe-inline'" not in directives["style-src"]
    finally:
        monkeypatch.delenv("GOOGLE_CLIENT_ID")
        importlib.reload(project_settings)
    assert "https://accounts.google.com/gsi/" not in str(project_settings.CONTENT_SECURITY_POLICY)


@pytest.mark.django_db
def test_api_docs_run_their_one_inline_script_under_the_nonce(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    nonce = nonce_of(response)
    scripts = re.findall(r"<script([^>]*)>", html)
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert inline == [f' nonce="{nonce}"']
    assert f'<style nonce="{nonce}">' in html
    # Swagger UI from this server's static files (drf-spectacular-sidecar), not a CDN.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html


# --- the templates ----------------------------------------------------------------------

INLINE = {
    "a style attribute": re.compile(r"""\sstyle\s*=\s*["']""", re.I),
    "a <style> element without a nonce": re.compile(r"<style(?![^>]*\snonce=)[\s>]", re.I),
    "an inline <script> without a nonce": re.compile(
        r"<script(?![^>]*\ssrc=)(?![^>]*\snonce=)[\s>]", re.I
    ),
    "an inline event handler": re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def served_templates() -> list[Path]:
    """Every template the site serves as a page (emails are not: mail needs inline style)."""
    found = [
        path
        for path in (ROOT / "brightpath").rglob("templates/**/*.html")
        if "email" not in path.as_posix().split("/templates/")[1]
    ]
    assert len(found) > 50, found
    return found


def test_no_served_template_holds_code_the_policy_refuses():
    bad = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}: {what}"
        for path in served_templates()
        for text in [path.read_text()]
        for what, pattern in INLINE.items()
        for m in pattern.finditer(text)
    ]
    assert not bad, "\n".join(bad)


def test_the_template_scan_finds_what_it_looks_for():
    samples = {
        "a style attribute": '<span style="width: 3%">',
        "a <style> element without a nonce": "<style>p{}</style>",
        "an inline <script> without a nonce": "<script>alert(1)</script>",
        "an inline event handler": '<button onclick="go()">',
        "a javascript: URL": '<a href="javascript:go()">',
    }
    for what, sample in samples.items():
        assert INLINE[what].search(sample), what
    for allowed in ('<script src="/a.js" defer></script>', '<style nonce="{{ n }}">', "<stylish>"):
        assert not any(p.search(allowed) for p in INLINE.values()), allowed


# --- per-element values through a nonced <style> ---------------------------------------


def render(source: str, **context) -> tuple[str, str]:
    from csp.middleware import CSPMiddleware

    request = RequestFactory().get("/")
    CSPMiddleware(lambda r: None).process_request(request)
    html = Template("{% load csp_styles %}" + source).render(
        Context({"request": request, **context})
    )
    return html, str(request.csp_nonce)


def test_style_class_writes_each_rule_once_into_the_nonced_sheet():
    html, nonce = render(
        '<b class="{% style_class "left: {}%; width: {}%" a b %}"></b>'
        '<i class="{% style_class "left: {}%; width: {}%" a b %}"></i>'
        '<u class="{% style_class "--avatar: {}" colour %}"></u>{% inline_styles %}',
        a=12.5,
        b=3,
        colour="#ffd166",
    )
    classes = re.findall(r'class="(s-[0-9a-f]+)"', html)
    assert len(classes) == 3 and classes[0] == classes[1] != classes[2]
    sheet = re.search(rf'<style nonce="{re.escape(nonce)}">(.*)</style>', html).group(1)
    assert sheet == f".{classes[0]}{{left: 12.5%; width: 3%}}.{classes[2]}{{--avatar: #ffd166}}"


@pytest.mark.parametrize(
    "value",
    ["red;}body{display:none", "</style><script>alert(1)</script>", "url(//evil)", None, True],
)
def test_style_class_refuses_a_value_that_is_not_a_number_or_a_hex_colour(value):
    html, _ = render(
        '<u class="{% style_class "--star: {}" colour %}"></u>{% inline_styles %}', colour=value
    )
    assert html == '<u class=""></u>'


def test_a_page_without_values_gets_no_sheet_and_no_nonce():
    html, _ = render("<p>{% inline_styles %}</p>")
    assert html == "<p></p>"


# --- in the browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_watch_hears_a_refusal(page, live_server):
    """The console watch the browser tests rely on does hear the browser refuse."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
        const styled = '<p id="styled" style="color: rgb(255, 0, 0)">x</p>';
        document.body.insertAdjacentHTML("beforeend", styled);
        const s = document.createElement("script");
        s.textContent = "window.ran = true";
        document.body.append(s);
    }"""
    )
    expect(page.locator("#styled")).not_to_have_css("color", "rgb(255, 0, 0)")
    assert page.evaluate("window.ran") is None
    page.wait_for_timeout(200)  # the console message is delivered after the refusal
    heard = list(CSP_REFUSALS)
    CSP_REFUSALS.clear()  # this test's refusals were wanted
    assert any("inline style" in r for r in heard) and any("inline script" in r for r in heard)


PLANNER_PAGES = [
    "/",
    "/today/",
    f"/week/?week={DEMO_MONDAY:%Y-%m-%d}",
    "/records/",
    "/settings/",
    "/feedback/",
    f"/week/print/?week={DEMO_MONDAY:%Y-%m-%d}",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_planner_pages_run_under_the_policy(family_page, live_server, demo_family):
    page = family_page
    for path in PLANNER_PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert not CSP_REFUSALS, path
    # The week's calendar (FullCalendar injects its own <style>, nonced from the page).
    page.goto(f"{live_server.url}/week/?week={DEMO_MONDAY:%Y-%m-%d}")
    page.get_by_role("button", name="Week", exact=True).click()
    expect(page.locator(".fc-timegrid").first).to_be_visible()
    # The children's colours on the legend come through the nonced sheet.
    expect(page.locator(".legend .swatch").first).to_have_css(
        "background-color", "rgb(29, 78, 216)"
    )
    for child in demo_family.children.all():
        page.goto(f"{live_server.url}/children/{child.pk}/report/")
        page.wait_for_load_state("networkidle")
    assert not CSP_REFUSALS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_spark_pages_run_under_the_policy(page, live_server, user):
    catalogue_load()
    sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=3)
    consent(user)
    mia = new_child(user)
    sign_in(page, live_server, user)
    for path in ("/spark/", "/spark/dashboard/", "/spark/privacy/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert not CSP_REFUSALS, path
    page.goto(f"{live_server.url}/spark/")
    avatar = page.locator(".child-card .avatar").first
    expect(avatar).to_be_visible()
    assert avatar.evaluate("e => getComputedStyle(e).getPropertyValue('--avatar').trim()")

    enter_child_mode(page, live_server, user, mia)
    page.goto(f"{live_server.url}/spark/kids/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="List", exact=True).click()
    expect(page.locator(".topic-dot").first).to_be_visible()
    colour = page.locator(".topic-dot").first.evaluate(
        "e => getComputedStyle(e).getPropertyValue('--star').trim()"
    )
    assert re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour), colour
    assert not CSP_REFUSALS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coach_pages_and_the_api_docs_run_under_the_policy(signed_in, live_server):
    page = signed_in
    for path in ("/coach/", "/coach/memories/", "/coach/lessons/", "/coach/pe/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert not CSP_REFUSALS, path
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("BrightPath API")
    assert not CSP_REFUSALS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_runs_under_the_policy(page, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, live_server, staff)
    for path in (
        "/admin/",
        "/admin/metrics/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{staff.pk}/change/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("#content").count() == 1, path
        assert not CSP_REFUSALS, path


def test_the_legends_colour_classes_follow_the_calendars_palette():
    from django.contrib.staticfiles import finders

    from brightpath.web.views.week import PALETTE

    css = Path(finders.find("web/calendar.css")).read_text()
    found = dict(re.findall(r"\.swatch\.colour-(\d+) \{ background: (#[0-9a-f]{6}); \}", css))
    assert found == {str(i): strong for i, (strong, _tint) in enumerate(PALETTE)}


def test_every_page_names_the_site_icon_and_favicon_ico_leads_to_it(client):
    # A page without one makes the browser ask for /favicon.ico: a 404 in its console.
    page = client.get("/accounts/login/")
    assert b'rel="icon"' in page.content
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302
    assert answer["Location"].endswith(".svg")
    assert "<svg" in Path(finders.find("web/favicon.svg")).read_text()
