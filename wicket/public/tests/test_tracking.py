"""Following a report by its receipt number: status and progress, never the reporter's contact."""

from django.test import Client
from django.urls import reverse

from wicket.public.services import report_assign, report_close, report_submit


def track(receipt):
    return Client().get(reverse("public:track"), {"receipt": receipt})


def test_the_reporter_follows_the_problem_it_became(county, campaign):
    r = report_submit(what="窗口人员玩手机", unit=county.unit, contact="13900001111")
    report_assign(report=r, by=county.supervisor, unit=county.unit, checklist_code="6", title="窗口人员工作时间玩手机")
    body = track(r.receipt.lower()).content.decode()
    assert "已转交责任单位整改" in body and "测试县城关镇人民政府" in body and "责任单位正在制定整改措施" in body
    assert "13900001111" not in body and "督查" not in body.split("data-testid=\"progress\"")[1][:600]


def test_a_closed_report_shows_the_reason(county):
    r = report_submit(what="不满意", place="大厅")
    report_close(report=r, by=county.supervisor, reason="经核实，该事项当日已办结")
    assert "经核实，该事项当日已办结" in track(r.receipt).content.decode()


def test_an_unknown_receipt_says_so(county):
    response = track("260101-XXXXXX")
    assert response.status_code == 404 and "没有找到回执编号" in response.content.decode()


def test_lookups_are_throttled_too(county, settings):
    settings.WICKET_PUBLIC_LOOKUP_LIMIT = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    codes = [client.get(reverse("public:track"), {"receipt": f"260101-AAAAA{i}"}).status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]
