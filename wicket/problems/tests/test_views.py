import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.problems.models import Problem, Status

from .factories import make_problem

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def problem(county):
    return make_problem(county.unit, county.liaison, title="窗口未一次性告知")


def urls(problem):
    pk = problem.pk
    ev = problem.evidence.first()
    out = [
        ("get", reverse("problems:detail", args=[pk]), {}),
        ("post", reverse("problems:transition", args=[pk]), {"action": "start"}),
        ("post", reverse("problems:rectify", args=[pk]), {"version": problem.version, "measures": "x"}),
        ("post", reverse("problems:note", args=[pk]), {"note": "x"}),
        ("post", reverse("problems:evidence", args=[pk]), {"file": SimpleUploadedFile("a.png", PNG)}),
    ]
    if ev:
        out.append(("get", reverse("problems:evidence_download", args=[pk, ev.pk]), {}))
    return out


def test_a_stranger_from_another_unit_gets_404_on_every_page_and_action(county, client_for, problem):
    from wicket.problems import services

    services.evidence_add(problem=problem, by=county.liaison, upload=SimpleUploadedFile("a.png", PNG))
    stranger = client_for(county.other_liaison)
    for method, url, data in urls(problem):
        response = getattr(stranger, method)(url, data)
        assert response.status_code == 404, url
    problem.refresh_from_db()
    assert problem.status == Status.PENDING and problem.measures == ""
    assert problem.events.count() == 2  # create + the evidence upload by the liaison


def test_the_stranger_does_not_see_the_problem_in_the_list(county, client_for, problem):
    response = client_for(county.other_liaison).get(reverse("problems:list"))
    assert "窗口未一次性告知" not in response.content.decode()


def test_the_units_liaison_and_the_supervisor_see_it(county, client_for, problem):
    for user in (county.liaison, county.head, county.supervisor, county.center_staff):
        response = client_for(user).get(reverse("problems:list"))
        assert "窗口未一次性告知" in response.content.decode(), user


