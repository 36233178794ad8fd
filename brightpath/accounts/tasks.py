from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from .models import User


@shared_task(name="accounts.send_password_reset_email")
def send_password_reset_email(user_id: str, base_url: str) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("web:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    context = {
        "user": user,
        "reset_url": f"{base_url.rstrip('/')}{path}",
        "uid": uid,
        "token": token,
    }
    send_mail(
        subject="Reset your BrightPath password",
        message=render_to_string("accounts/emails/password_reset.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


@shared_task(name="accounts.purge_expired_tokens")
def purge_expired_tokens() -> int:
    """Daily housekeeping (beat): drop refresh tokens that can no longer be used."""
    deleted, _ = OutstandingToken.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
