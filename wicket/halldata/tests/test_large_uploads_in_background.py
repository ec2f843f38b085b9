"""A file past WICKET_BACKGROUND_BYTES is checked and stored by the worker, with a progress card on
its page, and ends with the same figures as the request path (the tests run jobs eagerly; the real
worker process is in test_worker_process.py)."""

import pytest
from django.test import override_settings

from wicket.core.models import Job
from wicket.halldata.models import Snapshot, Ticket, Upload
from wicket.problems.models import Problem

from .helpers import four_tickets, ticket, tickets_gbk


def _store(upload_file, data, *, name="叫号记录.csv"):
    response = upload_file("tickets", name, data)
    assert response.status_code == 302
    upload = Upload.objects.latest("id")
    page = upload_file.client.get(response.url).content.decode()
    confirm = upload_file.client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    assert confirm.status_code == 302
    upload.refresh_from_db()
    return upload, page, upload_file.client.get(confirm.url).content.decode()


@pytest.mark.parametrize("background", [False, True], ids=["in-the-request", "in-the-background"])
def test_a_ticket_log_ends_with_the_same_figures_whichever_way_it_is_stored(upload_file, halls, county, client_for,
                                                                            settings, background):
    settings.WICKET_BACKGROUND_BYTES = 100 if background else 10**9
    upload, preview, after = _store(upload_file, tickets_gbk(four_tickets()))

    assert (upload.status, upload.row_count, Ticket.objects.count()) == ("stored", 4, 4)
    assert "城关镇为民服务中心 → <strong>城关镇 · 城关镇为民服务中心</strong>（4 条）" in preview
    assert 'data-testid="upload-result"' in after
    page = client_for(county.liaison).get(f"/halldata/halls/{halls.town.pk}/").content.decode()
    assert 'data-testid="tickets">4<' in page
    assert 'data-testid="service-level">66.7%<' in page
    assert 'data-testid="mean-wait">20.0<' in page
    assert 'data-testid="unserved">1<' in page
    jobs = list(Job.objects.order_by("id").values_list("task_path", "status", "rows_done", "rows_total"))
    if background:
        assert jobs == [("wicket.halldata.jobs.upload_check", "succeeded", 4, 4),
                        ("wicket.halldata.jobs.upload_store", "succeeded", 4, 4)]
        assert "已保存 4 条记录（替换原有 0 条）" in Job.objects.latest("id").message
        assert 'data-testid="job-message"' in after and "已完成" in after
    else:
        assert jobs == []


def test_the_store_job_reports_rows_and_findings_and_its_page_links_the_dashboards(upload_file, halls, settings):
    settings.WICKET_BACKGROUND_BYTES = 100
    rows = four_tickets() + [ticket(f"Q{i}", "10:00:00", "11:30:00", day="2026-03-02") for i in range(40)]
    upload, _, after = _store(upload_file, tickets_gbk(rows))
    job = Job.objects.latest("id")
    snapshot = Snapshot.objects.get(hall=halls.town)
    assert (job.rows_done, job.rows_total) == (44, 44)
    # 90-minute waits: the long-wait finding at least. The job counts problems as the list shows them
    # (one per cause), the snapshot the detector's findings inside them.
    assert job.findings == Problem.objects.filter(unit=halls.town.unit).count() > 0
    assert snapshot.findings >= job.findings
    assert job.created_by_id == upload.created_by_id and job.subject == upload
    assert 'href="/halldata/"' in after  # 查看结果 → the dashboards


def test_the_upload_returns_before_the_check_and_the_page_waits_for_the_worker(upload_file, halls, settings):
    """With the database queue and no worker running, the request only keeps the file."""
    settings.WICKET_BACKGROUND_BYTES = 100
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        response = upload_file("tickets", "叫号记录.csv", tickets_gbk(four_tickets()))
        upload = Upload.objects.get()
        page = upload_file.client.get(response.url).content.decode()
        confirm = upload_file.client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    from django_tasks_db.models import DBTaskResult

    job = Job.objects.get()
    assert (upload.status, upload.summary, Ticket.objects.count()) == ("pending", {}, 0)
    assert (job.status, job.task_path) == ("queued", "wicket.halldata.jobs.upload_check")
    assert DBTaskResult.objects.get().args_kwargs == {"args": [job.pk, 1], "kwargs": {}}
    assert 'data-testid="job-progress"' in page and 'hx-trigger="every 1s"' in page
    assert 'data-testid="job-no-worker"' in page  # no worker has said it is alive
    assert "确认保存" not in page  # nothing to confirm before the check
    assert confirm.status_code == 302 and Job.objects.count() == 1  # refused: still being checked


