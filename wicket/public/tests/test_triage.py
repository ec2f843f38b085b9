"""The supervisor triages each report: a problem for a unit, merged with an existing one, or closed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.problems.models import Problem, Source
from wicket.problems.tests.factories import make_problem
from wicket.public.models import PublicReport, ReportStatus
from wicket.public.services import report_submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def received(county):
    return report_submit(what="叫号机坏了一个星期", unit=county.unit, contact="13900002222",
                         photo=SimpleUploadedFile("jiaohao.png", PNG))


def test_triage_into_a_problem_carries_the_photo_as_evidence(county, campaign, client_for, received):
    response = client_for(county.supervisor).post(reverse("public:triage_assign", args=[received.pk]), {
        "unit": county.unit.pk, "checklist_code": "4.2", "title": "叫号机故障未修复", "deadline_workdays": 5})
    assert response.status_code == 302
    received.refresh_from_db()
    p = received.problem
    assert received.status == ReportStatus.ASSIGNED and p.source == Source.PUBLIC_REPORT
    assert p.unit == county.unit and p.campaign == campaign and p.deadline_workdays == 5
    assert received.receipt in p.description and "13900002222" not in p.description
    assert [e.name for e in p.evidence.all()] == ["jiaohao.png"]


def test_merge_with_an_existing_problem(county, client_for, received):
    existing = make_problem(county.unit, county.liaison, title="叫号机故障")
    client_for(county.supervisor).post(reverse("public:triage_merge", args=[received.pk]), {"problem": existing.pk})
    received.refresh_from_db()
    assert received.status == ReportStatus.MERGED and received.problem == existing
    assert received.receipt in existing.events.last().note


def test_closing_needs_a_reason(county, client_for, received):
    c = client_for(county.supervisor)
    response = c.post(reverse("public:triage_close", args=[received.pk]), {"reason": ""})
    assert response.status_code == 400
    received.refresh_from_db()
    assert received.status == ReportStatus.RECEIVED
    c.post(reverse("public:triage_close", args=[received.pk]), {"reason": "重复反映"})
    received.refresh_from_db()
    assert received.status == ReportStatus.CLOSED and received.close_reason == "重复反映"


def test_a_triaged_report_cannot_be_triaged_again(county, client_for, received):
    c = client_for(county.supervisor)
    c.post(reverse("public:triage_close", args=[received.pk]), {"reason": "重复反映"})
    response = c.post(reverse("public:triage_assign", args=[received.pk]), {
        "unit": county.unit.pk, "checklist_code": "4.2", "title": "x", "deadline_workdays": 5})
    assert response.status_code == 400 and "已处理" in response.content.decode()
    assert not Problem.objects.exists()


def test_staff_record_a_supervision_phone_call_the_same_way(county, client_for):
    response = client_for(county.center_staff).post(reverse("public:phone_report"), {
        "place": "县不动产登记中心", "what": "来电反映要求开具无犯罪证明", "contact": "来电 13700000000"})
    r = PublicReport.objects.get()
    assert response.status_code == 302 and r.channel == "phone" and r.recorded_by == county.center_staff
    assert r.receipt in client_for(county.center_staff).get(response["Location"]).content.decode()


def test_the_supervisor_sees_the_reports_to_triage_on_the_home_page(county, client_for, received):
    assert "待处理的群众反映" in client_for(county.supervisor).get(reverse("home")).content.decode()


def test_center_staff_see_reports_but_cannot_triage(county, client_for, received):
    c = client_for(county.center_staff)
    assert c.get(reverse("public:triage_detail", args=[received.pk])).status_code == 200
    assert c.post(reverse("public:triage_close", args=[received.pk]), {"reason": "x"}).status_code == 404
    received.refresh_from_db()
    assert received.status == ReportStatus.RECEIVED


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "other_head", "inspector"])
def test_unit_people_and_inspectors_get_404_and_nothing_changes(county, client_for, received, who):
    c = client_for(getattr(county, who))
    for url in (reverse("public:triage_list"), reverse("public:phone_report"),
                reverse("public:triage_detail", args=[received.pk]), reverse("public:report_photo", args=[received.pk])):
        assert c.get(url).status_code == 404, url
    for name, data in (("public:triage_assign", {"unit": county.unit.pk, "checklist_code": "6", "title": "x",
                                                 "deadline_workdays": 5}),
                       ("public:triage_merge", {"problem": 1}), ("public:triage_close", {"reason": "x"})):
        assert c.post(reverse(name, args=[received.pk]), data).status_code == 404
    assert c.post(reverse("public:phone_report"), {"place": "x", "what": "y"}).status_code == 404
    received.refresh_from_db()
    assert received.status == ReportStatus.RECEIVED and PublicReport.objects.count() == 1


def test_the_triage_list_uses_a_bounded_number_of_queries(county, client_for, django_assert_max_num_queries):
    for i in range(10):
        report_submit(what=f"问题{i}", unit=county.unit if i % 2 else None, place="大厅")
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(16):
        assert c.get(reverse("public:triage_list")).status_code == 200
