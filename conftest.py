"""Shared test fixtures: a small county with a user for every role, and a stranger.

    supervisor      县督查室
    center_staff    县政务服务中心
    liaison, head   of `unit` (a town)
    other_liaison   of `other_unit` (a county department): the stranger for access tests
    inspector       督查组成员
"""

from __future__ import annotations

import pytest
from hypothesis import settings as hypothesis_settings

# No per-example time limit: the CPU is shared (CI, parallel workers), and timing belongs in bench/.
hypothesis_settings.register_profile("wicket", deadline=None)
hypothesis_settings.load_profile("wicket")

PASSWORD = "Test-password-2026"


@pytest.fixture(autouse=True)
def _isolated(request, tmp_path):
    """Each test starts with an empty cache (throttles, lock-outs) and a media folder of its own.

    Pure analysis tests run without Django too (`-p no:django`): then there is nothing to isolate.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def county(db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from wicket.orgs.models import Membership, Role, Unit, UnitKind

    User = get_user_model()
    pw = make_password(PASSWORD)
    gov = Unit.objects.create(name="测试县人民政府", short_name="测试县", kind=UnitKind.COUNTY)
    office = Unit.objects.create(name="测试县人民政府办公室", kind=UnitKind.GOV_OFFICE, parent=gov)
    center = Unit.objects.create(name="测试县政务服务中心", kind=UnitKind.SERVICE_CENTER, parent=gov)
    town = Unit.objects.create(name="测试县城关镇人民政府", short_name="城关镇", kind=UnitKind.TOWN, parent=gov,
                               aliases=["城关镇"])
    dept = Unit.objects.create(name="测试县市场监督管理局", short_name="县市场监管局", kind=UnitKind.DEPARTMENT,
                               parent=gov)

    def user(username, unit, role, last="张", first="三"):
        u = User.objects.create(username=username, password=pw, last_name=last, first_name=first)
        Membership.objects.create(user=u, unit=unit, role=role, phone="13800000000")
        return u

    class County:
        pass

    c = County()
    c.gov, c.office, c.center, c.unit, c.other_unit = gov, office, center, town, dept
    c.supervisor = user("supervisor", office, Role.SUPERVISOR, "督", "查")
    c.center_staff = user("center", center, Role.CENTER_STAFF, "中", "心")
    c.liaison = user("liaison", town, Role.LIAISON, "李", "经办")
    c.head = user("head", town, Role.HEAD, "王", "镇长")
    c.other_liaison = user("stranger", dept, Role.LIAISON, "陌", "生人")
    c.other_head = user("stranger_head", dept, Role.HEAD, "陈", "局长")
    c.inspector = user("inspector", office, Role.INSPECTOR, "孙", "督查")
    c.password = PASSWORD
    return c


@pytest.fixture
def campaign(county):
    import datetime as dt

    from django.utils import timezone

    from wicket.checklist.services import campaign_create_from_notice

    today = timezone.localdate()
    return campaign_create_from_notice(year=today.year, by=county.supervisor, start=today - dt.timedelta(days=25),
                                       units=[county.unit, county.other_unit])


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return make
