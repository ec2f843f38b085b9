"""Thin views: parse, call one service or selector, render. Access goes through wicket.orgs.access:
county pages for the supervisor and the service centre, writes for the centre only; a department's
liaison and head read the proofs their department demands and their own items' chains; anyone
else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis.proofs import RECOMMENDATIONS, SHARED_SOURCES, catalog_template_xlsx
from wicket.core.downloads import XLSX, attachment
from wicket.core.history import history_entries
from wicket.core.htmx import is_htmx
from wicket.core.staging import staged_decide, staged_upload
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role, Unit

from . import charts, exports, selectors, services
from .forms import UploadForm
from .models import CatalogVersion

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)
PAGE_SIZE = 50


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _flag(request, name: str) -> bool:
    return request.GET.get(name) == "1"


def _current(request) -> CatalogVersion | None:
    """The county's catalogue, for anyone with a role (a stranger without one gets 404)."""
    if not (access.is_county_wide(request.user) or access.unit_ids_for(request.user)):
        raise Http404
    return services.current_version()


def proof_filters(request) -> selectors.ProofFilters:
    g = request.GET
    rec = g.get("recommendation", "")
    source = g.get("shared_source", "")
    return selectors.ProofFilters(recommendation=rec if rec in RECOMMENDATIONS else "", unit=_int(g.get("unit")),
                                  issuer=g.get("issuer", "")[:200],
                                  shared_source=source if source in SHARED_SOURCES else "",
                                  in_cycle=_flag(request, "in_cycle"), q=g.get("q", "").strip()[:100])


def item_filters(request) -> selectors.ItemFilters:
    g = request.GET
    return selectors.ItemFilters(unit=_int(g.get("unit")), blocked=_flag(request, "blocked"),
                                 over=_flag(request, "over"), q=g.get("q", "").strip()[:100])


def _unit_names(user) -> str:
    return "、".join(u.display_name for u in Unit.objects.filter(pk__in=access.unit_ids_for(user)))


# ---------------------------------------------------------------- reading

def overview_view(request):
    access.require_role(request.user, *COUNTY_ROLES)
    version = services.current_version()
    context = {"version": version, "can_import": access.is_center_staff(request.user)}
    if version is not None:
        counts = selectors.recommendation_counts(version)
        context.update(s=version.summary, recommendations=counts, chart=charts.recommendation_option(counts),
                       kinds=selectors.finding_counts(version), cycles=selectors.cycles_of(version),
                       top_items=selectors.top_items(version), problems=selectors.problem_counts(),
                       unknown=version.unknown_names)
    return render(request, "proofs/overview.html", context)


def proof_list_view(request):
    version = _current(request)
    filters = proof_filters(request)
    context: dict = {"version": version, "filters": filters, "county": access.is_county_wide(request.user)}
    if version is not None:
        page = Paginator(selectors.proof_list(user=request.user, version=version, filters=filters),
                         PAGE_SIZE).get_page(request.GET.get("page"))
        links = selectors.item_links(user=request.user, version=version,
                                     item_ids={i for p in page.object_list for i in p.demanded_by_items})
        for p in page.object_list:
            p.item_links = [(i, links.get(i)) for i in p.demanded_by_items]
        context.update(page=page)
    if is_htmx(request):
        return render(request, "proofs/_proof_table.html", context)
    if version is not None:
        context.update(recommendations=RECOMMENDATIONS, shared_sources=SHARED_SOURCES,
                       units=selectors.demanding_units(version, request.user) if context["county"] else None,
                       issuers=selectors.issuers_of(version), mine=_unit_names(request.user))
    return render(request, "proofs/list.html", context)


