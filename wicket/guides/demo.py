"""The demo county's service guides: two sites, an earlier edition some departments have since
fixed, every department's findings fed into the problem list."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model

from wicket.orgs.models import Membership, Role
from wicket.problems import services as problem_services
from wicket.problems.models import Problem, Status

from . import services
from .demo_catalog import COUNTY_SITE, PROVINCE_SITE, generate_catalog, older_version

ORDER = 60
LABEL = "办事指南体检：县政府网站和省政务服务网的办事指南、检测出的问题"

EARLIER = ("县市场监管局", "县人社局")


def _json(guides) -> bytes:
    return json.dumps(guides, ensure_ascii=False, indent=1).encode("utf-8")


def _jsonl(guides) -> bytes:
    return "\n".join(json.dumps(g, ensure_ascii=False) for g in guides).encode("utf-8")


def load(ctx) -> None:
    rng = ctx.rng
    staff = get_user_model().objects.get(username="zhongxin")
    catalog = generate_catalog(rng)
    county = catalog[COUNTY_SITE]
    # An earlier edition of two departments' county-site guides, checked and sent last round ...
    earlier = older_version([g for g in county if g["department"] in EARLIER], rng)
    services.import_guides(name="县政府网站-办事指南-上一版.json", data=_json(earlier), by=staff, send=True)
    # ... then today's county site (replacing it: its fixed faults are offered for closure) and the province site.
    services.import_guides(name="县政府网站-办事指南.json", data=_json(county), by=staff, send=True)
    services.import_guides(name="省政务服务网-办事指南.jsonl", data=_jsonl(catalog[PROVINCE_SITE]), by=staff,
                           send=True)
    # Some departments have started on theirs.
    liaisons = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.LIAISON).select_related("user")}
    for problem in Problem.objects.filter(detector=services.DETECTOR, status=Status.PENDING,
                                          detector_cleared_at__isnull=True).order_by("id"):
        if rng.random() < 0.2 and problem.unit_id in liaisons:
            problem_services.problem_transition(problem=problem, action="start", by=liaisons[problem.unit_id],
                                                note="已联系网站管理员，正在修改办事指南。")
    # Guides the departments already corrected in today's edition: submitted, and the re-check proves it.
    for problem in Problem.objects.filter(detector=services.DETECTOR, detector_cleared_at__isnull=False,
                                          status=Status.PENDING).order_by("id"):
        if problem.unit_id in liaisons:
            problem_services.problem_transition(problem=problem, action="submit", by=liaisons[problem.unit_id],
                                                note="已按体检结果修改县政府网站上的办事指南。")
