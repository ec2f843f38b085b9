"""The window caller (叫号), for the hall's unit staff and the service centre: one page per window. Its
buttons post to one view and get the caller panel back (htmx); the waiting counts beside it poll with
the hall's version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.core.htmx import is_htmx
from wicket.ticketing.forms import PauseForm, TransferForm
from wicket.ticketing.models import Ticket, Window
from wicket.ticketing.selectors import device_version, hall_version, window_for
from wicket.ticketing.selectors.board import earlier_visits, window_waiting
from wicket.ticketing.services import calling

ACTIONS = {
    "call": calling.ticket_call_next, "recall": calling.ticket_recall, "start": calling.ticket_start,
    "finish": calling.ticket_finish, "no_show": calling.ticket_no_show, "resume": calling.window_resume,
    "shut": calling.window_shut,
}


def _context(window: Window, *, message: str = "", error: str = "") -> dict:
    ticket = calling.current_ticket(window)
    return {"window": window, "th": window.hall, "ticket": ticket, "message": message, "error": error,
            "visits": earlier_visits(ticket) if ticket else [],
            "transfer": TransferForm(hall=window.hall, exclude=window) if ticket else None,
            "pause": PauseForm()}


def caller_view(request, hall_id, number):
    window = window_for(request.user, hall_id, number)
    return render(request, "ticketing/caller.html", {
        **_context(window), "waiting": window_waiting(window, timezone.localdate()),
        "version": hall_version(window.hall_id)})


def _answer(request, window: Window, *, message: str = "", error: str = "", status: int = 200):
    window.refresh_from_db()
    if is_htmx(request):  # htmx swaps only 2xx answers: a refusal is shown in the panel, with 200
        return render(request, "ticketing/_caller.html", _context(window, message=message, error=error))
    if error:
        return render(request, "ticketing/caller.html", {
            **_context(window, error=error), "waiting": window_waiting(window, timezone.localdate()),
            "version": hall_version(window.hall_id)}, status=status)
    return redirect("ticketing:caller", hall_id=window.hall.hall_id, number=window.number)


@require_POST
def caller_act_view(request, hall_id, number):
    window = window_for(request.user, hall_id, number)
    action = request.POST.get("action", "")
    try:
        if action == "pause":
            form = PauseForm(request.POST)
            form.is_valid()
            calling.window_pause(window=window, by=request.user, reason=form.cleaned_data.get("reason", ""))
            result = None
        elif action in ACTIONS:
            result = ACTIONS[action](window=window, by=request.user)
        else:
            return _answer(request, window, error=_("未知的操作"), status=400)
    except ValidationError as exc:
        return _answer(request, window, error="；".join(exc.messages), status=409)
    message = ""
    if action == "call":
        message = _("请 %(code)s 号到 %(n)s 号窗口办理") % {"code": result.code, "n": window.number} \
            if isinstance(result, Ticket) else _("现在没有等候的号")
    return _answer(request, window, message=message)


@require_POST
def caller_transfer_view(request, hall_id, number):
    window = window_for(request.user, hall_id, number)
    form = TransferForm(request.POST, hall=window.hall, exclude=window)
    if not form.is_valid():
        return _answer(request, window, error="；".join(str(m) for ms in form.errors.values() for m in ms), status=400)
    d = form.cleaned_data
    try:
        ticket = calling.ticket_transfer(window=window, by=request.user, reason=d["reason"], queue=d.get("queue"),
                                         to_window=d.get("window"))
    except ValidationError as exc:
        return _answer(request, window, error="；".join(exc.messages), status=409)
    target = d["queue"].name if d.get("queue") else d["window"].label
    return _answer(request, window, message=_("%(code)s 号已转到%(t)s") % {"code": ticket.code, "t": target})


def caller_waiting_view(request, hall_id, number):
    window = window_for(request.user, hall_id, number)
    version = device_version(window)
    if request.GET.get("v") == str(version):
        return HttpResponse(status=204)
    return render(request, "ticketing/_waiting.html", {
        "window": window, "th": window.hall, "waiting": window_waiting(window, timezone.localdate()),
        "version": version})
