"""Parent B gets a 404 for every Spark endpoint that takes one of parent A's ids, and
changes nothing of A's.

The endpoints come from the URL resolver (namespace "spark"), so a route added
later is covered without touching this file; a route taking a kind of id this
file does not know yet fails until one of A's ids of that kind is named below.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from brightpath.accounts.models import Consent
from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.spark.models import Message

from .child_rows import PIN, consent, everything_about, jwt_client, make_child

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")
# A body every Spark write accepts the shape of, so a 404 is never a 400 in disguise.
BODY = {
    "pin": PIN,
    "password": PASSWORD,
    "text": "Why is the sky blue?",
    "choiceIndex": 0,
    "topic": "volcanoes",
    "spark": True,
    "name": "Taken",
    "birthDate": "2018-05-01",
    "settings": {"dailyTimeLimitMinutes": 240},
}


def spark_routes() -> list[URLPattern]:
    def walk(patterns, inside_spark: bool):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, inside_spark or pattern.namespace == "spark")
            elif inside_spark:
                yield pattern

    return list(walk(get_resolver().url_patterns, False))


def routes_with_ids() -> list[URLPattern]:
    return [route for route in spark_routes() if route.pattern.converters]


def test_the_walk_finds_the_spark_routes():
    names = {route.name for route in routes_with_ids()}
    assert {"child", "child_export", "child_enter"} <= names


def everything_of_a(parent) -> dict[str, list]:
    """Every row of every Spark table, and the parent's consents, to compare after."""
    rows = {
        model.__name__: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("spark").get_models()
    }
    rows["Consent"] = sorted(map(repr, Consent.objects.filter(user=parent).values_list()))
    return rows


def test_parent_b_cannot_reach_or_change_anything_of_parent_a():
    parent_a, parent_b = UserFactory(), UserFactory()
    consent(parent_a)
    consent(parent_b)
    child = make_child(parent_a)
    everything_about(child)
    make_child(parent_b, name="B's own")
    message = Message.objects.filter(conversation__child=child, was_filtered=True).first()
    ids_of_a = {
        "child_id": child.pk,
        "conversation_id": message.conversation_id,
        "message_id": message.pk,
    }
    before = everything_of_a(parent_a)
    client = jwt_client(parent_b)
    answered = []

    for route in routes_with_ids():
        unknown = set(route.pattern.converters) - set(ids_of_a)
        assert not unknown, f"{route.name}: name one of parent A's ids for {sorted(unknown)}"
        url = reverse(
            f"spark:{route.name}",
            kwargs={name: ids_of_a[name] for name in route.pattern.converters},
        )
        view = route.callback.view_class
        for method in (m for m in METHODS if hasattr(view, m)):
            if method in ("get", "delete"):
                answer = getattr(client, method)(url)
            else:
                answer = getattr(client, method)(url, BODY, format="json")
            answered.append((method.upper(), url, answer.status_code))
            assert answer.status_code == 404, (method, url, answer.content)
            assert answer.json()["error"]["code"] == "not_found"

    assert len(answered) >= 5
    assert everything_of_a(parent_a) == before
