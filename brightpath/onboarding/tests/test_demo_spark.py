"""The demo parent finds Spark set up: consent given, Noah and Ava with a PIN
and a first exploration each, loaded once however often `load_demo` runs."""

import io

import pytest
from django.core.management import call_command

from brightpath.onboarding.demo import DEMO_EMAIL
from brightpath.onboarding.demo_spark import DEMO_PIN
from brightpath.spark.models import Child, Message
from brightpath.spark.selectors.children import require_consent
from brightpath.spark.services.children import child_enter

pytestmark = pytest.mark.django_db


def test_load_demo_gives_sarah_two_spark_children_who_have_explored():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent

    children = Child.objects.filter(parent__email=DEMO_EMAIL).order_by("name")
    assert [c.name for c in children] == ["Ava", "Noah"]
    require_consent(user=children[0].parent)
    for child in children:
        child_enter(child=child, pin=DEMO_PIN)
        talk = child.conversations.get()
        assert talk.depth_reached >= 1
        assert Message.objects.filter(conversation=talk, role="user").count() == 2
        assert child.progress.get(topic=talk.topic).stars >= 1
