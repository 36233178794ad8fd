"""The demo family (Sarah Kim; Noah, 6, and Ava, 10) that `make run` loads and the tests use."""

from pathlib import Path

DEMO_FAMILY_FILE = Path(__file__).with_name("fixtures") / "demo_family.json"
# Lesson sequences for some of the demo children's subjects: demo_lessons.py loads them.
DEMO_LESSONS_FILE = Path(__file__).with_name("fixtures") / "demo_lessons.json"
DEMO_EMAIL = "sarah@demo.brightpath.local"
DEMO_PASSWORD = "bright-demo-2026"
DEMO_NAME = "Sarah Kim"
