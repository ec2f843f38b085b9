"""A real `wicket worker` process against the test database: it runs a queued import to the end;
killed (SIGKILL) half-way through storing a large ticket log it loses nothing, the page says the work
was interrupted, and 重试 completes it with the figures the analysis gives for the same file."""

import pytest

from analysis.queueing import kpi_report, load_tickets
from wicket.core.jobs import progress
from wicket.core.models import Job
from wicket.core.tests.worker import shared_settings, wait_for, worker_process
from wicket.halldata import services
from wicket.halldata.analyse import HEADLINE
from wicket.halldata.models import Snapshot, Ticket, Upload
from wicket.halldata.tests.helpers import HALL, big_log, four_tickets, tickets_gbk
from wicket.registry.models import Hall, HallKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hall(county):
    return Hall.objects.create(unit=county.unit, name=HALL, kind=HallKind.CITIZEN_CENTER, window_count=4)


@pytest.fixture
def centre(client_for, county):
    return client_for(county.center_staff)


def _finished(job_id):
    job = Job.objects.get(pk=job_id)
    return job if job.status in ("succeeded", "failed") else None


def _upload(centre, name, data) -> Upload:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = centre.post("/halldata/uploads/new/", {"kind": "tickets", "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Upload.objects.latest("id")


def test_a_real_worker_checks_and_stores_a_queued_upload(county, hall, centre, client_for, settings, tmp_path):
    settings.WICKET_BACKGROUND_BYTES = 100
    with shared_settings(tmp_path):
        upload = _upload(centre, "叫号记录.csv", tickets_gbk(four_tickets()))
        check = Job.objects.get()
        assert (check.status, upload.summary) == ("queued", {})  # the request only kept the file
        with worker_process(tmp_path) as worker:
            assert wait_for(lambda: _finished(check.pk), worker=worker).status == "succeeded"
            assert centre.post(f"/halldata/uploads/{upload.pk}/confirm/").status_code == 302
            store = Job.objects.latest("id")
            assert wait_for(lambda: _finished(store.pk), worker=worker).status == "succeeded"
    upload.refresh_from_db()
    assert (upload.status, upload.row_count, Ticket.objects.count()) == ("stored", 4, 4)
    page = client_for(county.liaison).get(f"/halldata/halls/{hall.pk}/").content.decode()
    assert 'data-testid="service-level">66.7%<' in page and 'data-testid="mean-wait">20.0<' in page


def test_a_worker_killed_while_storing_loses_nothing_and_the_retry_completes(county, hall, centre, settings,
                                                                             tmp_path):
    services.import_log(kind="tickets", name="早先.csv", data=tickets_gbk(four_tickets()), by=county.center_staff)
    before = Snapshot.objects.get(hall=hall)
    data = big_log(days=50, per_day=600)  # 30,000 tickets; 2 March 2026 overlaps the four stored ones
    settings.WICKET_BACKGROUND_BYTES = 1024
    with shared_settings(tmp_path):
        upload = _upload(centre, "全年叫号.csv", data)
        with worker_process(tmp_path, name="w1") as worker:
            assert wait_for(lambda: _finished(Job.objects.get().pk), worker=worker).status == "succeeded"
            centre.post(f"/halldata/uploads/{upload.pk}/confirm/")
            store = Job.objects.latest("id")
            live = wait_for(lambda: (lv := progress.live(store.pk)) and lv.stage == "保存记录" and lv, worker=worker,
                            every=0.01)
            worker.kill()  # inside the transaction: the four old tickets are already deleted in it
        assert live.total == 30_000

        upload.refresh_from_db()
        assert (upload.status, Ticket.objects.count()) == ("pending", 4)  # nothing lost, nothing half-saved
        assert sorted(Ticket.objects.values_list("ticket_id", flat=True)) == ["A1", "A2", "A3", "A4"]
        assert Snapshot.objects.get(hall=hall).computed_at == before.computed_at
        page = wait_for(lambda: (p := centre.get(f"/jobs/{store.pk}/", headers={"HX-Request": "true"})
                                 .content.decode()) and 'data-status="interrupted"' in p and p, timeout=30)
        assert "后台处理进程停止了响应" in page and 'data-testid="job-retry"' in page

        assert centre.post(f"/jobs/{store.pk}/retry/").status_code == 302
        with worker_process(tmp_path, name="w2") as worker:
            store = wait_for(lambda: _finished(store.pk), worker=worker)
    from django_tasks_db.models import DBTaskResult

    assert (store.status, store.attempts, store.rows_done, store.rows_total) == ("succeeded", 2, 30_000, 30_000)
    assert sorted(DBTaskResult.objects.filter(task_path__endswith="upload_store").values_list("status", flat=True)) \
        == ["FAILED", "SUCCESSFUL"]  # the lost attempt is closed, not left running
    upload.refresh_from_db()
    assert (upload.status, upload.row_count, upload.replaced_count) == ("stored", 30_000, 4)
    assert Ticket.objects.count() == 30_000 and not Ticket.objects.filter(ticket_id="A1").exists()
    report = kpi_report(load_tickets(data, file="全年叫号.csv"), target_minutes=30).to_dict()["overall"]
    snapshot = Snapshot.objects.get(hall=hall)
    assert snapshot.rows == 30_000
    assert snapshot.headline == {k: report[k] for k in HEADLINE["tickets"]}
