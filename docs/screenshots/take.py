"""Take the README's screenshots from a running `make run` (the demo family).

    make run &            # in another terminal
    .venv/bin/python docs/screenshots/take.py

Signs in as the demo parent in Debian's Chromium and saves the main pages at
desktop and phone widths next to this file."""

import datetime as dt
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
HERE = Path(__file__).parent
SCHOOL_DAY = dt.date.today()
while SCHOOL_DAY.weekday() >= 5:  # the demo family schools Monday to Friday
    SCHOOL_DAY += dt.timedelta(days=1)
PAGES = {
    "home": "/",
    "today": f"/today/?date={SCHOOL_DAY}",
    "week": "/week/",
    "records": "/records/",
}


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        for width, height in ((1280, 900), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{BASE}/accounts/login/")
            page.get_by_label("Email").fill("sarah@demo.brightpath.local")
            page.get_by_label("Password").fill("bright-demo-2026")
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{BASE}/")
            for name, path in PAGES.items():
                page.goto(BASE + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(HERE / f"{name}-{width}.png"))
            page.goto(f"{BASE}/onboarding/?edit=1")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(HERE / f"wizard-{width}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
