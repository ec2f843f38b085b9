"""Thin views of the registry. Unit pages go through wicket.orgs.access; county pages need a county role."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.core.downloads import XLSX, attachment
from wicket.core.history import history_entries
from wicket.core.staging import staged_decide, staged_upload
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role

from . import services, xlsx
from .forms import ExtendForm, HallForm, RoundForm, UploadForm, ZeroReportForm
from .models import HallKind, ImportPreview, ReportingRound
from .selectors import (
    STATE_LABELS,
    hall_get_for_user,
    halls_of,
    report_get_for_user,
    round_board,
    round_latest,
    round_tables,
    rounds_all,
    unit_rounds,
)
from .snapshot import hall_row
from .tables import TABLE_TITLES, columns_for, table_for

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    return attachment(data, filename, XLSX)


def registry_home_view(request):
    units = sorted(access.unit_ids_for(request.user))
    if units:
        return redirect("registry:unit", unit_id=units[0])
    if access.has_role(request.user, *COUNTY_ROLES):
        return redirect("registry:board")
    raise Http404


# ---------------------------------------------------------------- the unit's page

def _unit_context(request, unit, **extra):
    table = table_for(unit)
    halls = list(halls_of(unit))
    context = {
        "unit": unit, "table": table, "table_title": TABLE_TITLES[table], "columns": columns_for(table),
        "halls": halls, "rounds": unit_rounds(unit=unit),
        "can_edit": access.can_edit_unit(request.user, unit),
        "totals": {"windows": sum(h.window_count for h in halls),
                   "authorized": sum(h.authorized_windows for h in halls),
                   "staff": sum(h.staff_count for h in halls)},
        "upload_form": UploadForm(), "zero_form": ZeroReportForm(), "error": None,
    }
    context.update(extra)
    return context


def unit_view(request, unit_id, form=None, error=None, status=200):
    unit = access.unit_get_for_user(request.user, unit_id)
    return render(request, "registry/unit.html",
                  _unit_context(request, unit, upload_form=form or UploadForm(), error=error), status=status)


def hall_new_view(request, unit_id):
    unit = access.unit_get_for_user(request.user, unit_id)
    if not access.can_edit_unit(request.user, unit):
        raise Http404
    form = HallForm(request.POST or None, table=table_for(unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.hall_create(unit=unit, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已登记"))
            return redirect("registry:unit", unit_id=unit.pk)
    return render(request, "registry/hall_form.html", {"unit": unit, "form": form, "hall": None},
                  status=400 if request.method == "POST" else 200)


def hall_view(request, pk):
    hall = hall_get_for_user(user=request.user, pk=pk)
    can_edit = access.can_edit_unit(request.user, hall.unit_id)
    form = HallForm(request.POST or None, instance=hall, table=table_for(hall.unit))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.hall_update(hall=hall, data=form.cleaned_data, by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已保存"))
                return redirect("registry:unit", unit_id=hall.unit_id)
        hall.refresh_from_db()
    return render(request, "registry/hall_form.html", {
        "unit": hall.unit, "form": form, "hall": hall, "can_edit": can_edit, "history": history_entries(hall),
        "row": hall_row(hall, table_for(hall.unit)), "columns": columns_for(table_for(hall.unit)),
    }, status=400 if request.method == "POST" else 200)


@require_POST
def hall_delete_view(request, pk):
    hall = hall_get_for_user(user=request.user, pk=pk)
    if not access.can_edit_unit(request.user, hall.unit_id):
        raise Http404
    unit_id = hall.unit_id
    services.hall_delete(hall=hall, by=request.user)
    messages.success(request, _("已删除"))
    return redirect("registry:unit", unit_id=unit_id)


def template_view(request, unit_id):
    unit = access.unit_get_for_user(request.user, unit_id)
    table = table_for(unit)
    data = xlsx.unit_template(unit=unit, table=table, rows=[hall_row(h, table) for h in halls_of(unit)])
    return _xlsx_response(data, f"{TABLE_TITLES[table]}-{unit.display_name}.xlsx")


@require_POST
def upload_view(request, unit_id):
    unit = access.unit_get_for_user(request.user, unit_id)
    if not access.can_edit_unit(request.user, unit):
        raise Http404
    return staged_upload(request, UploadForm(request.POST, request.FILES), lambda d: services.import_preview_create(
        unit=unit, upload=d["file"], by=request.user), page=partial(unit_view, unit_id=unit.pk),
        detail="registry:preview")


def _preview_for(request, pk) -> ImportPreview:
    return staged_get(ImportPreview.objects.select_related("unit"), request.user, pk, scoped=True)


def preview_view(request, pk):
    preview = _preview_for(request, pk)
    table = table_for(preview.unit)
    return render(request, "registry/preview.html", {
        "preview": preview, "unit": preview.unit, "columns": columns_for(table),
        "rows": [{**r, "kind_label": HallKind(r["kind"]).label} for r in preview.rows],
        "current": halls_of(preview.unit).count(),
    })


@require_POST
def preview_confirm_view(request, pk):
    preview = _preview_for(request, pk)
    return staged_decide(request, lambda: services.import_preview_confirm(preview=preview, by=request.user),
                         back=reverse("registry:preview", args=[pk]),
                         then=reverse("registry:unit", args=[preview.unit_id]),
                         message=lambda halls: _("已导入 %(n)d 条登记") % {"n": len(halls)})


@require_POST
def preview_discard_view(request, pk):
    preview = _preview_for(request, pk)
    return staged_decide(request, lambda: services.import_preview_discard(preview=preview, by=request.user),
                         back=reverse("registry:preview", args=[pk]),
                         then=reverse("registry:unit", args=[preview.unit_id]),
                         message=_("已放弃导入，未保存任何内容"), level=messages.INFO)


# ---------------------------------------------------------------- zero report and submission

def _unit_report(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    if not access.can_edit_unit(request.user, report.unit_id):
        raise Http404
    return report


@require_POST
def zero_view(request, pk):
    report = _unit_report(request, pk)
    try:
        if request.POST.get("withdraw"):
            services.zero_report_withdraw(report=report, by=request.user)
            messages.info(request, _("已撤销零报告"))
        else:
            form = ZeroReportForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请填写零报告说明"))
            services.zero_report_declare(report=report, statement=form.cleaned_data["statement"], by=request.user)
            messages.success(request, _("已声明零报告，请提交负责人签字"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("registry:unit", unit_id=report.unit_id)


@require_POST
def submit_view(request, pk):
    report = _unit_report(request, pk)
    try:
        sub = services.round_submit(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registry:unit", unit_id=report.unit_id)
    messages.success(request, _("已提交，等待主要负责人审核签字"))
    return redirect("signoff:detail", pk=sub.pk)


# ---------------------------------------------------------------- the county's pages

def _round(pk) -> ReportingRound:
    """A round for the county's pages (callers check the role first)."""
    try:
        return ReportingRound.objects.get(pk=pk)
    except (ReportingRound.DoesNotExist, ValueError):
        raise Http404 from None


