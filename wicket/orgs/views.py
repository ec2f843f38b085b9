"""单位名称对照: the county-wide staff keep the other names (aliases) data uses for each unit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import access, selectors, services
from .forms import AliasAddForm, AliasRemoveForm
from .models import Unit


def _require_editor(user) -> None:
    access.require_role(user, *access.COUNTY_WIDE_ROLES)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def names_view(request):
    """The table of units' names; the add form (prefilled by ?name= and ?unit=) posts back here."""
    _require_editor(request.user)
    q = request.GET.get("q", "").strip()
    name = request.GET.get("name", "").strip()
    if request.method == "POST":
        form = AliasAddForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                unit = services.unit_alias_add(unit=d["unit"], alias=d["alias"], reason=d["reason"], by=request.user)
            except ValidationError as exc:
                form.add_error("alias" if exc.code != "reason" else "reason", exc)
            else:
                messages.success(request, _("已把“%(alias)s”设为“%(unit)s”的其他名称；以后数据中写作此名的，都归到该单位")
                                 % {"alias": d["alias"], "unit": unit.name})
                return redirect(reverse("orgs:names") + "?" + urlencode({"q": d["alias"]}))
    else:
        form = AliasAddForm(initial={"alias": name, "unit": _int_or_none(request.GET.get("unit"))})
    context = {
        "form": form, "q": q, "name": name, "selected_unit": form.initial.get("unit"),
        "units": selectors.units_by_name(q),
        "changes": selectors.alias_changes(),
    }
    if name:
        context["owner"] = selectors.unit_resolver()(name)
        context["suggestions"] = [] if context["owner"] else selectors.units_like(name)
    return render(request, "orgs/names.html", context, status=400 if form.errors else 200)


def alias_remove_view(request, pk: int):
    _require_editor(request.user)
    unit = get_object_or_404(Unit, pk=pk)
    form = AliasRemoveForm(request.POST or None, initial={"alias": request.GET.get("alias", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.unit_alias_remove(unit=unit, alias=d["alias"], reason=d["reason"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已删除“%(unit)s”的其他名称“%(alias)s”") % {"unit": unit.name, "alias": d["alias"]})
            return redirect("orgs:names")
    alias = form.data.get("alias") if form.is_bound else form.initial["alias"]
    return render(request, "orgs/alias_remove.html", {"unit": unit, "form": form, "alias": alias},
                  status=400 if form.errors else 200)
