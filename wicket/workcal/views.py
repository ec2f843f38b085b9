"""The calendar page (工作日历) of the supervision office; everyone else gets 404."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis.workdays_table import YEARS
from wicket.core.htmx import is_htmx
from wicket.core.staging import staged_decide, staged_upload
from wicket.orgs import access
from wicket.orgs.models import Role

from . import selectors, services
from .forms import DayForm, ImportForm, ReasonForm
from .models import CalendarImport

HISTORY_PAGE = 30


def _office(request) -> None:
    access.require_role(request.user, Role.SUPERVISOR)


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if year in YEARS else default


def _page_url(year: int, anchor: str = "") -> str:
    return f"{reverse('workcal:calendar')}?{urlencode({'year': year})}{anchor}"


def calendar_view(request, *, day_form: DayForm | None = None, import_form: ImportForm | None = None,
                  error=None, status: int = 200):
    """The year's holidays and make-up days (package and county side by side), the forms, the history."""
    _office(request)
    today = timezone.localdate()
    calendar = selectors.effective_calendar()
    statuses = selectors.year_statuses(today=today, calendar=calendar)
    default = next((s.year for s in statuses if s.state == "estimate" and s.year >= today.year), today.year)
    year = _year(request.GET.get("year"), default)
    if day_form is None:
        initial = {"day": None}
        if (picked := request.GET.get("day")) and (row := _county_day(picked)):
            initial = {"day": row.day, "kind": row.kind, "name": row.name}
        day_form = DayForm(initial=initial)
    status_of_year = next((s for s in statuses if s.year == year), None)
    context = {
        "year": year, "today": today, "statuses": statuses,
        "status": status_of_year or selectors.YearStatus(year, "package" if calendar.is_known(year) else "estimate"),
        "rows": selectors.year_rows(year, calendar=calendar),
    }
    if is_htmx(request):  # another year: the year's panel only
        return render(request, "workcal/_year.html", context, status=status)
    context |= {
        "day_form": day_form, "import_form": import_form or ImportForm(), "error": error,
        "history": Paginator(selectors.calendar_changes(), HISTORY_PAGE).get_page(request.GET.get("page")),
        "imports": selectors.imports_applied(),
        "package_years": calendar.package_years(),
        "query": urlencode({"year": year}),
    }
    return render(request, "workcal/calendar.html", context, status=status)


def _county_day(text: str):
    try:
        return selectors.county_day(dt.date.fromisoformat(text))
    except ValueError:
        return None


def _done(request, result: services.CalendarResult, year: int, anchor: str = ""):
    messages.success(request, result.text())
    return redirect(_page_url(year, anchor))


@require_POST
def day_save_view(request):
    _office(request)
    form = DayForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            result = services.calendar_day_set(day=d["day"], kind=d["kind"], name=d["name"], reason=d["reason"],
                                               by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _done(request, result, d["day"].year)
    return calendar_view(request, day_form=form, status=400)


@require_POST
def day_remove_view(request, day: str):
    _office(request)
    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        when = None
    form = ReasonForm(request.POST)
    if when is None or not form.is_valid():
        messages.error(request, _("请求无效，请刷新页面后重试"))
        return redirect("workcal:calendar")
    try:
        result = services.calendar_day_remove(day=when, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_page_url(when.year))
    return _done(request, result, when.year)


@require_POST
def year_confirm_view(request, year: int):
    _office(request)
    return _year_step(request, year, services.calendar_year_confirm)


@require_POST
def year_unconfirm_view(request, year: int):
    _office(request)
    return _year_step(request, year, services.calendar_year_unconfirm)


def _year_step(request, year: int, service):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        result = service(year=year, reason=reason, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_page_url(year))
    return _done(request, result, year)


# ---------------------------------------------------------------- import (staged: preview, then confirm)

@require_POST
def import_view(request):
    _office(request)
    form = ImportForm(request.POST, request.FILES)
    return staged_upload(request, form, lambda d: services.calendar_import_preview(
        by=request.user, upload=d["file"], text=d["text"], whole_years=d["whole_years"]),
        page=_import_page, detail="workcal:import")


def _import_page(request, *, form, error=None, status: int = 200):
    return calendar_view(request, import_form=form, error=error, status=status)


def _batch(request, pk) -> CalendarImport:
    return access.staged_get(CalendarImport.objects.select_related("created_by"), request.user, pk, roles=(Role.SUPERVISOR,))


def import_detail_view(request, pk: int):
    batch = _batch(request, pk)
    calendar = selectors.effective_calendar()
    rows = selectors.import_rows(batch, calendar=calendar)
    return render(request, "workcal/import.html", {
        "batch": batch, "rows": rows,
        "years": sorted({r.day.year for r in rows}),
        "counts": selectors.import_counts(rows),
        "history": [],
    })


@require_POST
def import_confirm_view(request, pk: int):
    batch = _batch(request, pk)
    years = sorted({r["day"][:4] for r in batch.rows})
    return staged_decide(request, lambda: services.calendar_import_confirm(batch=batch, by=request.user),
                         back=reverse("workcal:import", args=[pk]),
                         then=_page_url(int(years[0]) if years else timezone.localdate().year),
                         message=lambda result: _("已导入：%(t)s") % {"t": result.text()})


@require_POST
def import_discard_view(request, pk: int):
    batch = _batch(request, pk)
    return staged_decide(request, lambda: services.calendar_import_discard(batch=batch, by=request.user),
                         back=reverse("workcal:import", args=[pk]), then=reverse("workcal:calendar"),
                         message=_("已放弃导入，日历没有变化"), level=messages.INFO)
