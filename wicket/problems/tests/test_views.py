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
