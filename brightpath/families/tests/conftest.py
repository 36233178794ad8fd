import copy
import json
from pathlib import Path

import pytest

DEMO_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "demo_family.json"
_DEMO = json.loads(DEMO_FILE.read_text())


@pytest.fixture
def demo_submission() -> dict:
    """The seed's family (Sarah Kim; Noah 6 and Ava 10), a fresh copy per test."""
    return copy.deepcopy(_DEMO)
