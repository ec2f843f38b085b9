"""The push endpoints: a token per source, refused without one, refused with a body that does not fit."""

import json

import pytest

from wicket.halldata import services
from wicket.halldata.models import ApiToken, Call, Ticket, Upload

from .helpers import call, four_tickets

URL = "/halldata/api/v1/"


@pytest.fixture
def tokens(county, halls):
    made = {}
    for kind in ("tickets", "calls", "ratings"):
        made[kind] = services.token_create(name=f"{kind} 推送", kind=kind, by=county.center_staff)[1]
    return made


def push(client, kind, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL + kind, data=json.dumps(body), content_type="application/json", **headers)


def _ticket_rows():
    rows = []
    for r in four_tickets():
        rows.append({k: (v or None) for k, v in r.items()})
    return rows


def test_a_machine_pushes_tickets_with_its_token_and_they_are_stored(client, tokens, halls):
    response = push(client, "tickets", {"rows": _ticket_rows()}, tokens["tickets"])
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rows"], body["replaced"], body["first"]) == (4, 0, "2026-03-02 09:00:00")
    assert Ticket.objects.count() == 4 and Upload.objects.get().channel == "api"
    assert ApiToken.objects.get(kind="tickets").last_used_at is not None


@pytest.mark.parametrize("token", [None, "wk_not-a-real-token", "Bearer"])
def test_a_push_without_a_valid_token_is_refused_and_nothing_is_stored(client, tokens, token):
    response = push(client, "tickets", {"rows": _ticket_rows()}, token)
    assert response.status_code == 401
    assert Ticket.objects.count() == 0


def test_a_revoked_token_is_refused(client, tokens, county):
    services.token_revoke(token=ApiToken.objects.get(kind="calls"), by=county.center_staff)
    rows = [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True)]
    assert push(client, "calls", {"rows": rows}, tokens["calls"]).status_code == 401
    assert Call.objects.count() == 0


def test_a_token_for_calls_cannot_push_tickets(client, tokens):
    response = push(client, "tickets", {"rows": _ticket_rows()}, tokens["calls"])
    assert response.status_code == 403
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize("body", [{}, {"rows": []}, {"rows": [{"ticket_id": "A1"}]}, {"rows": "A1"}, []],
                         ids=["no rows", "empty rows", "missing fields", "rows not a list", "not an object"])
def test_a_body_that_does_not_fit_the_schema_is_refused(client, tokens, body):
    response = push(client, "tickets", body, tokens["tickets"])
    assert response.status_code == 422
    assert Ticket.objects.count() == 0


def test_a_row_the_log_rules_refuse_names_its_index_and_field(client, tokens):
    rows = _ticket_rows()
    rows[2]["called_at"] = "2026-03-02 09:10:00"  # issued 09:20
    response = push(client, "tickets", {"rows": rows}, tokens["tickets"])
    assert response.status_code == 422
    assert response.json() == {"detail": "叫号时间早于取号时间", "index": 2, "field": "called_at"}
    assert Ticket.objects.count() == 0 and Upload.objects.count() == 0


def test_an_unknown_unit_is_refused_with_its_row(client, tokens):
    rows = [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True),
            call("C2", "0557-1", "火星办事处", "2026-03-02 09:01:00", True)]
    response = push(client, "calls", {"rows": rows}, tokens["calls"])
    assert response.status_code == 422
    assert response.json()["index"] == 1 and response.json()["field"] == "unit"
    assert Call.objects.count() == 0


def test_the_openapi_description_is_served_without_a_login(client):
    response = client.get(URL + "openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert set(spec["paths"]) == {"/halldata/api/v1/tickets", "/halldata/api/v1/calls", "/halldata/api/v1/ratings"}
    assert spec["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