def test_an_anonymous_visitor_is_sent_to_login(client, problem):
    response = client.get(reverse("problems:detail", args=[problem.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_liaison_moves_the_problem_and_sees_the_timeline(county, client_for, problem):
    c = client_for(county.liaison)
    c.post(reverse("problems:transition", args=[problem.pk]), {"action": "submit"})
    page = c.get(reverse("problems:detail", args=[problem.pk])).content.decode()
    assert "提交核验" in page and "已整改待核验" in page


def test_a_stale_rectify_form_is_refused_with_a_clear_message_and_keeps_what_was_typed(county, client_for, problem):
    stale = problem.version
    client_for(county.head).post(reverse("problems:rectify", args=[problem.pk]),
                                 {"version": stale, "measures": "第一位"})
    response = client_for(county.liaison).post(reverse("problems:rectify", args=[problem.pk]),
                                               {"version": stale, "measures": "第二位的内容"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "其他人已修改" in body and "第二位的内容" in body
    problem.refresh_from_db()
    assert problem.measures == "第一位"


@pytest.mark.parametrize(("data", "message"), [
    ({"measures": "x"}, "必填"),  # no version: the form is broken, nothing saved
    ({"version": 1, "deadline": "2026-13-40"}, "有效的日期"),
    ({"version": 1, "deadline": "2026-12-01", "deadline_workdays": 5}, "二者选一"),
    ({"version": 1, "deadline_workdays": 0}, "1"),
])
def test_bad_rectify_input_gets_a_chinese_message_and_changes_nothing(county, client_for, problem, data, message):
    response = client_for(county.liaison).post(reverse("problems:rectify", args=[problem.pk]), data)
    assert message in response.content.decode()
    problem.refresh_from_db()
    assert problem.measures == "" and problem.deadline is None


def test_a_renamed_script_is_refused_as_evidence(county, client_for, problem):
    response = client_for(county.liaison).post(reverse("problems:evidence", args=[problem.pk]),
                                               {"file": SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>")})
    assert "不是允许的类型" in response.content.decode()
    assert problem.evidence.count() == 0


def test_evidence_keeps_its_sha256(county, client_for, problem):
    import hashlib

    client_for(county.liaison).post(reverse("problems:evidence", args=[problem.pk]),
                                    {"file": SimpleUploadedFile("after.png", PNG)})
    ev = problem.evidence.get()
    assert ev.sha256 == hashlib.sha256(PNG).hexdigest()
    assert ev.file.read() == PNG


def test_a_liaison_records_a_problem_for_their_own_unit_only(county, client_for, campaign):
    c = client_for(county.liaison)
    data = {"unit": county.other_unit.pk, "checklist_code": "4.1", "source": "self_inspection",
            "title": "无复印服务", "found_on": "2026-11-02"}
    response = c.post(reverse("problems:create"), data)
    assert "选择一个有效的选项" in response.content.decode()
    assert not Problem.objects.exists()
    c.post(reverse("problems:create"), {**data, "unit": county.unit.pk, "deadline_workdays": 5})
    p = Problem.objects.get()
    assert p.unit == county.unit and p.campaign == campaign and p.deadline is not None


def test_list_filters_and_counts_match_the_database(county, client_for, campaign):
    import datetime as dt

    make_problem(county.unit, county.liaison, code="4.1", deadline=dt.date(2020, 1, 1))
    make_problem(county.unit, county.liaison, code="4.2")
    make_problem(county.other_unit, county.other_liaison, code="5")
    c = client_for(county.supervisor)
    body = c.get(reverse("problems:list"), {"category": "4"}).content.decode()
    assert "共 2 个" in body and "逾期 1" in body
    body = c.get(reverse("problems:list"), {"overdue": "1"}).content.decode()
    assert "共 1 个" in body


def test_the_list_groups_by_unit_and_category_with_counts(county, client_for, campaign):
    make_problem(county.unit, county.liaison, code="4.1", title="甲")
    make_problem(county.unit, county.liaison, code="4.2", title="乙")
    make_problem(county.unit, county.liaison, code="1.1", title="丙")
    make_problem(county.other_unit, county.other_liaison, code="5", title="丁")
    body = client_for(county.supervisor).get(reverse("problems:list")).content.decode()
    assert body.count('data-testid="group-unit"') == 2 and body.count('data-testid="group-category"') == 3
    assert "城关镇 <span class=\"text-secondary fw-normal\">3 个问题</span>" in body
    assert "第 4 类 · 2 个" in body and "第 1 类 · 1 个" in body and "第 5 类 · 1 个" in body
    # The unit's own people see only their unit's group.
    mine = client_for(county.liaison).get(reverse("problems:list")).content.decode()
    assert mine.count('data-testid="group-unit"') == 1 and "丁" not in mine


def test_the_ready_filter_keeps_only_problems_the_data_confirms(county, client_for):
    from wicket.problems.models import ClosureState

    confirmed = make_problem(county.unit, county.liaison, title="数据已确认")
    waiting = make_problem(county.unit, county.liaison, title="尚无新数据")
    Problem.objects.filter(pk=confirmed.pk).update(status=Status.AWAITING_VERIFICATION,
                                                   closure_state=ClosureState.CONFIRMED)
    Problem.objects.filter(pk=waiting.pk).update(status=Status.AWAITING_VERIFICATION,
                                                 closure_state=ClosureState.NO_FRESH_DATA)
    body = client_for(county.supervisor).get(reverse("problems:list"), {"ready": "1"}).content.decode()
    assert "数据已确认" in body and "尚无新数据" not in body and "共 1 个" in body


def test_the_list_takes_the_same_queries_for_few_or_many_problems(county, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for(county.supervisor)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(reverse("problems:list")).status_code == 200
        return len(ctx.captured_queries)

    make_problem(county.unit, county.liaison)
    few = queries()
    for i in range(30):
        make_problem(county.unit if i % 2 else county.other_unit, county.liaison, code=f"{i % 6 + 1}", title=f"问题{i}")
    assert queries() == few


def test_a_merged_problem_sends_its_visitor_to_the_problem_it_joined(county, client_for):
    survivor = make_problem(county.unit, county.liaison, title="同一原因")
    merged = make_problem(county.unit, county.liaison, title="并入的")
    Problem.all_objects.filter(pk=merged.pk).update(merged_into=survivor)
    response = client_for(county.liaison).get(reverse("problems:detail", args=[merged.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("problems:detail", args=[survivor.pk])
    assert client_for(county.other_liaison).get(reverse("problems:detail", args=[merged.pk])).status_code == 404
    assert "并入的" not in client_for(county.liaison).get(reverse("problems:list")).content.decode()


def test_the_home_page_shows_the_units_open_problems_by_cause(county, client_for):
    from wicket.problems.intake import findings_intake
    from wicket.problems.tests.test_grouping import hour, month

    findings_intake(findings=[month("2026-01"), month("2026-02"), hour(14)], detector="queue", scope="h",
                    resolve_unit=lambda _s: county.unit)
    make_problem(county.other_unit, county.other_liaison, title="别的单位的问题")
    page = client_for(county.liaison).get(reverse("home")).content.decode()
    assert page.count('data-testid="home-cause"') == 1
    assert "城关镇为民服务中心：下午等候过长（2 个月出现，1 个时段）" in page and "3 处，其中待整改 3 处" in page
    assert "别的单位的问题" not in page
    assert 'data-testid="home-causes"' not in client_for(county.supervisor).get(reverse("home")).content.decode()
