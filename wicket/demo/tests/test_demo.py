from collections import Counter

from django.contrib.auth import get_user_model

from wicket.demo.loader import load_demo
from wicket.orgs.models import Membership, Role, Unit
from wicket.problems.models import Problem


def test_the_demo_county_has_towns_parks_departments_and_every_role_and_loads_once(db):
    # One test, one load: the whole demo takes tens of seconds.
    ran = load_demo()
    assert ran
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert (kinds["town"], kinds["park"], kinds["department"]) == (13, 2, 40)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    assert get_user_model().objects.get(username="duchashi").check_password("Chuangkou-2026")
    statuses = set(Problem.objects.values_list("status", flat=True))
    assert statuses == {"pending", "in_progress", "awaiting_verification", "closed"}
    # The planted problems of the hall data and the guide catalogue reach the one problem list.
    detectors = set(Problem.objects.values_list("detector", flat=True))
    assert {"guides", "queue", "calls", "ratings"} <= detectors
    # One town hall issues its tickets with Wicket: a day of tickets, a few kept for the next working day,
    # mirrored into the hall data; `wicket demo` prints its links.
    from wicket.halldata.models import Upload
    from wicket.ticketing.demo import demo_links
    from wicket.ticketing.models import Ticket

    assert {"取号机", "叫号大屏", "网上预约"} <= {label for label, _url in demo_links("http://127.0.0.1:8000")}
    assert Ticket.objects.filter(status="served").count() > 50
    assert Ticket.objects.filter(status="waiting", carried=1).exists()
    assert Upload.objects.filter(channel="ticketing", row_count__gt=50).exists()
    before = Problem.objects.count()
    assert load_demo() == []
    assert Problem.objects.count() == before