def test_a_file_the_check_refuses_names_row_and_column_and_keeps_nothing(upload_file, halls, settings):
    settings.WICKET_BACKGROUND_BYTES = 100
    rows = four_tickets()
    rows[1]["issued_at"] = "2026/13/45 25:00"
    response = upload_file("tickets", "坏文件.csv", tickets_gbk(rows))
    page = upload_file.client.get(response.url).content.decode()
    job, upload = Job.objects.get(), Upload.objects.get()
    assert (job.status, job.retryable) == ("failed", False)
    assert job.error.startswith("文件 坏文件.csv，第 3 行，列 issued_at：")
    assert (upload.status, bool(upload.file), Ticket.objects.count()) == ("discarded", False, 0)
    assert 'data-testid="job-error"' in page and "第 3 行" in page
    assert 'data-testid="job-retry"' not in page  # the file is at fault: fix it and upload again


def test_a_job_that_fails_unexpectedly_keeps_nothing_and_a_retry_completes_it(upload_file, halls, settings):
    """The kept file goes missing before the check (a storage hiccup): an internal error, in clear
    Chinese, with 重试; the file back in place, the retry completes the same check."""
    settings.WICKET_BACKGROUND_BYTES = 100
    data = tickets_gbk(four_tickets())
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        response = upload_file("tickets", "叫号记录.csv", data)
    upload = Upload.objects.get()
    path = upload.file.path
    hidden = path + ".away"
    import os

    os.rename(path, hidden)
    from wicket.core.jobs.runner import run

    job = Job.objects.get()
    with pytest.raises(FileNotFoundError):
        run(job.pk, job.attempts)  # as the worker would
    job.refresh_from_db()
    page = upload_file.client.get(response.url).content.decode()
    assert (job.status, job.retryable) == ("failed", True)
    assert "内部错误（FileNotFoundError）" in job.error and "没有保存任何内容" in job.error
    assert Upload.objects.get().summary == {} and 'data-testid="job-retry"' in page

    os.rename(hidden, path)
    retried = upload_file.client.post(f"/jobs/{job.pk}/retry/", {"next": response.url})
    assert retried.status_code == 302 and retried.url == response.url
    job.refresh_from_db()
    upload.refresh_from_db()
    assert (job.status, job.attempts, upload.row_count) == ("succeeded", 2, 4)
    assert upload.summary["rows"] == 4


def test_who_may_follow_and_retry_an_upload_job(upload_file, halls, county, client_for, settings,
                                                django_assert_max_num_queries):
    """Who may open the upload may follow its jobs (a pending upload: its uploader alone); only the
    centre's staff retry; anyone else gets 404, the stranger from another unit included."""
    settings.WICKET_BACKGROUND_BYTES = 100
    upload_file("tickets", "叫号记录.csv", tickets_gbk(four_tickets()))
    check = Job.objects.get()
    Job.objects.filter(pk=check.pk).update(status="failed", error="x")  # as if it had failed
    colleague = client_for(_colleague(county))
    with django_assert_max_num_queries(10):
        assert upload_file.client.get(f"/jobs/{check.pk}/", headers={"HX-Request": "true"}).status_code == 200
    for user in (county.supervisor, county.other_liaison, county.liaison, county.head):
        assert client_for(user).get(f"/jobs/{check.pk}/").status_code == 404
        assert client_for(user).post(f"/jobs/{check.pk}/retry/").status_code == 404
    assert colleague.get(f"/jobs/{check.pk}/").status_code == 404  # a pending upload is its uploader's
    assert Job.objects.get().attempts == 1

    Job.objects.filter(pk=check.pk).update(status="succeeded", error="")
    Upload.objects.update(summary={"rows": 4, "found": [], "unknown": [], "replaces": 0})
    upload_file.client.post(f"/halldata/uploads/{Upload.objects.get().pk}/confirm/")
    store = Job.objects.latest("id")
    Job.objects.filter(pk=store.pk).update(status="failed", error="x")
    assert client_for(county.supervisor).get(f"/jobs/{store.pk}/").status_code == 200  # stored: the centre's record
    assert client_for(county.supervisor).post(f"/jobs/{store.pk}/retry/").status_code == 404
    for user in (county.other_liaison, county.liaison):
        assert client_for(user).get(f"/jobs/{store.pk}/").status_code == 404
    assert colleague.post(f"/jobs/{store.pk}/retry/").status_code == 302
    assert Job.objects.get(pk=store.pk).attempts == 2


def _colleague(county):
    from django.contrib.auth import get_user_model

    from wicket.orgs.models import Membership, Role

    user = get_user_model().objects.create(username="center2", last_name="钱", first_name="同事")
    Membership.objects.create(user=user, unit=county.center, role=Role.CENTER_STAFF)
    return user