def board_view(request, pk=None):
    access.require_role(request.user, *COUNTY_ROLES)
    if pk is None:
        rnd = round_latest()
        if rnd is None:
            return render(request, "registry/board.html", {"board": None, "rounds": [],
                                                           "can_open": access.is_supervisor(request.user)})
    else:
        rnd = _round(pk)
    state = request.GET.get("state", "")
    if state not in STATE_LABELS:
        state = ""
    return render(request, "registry/board.html", {
        "board": round_board(rnd=rnd, state=state), "state": state, "rounds": rounds_all()[:20],
        "can_open": access.is_supervisor(request.user),
        "can_extend": access.is_supervisor(request.user) and rnd.is_open,  # and end the round
        "now": timezone.now(), "history": history_entries(rnd),
    })


def round_new_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    form = RoundForm(request.POST or None, initial={"title": _("窗口和服务大厅统计表报送")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            rnd = services.round_open(title=d["title"], deadline=d["deadline"], units=d["units"], note=d["note"],
                                      by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已发起报送，各单位经办人首页将看到待办"))
            return redirect("registry:round", pk=rnd.pk)
    return render(request, "registry/round_form.html", {"form": form})


@require_POST
def round_close_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    rnd = _round(pk)
    try:
        services.round_close(rnd=rnd, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已结束本轮报送，各单位不能再提交"))
    return redirect("registry:round", pk=rnd.pk)


@require_POST
def extend_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    report = report_get_for_user(user=request.user, pk=pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写延期后的截止时间"))
    else:
        try:
            services.round_extend(report=report, deadline=form.cleaned_data["deadline"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(u)s 已延期") % {"u": report.unit.display_name})
    return redirect("registry:round", pk=report.round_id)


def export_view(request, pk):
    access.require_role(request.user, *COUNTY_ROLES)
    rnd = _round(pk)
    board = round_board(rnd=rnd)
    status_rows = []
    for row in board.rows:
        signed = row.signed
        liaison = row.liaisons[0] if row.liaisons else {"name": "", "phone": ""}
        status_rows.append([
            row.unit.name, row.label + ("（逾期报送）" if row.signed_late else ""),
            timezone.localtime(row.report.deadline).strftime("%Y-%m-%d %H:%M"),
            signed.signer_name if signed else "",
            timezone.localtime(signed.signed_at).strftime("%Y-%m-%d %H:%M") if signed else "",
            row.halls if row.halls is not None else "", liaison["name"], liaison["phone"],
        ])
    data = xlsx.round_workbook(round_title=rnd.title, deadline=timezone.localtime(rnd.deadline),
                               exported_at=timezone.localtime(), tables=round_tables(rnd=rnd),
                               status_rows=status_rows)
    return _xlsx_response(data, f"窗口和服务大厅统计表-{rnd.title}.xlsx")


@require_POST
def intake_view(request):
    access.require_role(request.user, *COUNTY_ROLES)
    try:
        result = services.registry_findings_intake(by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("窗口登记检测：%(s)s") % {"s": result.summary()})
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/registry/") else "registry:board")
