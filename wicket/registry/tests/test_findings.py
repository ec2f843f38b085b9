"""The register's facility gaps become candidate problems through the one intake door."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wicket.problems.models import Problem
from wicket.registry import services
from wicket.registry.selectors import facility_gaps

from .conftest import HALL


def _halls(county):
    services.hall_create(unit=county.unit, data=dict(HALL), by=county.liaison)  # 8 windows, 6 approve
    services.hall_create(unit=county.unit, data={**HALL, "name": "便民服务站", "kind": "window", "window_count": 3,
                                                 "authorized_windows": 3, "has_copier": False,
                                                 "has_queue_machine": False}, by=county.liaison)
    services.hall_create(unit=county.unit, data={**HALL, "name": "网上办事大厅", "kind": "online", "window_count": 0,
                                                 "authorized_windows": 0, "has_copier": False,
                                                 "has_queue_machine": False}, by=county.liaison)
    services.hall_create(unit=county.unit, data={**HALL, "name": "代理站", "kind": "agency_station",
                                                 "window_count": 1, "authorized_windows": 0,
                                                 "has_queue_machine": False}, by=county.liaison)


def test_gaps_are_receive_only_windows_and_missing_copiers_and_queue_machines(county):
    _halls(county)
    got = sorted((g.kind, g.checklist, g.hall.name) for g in facility_gaps())
    assert got == [("hall_without_copier", "4.1", "便民服务站"),
                   ("hall_without_queue_machine", "4.2", "便民服务站"),
                   ("window_without_authority", "3.2", "城关镇为民服务中心")]
    authority = next(g for g in facility_gaps() if g.kind == "window_without_authority")
    assert "8 个窗口中有 2 个只收件" in authority.message


def test_the_intake_makes_problems_once_and_a_rerun_changes_nothing(county):
    _halls(county)
    first = services.registry_findings_intake(by=county.center_staff)
    assert (first.created, first.findings_added) == (2, 3)  # one problem per hall
    again = services.registry_findings_intake(by=county.supervisor)
    assert again.created == 0 and again.unchanged == 2 and Problem.objects.count() == 2
    p = Problem.objects.get(checklist_code="3.2")
    assert p.unit == county.unit and p.detector == "registry" and p.source == "data_detection"
    station = Problem.objects.get(findings__kind="hall_without_copier")
    assert station.title == "便民服务站：不提供复印服务、没有排队叫号机" and station.findings.count() == 2


def test_only_county_roles_run_the_intake(county, client_for):
    _halls(county)
    with pytest.raises(ValidationError):
        services.registry_findings_intake(by=county.liaison)
    assert client_for(county.liaison).post(reverse("registry:intake")).status_code == 404
    response = client_for(county.supervisor).post(reverse("registry:intake"), follow=True)
    assert "新增问题 2 个" in response.content.decode()
