"""The county's status board: every unit's state, the counts, the late ones with their liaison's phone."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from wicket.registry import services
from wicket.registry.models import RoundReport
from wicket.registry.selectors import State, round_board
from wicket.signoff.services import submission_sign

from .conftest import HALL, report_of


def test_each_state_is_derived_from_signoff_and_the_deadline(county, rnd, hall):
    board = round_board(rnd=rnd)
    assert {r.unit.pk: r.state for r in board.rows} == {county.unit.pk: State.DRAFT,
                                                        county.other_unit.pk: State.NOT_STARTED}
    later = round_board(rnd=rnd, now=rnd.deadline + dt.timedelta(minutes=1))
    assert [r.state for r in later.rows] == [State.LATE, State.LATE]
    assert later.late[0].liaisons == [{"name": "李经办", "phone": "13800000000"}]


def test_signed_tables_and_zero_reports_count_as_reported(county, rnd, hall):
    submission_sign(submission=services.round_submit(report=report_of(rnd, county.unit), by=county.liaison),
                    by=county.head)
    other = report_of(rnd, county.other_unit)
    services.zero_report_declare(report=other, statement="未单独设立", by=county.other_liaison)
    submission_sign(submission=services.round_submit(report=other, by=county.other_liaison), by=county.other_head)
    board = round_board(rnd=rnd, now=rnd.deadline + dt.timedelta(days=1))
    assert board.counts == {State.SUBMITTED: 1, State.ZERO: 1, State.DRAFT: 0, State.NOT_STARTED: 0, State.LATE: 0}
    assert board.done == 2 and not board.late


def test_an_extension_keeps_a_unit_off_the_late_list(county, rnd):
    services.round_extend(report=report_of(rnd, county.other_unit), deadline=rnd.deadline + dt.timedelta(days=2),
                          by=county.supervisor)
    board = round_board(rnd=rnd, now=rnd.deadline + dt.timedelta(hours=1))
    assert [(r.unit.pk, r.state) for r in board.rows] == [(county.unit.pk, State.LATE),
                                                          (county.other_unit.pk, State.NOT_STARTED)]


def test_the_board_shows_states_counts_and_late_phones(county, rnd, client_for):
    RoundReport.objects.filter(round=rnd).update(deadline=timezone.now() - dt.timedelta(hours=1))
    body = client_for(county.center_staff).get(reverse("registry:round", args=[rnd.pk])).content.decode()
    assert "逾期未报" in body and "13800000000" in body and "陌生人" in body


def test_the_board_uses_a_bounded_number_of_queries(county, rnd, client_for, django_assert_max_num_queries):
    from wicket.orgs.models import Unit, UnitKind

    units = [Unit.objects.create(name=f"测试局{i}", kind=UnitKind.DEPARTMENT) for i in range(30)]
    big = services.round_open(title="大", deadline=rnd.deadline, units=units, by=county.supervisor)
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(20):
        assert c.get(reverse("registry:round", args=[big.pk])).status_code == 200


def test_the_liaison_sees_the_open_round_with_its_deadline_on_the_home_page(county, rnd, client_for):
    body = client_for(county.liaison).get(reverse("home")).content.decode()
    assert "窗口和服务大厅统计" in body and timezone.localtime(rnd.deadline).strftime("%Y-%m-%d %H:%M") in body


def test_the_to_do_goes_once_the_head_has_signed(county, rnd, client_for):
    hall = services.hall_create(unit=county.unit, data=dict(HALL), by=county.liaison)
    del hall
    submission_sign(submission=services.round_submit(report=report_of(rnd, county.unit), by=county.liaison),
                    by=county.head)
    assert "请填报窗口和服务大厅统计" not in client_for(county.liaison).get(reverse("home")).content.decode()


def test_only_the_supervisor_opens_a_round(county, client_for):
    from wicket.registry.models import ReportingRound

    for who in (county.center_staff, county.liaison):
        assert client_for(who).post(reverse("registry:round_new"), {"title": "x"}).status_code == 404
    c = client_for(county.supervisor)
    response = c.post(reverse("registry:round_new"), {"title": "第二轮", "deadline": "2030-05-10T10:00",
                                                      "units": [county.unit.pk, county.other_unit.pk]})
    rnd = ReportingRound.objects.get()
    assert response.status_code == 302 and rnd.reports.count() == 2
    assert timezone.localtime(rnd.deadline).strftime("%m-%d %H:%M") == "05-10 10:00"
