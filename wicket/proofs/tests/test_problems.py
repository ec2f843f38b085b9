"""Findings become problems of the unit that demands the proof, through the one intake door, one
problem per proof, loop or item's chain: a re-run never duplicates, a finding the newest catalogue no
longer gives is offered for closure, and a finding whose demanding unit is no unit of the county is
reported, not lost."""

from django.urls import reverse

from wicket.problems.models import Problem, ProblemFinding, Source, Status
from wicket.proofs import services
from wicket.proofs.models import FindingRow

from .conftest import as_json, catalog


def _send(client) -> str:
    response = client.post(reverse("proofs:send"), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_sending_registers_each_finding_for_the_unit_that_demands_the_proof(county, client_for, imported, campaign):
    page = _send(client_for(county.center_staff))
    # 11 findings; the one whose demanding unit is 村(居)委会 (it asks for 居住证明 before 收入证明) has no unit;
    # the town's duplicate proofs and offices to visit for 宅基地建房审批 are one cause: that item's chain.
    assert "新增问题 9 个，已存在 0 个，重新打开 0 个，检测已不再发现 0 个；问题点新增 10 处" in page
    assert "以下名称未能对应到单位，未登记为问题：村(居)委会（1条）" in page
    problems = Problem.objects.all()
    assert {p.source for p in problems} == {Source.DATA_DETECTION}
    assert {(p.detector, p.scope, p.campaign_id) for p in problems} == {("proofs", "proofs", campaign.pk)}
    by_unit = {u: sorted(tuple(sorted(p.findings.values_list("kind", flat=True))) for p in problems.filter(unit=u))
               for u in (county.unit, county.other_unit)}
    assert by_unit[county.unit] == [("circular_proof",), ("duplicate_proof", "excessive_runaround"),
                                    ("proof_without_basis",), ("proof_without_basis",), ("replaceable_by_shared_data",)]
    assert by_unit[county.other_unit] == [("circular_proof",), ("proof_without_basis",),
                                          ("replaceable_by_shared_data",), ("replaceable_by_shared_data",)]
    chain = problems.get(unit=county.unit, findings__kind="excessive_runaround")
    assert chain.title == "事项“宅基地建房审批”（S2）：证明重复提交、需到 4 个单位开具证明"
    assert {p.checklist_code for p in problems.filter(findings__kind="replaceable_by_shared_data")} == {"2.2"}
    stored = set(FindingRow.objects.exclude(subject="村(居)委会").values_list("fingerprint", flat=True))
    assert set(ProblemFinding.objects.values_list("fingerprint", flat=True)) == stored
    imported.refresh_from_db()
    assert imported.sent_at and imported.sent_summary.startswith("新增问题 9 个")


def test_sending_again_or_reimporting_the_same_catalogue_never_duplicates(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(c)
    assert "新增问题 0 个，已存在 9 个" in _send(c)
    services.import_catalog(name="again.json", data=as_json(), by=county.center_staff)
    assert "新增问题 0 个，已存在 9 个，重新打开 0 个，检测已不再发现 0 个" in _send(c)
    assert Problem.objects.count() == 9 and ProblemFinding.objects.count() == 10


def test_a_fixed_finding_is_offered_for_closure(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(c)
    fixed = catalog()
    fixed["proofs"][2]["basis"] = "《居住证暂行条例》"  # 居住证明 now has a legal basis
    services.import_catalog(name="fixed.json", data=as_json(fixed), by=county.center_staff)
    assert "检测已不再发现 2 个" in _send(c)
    cleared = Problem.objects.filter(detector_cleared_at__isnull=False)
    assert {f.data["evidence"]["proof"] for p in cleared for f in p.findings.all()} == {"P3"}
    assert {p.status for p in cleared} == {Status.PENDING}
    assert {p.unit for p in cleared} == {county.unit, county.other_unit}


def test_a_closed_problem_whose_finding_comes_back_is_reopened(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(c)
    problem = Problem.objects.get(unit=county.other_unit, findings__kind="circular_proof")
    Problem.objects.filter(pk=problem.pk).update(status=Status.CLOSED, closed_at=problem.created_at)
    # Sending the catalogue it was closed on again proves nothing new ...
    assert "重新打开 0 个" in _send(c)
    # ... a catalogue imported after the closure that still has the loop does.
    services.import_catalog(name="again.json", data=as_json(), by=county.center_staff)
    assert "重新打开 1 个" in _send(c)
    problem.refresh_from_db()
    assert problem.status == Status.IN_PROGRESS
    assert problem.events.filter(action="detected_again", data__recurred=True).exists()


def test_the_demanding_departments_liaison_sees_the_problem(county, client_for, imported):
    _send(client_for(county.center_staff))
    page = client_for(county.other_liaison).get(reverse("problems:list")).content.decode()
    assert "营业执照" in page  # 县市场监管局 demands 营业执照 (法人库) for 食品经营许可
    town_page = client_for(county.liaison).get(reverse("problems:list")).content.decode()
    assert "营业执照" not in town_page and "宅基地建房审批" in town_page


def test_the_item_page_links_its_findings_to_their_problems(county, client_for, imported):
    from wicket.proofs.models import ItemRow

    c = client_for(county.center_staff)
    _send(c)
    item = ItemRow.objects.get(item_id="S2")
    page = c.get(reverse("proofs:item", args=[item.pk])).content.decode()
    for p in Problem.objects.filter(
            findings__fingerprint__in=FindingRow.objects.filter(item_ref="S2").values("fingerprint")):
        assert reverse("problems:detail", args=[p.pk]) in page
