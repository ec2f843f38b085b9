"""The public report form: no login; refuses script, oversized and fake photos, and floods, storing nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wicket.public.models import PublicReport

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def report(client, **extra):
    data = {"place": "县政务服务中心二楼社保窗口", "what": "排队两个小时没有办上，窗口中午没人。", "happened_on": "",
            "contact": "13912345678", **extra}
    return client.post(reverse("public:report"), data)


def test_anyone_reports_without_logging_in_and_gets_a_receipt(county):
    client = Client()
    response = report(client, unit=county.unit.pk, photo=SimpleUploadedFile("窗口.png", PNG))
    assert response.status_code == 302
    r = PublicReport.objects.get()
    assert r.receipt in response["Location"] and re.fullmatch(r"\d{6}-[A-Z2-9]{6}", r.receipt)
    assert r.unit == county.unit and r.channel == "web" and r.photo_sha256
    page = client.get(response["Location"]).content.decode()
    assert r.receipt in page and "已受理，待处理" in page
    assert "13912345678" not in page  # the contact is never shown publicly


def test_the_login_page_links_to_the_public_form(client):
    assert reverse("public:report") in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize(("field", "value"), [
    ("what", "<script>alert('x')</script>窗口没人"),
    ("what", "请看 <img src=x onerror=alert(1)>"),
    ("place", "<b>大厅</b>"),
    ("what", "点这里 javascript:alert(1)"),
    ("contact", "<a href='x'>13900000000</a>"),
])
def test_script_or_markup_is_refused_with_a_clear_message(county, field, value):
    response = report(Client(), **{field: value})
    assert response.status_code == 400
    assert "不能包含网页代码或脚本" in response.content.decode()
    assert "<script>alert" not in response.content.decode()  # what was typed comes back escaped
    assert not PublicReport.objects.exists()


def test_a_less_than_sign_in_plain_words_is_fine(county):
    assert report(Client(), what="等候时间 <30 分钟的承诺没有做到").status_code == 302


def test_an_oversized_photo_is_refused(county, settings):
    settings.WICKET_PUBLIC_PHOTO_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * 2048)
    response = report(Client(), photo=big)
    assert response.status_code == 400 and "big.png" in response.content.decode() and "太大" in response.content.decode()
    assert not PublicReport.objects.exists()


@pytest.mark.parametrize(("name", "content"), [
    ("photo.jpg", b"%PDF-1.4 a pdf renamed"),
    ("photo.png", b"MZ\x90\x00 an exe renamed"),
    ("photo.jpg", b"<html><script>alert(1)</script></html>"),
    ("photo.png", b"PK\x03\x04 a zip renamed"),
])
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(county, name, content):
    response = report(Client(), photo=SimpleUploadedFile(name, content, content_type="image/jpeg"))
    assert response.status_code == 400 and "不是允许的类型" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_a_png_named_jpg_is_refused_as_a_mismatch(county):
    response = report(Client(), photo=SimpleUploadedFile("photo.jpg", PNG))
    assert response.status_code == 400 and "扩展名与内容不符" in response.content.decode()


def test_a_hundred_rapid_submissions_from_one_address_are_cut_off(county, settings):
    settings.WICKET_PUBLIC_REPORT_LIMIT = 10
    client = Client(REMOTE_ADDR="203.0.113.7")
    codes = [report(client, what=f"第{i}次").status_code for i in range(100)]
    assert codes[:10] == [302] * 10 and codes[10:] == [429] * 90
    assert PublicReport.objects.count() == 10
    last = report(client)
    assert "提交太频繁" in last.content.decode() and "每小时最多提交 10 条" in last.content.decode()
    # Another address is not affected.
    assert report(Client(REMOTE_ADDR="198.51.100.1")).status_code == 302


def test_a_report_needs_a_unit_or_a_place(county):
    response = report(Client(), place="")
    assert response.status_code == 400 and "请选择单位，或写明是哪个大厅" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_a_date_in_the_future_is_refused(county):
    response = report(Client(), happened_on="2999-01-01")
    assert response.status_code == 400 and "发生日期不能晚于今天" in response.content.decode()


def test_behind_a_proxy_the_forwarded_address_is_counted(county, settings):
    settings.WICKET_PUBLIC_REPORT_LIMIT = 2
    settings.WICKET_PROXY_HOPS = 1
    flood = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert [report(flood).status_code for _ in range(3)] == [302, 302, 429]
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert report(other).status_code == 302
