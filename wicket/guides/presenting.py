"""How a guide finding inside a problem is shown (registered with the problem page in GuidesConfig.ready()):
the site and the field it stands in, the words at fault marked in their context, and a link to the
guide where every finding is marked in place."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wicket.problems.models import Problem, ProblemFinding

from .marking import CROSS_SITE, GUIDE_FIELDS, MATERIAL_FIELDS, STEP_FIELDS, finding_html, kind_label
from .models import Guide

_PATH = re.compile(r"^(materials|steps)\[(\d+)\]\.(\w+)$")
_NAMED = re.compile(r"「(.+)」")
SECTIONS = {"materials": (gettext_lazy("申请材料"), dict(MATERIAL_FIELDS)),
            "steps": (gettext_lazy("办理环节"), dict(STEP_FIELDS))}


def where_label(data: dict[str, Any]) -> str:
    """县政府网站 · 申请材料“授权委托书” · 示范文本"""
    key = data.get("key") or []
    if data.get("kind") == CROSS_SITE:
        fields = {**dict(GUIDE_FIELDS), "materials": _("申请材料"), "steps": _("办理环节")}
        names = [str(fields.get(f, f)) for f in (data.get("evidence") or {}).get("fields", [])]
        return _("%(sources)s 之间：%(fields)s") % {"sources": data.get("source", ""), "fields": "、".join(names)}
    where = str(data.get("where", ""))
    parts = [str(data.get("source", ""))]
    m = _PATH.match(where)
    if m:
        section, fields = SECTIONS[m.group(1)]
        named = _NAMED.search(str(key[2])) if len(key) > 2 else None
        parts.append(f"{section}“{named.group(1)}”" if named else f"{section}{int(m.group(2)) + 1}")
        parts.append(str(fields.get(m.group(3), m.group(3))))
    elif where == "steps":
        parts.append(_("办理流程"))
    elif where:
        parts.append(str(dict(GUIDE_FIELDS).get(where.split("[")[0], where)))
    return " · ".join(p for p in parts if p)


def guide_presenter(problem: Problem, findings: list[ProblemFinding]) -> dict[int, dict[str, Any]]:
    identities = {str((f.data.get("key") or [""])[0]) for f in findings}
    pages = {(source, identity): pk for pk, source, identity in Guide.objects.filter(
        unit_id=problem.unit_id, identity__in=identities).values_list("pk", "source", "identity")}
    out = {}
    for f in findings:
        key = [str(k) for k in f.data.get("key") or [""]]
        source = str(f.data.get("source", "")).split("、")[0]
        pk = pages.get((key[1] if len(key) > 1 else "", key[0])) or pages.get((source, key[0]))
        out[f.pk] = {"label": kind_label(f.kind), "where": where_label(f.data),
                     "excerpt": finding_html(f.kind, f.data.get("evidence") or {}, str(f.data.get("text", ""))),
                     "link": reverse("guides:guide", args=[pk]) if pk else ""}
    return out
