import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.campaigns.models import Answer, AnswerResult
from wicket.campaigns.services.inspection import answer_save
from wicket.checklist.services import CampaignError
from wicket.problems.models import Problem

from .helpers import PNG, points


@pytest.fixture
def item(campaign):
    return campaign.checklist.items.get(code="4.1")


def url(campaign, unit, item):
    return reverse("campaigns:answer", args=[campaign.pk, unit.pk, item.pk])


def test_a_problem_answer_records_a_self_inspection_problem_with_its_evidence(county, campaign, client_for, item):
    r = client_for(county.liaison).post(url(campaign, county.unit, item), {
        f"p{item.pk}-result": "problem", f"p{item.pk}-notes": "大厅复印机已坏两周",
        f"p{item.pk}-problem_title": "大厅未提供免费复印服务",
        f"p{item.pk}-file": SimpleUploadedFile("复印机.png", PNG)}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "大厅未提供免费复印服务" in r.content.decode()
    problem = Problem.objects.get()
    assert (problem.unit, problem.campaign, problem.checklist_code, problem.source, problem.status) == \
        (county.unit, campaign, "4.1", "self_inspection", "pending")
    assert problem.description == "大厅复印机已坏两周"
    assert "自查自纠：4.1" in problem.events.get(action="create").note
    answer = Answer.objects.get()
    assert list(answer.problems.all()) == [problem]
    assert answer.evidence.get().sha256 == hashlib.sha256(PNG).hexdigest()
    assert problem.evidence.get().sha256 == hashlib.sha256(PNG).hexdigest()


def test_one_answer_may_lead_to_several_problems(county, campaign, item):
    for title in ("未提供复印服务", "高拍仪闲置"):
        answer_save(campaign=campaign, unit=county.unit, item=item, result="problem", by=county.liaison,
                    problem_title=title)
    answer = Answer.objects.get()
    assert sorted(answer.problems.values_list("title", flat=True)) == ["未提供复印服务", "高拍仪闲置"]


def test_a_problem_answer_without_a_problem_is_refused_and_nothing_is_stored(county, campaign, client_for, item):
    r = client_for(county.liaison).post(url(campaign, county.unit, item), {f"p{item.pk}-result": "problem"},
                                        HTTP_HX_REQUEST="true")
    assert "要点 4.1 自查结果为“存在问题”，请填写发现的问题" in r.content.decode()
    assert not Answer.objects.exists() and not Problem.objects.exists()


def test_a_bad_file_stores_nothing(county, campaign, item):
    with pytest.raises(Exception, match="不是允许的类型"):
        answer_save(campaign=campaign, unit=county.unit, item=item, result="problem", by=county.liaison,
                    problem_title="x", upload=SimpleUploadedFile("a.png", b"MZ-not-an-image"))
    assert not Answer.objects.exists() and not Problem.objects.exists()


def test_an_answer_with_problems_cannot_become_no_problem(county, campaign, item):
    answer_save(campaign=campaign, unit=county.unit, item=item, result="problem", by=county.liaison, problem_title="x")
    with pytest.raises(CampaignError, match="已登记问题"):
        answer_save(campaign=campaign, unit=county.unit, item=item, result="no_problem", by=county.liaison)
    assert Answer.objects.get().result == AnswerResult.PROBLEM


def test_no_problem_and_not_applicable_are_kept_with_notes(county, campaign, client_for):
    c = client_for(county.head)
    a, b = points(campaign)[:2]
    c.post(url(campaign, county.unit, a), {f"p{a.pk}-result": "no_problem", f"p{a.pk}-notes": "指南已逐项核对"})
    c.post(url(campaign, county.unit, b), {f"p{b.pk}-result": "not_applicable"})
    assert dict(Answer.objects.values_list("item__code", "result")) == {"1.1": "no_problem", "1.2": "not_applicable"}
    page = c.get(reverse("campaigns:inspection", args=[campaign.pk, county.unit.pk])).content.decode()
    assert "指南已逐项核对" in page and "已填写 2 / 13 个要点" in page


def test_the_supervisor_reads_a_units_inspection_but_cannot_answer_for_it(county, campaign, client_for, item):
    c = client_for(county.supervisor)
    assert c.get(reverse("campaigns:inspection", args=[campaign.pk, county.unit.pk])).status_code == 200
    assert c.post(url(campaign, county.unit, item), {f"p{item.pk}-result": "no_problem"}).status_code == 404
    assert not Answer.objects.exists()


def test_the_inspection_page_uses_a_bounded_number_of_queries(county, campaign, client_for, django_assert_max_num_queries):
    from .helpers import answer_all

    answer_all(campaign, county.unit, county.liaison, problems={"1.1": "a", "2.1": "b", "5": "c"})
    c = client_for(county.liaison)
    with django_assert_max_num_queries(20):
        c.get(reverse("campaigns:inspection", args=[campaign.pk, county.unit.pk]))
