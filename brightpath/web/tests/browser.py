"""Helpers for tests in the browser: the accessibility check (axe-core, run in
the page by axe-playwright-python) and screenshots for people to look at."""

import datetime as dt
import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
DEMO_MONDAY = dt.date(2026, 1, 5)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Git-ignored; CI keeps it as an artifact. docs/screenshots/ holds a few, committed.
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"

_axe = None


def assert_accessible(page, *, exclude: tuple[str, ...] = ()) -> None:
    """No serious or critical axe-core violation on the page as it is now.
    `exclude`: CSS selectors of third-party parts checked elsewhere (rarely needed)."""
    global _axe
    from axe_playwright_python.sync_playwright import Axe

    _axe = _axe or Axe()
    options = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = _axe.run(page, context=options)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{page.url}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in bad
    )


# What the browser said it refused under the Content-Security-Policy, in every tab of
# every context the `chromium` fixture opened (conftest's no_csp_refusal checks it).
CSP_REFUSALS: list[str] = []


def watch_csp(context):
    """`context` (a Playwright BrowserContext), its console watched for CSP refusals."""

    def heard(message) -> None:
        if "Content Security Policy" in message.text:
            where = message.page.url if message.page else "?"
            source = message.location.get("url", "")
            CSP_REFUSALS.append(f"{where} ({source}): {message.text[:300]}")  # data: URLs run long

    context.on("console", heard)
    return context


def screenshot(page, name: str) -> Path:
    """The whole page as var/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
