"""The demo family (Sarah Kim; Noah, 6, and Ava, 10) that `make run` loads and the tests use."""

from pathlib import Path

DEMO_FAMILY_FILE = Path(__file__).with_name("fixtures") / "demo_family.json"
DEMO_EMAIL = "sarah@demo.brightpath.local"
DEMO_PASSWORD = "bright-demo-2026"
DEMO_NAME = "Sarah Kim"
