"""An inspector records what they found on a task: each finding is a problem for the unit, photos attached."""

import pytest
from django.urls import reverse

from wicket.problems.models import Evidence, Problem, Source
from wicket.supervision.models import TaskFinding

from .conftest import png


def post_finding(client, task, unit, **extra):
    data = {"unit": unit.pk, "checklist_code": "4.2", "title": "大厅无排队叫号机", "description": "群众围在咨询台",
            "deadline_workdays": 10, **extra}
    return client.post(reverse("supervision:finding_new", args=[task.pk]), data)


def test_a_finding_becomes_a_problem_with_the_tasks_method_as_source_and_a_deadline(county, client_for, task):
    response = post_finding(client_for(county.inspector), task, county.unit, photos=[png("a.png"), png("b.png")])
    assert response.status_code == 302
    problem = Problem.objects.get(title="大厅无排队叫号机")
    assert problem.unit == county.unit and problem.source == Source.ONSITE_CHECK
    assert problem.checklist_code == "4.2" and problem.deadline is not None and problem.deadline_workdays == 10
    assert problem.campaign == task.campaign and problem.created_by == county.inspector
    assert [e.kind for e in problem.evidence.all()] == ["finding", "finding"]
    assert TaskFinding.objects.get(problem=problem).task == task


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(county, client_for, task):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = post_finding(client_for(county.inspector), task, county.unit, photos=[fake])
    assert response.status_code == 400
    assert "photo.jpg" in response.content.decode() and "不是允许的类型" in response.content.decode()
    assert not Problem.objects.exists() and not Evidence.objects.exists() and not TaskFinding.objects.exists()


def test_a_unit_outside_the_task_is_refused(county, client_for, task):
    response = post_finding(client_for(county.inspector), task, county.other_unit)
    assert response.status_code == 400
    assert not Problem.objects.exists()


@pytest.mark.parametrize("who", ["other_liaison", "other_head", "liaison", "head", "center_staff"])
def test_people_not_on_the_team_get_404_and_nothing_changes(county, client_for, task, who):
    c = client_for(getattr(county, who))
    assert c.get(reverse("supervision:task", args=[task.pk])).status_code == 404
    assert c.get(reverse("supervision:finding_new", args=[task.pk])).status_code == 404
    assert post_finding(c, task, county.unit).status_code == 404
    assert c.post(reverse("supervision:call_new", args=[task.pk]), {}).status_code == 404
    assert c.post(reverse("supervision:task_finish", args=[task.pk])).status_code == 404
    assert not Problem.objects.exists()


def test_an_inspector_not_on_this_team_gets_404(county, client_for, task):
    from django.contrib.auth import get_user_model

    from wicket.orgs.models import Membership, Role

    other = get_user_model().objects.create(username="inspector2")
    Membership.objects.create(user=other, unit=county.office, role=Role.INSPECTOR)
    assert client_for(other).get(reverse("supervision:task", args=[task.pk])).status_code == 404
    assert post_finding(client_for(other), task, county.unit).status_code == 404


def test_the_inspector_sees_the_task_on_the_home_page_and_in_the_list(county, client_for, task):
    c = client_for(county.inspector)
    assert "城关镇便民服务中心现场督查" in c.get(reverse("home")).content.decode()
    assert "城关镇便民服务中心现场督查" in c.get(reverse("supervision:tasks")).content.decode()


def test_the_supervisor_plans_a_task(county, client_for, campaign):
    from wicket.supervision.models import SupervisionTask

    response = client_for(county.supervisor).post(reverse("supervision:task_new"), {
        "title": "暗访县市场监管局窗口", "method": "mystery_visit", "inspectors": [county.inspector.pk],
        "units": [county.other_unit.pk], "starts_on": "2026-06-01", "ends_on": "2026-06-03",
        "checklist_codes": ["1.4", "6"]})
    assert response.status_code == 302
    task = SupervisionTask.objects.get()
    assert task.checklist_codes == ["1.4", "6"] and list(task.units.all()) == [county.other_unit]


def test_a_task_ending_before_it_starts_is_refused(county, client_for, campaign):
    from wicket.supervision.models import SupervisionTask

    response = client_for(county.supervisor).post(reverse("supervision:task_new"), {
        "title": "x", "method": "mystery_visit", "inspectors": [county.inspector.pk], "units": [county.unit.pk],
        "starts_on": "2026-06-03", "ends_on": "2026-06-01"})
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()
    assert not SupervisionTask.objects.exists()


def test_an_inspector_cannot_plan_tasks(county, client_for, campaign):
    assert client_for(county.inspector).get(reverse("supervision:task_new")).status_code == 404


def test_the_task_list_uses_a_bounded_number_of_queries(county, client_for, task, django_assert_max_num_queries):
    from wicket.supervision.services.tasks import task_create

    for i in range(5):
        task_create(by=county.supervisor, title=f"任务{i}", method="onsite_check", inspectors=[county.inspector],
                    units=[county.unit, county.other_unit], starts_on=task.starts_on, ends_on=task.ends_on)
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(15):
        assert c.get(reverse("supervision:tasks")).status_code == 200
