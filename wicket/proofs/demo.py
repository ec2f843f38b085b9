"""The demo county's proof catalogue: last round's edition (analysed and sent), then today's, which
dropped one baseless proof (its problem is offered for closure); every finding fed into the problem
list of the unit that demands the proof."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model

from wicket.orgs.models import Membership, Role
from wicket.problems import services as problem_services
from wicket.problems.models import Problem, Status

from . import services
from .demo_catalog import catalog, earlier_catalog

ORDER = 65
LABEL = "证明材料清理：全县证明事项目录（含房产证与土地证互为前提的循环证明）、清理建议、问题"


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def load(ctx) -> None:
    rng = ctx.rng
    staff = get_user_model().objects.get(username="zhongxin")
    services.import_catalog(name="青梨县证明事项目录-上一版.json", data=_json(earlier_catalog()), by=staff, send=True)
    services.import_catalog(name="青梨县证明事项目录.json", data=_json(catalog()), by=staff, send=True)
    # Some departments have started on theirs.
    liaisons = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.LIAISON).select_related("user")}
    for problem in Problem.objects.filter(detector=services.DETECTOR, status=Status.PENDING,
                                          detector_cleared_at__isnull=True).order_by("id"):
        if rng.random() < 0.25 and problem.unit_id in liaisons:
            problem_services.problem_transition(problem=problem, action="start", by=liaisons[problem.unit_id],
                                                note="已梳理本单位索要的证明，正在商有关部门取消或改为共享核验。")
