import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.signoff import services
from wicket.signoff.models import Submission

CONTENT = {"halls": [{"name": "城关镇为民服务中心", "windows": 8}], "zero_report": False}
PDF = b"%PDF-1.4\n" + b"0" * 100


@pytest.fixture
def sub(county):
    return services.submission_prepare(unit=county.unit, kind="windows_round", key="round:1", title="窗口统计表",
                                       content=CONTENT, by=county.liaison)


def test_the_digest_is_the_sha256_of_the_canonical_content(sub):
    canonical = json.dumps(CONTENT, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert sub.digest == hashlib.sha256(canonical).hexdigest()


def test_only_the_units_head_signs(county, sub):
    for who in (county.liaison, county.other_head, county.supervisor):
        with pytest.raises(services.SignoffError):
            services.submission_sign(submission=sub, by=who)
    signed = services.submission_sign(submission=sub, by=county.head)
    assert signed.status == "signed" and signed.signer_name == "王镇长" and signed.signed_at


def test_a_signed_version_cannot_be_changed_or_deleted_by_anyone(county, sub):
    services.submission_sign(submission=sub, by=county.head)
    sub.refresh_from_db()
    sub.content = {"halls": []}
    with pytest.raises(ValidationError):
        sub.save()
    with pytest.raises(ValidationError):
        sub.delete()
    sub.refresh_from_db()
    assert sub.content == CONTENT and sub.digest_matches()


def test_a_correction_is_a_new_version_and_the_old_stays_readable(county, sub):
    services.submission_sign(submission=sub, by=county.head)
    v2 = services.submission_prepare(unit=county.unit, kind="windows_round", key="round:1", title="窗口统计表",
                                     content={**CONTENT, "zero_report": True}, by=county.liaison)
    assert v2.version == 2
    assert Submission.objects.get(pk=sub.pk).content == CONTENT


def test_a_newer_draft_withdraws_the_unsigned_one(county, sub):
    services.submission_prepare(unit=county.unit, kind="windows_round", key="round:1", title="t", content={},
                                by=county.liaison)
    sub.refresh_from_db()
    assert sub.status == "withdrawn"
    with pytest.raises(services.SignoffError):
        services.submission_sign(submission=sub, by=county.head)


def test_a_stranger_gets_404_on_every_submission_page(county, client_for, sub):
    services.submission_sign(submission=sub, by=county.head)
    services.submission_attach_scan(submission=sub, upload=SimpleUploadedFile("seal.pdf", PDF), by=county.liaison)
    scan = sub.scans.get()
    c = client_for(county.other_head)
    assert c.get(reverse("signoff:detail", args=[sub.pk])).status_code == 404
    assert c.post(reverse("signoff:sign", args=[sub.pk])).status_code == 404
    assert c.post(reverse("signoff:scan", args=[sub.pk]), {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    assert c.get(reverse("signoff:scan_download", args=[sub.pk, scan.pk])).status_code == 404
    assert sub.scans.count() == 1


def test_the_head_signs_in_the_browser_flow(county, client_for, sub):
    c = client_for(county.head)
    assert "待您审核签字" in c.get(reverse("home")).content.decode()
    c.post(reverse("signoff:sign", args=[sub.pk]))
    page = c.get(reverse("signoff:detail", args=[sub.pk])).content.decode()
    assert "已签字报送" in page and sub.digest in page and "与内容一致" in page


def test_a_scan_must_be_a_pdf_or_image(county, sub):
    services.submission_sign(submission=sub, by=county.head)
    with pytest.raises(ValidationError, match="不是允许的类型"):
        services.submission_attach_scan(submission=sub, upload=SimpleUploadedFile("seal.pdf", b"MZ\x90\x00exe"),
                                        by=county.liaison)
