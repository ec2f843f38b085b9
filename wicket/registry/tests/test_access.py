"""A stranger from another unit gets 404 on every registry page, and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.registry import services
from wicket.registry.models import Hall, ImportPreview, RoundReport
from wicket.signoff.models import Submission

from .conftest import report_of
from .test_import import row, workbook


@pytest.fixture
def preview(county):
    return services.import_preview_create(unit=county.unit, upload=SimpleUploadedFile("t.xlsx", workbook([row()])),
                                          by=county.liaison)


def test_the_stranger_gets_404_on_every_unit_page(county, rnd, hall, preview, client_for):
    report = report_of(rnd, county.unit)
    c = client_for(county.other_liaison)
    gets = [reverse("registry:unit", args=[county.unit.pk]), reverse("registry:hall_new", args=[county.unit.pk]),
            reverse("registry:template", args=[county.unit.pk]), reverse("registry:hall", args=[hall.pk]),
            reverse("registry:preview", args=[preview.pk])]
    posts = [(reverse("registry:hall_new", args=[county.unit.pk]), {"name": "x", "kind": "window"}),
             (reverse("registry:hall", args=[hall.pk]), {"name": "改名", "kind": "window"}),
             (reverse("registry:hall_delete", args=[hall.pk]), {}),
             (reverse("registry:upload", args=[county.unit.pk]), {"file": SimpleUploadedFile("t.xlsx", b"x")}),
             (reverse("registry:preview_confirm", args=[preview.pk]), {}),
             (reverse("registry:preview_discard", args=[preview.pk]), {}),
             (reverse("registry:zero", args=[report.pk]), {"statement": "无"}),
             (reverse("registry:submit", args=[report.pk]), {})]
    for url in gets:
        assert c.get(url).status_code == 404, url
    for url, data in posts:
        assert c.post(url, data).status_code == 404, url
    hall.refresh_from_db()
    assert hall.name == "城关镇为民服务中心" and Hall.objects.count() == 1
    assert ImportPreview.objects.filter(pk=preview.pk).exists() and not Submission.objects.exists()
    assert RoundReport.objects.get(pk=report.pk).zero_report is False


def test_unit_people_get_404_on_the_county_pages(county, rnd, client_for):
    report = report_of(rnd, county.unit)
    for who in (county.liaison, county.head, county.other_liaison, county.inspector):
        c = client_for(who)
        for url in (reverse("registry:board"), reverse("registry:round", args=[rnd.pk]),
                    reverse("registry:export", args=[rnd.pk]), reverse("registry:round_new")):
            assert c.get(url).status_code == 404, (who, url)
        assert c.post(reverse("registry:extend", args=[report.pk]), {"deadline": "2040-01-01T10:00"}).status_code == 404
        assert c.post(reverse("registry:intake")).status_code == 404
    report.refresh_from_db()
    assert report.deadline == rnd.deadline


def test_county_staff_read_a_units_page_but_cannot_change_it(county, hall, client_for):
    c = client_for(county.center_staff)
    assert c.get(reverse("registry:unit", args=[county.unit.pk])).status_code == 200
    assert c.post(reverse("registry:hall", args=[hall.pk]), {"name": "改名", "kind": "window"}).status_code == 404
    assert c.post(reverse("registry:hall_delete", args=[hall.pk])).status_code == 404
    assert Hall.objects.get().name == "城关镇为民服务中心"


def test_a_preview_belongs_to_the_person_who_uploaded_it(county, preview, client_for):
    assert client_for(county.head).post(reverse("registry:preview_confirm", args=[preview.pk])).status_code == 404
    assert Hall.objects.count() == 0
