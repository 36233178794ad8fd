"""A parent's consent to Spark: verified by password (or an emailed code) and a signature,
recorded per notice version, confirmed by email, withdrawn at once."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from brightpath.accounts.models import Consent
from brightpath.accounts.services import consent_grant, consent_revoke
from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.common.errors import Forbidden, Invalid
from brightpath.spark.models import Child, Conversation
from brightpath.spark.selectors.children import llm_sharing_allowed, require_consent
from brightpath.spark.services.children import child_create, child_enter
from brightpath.spark.services.consent import (
    parent_code_send,
    parent_verify,
    spark_consent_code_send,
    spark_consent_grant,
    spark_consent_revoke,
)

from .child_rows import NOW, PIN, consent, conversation, jwt_client, make_child

pytestmark = pytest.mark.django_db
URL = "/api/spark/consent/"


def grant(user, **overrides):
    arguments = {
        "user": user,
        "consent_type": "coppa",
        "signature": "Pat Parent",
        "password": PASSWORD,
        "ip_address": "203.0.113.7",
        "user_agent": "Tablet/1.0",
        "now": NOW,
    }
    return spark_consent_grant(**{**arguments, **overrides})


@pytest.fixture
def google_user(db):
    """An account made with Google sign-in: no usable password."""
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    return user


def emailed_code(mailoutbox) -> str:
    return re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)


# --- granting ----------------------------------------------------------------------


def test_consent_is_recorded_for_the_current_notice_with_its_evidence(user, mailoutbox, settings):
    consent = grant(user)

    assert consent.consent_type == "coppa" and consent.version == settings.SPARK_NOTICE_VERSION
    assert consent.granted_at == NOW and consent.revoked_at is None
    assert consent.method == "password+signature"
    assert (consent.ip_address, consent.user_agent) == ("203.0.113.7", "Tablet/1.0")
    assert consent.history == [
        {
            "action": "granted",
            "at": NOW.isoformat(),
            "ipAddress": "203.0.113.7",
            "method": "password+signature",
            "signature": "Pat Parent",
        }
    ]
    require_consent(user=user)  # no longer refuses


def test_the_parent_gets_an_email_confirming_it_and_saying_how_to_withdraw(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant(user)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [user.email] and "consent" in email.subject.lower()
    assert "Pat Parent" in email.body and "Withdraw consent" in email.body


def test_the_emails_are_plain_text_not_html_escaped(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    """Emails are text: "O'Brien" and "<Kim & Co>" arrive as typed, not as HTML entities."""
    parent = UserFactory(name="Róisín O'Brien")
    google = UserFactory(name="Seán O'Neill")
    google.set_unusable_password()
    google.save()
    with django_capture_on_commit_callbacks(execute=True):
        grant(parent, signature="Róisín O'Brien <Kim & Co>")
    with django_capture_on_commit_callbacks(execute=True):
        spark_consent_revoke(user=parent, consent_type="coppa", now=NOW)
    parent_code_send(user=google, purpose="exit")

    assert len(mailoutbox) == 3
    granted, revoked, code = (email.body for email in mailoutbox)
    assert "Hello Róisín," in granted and "Signed: Róisín O'Brien <Kim & Co>" in granted
    assert "Hello Róisín," in revoked
    assert "Hello Seán," in code
    for body in (granted, revoked, code):
        assert "&#x27;" not in body and "&lt;" not in body and "&amp;" not in body


@pytest.mark.parametrize("password", ["wrong-password", "", None])
def test_a_wrong_password_stores_nothing_and_names_the_field(
    user, mailoutbox, password, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Invalid) as error:
        grant(user, password=password)

    assert list(error.value.fields) == ["password"]
    assert not Consent.objects.exists() and mailoutbox == []


@pytest.mark.parametrize("signature", ["", " ", "P", "x" * 101])
def test_the_signature_is_a_typed_full_name(user, signature):
    with pytest.raises(Invalid) as error:
        grant(user, signature=signature)

    assert "signature" in error.value.fields
    assert not Consent.objects.exists()


def test_a_wrong_password_and_a_missing_signature_are_both_named(user):
    with pytest.raises(Invalid) as error:
        grant(user, password="nope", signature="")

    assert set(error.value.fields) == {"password", "signature"}


def test_sharing_with_an_outside_model_needs_the_coppa_consent_first(user):
    with pytest.raises(Invalid) as error:
        grant(user, consent_type="data_sharing")
    assert "type" in error.value.fields
    assert not llm_sharing_allowed(user=user)

    grant(user)
    grant(user, consent_type="data_sharing")
    assert llm_sharing_allowed(user=user)


def test_an_unknown_consent_type_is_refused(user):
    with pytest.raises(Invalid) as error:
        grant(user, consent_type="marketing")
    assert "type" in error.value.fields


def test_agreeing_again_to_the_same_version_changes_nothing(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = grant(user)
        again = grant(user, now=NOW + dt.timedelta(days=1))

    assert again.pk == first.pk and again.granted_at == NOW and len(again.history) == 1
    assert len(mailoutbox) == 1


def test_a_new_notice_version_is_a_new_row(user, settings):
    first = settings.SPARK_NOTICE_VERSION
    grant(user)
    settings.SPARK_NOTICE_VERSION = "2099-06"
    grant(user, now=NOW + dt.timedelta(days=200))

    assert sorted(Consent.objects.values_list("version", flat=True)) == [first, "2099-06"]


def test_regranting_a_withdrawn_version_clears_the_withdrawal_and_keeps_the_history(user):
    grant(user)
    spark_consent_revoke(user=user, consent_type="coppa", now=NOW + dt.timedelta(hours=1))
    later = NOW + dt.timedelta(hours=2)
    consent = grant(user, now=later)

    assert Consent.objects.filter(consent_type="coppa").count() == 1
    assert consent.revoked_at is None and consent.granted_at == later
    assert [entry["action"] for entry in consent.history] == ["granted", "revoked", "granted"]


def test_the_platform_service_checks_its_input_and_keeps_a_bad_address_out():
    user = UserFactory()
    with pytest.raises(Invalid) as error:
        consent_grant(
            user=user, consent_type="sweets", version="", method="x", ip_address=None, user_agent=""
        )
    assert set(error.value.fields) == {"type", "version"}

    consent = consent_grant(
        user=user,
        consent_type="terms",
        version="v1",
        method="checkbox",
        ip_address="not an address",
        user_agent="x" * 2000,
    )
    assert consent.ip_address is None and len(consent.user_agent) == 500
    assert consent_revoke(user=user, consent_type="terms") == 1
    assert consent_revoke(user=user, consent_type="terms") == 0


# --- accounts without a password: a code by email ------------------------------------


def test_an_account_without_a_password_confirms_with_an_emailed_code(google_user, mailoutbox):
    with pytest.raises(Invalid) as error:
        grant(google_user, password=None)
    assert list(error.value.fields) == ["code"]

    spark_consent_code_send(user=google_user, now=NOW)
    code = emailed_code(mailoutbox)
    consent = grant(google_user, password=None, code=code)

    assert consent.method == "email_code+signature"
    spark_consent_revoke(user=google_user, consent_type="coppa", now=NOW)
    with pytest.raises(Invalid):  # a code works once
        grant(google_user, password=None, code=code)


def test_the_code_is_kept_only_as_a_hash(google_user, mailoutbox):
    spark_consent_code_send(user=google_user, now=NOW)
    code = emailed_code(mailoutbox)

    stored = cache.get(f"spark:verify-code:consent:{google_user.pk}")
    assert stored is not None and code not in repr(stored)


def test_the_code_expires_after_15_minutes(google_user, mailoutbox):
    spark_consent_code_send(user=google_user, now=NOW)
    code = emailed_code(mailoutbox)

    with pytest.raises(Invalid) as error:
        grant(google_user, password=None, code=code, now=NOW + dt.timedelta(minutes=15))
    assert list(error.value.fields) == ["code"]
    assert not Consent.objects.exists()


def test_five_wrong_codes_void_the_code(google_user, mailoutbox):
    spark_consent_code_send(user=google_user, now=NOW)
    code = emailed_code(mailoutbox)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(Invalid):
            grant(google_user, password=None, code=wrong)

    with pytest.raises(Invalid):
        grant(google_user, password=None, code=code)


def test_a_signature_mistake_does_not_use_up_the_code(google_user, mailoutbox):
    spark_consent_code_send(user=google_user, now=NOW)
    code = emailed_code(mailoutbox)
    with pytest.raises(Invalid) as error:
        grant(google_user, password=None, code=code, signature="")
    assert list(error.value.fields) == ["signature"]

    assert grant(google_user, password=None, code=code).active


def test_a_code_for_leaving_child_mode_is_not_a_consent_code(google_user, mailoutbox):
    parent_code_send(user=google_user, purpose="exit", now=NOW)
    code = emailed_code(mailoutbox)
    with pytest.raises(Invalid):
        grant(google_user, password=None, code=code)
    parent_verify(user=google_user, code=code, purpose="exit", now=NOW)


def test_an_account_with_a_password_gets_no_code(user, mailoutbox):
    with pytest.raises(Invalid) as error:
        spark_consent_code_send(user=user)
    assert "password" in error.value.fields and mailoutbox == []


# --- withdrawing ---------------------------------------------------------------------


def test_withdrawing_coppa_ends_open_conversations_and_withdraws_data_sharing(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    consent(user, sharing=True)
    mia, leo = make_child(user), make_child(user, name="Leo")
    open_one, other_open = conversation(mia), conversation(leo)
    finished = conversation(mia, ended=True)
    someone_else = UserFactory()
    consent(someone_else)
    theirs = conversation(make_child(someone_else))
    later = NOW + dt.timedelta(hours=3)

    with django_capture_on_commit_callbacks(execute=True):
        assert spark_consent_revoke(user=user, consent_type="coppa", now=later) == 2

    assert set(Conversation.objects.filter(ended_at=later)) == {open_one, other_open}
    finished.refresh_from_db()
    assert finished.ended_at == NOW
    theirs.refresh_from_db()
    assert theirs.ended_at is None
    assert not llm_sharing_allowed(user=user)
    assert "withdrew" in mailoutbox[-1].subject


def test_after_withdrawal_nothing_new_is_collected(user):
    consent(user)
    child = make_child(user)
    spark_consent_revoke(user=user, consent_type="coppa")

    with pytest.raises(Forbidden) as error:
        require_consent(user=user)
    assert error.value.code == "consent_required"
    with pytest.raises(Forbidden):
        child_create(parent=user, name="Leo", birth_date=dt.date(2019, 1, 1), pin=PIN)
    with pytest.raises(Forbidden):
        child_enter(child=child, pin=PIN)
    assert Child.objects.count() == 1


def test_withdrawing_data_sharing_alone_keeps_spark(user):
    consent(user, sharing=True)
    spark_consent_revoke(user=user, consent_type="data_sharing")

    assert not llm_sharing_allowed(user=user)
    require_consent(user=user)


def test_withdrawing_twice_changes_nothing(user, mailoutbox, django_capture_on_commit_callbacks):
    consent(user)
    with django_capture_on_commit_callbacks(execute=True):
        spark_consent_revoke(user=user, consent_type="coppa")
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert spark_consent_revoke(user=user, consent_type="coppa") == 0
    assert len(mailoutbox) == 1


# --- the API -------------------------------------------------------------------------


def test_the_status_names_both_consents_and_the_notice(user, settings):
    client = jwt_client(user)
    body = client.get(URL).json()

    assert body["noticeVersion"] == settings.SPARK_NOTICE_VERSION
    assert body["verification"] == "password"
    assert body["coppa"] == {
        "granted": False,
        "current": False,
        "version": None,
        "grantedAt": None,
        "revokedAt": None,
        "method": None,
    }
    assert body["dataSharing"]["granted"] is False


def test_granting_and_withdrawing_through_the_api(user, mailoutbox):
    client = jwt_client(user)
    answer = client.post(
        URL,
        {"type": "coppa", "signature": "Pat Parent", "password": PASSWORD},
        format="json",
        HTTP_USER_AGENT="Tablet/2.0",
        REMOTE_ADDR="198.51.100.4",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["coppa"]["granted"] is True and answer.json()["coppa"]["current"] is True
    row = Consent.objects.get()
    assert (row.ip_address, row.user_agent) == ("198.51.100.4", "Tablet/2.0")

    answer = client.delete(f"{URL}?type=coppa")
    assert answer.status_code == 200
    assert answer.json()["coppa"]["granted"] is False
    assert answer.json()["coppa"]["revokedAt"] is not None


def test_a_wrong_password_through_the_api_is_a_400_naming_it(user):
    answer = jwt_client(user).post(
        URL, {"type": "coppa", "signature": "Pat Parent", "password": "guess"}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"
    assert list(answer.json()["error"]["fields"]) == ["password"]
    assert not Consent.objects.exists()


def test_withdrawing_needs_a_type(user):
    answer = jwt_client(user).delete(URL)
    assert answer.status_code == 400 and "type" in answer.json()["error"]["fields"]


def test_an_account_without_a_password_asks_for_a_code_through_the_api(google_user, mailoutbox):
    client = jwt_client(google_user)
    assert client.get(URL).json()["verification"] == "email_code"

    assert client.post(f"{URL}code/").status_code == 202
    code = emailed_code(mailoutbox)
    answer = client.post(
        URL, {"type": "coppa", "signature": "Sam Google", "code": code}, format="json"
    )
    assert answer.status_code == 201


def test_consent_pages_refuse_while_a_child_holds_the_device(user):
    consent(user)
    child = make_child(user)
    session = APIClient()
    session.force_login(user)
    assert session.post(f"/api/spark/children/{child.pk}/enter/", {"pin": PIN}).status_code == 200

    for answer in (session.get(URL), session.delete(f"{URL}?type=coppa")):
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "child_mode"
    require_consent(user=user)


def test_a_new_notice_version_asks_the_parent_again(settings):
    user = UserFactory()
    grant(user)
    grant(user, consent_type="data_sharing")
    require_consent(user=user)
    assert llm_sharing_allowed(user=user)

    settings.SPARK_NOTICE_VERSION = "2099-01"  # the notice changed materially

    with pytest.raises(Forbidden) as refused:
        require_consent(user=user)
    assert refused.value.code == "consent_required"
    assert not llm_sharing_allowed(user=user)
    grant(user)  # agreeing to the new notice lets the child go on
    require_consent(user=user)