def export_view(request):
    version = _current(request)
    if version is None:
        raise Http404
    rows = selectors.proof_list(user=request.user, version=version, filters=proof_filters(request))
    county = access.is_county_wide(request.user)
    title = _("证明事项清理清单") if county else _("%(u)s索要的证明事项清理清单") % {"u": _unit_names(request.user)}
    subtitle = _("目录文件：%(f)s（SHA-256 %(d)s…），导入时间 %(t)s，导出时间 %(n)s") % {
        "f": version.file_name, "d": version.sha256[:12], "t": timezone.localtime(version.applied_at).strftime(
            "%Y-%m-%d %H:%M"), "n": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    data = exports.clearance_xlsx(title=title, subtitle=subtitle, rows=rows.iterator())
    return attachment(data, _("证明事项清理清单") + ".xlsx", XLSX)


def item_list_view(request):
    version = _current(request)
    filters = item_filters(request)
    context: dict = {"version": version, "filters": filters, "county": access.is_county_wide(request.user)}
    if version is not None:
        context["page"] = Paginator(selectors.item_list(user=request.user, version=version, filters=filters),
                                    PAGE_SIZE).get_page(request.GET.get("page"))
    if is_htmx(request):
        return render(request, "proofs/_item_table.html", context)
    if version is not None:
        context["units"] = selectors.item_units(version, request.user) if context["county"] else None
    return render(request, "proofs/items.html", context)


def item_view(request, pk):
    version = _current(request)
    if version is None:
        raise Http404
    item = selectors.item_get_for_user(user=request.user, version=version, pk=pk)
    findings = selectors.item_findings(item)
    problems = selectors.problems_by_fingerprint([f.fingerprint for f in findings])
    nodes = [n for n in item.chain["nodes"] if n["kind"] == "proof"]
    return render(request, "proofs/item.html", {
        "version": version, "item": item, "option": charts.chain_option(item.chain), "nodes": nodes,
        "edges": item.chain["edges"], "cycles": selectors.item_cycles(item),
        "findings": [(f, selectors.KIND_LABELS.get(f.kind, f.kind), problems.get(f.fingerprint)) for f in findings],
        "over": item.issuers_total > version.max_issuers,
    })


# ---------------------------------------------------------------- importing and sending (service centre)

def versions_view(request, form=None, error=None, status=200):
    access.require_role(request.user, *COUNTY_ROLES)
    can_import = access.is_center_staff(request.user)
    current = services.current_version()
    return render(request, "proofs/versions.html", {
        "versions": selectors.versions_list(), "form": form or (UploadForm() if can_import else None),
        "error": error, "can_import": can_import, "current_id": current.pk if current else None,
    }, status=status)


@require_POST
def upload_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    return staged_upload(request, UploadForm(request.POST, request.FILES), lambda d: services.catalog_version_preview(
        name=d["file"].name, data=d["file"].read(), by=request.user, max_issuers=d["max_issuers"]),
        page=versions_view, detail="proofs:version")


def template_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    return attachment(catalog_template_xlsx(), _("证明事项目录模板") + ".xlsx", XLSX)


def _version(request, pk) -> CatalogVersion:
    return staged_get(CatalogVersion.objects.select_related("created_by"), request.user, pk, roles=COUNTY_ROLES)


def version_view(request, pk):
    version = _version(request, pk)
    units = Unit.objects.in_bulk([u for u in version.names.values() if u])
    names = [(n, units.get(u)) for n, u in sorted(version.names.items(), key=lambda kv: (kv[1] is None, kv[0]))]
    current = services.current_version()
    return render(request, "proofs/version.html", {
        "batch": version, "s": version.summary, "names": names, "unknown": version.unknown_names,
        "kinds": [(k, selectors.KIND_LABELS[k], n) for k, n in version.summary.get("findings_by_kind", {}).items()
                  if n and k in selectors.KIND_LABELS],
        "recommendations": [(r, version.summary.get("recommendations", {}).get(r, 0)) for r in RECOMMENDATIONS],
        "can_import": access.is_center_staff(request.user), "history": history_entries(version),
        "is_current": current is not None and current.pk == version.pk,
    })


@require_POST
def version_confirm_view(request, pk):
    version = _version(request, pk)
    access.require_role(request.user, Role.CENTER_STAFF)
    return staged_decide(
        request, lambda: services.catalog_version_apply(version=version, by=request.user),
        back=reverse("proofs:version", args=[version.pk]), then=reverse("proofs:overview"),
        message=lambda v: _("已导入证明事项目录：证明 %(p)d 项，事项 %(i)d 项，发现问题 %(f)d 条。现为全县当前目录，可送入问题清单。")
        % {"p": v.proof_count, "i": v.item_count, "f": v.finding_count})


@require_POST
def version_discard_view(request, pk):
    version = _version(request, pk)
    access.require_role(request.user, Role.CENTER_STAFF)
    return staged_decide(request, lambda: services.catalog_version_discard(version=version, by=request.user),
                         back=reverse("proofs:version", args=[version.pk]), then=reverse("proofs:versions"),
                         message=_("已放弃导入，未保存任何内容"), level=messages.INFO)


@require_POST
def send_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    try:
        result = services.proof_findings_send(by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("proofs:overview")
    messages.success(request, _("已送入问题清单：%(s)s") % {"s": result.summary()})
    return redirect("proofs:overview")
