"""The pages with no login: the kiosk, the hall display, a ticket's status, the booking page. Each is bound
by an unguessable token (a device link the staff created and can revoke) or a ticket's / booking's code,
and shows no personal data. The live parts are htmx partials polled with the hall's version: the poll
says `?v=N` and gets 204 No Content while nothing has happened since N."""

from __future__ import annotations

import datetime as dt

import segno
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.ticketing import throttle
from wicket.ticketing.forms import BookingForm, CheckInForm, TakeForm
from wicket.ticketing.models import Appointment, DeviceKind, Queue, Status, Ticket, TicketingHall
from wicket.ticketing.selectors import device_for, device_version, hall_version
from wicket.ticketing.selectors.board import display_board, position
from wicket.ticketing.services import issue
from wicket.ticketing.slots import booking_days, slots_of
from wicket.ticketing.workdays import next_working_day

NO_CHANGE = 204


def _unchanged(request, version: str) -> bool:
    return request.GET.get("v") == version


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _queues(hall: TicketingHall) -> list[Queue]:
    return list(Queue.objects.filter(hall=hall, active=True))


# ---------------------------------------------------------------- kiosk


@login_not_required
def kiosk_view(request, token):
    device = device_for(token, DeviceKind.KIOSK)
    hall = device.hall
    queues = _queues(hall)
    chosen = _chosen(queues, request.GET.get("q"), request.GET.get("i"))
    return render(request, "ticketing/kiosk.html", {
        "device": device, "hall": hall, "token": token, "queues": queues, "chosen": chosen,
        "form": TakeForm() if chosen else None})


def _chosen(queues: list[Queue], qid, idx) -> dict | None:
    try:
        queue = next(q for q in queues if q.pk == int(qid))
        return {"queue": queue, "item": queue.item_list[int(idx)], "index": int(idx)}
    except (TypeError, ValueError, StopIteration, IndexError):
        return None


@login_not_required
@require_POST
def kiosk_take_view(request, token):
    device = device_for(token, DeviceKind.KIOSK)
    hall = device.hall
    queues = _queues(hall)
    chosen = _chosen(queues, request.POST.get("q"), request.POST.get("i"))
    if chosen is None:
        return redirect("ticketing:kiosk", token=token)
    form = TakeForm(request.POST)
    refused, status = None, 200
    if not throttle.kiosk_allowed(request, device.pk):
        refused, status = _("取号太频繁，请稍后再试或到咨询台取号"), 429
    elif form.is_valid():
        try:
            ticket = issue.ticket_issue(hall=hall, queue=chosen["queue"], item=chosen["item"],
                                        person=form.cleaned_data["person"])
        except ValidationError as exc:
            refused = _errors(exc)
        else:
            return redirect("ticketing:kiosk_ticket", token=token, code=ticket.public_code)
    return render(request, "ticketing/kiosk.html", {
        "device": device, "hall": hall, "token": token, "queues": queues, "chosen": chosen, "form": form,
        "refused": refused}, status=status)


def _qr(request, ticket: Ticket) -> str:
    url = request.build_absolute_uri(reverse("ticketing:status", args=[ticket.public_code]))
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


@login_not_required
def kiosk_ticket_view(request, token, code):
    device = device_for(token, DeviceKind.KIOSK)
    ticket = _ticket(code, hall=device.hall)
    return render(request, "ticketing/kiosk_ticket.html", {
        "device": device, "hall": device.hall, "token": token, "ticket": ticket, "qr": _qr(request, ticket),
        "status_url": request.build_absolute_uri(reverse("ticketing:status", args=[ticket.public_code])),
        **position(ticket)})


@login_not_required
def kiosk_checkin_view(request, token):
    device = device_for(token, DeviceKind.KIOSK)
    form = CheckInForm(request.POST or None)
    refused, status = None, 200
    if request.method == "POST":
        if not throttle.kiosk_allowed(request, device.pk):
            refused, status = _("操作太频繁，请稍后再试或到咨询台签到"), 429
        elif form.is_valid():
            try:
                ticket = issue.appointment_check_in(hall=device.hall, code=form.cleaned_data["code"])
            except ValidationError as exc:
                refused = _errors(exc)
            else:
                return redirect("ticketing:kiosk_ticket", token=token, code=ticket.public_code)
    return render(request, "ticketing/kiosk_checkin.html", {
        "device": device, "hall": device.hall, "token": token, "form": form, "refused": refused}, status=status)


# ---------------------------------------------------------------- display


@login_not_required
def display_view(request, token):
    device = device_for(token, DeviceKind.DISPLAY)
    return render(request, "ticketing/display.html", {
        "device": device, "hall": device.hall, "token": token, "version": device_version(device),
        **display_board(device.hall)})


