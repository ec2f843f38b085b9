from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name="现场.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def task(county, campaign):
    from wicket.supervision.services.tasks import task_create

    today = dt.date.today()
    return task_create(by=county.supervisor, title="城关镇便民服务中心现场督查", method="onsite_check",
                       inspectors=[county.inspector], units=[county.unit], starts_on=today, ends_on=today,
                       checklist_codes=["4.2", "6"], campaign=campaign)


@pytest.fixture
def phone_task(county, campaign):
    from wicket.supervision.services.tasks import task_create

    today = dt.date.today()
    return task_create(by=county.supervisor, title="咨询电话拨测", method="phone_test", inspectors=[county.inspector],
                       units=[county.unit, county.other_unit], starts_on=today, ends_on=today, campaign=campaign)
