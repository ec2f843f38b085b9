"""Thin views: parse, call one service or selector, render. Access goes through wicket.orgs.access:
county pages for the supervisor and the service centre, writes for the centre only, a department's
own guides (read-only) for its liaison and head; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis.guides import KINDS, check_guides, guides_template_xlsx
from wicket.core.downloads import XLSX, attachment
from wicket.core.history import history_entries
from wicket.core.htmx import is_htmx
from wicket.core.staging import staged_decide, staged_upload
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role

from . import selectors, services
from .forms import UploadForm
from .marking import finding_html, guide_layout, kind_label
from .models import Finding, GuideImport, ImportStatus

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)
PREVIEW_FINDINGS = 200


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def filters_from(request, **fixed) -> selectors.GuideFilters:
    g = request.GET
    kind = g.get("kind", "") if g.get("kind", "") in KINDS else ""
    checklist = g.get("checklist", "") if g.get("checklist", "") in selectors.CHECKLIST_CODES else ""
    values = {"unit": _int(g.get("unit")), "kind": kind, "checklist": checklist, "source": g.get("source", ""),
              "q": g.get("q", "").strip()[:100], "flagged": g.get("flagged") == "1", **fixed}
    return selectors.GuideFilters(**values)


def _list_context(request, filters: selectors.GuideFilters, unit=None) -> dict:
    qs = selectors.guide_list(user=request.user, filters=filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    kinds = selectors.kinds_of(list(page.object_list))
    for g in page.object_list:
        g.kind_labels = [(k, kind_label(k)) for k in kinds.get(g.pk, [])]
    return {"page": page, "filters": filters, "kinds": [(k, c, label) for k, (c, label) in KINDS.items()],
            "checklists": selectors.CHECKLIST_CODES, "sources": selectors.sources_for(request.user, unit)}


# ---------------------------------------------------------------- reading

def overview_view(request):
    access.require_role(request.user, *COUNTY_ROLES)
    overview = selectors.county_overview()
    return render(request, "guides/overview.html", {
        "overview": overview, "chart": selectors.overview_chart(overview, _("每个事项的问题数")),
        "can_import": access.is_center_staff(request.user),
    })


def guide_list_view(request):
    if not access.is_county_wide(request.user) and not request.GET:
        own = access.unit_ids_for(request.user)
        if len(own) == 1:  # a unit's liaison or head: their own department's page
            return redirect("guides:unit", unit_id=next(iter(own)))
    context = _list_context(request, filters_from(request))
    if is_htmx(request):
        return render(request, "guides/_table.html", context)
    context["units"] = selectors.guide_units_for(request.user)
    return render(request, "guides/list.html", context)


def unit_view(request, unit_id):
    unit = access.unit_get_for_user(request.user, unit_id)
    context = _list_context(request, filters_from(request, unit=unit.pk), unit)
    if is_htmx(request):
        return render(request, "guides/_table.html", context)
    context.update(unit=unit, summary=selectors.unit_summary(unit), problems=selectors.unit_problem_counts(unit),
                   can_send=access.is_center_staff(request.user))
    return render(request, "guides/unit.html", context)


def guide_view(request, pk):
    guide = selectors.guide_get_for_user(user=request.user, pk=pk)
    findings = selectors.guide_findings(guide)
    problems = selectors.problems_by_fingerprint([f.fingerprint for f in findings])
    items = [{"finding": f, "label": kind_label(f.kind), "html": finding_html(f.kind, f.data["evidence"], f.text),
              "problem": problems.get(f.fingerprint), "copies": [g for g in f.guides.all() if g.pk != guide.pk],
              "differences": f.data["evidence"].get("differences", [])} for f in findings]
    return render(request, "guides/detail.html", {
        "guide": guide, "layout": guide_layout(guide.data, findings), "items": items,
        "copies": selectors.guide_copies(guide), "data": guide.data,
    })


# ---------------------------------------------------------------- importing (service centre)

def imports_view(request, form=None, error=None, status=200):
    access.require_role(request.user, *COUNTY_ROLES)
    can_import = access.is_center_staff(request.user)
    return render(request, "guides/imports.html", {
        "batches": selectors.batches_list(), "form": form or (UploadForm() if can_import else None),
        "error": error, "can_import": can_import,
    }, status=status)


@require_POST
def upload_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    return staged_upload(request, UploadForm(request.POST, request.FILES), lambda d: services.guide_import_preview(
        name=d["file"].name, data=d["file"].read(), by=request.user), page=imports_view, detail="guides:import")


def template_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    return attachment(guides_template_xlsx(), "办事指南模板.xlsx", XLSX)


def _batch(request, pk) -> GuideImport:
    return staged_get(GuideImport.objects.select_related("created_by"), request.user, pk, roles=COUNTY_ROLES)


def import_view(request, pk):
    batch = _batch(request, pk)
    parts = services.batch_parts(batch)
    context = {"batch": batch, "parts": parts, "history": history_entries(batch),
               "can_import": access.is_center_staff(request.user), "kind_counts": [
                   (k, KINDS[k][0], kind_label(k), n) for k, n in batch.kind_counts.items()]}
    if batch.status == ImportStatus.PENDING and batch.payload is not None:
        guides = [services.guide_from_data(d) for d in batch.payload]
        findings = check_guides(guides)
        context.update(unknown=services.unknown_departments(parts), preview=[
            {"guide": guides[f.guide_index], "label": kind_label(f.kind), "finding": f,
             "html": finding_html(f.kind, f.evidence, f.text)} for f in findings[:PREVIEW_FINDINGS]],
            preview_more=max(0, len(findings) - PREVIEW_FINDINGS))
    elif batch.status == ImportStatus.APPLIED:
        counts = selectors.unit_finding_counts([p.unit_id for p in parts if p.unit_id])
        for p in parts:
            p.findings_now = counts.get(p.unit_id, 0)
    return render(request, "guides/import.html", context)


@require_POST
def import_confirm_view(request, pk):
    batch = _batch(request, pk)
    access.require_role(request.user, Role.CENTER_STAFF)

    def done(units) -> str:
        batch.refresh_from_db()
        found = Finding.objects.filter(unit__in=units).count()
        return _("已导入 %(n)d 个办事指南（替换原有 %(r)d 个），涉及 %(u)d 个部门；已与各部门其他来源的指南一并复查，"
                 "共有问题 %(f)d 条") % {"n": batch.guide_count, "r": batch.replaced_count, "u": len(units), "f": found}

    here = reverse("guides:import", args=[batch.pk])
    return staged_decide(request, lambda: services.guide_import_apply(batch=batch, by=request.user), back=here,
                         then=here, message=done)


@require_POST
def import_discard_view(request, pk):
    batch = _batch(request, pk)
    access.require_role(request.user, Role.CENTER_STAFF)
    return staged_decide(request, lambda: services.guide_import_discard(batch=batch, by=request.user),
                         back=reverse("guides:import", args=[batch.pk]), then=reverse("guides:imports"),
                         message=_("已放弃导入，未保存任何内容"), level=messages.INFO)


@require_POST
def import_send_view(request, pk):
    batch = _batch(request, pk)
    access.require_role(request.user, Role.CENTER_STAFF)
    if batch.status != ImportStatus.APPLIED:
        raise Http404
    result = services.guide_findings_send(units=services.batch_units(batch), by=request.user, batch=batch)
    messages.success(request, _("已送入问题清单：%(s)s") % {"s": result.summary()})
    return redirect("guides:import", pk=batch.pk)


@require_POST
def unit_send_view(request, unit_id):
    access.require_role(request.user, Role.CENTER_STAFF)
    unit = access.unit_get_for_user(request.user, unit_id)
    result = services.guide_findings_send(units=[unit], by=request.user)
    messages.success(request, _("已送入问题清单：%(s)s") % {"s": result.summary()})
    return redirect("guides:unit", unit_id=unit.pk)
