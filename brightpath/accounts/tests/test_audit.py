"""Account changes in the audit log: recorded by the service that makes them, in
its transaction, with the actor; never a secret's value."""

import json

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from brightpath.accounts import services
from brightpath.accounts.google import GoogleIdentity
from brightpath.accounts.models import AuditEvent, User
from brightpath.common.errors import Invalid

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "An0ther-Strong-passphrase"


def test_a_name_change_is_recorded_with_before_and_after(auth_client, user):
    old = user.name
    response = auth_client.patch("/api/users/me/", {"name": "  Sarah Kim "}, format="json")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="account.updated")
    assert (event.actor, event.target_user, event.family_id) == (user, user, None)
    assert event.changes == {"name": {"before": old, "after": "Sarah Kim"}}
    # The same name again is no change.
    auth_client.patch("/api/users/me/", {"name": "Sarah Kim"}, format="json")
    assert AuditEvent.objects.filter(action="account.updated").count() == 1


def test_a_password_reset_is_recorded_without_any_secret(api_client, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = api_client.post(
        "/api/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "newPassword": NEW_PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content
    event = AuditEvent.objects.get(action="account.password_changed")
    assert event.actor == user
    assert event.changes == {"password": {"before": "[hidden]", "after": "[hidden]"}}
    stored = json.dumps([event.changes, event.context])
    user.refresh_from_db()
    assert NEW_PASSWORD not in stored and user.password not in stored and token not in stored


def test_a_refused_password_reset_records_nothing(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with pytest.raises(Invalid):
        services.password_reset_confirm(uid=uid, token=token, new_password="short")
    assert not AuditEvent.objects.exists()


def test_linking_google_records_the_fact_not_the_subject_id(user):
    identity = GoogleIdentity(
        subject="google-sub-123", email=user.email, email_verified=True, name="x"
    )
    signed_in, created = services._user_for_google_identity(identity)
    assert (signed_in, created) == (user, False)
    event = AuditEvent.objects.get(action="account.google_linked")
    assert event.actor == user and "google-sub-123" not in json.dumps(event.changes | event.context)


def test_consents_granted_and_withdrawn_are_recorded_with_where_from(user):
    services.consent_grant(
        user=user,
        consent_type="terms",
        version="2026-01",
        method="signed_in",
        ip_address="203.0.113.9",
        user_agent="Firefox",
    )
    assert services.consent_revoke(user=user, consent_type="terms", ip_address="not an ip") == 1
    granted, revoked = (
        AuditEvent.objects.get(action="consent.granted"),
        AuditEvent.objects.get(action="consent.revoked"),
    )
    assert granted.context == {"consentType": "terms", "version": "2026-01", "method": "signed_in"}
    assert (granted.ip_address, granted.user_agent, granted.target_user) == (
        "203.0.113.9",
        "Firefox",
        user,
    )
    assert revoked.ip_address is None and revoked.target_type == "consent"
    # Withdrawing again changes nothing, so records nothing.
    services.consent_revoke(user=user, consent_type="terms")
    assert AuditEvent.objects.filter(action="consent.revoked").count() == 1


def test_changes_keep_only_changed_plain_json_and_hide_secrets():
    changes = services.audit_changes(
        {
            "name": {"before": "A", "after": "B"},
            "adults": {"before": 1, "after": 1},
            "refreshToken": {"before": "old-token", "after": "new-token"},
            "client_secret": {"before": None, "after": "s3cret"},
        }
    )
    assert changes == {
        "name": {"before": "A", "after": "B"},
        "refreshToken": {"before": "[hidden]", "after": "[hidden]"},
        "client_secret": {"before": "[hidden]", "after": "[hidden]"},
    }
    with pytest.raises(ValueError):
        services.audit_changes({"when": {"before": None, "after": object()}})
    with pytest.raises(ValueError):
        services.audit_changes({"name": {"after": "B"}})


def test_a_record_is_refused_without_an_audience_or_with_a_secret_in_its_context(user):
    with pytest.raises(ValueError):
        services.audit_record(actor=user, action="no.such", target=user)
    with pytest.raises(ValueError):
        services.audit_record(
            actor=user, action="account.updated", target=user, context={"token": "abc"}
        )
    assert not AuditEvent.objects.exists()


def test_deleting_an_account_deletes_what_is_recorded_about_it(user):
    """An account's own events go with it; its changes to a family stay, without the name."""
    services.user_update(user=user, name="Someone Else")
    User.objects.filter(pk=user.pk).delete()
    assert not AuditEvent.objects.exists()


def test_operators_read_the_log_in_the_admin_and_cannot_edit_it(client, user):
    services.user_update(user=user, name="Renamed Parent")
    event = AuditEvent.objects.get()
    client.force_login(User.objects.create_superuser("op@example.com", "x", name="Op"))
    listing = client.get("/admin/accounts/auditevent/")
    assert listing.status_code == 200 and "Renamed Parent" in listing.content.decode()
    assert client.get(f"/admin/accounts/auditevent/{event.pk}/change/").status_code == 200
    assert client.post(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
