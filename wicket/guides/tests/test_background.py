"""A large guide file is applied by the worker (eagerly here), ending as the request path ends; and
全部重新体检 re-checks every department's guides as a job with its own page."""

import pytest
from django.urls import reverse

from wicket.core.models import Job
from wicket.guides.models import Finding, Guide, GuideImport, ImportStatus

from .conftest import as_json, faulty, guide, upload


@pytest.mark.parametrize("background", [False, True], ids=["in-the-request", "in-the-background"])
def test_confirming_a_file_ends_the_same_whichever_way_it_runs(county, client_for, settings, background):
    settings.WICKET_BACKGROUND_BYTES = 100 if background else 10**9
    c = client_for(county.center_staff)
    upload(c, "县市场监管局.json", as_json(guide(), faulty()))
    batch = GuideImport.objects.get()
    page = c.post(reverse("guides:import_confirm", args=[batch.pk]), follow=True).content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and Guide.objects.count() == 2
    assert Guide.objects.get(name="个体工商户设立登记").finding_count == 2
    said = "已导入 2 个办事指南（替换原有 0 个），涉及 1 个部门；已与各部门其他来源的指南一并复查，共有问题 2 条"
    assert said in page
    if background:
        job = Job.objects.get()
        assert (job.status, job.message, job.subject) == ("succeeded", said, batch)
        assert "已开始在后台导入" in page and 'data-testid="job-message"' in page
    else:
        assert not Job.objects.exists()


def test_rechecking_every_department_is_a_job_with_its_page(county, client_for, imported):
    Finding.objects.all().delete()  # as if the rules had changed since the import
    c = client_for(county.center_staff)
    response = c.post(reverse("guides:recheck"))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.rows_done, job.rows_total, job.findings) == ("succeeded", 2, 2, 2)
    assert job.message.startswith("已重新体检 1 个部门的 2 个办事指南，共有问题 2 条")
    assert Finding.objects.count() == 2
    page = c.get(response.url).content.decode()
    assert "全部办事指南重新体检" in page and 'href="/guides/"' in page  # 查看结果 → the overview
    assert client_for(county.supervisor).get(response.url).status_code == 200
    for user in (county.other_liaison, county.liaison):
        assert client_for(user).get(response.url).status_code == 404
    for user in (county.supervisor, county.other_liaison):
        assert client_for(user).post(reverse("guides:recheck")).status_code == 404
    assert Job.objects.count() == 1
