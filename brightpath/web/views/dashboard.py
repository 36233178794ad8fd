"""The family's home page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from brightpath.families.selectors import family_for_user
from brightpath.onboarding.selectors import children_with_plans


@login_required
def home(request: HttpRequest) -> HttpResponse:
    family = family_for_user(user=request.user)
    children = children_with_plans(user=request.user) if family else []
    return render(request, "web/home.html", {"family": family, "children": children})


urlpatterns = [
    path("", home, name="home"),
]
