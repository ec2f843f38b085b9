import datetime as dt

import pytest
from django.utils import timezone

from wicket.registry import services

HALL = dict(name="城关镇为民服务中心", kind="citizen_center", address="城关镇政府大院一楼", window_count=8,
            authorized_windows=6, staff_count=10, hours="周一至周五 8:00-17:30", items="社保、医保、民政",
            phone="0557-8600001", has_copier=True, has_scanner=True, has_queue_machine=True, has_signage=True,
            has_info_desk=True, manager="王主任", manager_phone="13900000001", remarks="")


@pytest.fixture
def rnd(county):
    return services.round_open(title="窗口和服务大厅统计", deadline=timezone.now() + dt.timedelta(days=3),
                               units=[county.unit, county.other_unit], by=county.supervisor)


@pytest.fixture
def hall(county):
    return services.hall_create(unit=county.unit, data=dict(HALL), by=county.liaison)


def report_of(rnd, unit):
    return rnd.reports.get(unit=unit)
