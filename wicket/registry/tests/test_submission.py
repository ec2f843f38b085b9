"""A unit submits its table or a zero report; the head signs through signoff; a signed version is frozen."""

import pytest
from django.core.exceptions import ValidationError

from wicket.registry import services
from wicket.signoff.models import Submission, content_digest
from wicket.signoff.services import submission_sign

from .conftest import report_of


def test_the_submitted_content_is_the_units_table_with_totals(county, rnd, hall):
    sub = services.round_submit(report=report_of(rnd, county.unit), by=county.liaison)
    assert sub.kind == "windows_round" and sub.key == f"round:{rnd.pk}"
    c = sub.content
    assert c["table"] == "town" and c["zero_report"] is False
    assert c["halls"][0]["name"] == "城关镇为民服务中心" and c["halls"][0]["kind_label"] == "为民服务中心"
    assert "in_county_center" not in c["halls"][0]  # the town table has no such column
    assert c["totals"] == {"halls": 1, "window_count": 8, "authorized_windows": 6, "staff_count": 10}


def test_a_signed_version_cannot_be_changed_and_its_digest_matches(county, rnd, hall):
    sub = submission_sign(submission=services.round_submit(report=report_of(rnd, county.unit), by=county.liaison),
                          by=county.head)
    frozen = dict(sub.content)
    sub.content = {**frozen, "halls": []}
    with pytest.raises(ValidationError):
        sub.save()
    services.hall_update(hall=hall, data={"name": hall.name, "kind": hall.kind, "window_count": 20,
                                          "authorized_windows": 20}, by=county.liaison)
    sub.refresh_from_db()
    assert sub.content == frozen and sub.digest == content_digest(frozen) and sub.digest_matches()
    assert sub.content["totals"]["window_count"] == 8


def test_a_correction_after_signing_is_a_new_version(county, rnd, hall):
    report = report_of(rnd, county.unit)
    v1 = submission_sign(submission=services.round_submit(report=report, by=county.liaison), by=county.head)
    services.hall_update(hall=hall, data={"name": hall.name, "kind": hall.kind, "window_count": 9,
                                          "authorized_windows": 9}, by=county.liaison)
    v2 = services.round_submit(report=report, by=county.liaison)
    assert v2.version == 2 and v2.content["totals"]["window_count"] == 9
    assert Submission.objects.get(pk=v1.pk).content["totals"]["window_count"] == 8


def test_a_zero_report_is_submitted_with_its_statement(county, rnd):
    report = report_of(rnd, county.other_unit)
    services.zero_report_declare(report=report, statement="本局未单独设立窗口", by=county.other_liaison)
    sub = services.round_submit(report=report, by=county.other_liaison)
    assert sub.content["zero_report"] is True and sub.content["zero_statement"] == "本局未单独设立窗口"
    assert sub.content["halls"] == [] and sub.content["table"] == "department"


def test_a_zero_report_is_refused_while_halls_are_registered(county, rnd, hall):
    with pytest.raises(ValidationError, match="不能报零报告"):
        services.zero_report_declare(report=report_of(rnd, county.unit), statement="无", by=county.liaison)


def test_an_empty_table_cannot_be_submitted_without_a_zero_report(county, rnd):
    with pytest.raises(ValidationError, match="零报告"):
        services.round_submit(report=report_of(rnd, county.unit), by=county.liaison)


def test_only_the_units_people_submit(county, rnd, hall):
    for who in (county.other_liaison, county.supervisor, county.center_staff):
        with pytest.raises(ValidationError):
            services.round_submit(report=report_of(rnd, county.unit), by=who)
    assert not Submission.objects.exists()
