"""Spark's child pages through Django's client: who may see which page (the
parent, the child in their own view, another family), what each page says
without JavaScript, and the pages for a locked PIN, the day's cap and consent."""

import datetime as dt

import pytest
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.common.errors import Forbidden, Invalid
from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.selectors.children import parent_timezone
from brightpath.spark.services.children import child_enter, child_update
from brightpath.spark.services.consent import spark_consent_revoke
from brightpath.spark.services.conversations import conversation_start, message_send
from brightpath.web.views.spark_child import label_lines

from .test_spark_child import PIN, consent, new_child, open_and_unlocked

STARS = "/spark/kids/"


@pytest.fixture
def catalogue(db):
    from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule

    catalogue_load()
    sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=3)


@pytest.fixture
def family(user, catalogue):
    consent(user)
    return new_child(user, "Mia"), new_child(user, "Leo", years=10)


def in_view_of(client, user, child):
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = str(child.pk)
    session.save()
    return client


def test_the_parent_is_sent_to_their_spark_page(client, user, family):
    client.force_login(user)
    response = client.get(STARS)
    assert response.status_code == 302 and response.url == "/spark/"


def test_signed_out_visitors_sign_in_first(client, family):
    mia, _ = family
    for url in (STARS, f"/spark/kids/enter/{mia.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_pin_screen_is_for_the_parents_own_children(client, user, family):
    mia, _ = family
    client.force_login(UserFactory())
    assert client.get(f"/spark/kids/enter/{mia.pk}/").status_code == 404
    client.force_login(user)
    page = client.get(f"/spark/kids/enter/{mia.pk}/").content.decode()
    assert "Hi, Mia!" in page and "Type your secret number" in page
    assert "Grown-ups" not in page  # not in a child's view yet: the way back is "Back"


def test_a_locked_pin_says_how_long_to_wait(client, user, family):
    mia, _ = family
    for _ in range(5):
        with pytest.raises((Invalid, Forbidden)):  # four wrong PINs, then the lock
            child_enter(child=mia, pin="0000")
    client.force_login(user)
    page = client.get(f"/spark/kids/enter/{mia.pk}/").content.decode()
    assert "Try again in 15 minutes, or ask a grown-up." in page


def test_in_a_childs_view_the_pin_screen_leads_back_to_their_stars(client, user, family):
    mia, leo = family
    in_view_of(client, user, mia)
    response = client.get(f"/spark/kids/enter/{leo.pk}/")
    assert response.status_code == 302 and response.url == STARS


def test_the_stars_page_without_javascript(client, user, family):
    mia, _ = family
    unlocked, locked = open_and_unlocked(mia)
    page = in_view_of(client, user, mia).get(STARS).content.decode()
    assert "Today's Brain Spark" in page and "Let's think!" in page
    assert f'aria-label="{unlocked[0].topic.name}, no stars yet"' in page
    assert f'id="topic-{locked[0].topic.slug}"' in page  # the list, for every star
    assert "Spark needs JavaScript to work" in page
    for parents_page in ("/today/", "/settings/", 'href="/spark/"'):
        assert parents_page not in page


def test_a_talk_is_only_its_own_childs(client, user, family):
    mia, leo = family
    topic = open_and_unlocked(leo)[0][0].topic
    leos = conversation_start(child=leo, topic=topic)
    assert in_view_of(client, user, mia).get(f"/spark/kids/talk/{leos.pk}/").status_code == 404
    page = in_view_of(client, user, leo).get(f"/spark/kids/talk/{leos.pk}/").content.decode()
    assert topic.name in page and 'role="log"' in page

    stranger = UserFactory()
    consent(stranger)
    theirs = new_child(stranger, "Sam")
    response = in_view_of(client, stranger, theirs).get(f"/spark/kids/talk/{leos.pk}/")
    assert response.status_code == 404


def test_a_blocked_message_is_not_shown_back_to_the_child(client, user, family):
    mia, _ = family
    talk = conversation_start(child=mia, topic=open_and_unlocked(mia)[0][0].topic)
    message_send(conversation=talk, text="my email is mia.k@example.com")
    page = in_view_of(client, user, mia).get(f"/spark/kids/talk/{talk.pk}/").content.decode()
    assert "This message stays private." in page
    assert "mia.k@example.com" not in page


def test_the_days_cap_shows_that_is_all_for_today(client, user, family):
    mia, _ = family
    in_view_of(client, user, mia)
    assert client.get("/spark/kids/done/").url == STARS  # time left: back to the stars
    child_update(child=mia, settings={"daily_time_limit_minutes": 5})
    now = timezone.now()
    talk = conversation_start(
        child=mia, topic=open_and_unlocked(mia)[0][0].topic, now=now - dt.timedelta(minutes=6)
    )
    message_send(conversation=talk, choice_index=0, now=now - dt.timedelta(minutes=1))
    for url in ("/spark/kids/done/", f"/spark/kids/talk/{talk.pk}/"):
        page = client.get(url).content.decode()
        assert "That's all for today!" in page and "5 minutes" in page


def bedtime_around_now(child, parent):
    """A bedtime that has begun, on the parent's clock, and ends in an hour."""
    now = timezone.now().astimezone(parent_timezone(parent))
    start, end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=1)
    return child_update(
        child=child,
        settings={"bedtime_start": start.strftime("%H:%M"), "bedtime_end": end.strftime("%H:%M")},
    ), end.strftime("%H:%M")


