"""Every page through axe-core in Chromium: no serious or critical violation,
at desktop and at phone width; and a screenshot of each in var/screenshots/."""

import pytest

from .browser import PHONE, assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
FAMILY = [
    "/",
    "/today/?date=2026-01-05",
    "/week/?week=2026-01-05",
    "/week/print/?week=2026-01-05",
    "/records/",
    "/settings/",
    "/onboarding/",
]


def _check(page, live_server, path: str, name: str = "") -> None:
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    name = name or path.strip("/").split("?")[0] or "home"
    for viewport in (None, PHONE):
        if viewport:
            page.set_viewport_size(viewport)
        assert_accessible(page)
        screenshot(page, name)


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_signed_out_pages(page, live_server, path):
    _check(page, live_server, path)


@pytest.mark.parametrize("path", ["/", "/onboarding/"])
def test_the_pages_of_a_parent_without_a_family(signed_in, live_server, path):
    _check(signed_in, live_server, path, f"new-parent-{path.strip('/') or 'home'}")


@pytest.mark.parametrize("path", FAMILY)
def test_the_family_pages(family_page, live_server, path):
    _check(family_page, live_server, path)


def test_the_child_report(family_page, live_server, demo_family):
    child = demo_family.children.get(name="Noah")
    _check(family_page, live_server, f"/children/{child.pk}/report/", "report")