@login_not_required
def display_board_view(request, token):
    device = device_for(token, DeviceKind.DISPLAY)
    if _unchanged(request, str(device_version(device))):
        return HttpResponse(status=NO_CHANGE)
    return render(request, "ticketing/_board.html", {
        "hall": device.hall, "token": token, "version": device_version(device), **display_board(device.hall)})


# ---------------------------------------------------------------- a ticket's status


def _ticket(code: str, *, hall: TicketingHall | None = None) -> Ticket:
    if not code or len(code) > 24:
        raise Http404
    qs = Ticket.objects.select_related("queue", "window", "hall__hall")
    if hall is not None:
        qs = qs.filter(hall=hall)
    ticket = qs.filter(public_code=code).first()
    if ticket is None:
        raise Http404
    return ticket


def _status_context(ticket: Ticket) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    closing = timezone.make_aware(dt.datetime.combine(today, ticket.hall.closing))
    return {"ticket": ticket, "hall": ticket.hall, "today": today, "later": ticket.day > today,
            "next_day": next_working_day(today), "after_closing": now >= closing,
            "version": f"{hall_version(ticket.hall_id)}.{now:%H%M}", **position(ticket, now)}


@login_not_required
def status_view(request, code):
    ticket = _ticket(code)
    return render(request, "ticketing/status.html", _status_context(ticket))


@login_not_required
def status_panel_view(request, code):
    ticket = _ticket(code)
    context = _status_context(ticket)
    if _unchanged(request, context["version"]):
        return HttpResponse(status=NO_CHANGE)
    return render(request, "ticketing/_status.html", context)


@login_not_required
@require_POST
def status_cancel_view(request, code):
    ticket = _ticket(code)
    try:
        issue.ticket_cancel(ticket=ticket)
    except ValidationError:
        pass  # already called or cancelled: the page shows what it is now
    return redirect("ticketing:status", code=code)


# ---------------------------------------------------------------- booking


def _booking_context(device, token: str, request) -> dict:
    hall = device.hall
    queues = [q for q in _queues(hall) if q.am_slot_limit or q.pm_slot_limit]
    chosen = _chosen(queues, request.GET.get("q") or request.POST.get("q"),
                     request.GET.get("i") or request.POST.get("i"))
    today = timezone.localdate()
    days = booking_days(hall, today)
    day = None
    raw_day = request.GET.get("d") or request.POST.get("d")
    if raw_day:
        try:
            day = dt.date.fromisoformat(raw_day)
        except ValueError:
            day = None
        day = day if day in days else None
    slots = []
    if chosen and day:
        from wicket.ticketing.selectors.booking import slot_table

        slots = slot_table(hall, chosen["queue"], day, timezone.now())
    return {"device": device, "hall": hall, "token": token, "queues": queues, "chosen": chosen, "days": days,
            "day": day, "slots": slots, "has_slots": bool(chosen and slots_of(hall, chosen["queue"]))}


@login_not_required
def booking_view(request, token):
    device = device_for(token, DeviceKind.BOOKING)
    context = _booking_context(device, token, request)
    refused, status = None, 200
    form = BookingForm(request.POST or None)
    if request.method == "POST":
        start = request.POST.get("s", "")
        if not throttle.booking_allowed(request):
            refused, status = _("预约太频繁：同一网络每小时最多预约 %(n)s 次，请稍后再试") % {
                "n": throttle.booking_limit()}, 429
        elif not (context["chosen"] and context["day"]):
            refused = _("请先选择业务、日期和时段")
        elif form.is_valid():
            try:
                appt = issue.appointment_book(hall=device.hall, queue=context["chosen"]["queue"],
                                              item=context["chosen"]["item"], day=context["day"],
                                              start=dt.time.fromisoformat(start), person=form.cleaned_data["person"])
            except ValueError:
                refused = _("请选择预约时段")
            except ValidationError as exc:
                refused = _errors(exc)
            else:
                return redirect("ticketing:booking_done", token=token, code=appt.code)
    return render(request, "ticketing/booking.html", {**context, "form": form, "refused": refused}, status=status)


@login_not_required
def booking_done_view(request, token, code):
    device = device_for(token, DeviceKind.BOOKING)
    appt = (Appointment.objects.select_related("queue").filter(hall=device.hall, code=(code or "")[:12].upper())
            .first())
    if appt is None:
        raise Http404
    if request.method == "POST" and request.POST.get("cancel"):
        try:
            appt = issue.appointment_cancel(appointment=appt)
        except ValidationError:
            pass
    return render(request, "ticketing/booking_done.html", {"device": device, "hall": device.hall, "token": token,
                                                           "appt": appt, "Status": Status})
