"""The staff's pages: the halls, switching ticketing on, the manager's live page, the setup (hours,
queues, windows), device links, agents, priority tickets and a ticket's log. Reads are open to the
hall's unit, the service centre and the supervisor; changes to the hall's unit and the centre only
(anyone else: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.ticketing.forms import AgentForm, DeviceForm, PriorityForm, QueueForm, SettingsForm, WindowForm
from wicket.ticketing.models import Agent, Device, DeviceKind, Queue, Ticket, Window
from wicket.ticketing.rules import may_manage
from wicket.ticketing.selectors import hall_for, hall_version, halls_for, registry_hall_for
from wicket.ticketing.selectors.board import live_figures, today_tickets
from wicket.ticketing.services import issue, setup


def halls_view(request):
    halls = halls_for(request.user)
    return render(request, "ticketing/halls.html", {
        "rows": [{"hall": h, "ticketing": getattr(h, "ticketing", None), "manage": may_manage(request.user, h)}
                 for h in halls]})


@require_POST
def enable_view(request, hall_id):
    hall = registry_hall_for(request.user, hall_id, manage=True)
    setup.ticketing_enable(hall=hall, by=request.user)
    messages.success(request, _("已为“%(h)s”开通取号叫号：请设置业务类型和窗口，再创建取号机和大屏链接") % {"h": hall.name})
    return redirect("ticketing:setup", hall_id=hall.pk)


def _live_version(hall) -> str:
    return f"{hall_version(hall.pk)}.{timezone.localtime():%H%M}"  # figures age with the clock too


def hall_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=False)
    return render(request, "ticketing/hall.html", {
        "th": hall, "manage": may_manage(request.user, hall.hall), "version": _live_version(hall),
        "live": live_figures(hall), "tickets": today_tickets(hall, timezone.localdate())})


def live_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=False)
    version = _live_version(hall)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return render(request, "ticketing/_live.html", {"th": hall, "version": version, "live": live_figures(hall)})


def ticket_view(request, hall_id, pk):
    hall = hall_for(request.user, hall_id, manage=False)
    try:
        ticket = Ticket.objects.select_related("queue", "window").get(hall=hall, pk=pk)
    except (Ticket.DoesNotExist, ValueError):
        raise Http404 from None
    events = ticket.events.select_related("by", "window").order_by("id")
    return render(request, "ticketing/ticket.html", {"th": hall, "ticket": ticket, "events": events})


# ---------------------------------------------------------------- setup


def setup_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=True)
    form = SettingsForm(request.POST or None, instance=hall)
    if request.method == "POST" and form.is_valid():
        try:
            setup.ticketing_settings_save(hall=hall, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("ticketing:setup", hall_id=hall_id)
    return render(request, "ticketing/setup.html", {
        "th": hall, "form": form, "queues": Queue.objects.filter(hall=hall),
        "windows": Window.objects.filter(hall=hall).prefetch_related("queues")})


def queue_view(request, hall_id, pk=None):
    hall = hall_for(request.user, hall_id, manage=True)
    queue = None
    if pk is not None:
        queue = Queue.objects.filter(hall=hall, pk=pk).first()
        if queue is None:
            raise Http404
    form = QueueForm(request.POST or None, instance=queue)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in QueueForm.Meta.fields}
        try:
            setup.queue_save(hall=hall, by=request.user, queue=queue, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存业务类型“%(n)s”") % {"n": fields["name"]})
            return redirect("ticketing:setup", hall_id=hall_id)
    return render(request, "ticketing/queue_form.html", {"th": hall, "form": form, "queue": queue})


def window_view(request, hall_id, number=None):
    hall = hall_for(request.user, hall_id, manage=True)
    window = None
    if number is not None:
        window = Window.objects.filter(hall=hall, number=number).first()
        if window is None:
            raise Http404
    initial = {"number": window.number, "name": window.name, "queues": list(window.queues.all())} if window else {}
    form = WindowForm(request.POST or None, hall=hall, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete") and window is not None:
            try:
                setup.window_delete(window=window, by=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            return redirect("ticketing:setup", hall_id=hall_id)
        if form.is_valid():
            try:
                setup.window_save(hall=hall, by=request.user, window=window, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("ticketing:setup", hall_id=hall_id)
    return render(request, "ticketing/window_form.html", {"th": hall, "form": form, "window": window})


def devices_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=True)
    form = DeviceForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        device, token = setup.device_create(hall=hall, by=request.user, **form.cleaned_data)
        name = {DeviceKind.KIOSK: "ticketing:kiosk", DeviceKind.DISPLAY: "ticketing:display",
                DeviceKind.BOOKING: "ticketing:booking"}[DeviceKind(device.kind)]
        created = {"device": device, "url": request.build_absolute_uri(reverse(name, args=[token]))}
        form = DeviceForm()
    return render(request, "ticketing/devices.html", {
        "th": hall, "form": form, "created": created,
        "devices": Device.objects.filter(hall=hall).select_related("created_by", "revoked_by")})


@require_POST
def device_revoke_view(request, hall_id, pk):
    hall = hall_for(request.user, hall_id, manage=True)
    device = Device.objects.filter(hall=hall, pk=pk).first()
    if device is None:
        raise Http404
    setup.device_revoke(device=device, by=request.user)
    messages.success(request, _("已停用“%(n)s”：该链接立即失效") % {"n": device.name})
    return redirect("ticketing:devices", hall_id=hall_id)


def agents_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=True)
    form = AgentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            setup.agent_register(hall=hall, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已登记代办员“%(n)s”") % {"n": form.cleaned_data["name"]})
            return redirect("ticketing:agents", hall_id=hall_id)
    return render(request, "ticketing/agents.html", {"th": hall, "form": form,
                                                     "agents": Agent.objects.filter(hall=hall)})


@require_POST
def agent_deactivate_view(request, hall_id, pk):
    hall = hall_for(request.user, hall_id, manage=True)
    agent = Agent.objects.filter(hall=hall, pk=pk).first()
    if agent is None:
        raise Http404
    setup.agent_deactivate(agent=agent, by=request.user)
    return redirect("ticketing:agents", hall_id=hall_id)


def priority_view(request, hall_id):
    hall = hall_for(request.user, hall_id, manage=True)
    form = PriorityForm(request.POST or None, hall=hall)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        reason = d["reason"] + (f"：{d['detail']}" if d.get("detail") else "")
        try:
            ticket = issue.ticket_issue_priority(hall=hall, queue=d["queue"], item=d["item"], reason=reason,
                                                 person=d["person"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已发绿色通道号 %(c)s") % {"c": ticket.code})
            return redirect("ticketing:ticket", hall_id=hall_id, pk=ticket.pk)
    return render(request, "ticketing/priority.html", {"th": hall, "form": form})
