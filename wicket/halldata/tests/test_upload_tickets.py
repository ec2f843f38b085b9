"""The centre uploads a GBK ticket log with Chinese headers, previews it, stores it, and the hall's
dashboard shows the figures worked out by hand."""

from wicket.halldata.models import Snapshot, Ticket, Upload

from .helpers import four_tickets, tickets_gbk


def test_a_gbk_log_is_previewed_then_stored_and_the_dashboard_shows_its_figures(upload_file, halls, county,
                                                                               client_for):
    response = upload_file("tickets", "叫号记录.csv", tickets_gbk(four_tickets()))
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.status == "pending" and Ticket.objects.count() == 0
    page = upload_file.client.get(response.url).content.decode()
    assert "城关镇为民服务中心 → <strong>城关镇 · 城关镇为民服务中心</strong>（4 条）" in page
    assert "2026-03-02 09:00:00 — 2026-03-02 16:50:00" in page

    upload_file.client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    upload.refresh_from_db()
    assert (upload.status, upload.row_count, Ticket.objects.count()) == ("stored", 4, 4)
    assert Snapshot.objects.filter(hall=halls.town).exists()

    page = client_for(county.liaison).get(f"/halldata/halls/{halls.town.pk}/").content.decode()
    assert 'data-testid="tickets">4<' in page
    assert 'data-testid="service-level">66.7%<' in page
    assert 'data-testid="mean-wait">20.0<' in page
    assert 'data-testid="unserved">1<' in page
