"""Findings become problems of the owning department through the one intake door: re-checking never
duplicates, a fixed finding is offered for closure, and a cross-site finding compares every source."""

from django.urls import reverse

from wicket.guides import services
from wicket.guides.models import Finding, Guide
from wicket.problems.models import Problem, Source, Status

from .conftest import as_json, faulty, guide


def _send(county, client):
    response = client.post(reverse("guides:unit_send", args=[county.other_unit.pk]), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_sending_makes_one_problem_per_finding_for_the_department(county, client_for, imported, campaign):
    page = _send(county, client_for(county.center_staff))
    assert "新增问题 2 个，已存在 0 个，重新打开 0 个，检测已不再发现 0 个" in page
    problems = Problem.objects.all()
    assert {p.unit_id for p in problems} == {county.other_unit.pk}
    assert {p.source for p in problems} == {Source.DATA_DETECTION}
    assert {p.checklist_code for p in problems} == {"1.1", "1.3"}
    assert {p.scope for p in problems} == {f"guides:{county.other_unit.pk}"}
    assert {p.campaign_id for p in problems} == {campaign.pk}
    assert set(problems.values_list("fingerprint", flat=True)) == set(Finding.objects.values_list("fingerprint",
                                                                                                    flat=True))


def test_sending_again_or_reimporting_the_same_file_never_duplicates(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(county, c)
    assert "新增问题 0 个，已存在 2 个" in _send(county, c)
    services.import_guides(name="again.json", data=as_json(guide(), faulty()), by=county.center_staff)
    assert "新增问题 0 个，已存在 2 个" in _send(county, c)
    assert Problem.objects.count() == 2


def test_a_fixed_finding_is_offered_for_closure(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(county, c)
    services.import_guides(name="fixed.json", data=as_json(guide(), faulty(phone="0557-8828006")),
                           by=county.center_staff)
    assert "新增问题 0 个，已存在 1 个，重新打开 0 个，检测已不再发现 1 个" in _send(county, c)
    fixed = Problem.objects.get(checklist_code="1.3")
    assert fixed.detector_cleared_at is not None and fixed.status == Status.PENDING
    assert Problem.objects.get(checklist_code="1.1").detector_cleared_at is None


def test_a_second_site_publishing_differently_gives_one_cross_site_finding_on_both_copies(county, imported):
    province = guide(source="省政务服务网", name="食品经营许可证核发（新办）", promised_days="10个工作日")
    services.import_guides(name="省.json", data=as_json(province), by=county.center_staff)
    cross = Finding.objects.get(kind="inconsistent_across_sources")
    assert set(cross.guides.values_list("source", flat=True)) == {"县政务服务网", "省政务服务网"}
    assert cross.data["evidence"]["fields"] == ["name", "promised_days"]
    assert Guide.objects.get(source="省政务服务网").finding_count == 1
    # Re-importing the county site alone re-checks it against the stored province copy.
    services.import_guides(name="again.json", data=as_json(guide(), faulty()), by=county.center_staff)
    assert Finding.objects.get(kind="inconsistent_across_sources").fingerprint == cross.fingerprint


def test_when_the_sites_agree_again_the_cross_site_problem_is_offered_for_closure(county, imported):
    services.import_guides(name="省.json", data=as_json(guide(source="省政务服务网", promised_days="10个工作日")),
                           by=county.center_staff, send=True)
    cross = Problem.objects.get(checklist_code="1.2")
    _, result = services.import_guides(name="省.json", data=as_json(guide(source="省政务服务网")),
                                       by=county.center_staff, send=True)
    cross.refresh_from_db()
    assert result.cleared == 1 and cross.detector_cleared_at is not None


def test_sending_from_the_import_page_covers_its_departments_and_is_recorded(county, client_for, imported):
    c = client_for(county.center_staff)
    page = c.post(reverse("guides:import_send", args=[imported.pk]), follow=True).content.decode()
    assert "已送入问题清单：新增问题 2 个" in page
    imported.refresh_from_db()
    assert imported.sent_at and imported.sent_summary.startswith("新增问题 2 个")


def test_the_guide_page_links_each_finding_to_its_problem(county, client_for, imported):
    c = client_for(county.center_staff)
    _send(county, c)
    guide_pk = Guide.objects.get(name="个体工商户设立登记").pk
    page = c.get(reverse("guides:guide", args=[guide_pk])).content.decode()
    for p in Problem.objects.all():
        assert reverse("problems:detail", args=[p.pk]) in page


def test_a_note_is_shown_but_never_becomes_a_problem(county, client_for, campaign):
    quoted = guide(code="11341321MB0009", name="建筑工程施工许可证核发", conditions=[
        "依据《中华人民共和国建筑法》第八条，申请领取施工许可证，应当具备下列条件：",
        "（八）法律、行政法规规定的其他条件。"])
    services.import_guides(name="notes.json", data=as_json(quoted), by=county.center_staff)
    assert list(Finding.objects.values_list("kind", flat=True)) == ["catch_all_quoting_law"]
    assert "新增问题 0 个" in _send(county, client_for(county.center_staff))
    assert Problem.objects.count() == 0
