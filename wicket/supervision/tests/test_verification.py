"""The verification queue: close, send back with a reason, or plan a re-visit of the unit."""

import pytest
from django.urls import reverse

from wicket.problems import services
from wicket.problems.models import Status
from wicket.problems.tests.factories import make_problem
from wicket.supervision.models import SupervisionTask


@pytest.fixture
def submitted(county, campaign):
    p = make_problem(county.unit, county.liaison, campaign=campaign, title="未提供复印服务")
    services.problem_transition(problem=p, action="submit", by=county.liaison, note="已配置复印机")
    return p


def test_the_queue_shows_the_problem_with_its_submission_note(county, client_for, submitted):
    body = client_for(county.supervisor).get(reverse("supervision:verify")).content.decode()
    assert "未提供复印服务" in body and "已配置复印机" in body and "未上传佐证材料" in body


def test_the_supervisor_closes_it(county, client_for, submitted):
    client_for(county.supervisor).post(reverse("supervision:verify_decide", args=[submitted.pk]), {"action": "close"})
    submitted.refresh_from_db()
    assert submitted.status == Status.CLOSED


def test_sending_back_needs_a_reason(county, client_for, submitted):
    c = client_for(county.supervisor)
    c.post(reverse("supervision:verify_decide", args=[submitted.pk]), {"action": "send_back"})
    submitted.refresh_from_db()
    assert submitted.status == Status.AWAITING_VERIFICATION
    c.post(reverse("supervision:verify_decide", args=[submitted.pk]), {"action": "send_back", "note": "无照片"})
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PROGRESS


def test_a_revisit_creates_an_onsite_task_for_the_unit(county, client_for, submitted):
    response = client_for(county.supervisor).post(reverse("supervision:verify_revisit", args=[submitted.pk]),
                                                  {"inspectors": [county.inspector.pk]})
    task = SupervisionTask.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("supervision:task", args=[task.pk])
    assert task.method == "onsite_check" and list(task.units.all()) == [county.unit]
    assert task.revisit_of == submitted and task.checklist_codes == ["1.1"]
    assert list(task.inspectors.all()) == [county.inspector]


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "inspector", "center_staff"])
def test_only_the_supervisor_may_use_the_queue(county, client_for, submitted, who):
    c = client_for(getattr(county, who))
    assert c.get(reverse("supervision:verify")).status_code == 404
    assert c.post(reverse("supervision:verify_decide", args=[submitted.pk]), {"action": "close"}).status_code == 404
    assert c.post(reverse("supervision:verify_revisit", args=[submitted.pk]),
                  {"inspectors": [county.inspector.pk]}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.AWAITING_VERIFICATION and not SupervisionTask.objects.exists()


def test_the_queue_uses_a_bounded_number_of_queries(county, client_for, campaign, django_assert_max_num_queries):
    for i in range(8):
        p = make_problem(county.unit if i % 2 else county.other_unit, county.supervisor, campaign=campaign,
                         title=f"问题{i}")
        services.problem_transition(problem=p, action="submit",
                                    by=county.liaison if i % 2 else county.other_liaison)
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(14):
        assert c.get(reverse("supervision:verify")).status_code == 200
