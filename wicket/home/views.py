from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from wicket.checklist.selectors import campaign_current, campaign_timeline, phase_current

from .nav import panels_for, todos_for


def home(request):
    today = timezone.localdate()
    campaign = campaign_current()
    return render(request, "home/home.html", {
        "campaign": campaign,
        "timeline": campaign_timeline(campaign, today=today) if campaign else [],
        "phase": phase_current(campaign, today=today) if campaign else None,
        "todos": todos_for(request.user, today),
        "panels": panels_for(request.user, today),
        "today": today,
    })


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
