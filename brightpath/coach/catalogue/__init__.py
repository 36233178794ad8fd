"""Coach's shipped catalogue: `assistants.json` (subject categories, capabilities and
the shared assistants); its `notes` describe the shape. Read by services/catalogue.py."""

import json
from functools import cache
from importlib import resources

CATALOGUE_FILE = "assistants.json"


@cache
def shipped() -> dict:
    """The shipped catalogue, parsed once."""
    return json.loads(resources.files(__package__).joinpath(CATALOGUE_FILE).read_text("utf-8"))
