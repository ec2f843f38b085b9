"""The push endpoints tested from their own OpenAPI description (schemathesis, in-process WSGI).

Schemathesis's pytest plugin does not run under pytest 9 here, so the cases are drawn with
Hypothesis directly from each operation's strategy."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from wicket.halldata import services
from wicket.halldata.models import Upload

CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance, checks.ignored_auth]


@pytest.fixture
def keep_connection():
    """Like Django's test client: the request must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_push_endpoint_answers_as_its_description_says(db, county, keep_connection):
    tokens = {kind: services.token_create(name=kind, kind=kind, by=county.center_staff)[1]
              for kind in ("tickets", "calls", "ratings")}
    schema = schemathesis.openapi.from_wsgi("/halldata/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(op.path for op in operations) == ["/halldata/api/v1/calls", "/halldata/api/v1/ratings",
                                                    "/halldata/api/v1/tickets"]
    for operation in operations:
        _check(operation, tokens[operation.path.rsplit("/", 1)[-1]])
    assert not Upload.objects.filter(status="pending").exists()


def _check(operation, token):
    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def call(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    call()
