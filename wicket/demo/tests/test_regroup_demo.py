"""The migration that regroups the old one-problem-per-finding list, run over the demo county.

The demo is loaded with every detector's grouping switched off, which files one problem per finding
exactly as the list was before problems were grouped by cause (the finding's fingerprint on the
problem, its message as the title), with the demo's own progress on them (started, submitted). Then the
migration's regrouping runs over it, and the intake runs again over the regrouped list.
"""

from collections import Counter, defaultdict

from django.utils import timezone

from wicket.demo.loader import load_demo
from wicket.guides.services import guide_findings_send
from wicket.orgs.models import Unit
from wicket.problems import causes
from wicket.problems.models import Evidence, Problem, ProblemEvent, ProblemFinding, Status
from wicket.problems.regroup import regroup


def test_regrouping_the_demo_keeps_every_finding_event_and_measure(db, monkeypatch):
    monkeypatch.setattr(causes, "GROUPINGS", {})
    load_demo()
    monkeypatch.undo()

    old = list(Problem.objects.exclude(detector="").order_by("id"))
    assert len(old) > 300 and all(p.findings.count() == 1 for p in old[:50])
    finding_of = dict(ProblemFinding.objects.values_list("fingerprint", "problem_id"))
    events_of = defaultdict(set)
    for pk, problem_id in ProblemEvent.objects.values_list("pk", "problem_id"):
        events_of[problem_id].add(pk)
    events_before = ProblemEvent.objects.count()
    before = Counter(p.unit_id for p in old)
    Problem.objects.filter(pk=old[0].pk).update(measures="增设午间值守窗口")

    result = regroup(Problem=Problem, ProblemEvent=ProblemEvent, ProblemFinding=ProblemFinding, Evidence=Evidence,
                     HistoricalProblem=Problem.history.model, HistoricalProblemFinding=ProblemFinding.history.model,
                     now=timezone.now())

    # Every finding of the old list is inside exactly one problem of the list, the one of its cause.
    listed = {p.pk: p for p in Problem.objects.exclude(detector="")}
    moved = dict(ProblemFinding.objects.values_list("fingerprint", "problem_id"))
    assert set(moved) == set(finding_of) and all(pid in listed for pid in moved.values())
    for p in listed.values():
        data = list(p.findings.values_list("data", flat=True))
        assert {causes.cause_fingerprint(p.detector, p.scope, p.unit_id, d) for d in data} == {p.fingerprint}
    # A finding's problem is the one its old problem was merged into (or that problem itself).
    survivor = {p.pk: p.merged_into_id or p.pk for p in Problem.all_objects.exclude(detector="")}
    assert all(moved[fp] == survivor[pid] for fp, pid in finding_of.items())

    # No event is lost: each is on the survivor of its problem, plus one "merged" event per survivor.
    merged_events = ProblemEvent.objects.filter(action="merged")
    assert ProblemEvent.objects.count() == events_before + merged_events.count()
    for problem_id, pks in events_of.items():
        if problem_id in survivor:
            assert set(ProblemEvent.objects.filter(pk__in=pks).values_list("problem_id", flat=True)) == {
                survivor[problem_id]}
    assert result.merged == Problem.all_objects.filter(merged_into__isnull=False).count() > 100
    # Merged problems keep their record, leave the list, and their measures live on in the survivor.
    gone = Problem.all_objects.get(pk=old[0].pk)
    if gone.merged_into_id:
        assert gone.fingerprint is None and not Problem.objects.filter(pk=gone.pk).exists()
        assert gone.merged_into is not None
        assert f"（原问题 #{gone.pk}）增设午间值守窗口" in gone.merged_into.measures
    else:
        assert "增设午间值守窗口" in gone.measures

    # Fewer problems per unit, none for a unit that had none.
    after = Counter(p.unit_id for p in listed.values())
    assert set(after) == set(before) and all(after[u] <= before[u] for u in before)
    hrss = Unit.objects.get(short_name="县人社局").pk
    assert after[hrss] < before[hrss] / 2
    assert sum(after.values()) == result.problems_after < len(old) * 0.6

    # Work already done survives: no problem went back in the lifecycle.
    rank = {"pending": 1, "in_progress": 2, "awaiting_verification": 3, "closed": 4}
    for p in old:
        new = listed[survivor[p.pk]]
        if p.status != Status.CLOSED:
            assert rank[new.status] >= rank[p.status]

    # The intake sees the regrouped list as its own: sending a department's guides again adds nothing.
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="zhongxin")
    again = guide_findings_send(units=[Unit.objects.get(pk=hrss)], by=staff)
    assert (again.created, again.findings_added, again.findings_cleared) == (0, 0, 0)
