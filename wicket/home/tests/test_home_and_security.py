import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_the_home_page_shows_the_campaign_timeline_and_what_to_do(county, client_for, campaign):
    import datetime as dt

    from wicket.problems.tests.factories import make_problem

    make_problem(county.unit, county.liaison, title="叫号机故障", deadline=dt.date(2020, 1, 1))
    body = client_for(county.liaison).get(reverse("home")).content.decode()
    for text in ("自查自纠", "集中督查", "巩固提升", "当前阶段", "叫号机故障", "逾期"):
        assert text in body


def test_the_stranger_does_not_see_another_units_todos(county, client_for, campaign):
    import datetime as dt

    from wicket.problems.tests.factories import make_problem

    make_problem(county.unit, county.liaison, title="叫号机故障", deadline=dt.date(2020, 1, 1))
    body = client_for(county.other_liaison).get(reverse("home")).content.decode()
    assert "叫号机故障" not in body


def test_pages_carry_a_content_security_policy_without_unsafe_inline(county, client_for):
    response = client_for(county.supervisor).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_contains_an_inline_script_or_style():
    offenders = []
    for path in ROOT.glob("wicket/**/templates/**/*.html"):
        text = path.read_text("utf-8")
        for m in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text):
            offenders.append(f"{path}: {m.group(0)}")
        if re.search(r"\sstyle=\"", text) or "<style" in text or re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path}: inline style or event handler")
    assert not offenders


def test_login_is_locked_after_repeated_wrong_passwords(county, client):
    for _ in range(5):
        client.post(reverse("login"), {"username": "liaison", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "liaison", "password": county.password})
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()


def test_the_right_password_logs_in(county, client):
    response = client.post(reverse("login"), {"username": "liaison", "password": county.password})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_gets_a_chinese_message(county, client):
    response = client.post(reverse("login"), {"username": "liaison", "password": "nope"})
    assert "用户名或密码不正确" in response.content.decode()


def test_a_weak_password_is_refused_on_change(county, client_for):
    c = client_for(county.liaison)
    response = c.post(reverse("password_change"), {"old_password": county.password, "new_password1": "12345678",
                                                   "new_password2": "12345678"})
    assert response.status_code == 200
    assert "密码" in response.content.decode() and "太短" in response.content.decode()


def test_analysis_never_imports_django():
    for path in (ROOT.parent / "analysis").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(from|import)\s+django\b", text, re.M), path


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("WICKET_LOGIN_FAILURE_LIMIT", "five")])
def test_a_bad_setting_stops_start_up_with_its_name(monkeypatch, name, value):
    from django.core.exceptions import ImproperlyConfigured

    from wicket.env import envbool, envint

    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        envbool(name) if name == "DEBUG" else envint(name, "5")


@pytest.mark.parametrize("path", ["/static/vendor/tabler/tabler.min.css", "/static/vendor/htmx/htmx.min.js",
                                  "/static/vendor/echarts/echarts.min.js", "/static/wicket/app.js"])
def test_the_styles_and_scripts_pages_use_are_served(client, path):
    from django.contrib.staticfiles import finders

    assert finders.find(path.removeprefix("/static/")), path
    response = client.get(path)
    assert response.status_code == 200



def test_a_browser_asking_for_english_still_gets_every_message_in_chinese(county, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wicket.problems.tests.factories import make_problem

    problem = make_problem(county.unit, county.liaison)
    response = client_for(county.liaison).post(
        reverse("problems:evidence", args=[problem.pk]), {"file": SimpleUploadedFile("a.png", b"")},
        HTTP_ACCEPT_LANGUAGE="en-US,en")
    body = response.content.decode()
    assert "所提交的是空文件" in body and "The submitted file is empty" not in body
    assert problem.evidence.count() == 0
