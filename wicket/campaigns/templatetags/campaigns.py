"""{% phase_badge %}: the current campaign phase, shown in the navbar on every page."""

from django import template
from django.utils import timezone

from wicket.checklist.selectors import campaign_current, phase_current

register = template.Library()


@register.inclusion_tag("campaigns/_phase_badge.html", takes_context=True)
def phase_badge(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {}
    cached = getattr(request, "_wicket_phase", None)
    if cached is None:
        campaign = campaign_current()
        today = timezone.localdate()
        phase = phase_current(campaign, today=today) if campaign else None
        cached = {"campaign": campaign, "phase": phase, "days_left": (phase.deadline - today).days if phase else None}
        request._wicket_phase = cached
    return cached