def test_bedtime_shows_a_goodnight_page(client, user, family):
    mia, _ = family
    in_view_of(client, user, mia)
    assert client.get("/spark/kids/bedtime/").url == STARS  # not bedtime: back to the stars
    talk = conversation_start(child=mia, topic=open_and_unlocked(mia)[0][0].topic)
    mia, wakes = bedtime_around_now(mia, user)
    for url in ("/spark/kids/bedtime/", f"/spark/kids/talk/{talk.pk}/"):
        page = client.get(url).content.decode()
        assert "It's bedtime!" in page and wakes in page, url
    sent = client.post(
        f"/api/spark/conversations/{talk.pk}/messages/",
        {"text": "one more?"},
        content_type="application/json",
    )
    assert sent.status_code == 403 and sent.json()["error"]["code"] == "bedtime"
    stars = client.get(STARS).content.decode()
    assert 'data-bedtime-url="/spark/kids/bedtime/"' in stars


def test_without_consent_every_child_page_asks_for_a_grown_up(client, user, family):
    mia, _ = family
    spark_consent_revoke(user=user, consent_type="coppa")
    in_view_of(client, user, mia)
    for url in (STARS, "/spark/kids/done/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Please ask a grown-up to help you." in response.content.decode()
    session = client.session
    del session[SESSION_KEY]
    session.save()
    response = client.get(f"/spark/kids/enter/{mia.pk}/")
    assert response.status_code == 403 and "Spark is resting" in response.content.decode()


def test_a_deleted_child_leaves_their_view(client, user, family):
    from brightpath.spark.services.children import child_delete

    mia, _ = family
    in_view_of(client, user, mia)
    child_delete(child=mia)
    response = client.get(STARS)
    assert response.status_code == 302 and response.url == "/spark/"
    assert SESSION_KEY not in client.session


def test_a_right_pin_is_what_the_page_sends(client, user, family):
    """The PIN screen posts to the API the enter endpoint it names."""
    mia, _ = family
    client.force_login(user)
    page = client.get(f"/spark/kids/enter/{mia.pk}/").content.decode()
    assert f'data-enter-url="/api/spark/children/{mia.pk}/enter/"' in page
    response = client.post(
        f"/api/spark/children/{mia.pk}/enter/", {"pin": PIN}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get(STARS).status_code == 200


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Space", ["Space"]),
        ("Rockets and Astronauts", ["Rockets and", "Astronauts"]),
        ("Big Numbers and Infinity", ["Big Numbers", "and Infinity"]),
        ("Supercalifragilistic", ["Supercalifragilistic"]),
    ],
)
def test_star_names_split_over_two_lines(name, lines):
    assert label_lines(name) == lines


def test_the_pages_draw_sparks_one_list_of_avatars():
    from brightpath.spark import avatars
    from brightpath.web.views import spark_child, spark_parent

    assert spark_child.AVATARS is avatars.AVATARS
    assert spark_parent.AVATARS is avatars.AVATARS
    assert [a["id"] for a in spark_parent.avatar_choices()] == list(avatars.AVATARS)
