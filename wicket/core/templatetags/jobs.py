from django import template

from wicket.core.jobs.views import card_context

register = template.Library()


@register.inclusion_tag("core/jobs/_job.html", takes_context=True)
def job_card(context, job, follow: bool = False) -> dict:
    """{% job_card job follow=True %}: the job's card, polled while it runs; with follow, the page
    moves on to the job's result when it is done."""
    request = context["request"]
    return {**card_context(request.user, job, follow=follow), "request": request,
            "csrf_token": context.get("csrf_token")}
