"""Settings › History: who changed what in the family, newest first (issue 18).

One feed for the family's settings, questionnaire, children, subjects,
commitments, replanned weeks, item actions and its members' account changes
(planner.selectors.audit), a page of entries at a time, in the family's time zone.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from brightpath.planner.selectors.audit import audit_entries, family_audit_feed

from .settings_children import settings_context, with_family

PAGE_SIZE = 30


@with_family
def activity_page(request: HttpRequest, family) -> HttpResponse:
    # get_page: a missing, malformed or too-large ?page= shows the first or last page.
    page = Paginator(family_audit_feed(user=request.user, family=family), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = settings_context(
        request,
        family,
        here="activity",
        page=page,
        entries=audit_entries(family=family, keys=list(page.object_list)),
    )
    return render(request, "web/settings/activity.html", context)


urlpatterns = [path("settings/activity/", activity_page, name="settings_activity")]
