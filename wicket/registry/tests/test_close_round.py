"""The supervisor ends a round (结束本轮): units can no longer submit to it; nobody else can end it."""

import pytest
from django.urls import reverse

from wicket.registry.models import ReportingRound
from wicket.signoff.models import Submission, SubmissionStatus
from wicket.signoff.services import SignoffError, submission_sign

from .conftest import report_of


def test_the_supervisor_ends_a_round_and_a_unit_can_no_longer_submit(county, rnd, hall, client_for):
    liaison = client_for(county.liaison)
    submit = reverse("registry:submit", args=[report_of(rnd, county.unit).pk])
    assert submit in liaison.get(reverse("registry:unit", args=[county.unit.pk])).content.decode()
    c = client_for(county.supervisor)
    assert 'data-testid="close-round"' in c.get(reverse("registry:round", args=[rnd.pk])).content.decode()
    page = c.post(reverse("registry:round_close", args=[rnd.pk]), follow=True).content.decode()
    assert "已结束本轮报送" in page and 'data-testid="round-closed"' in page
    assert 'data-testid="close-round"' not in page
    rnd.refresh_from_db()
    assert not rnd.is_open and rnd.history.first().closed_at == rnd.closed_at  # the change is in its history

    assert submit not in liaison.get(reverse("registry:unit", args=[county.unit.pk])).content.decode()
    page = liaison.post(submit, follow=True)
    assert "本轮报送已结束" in page.content.decode() and not Submission.objects.exists()


def test_a_version_awaiting_the_heads_signature_is_withdrawn_when_the_round_ends(county, rnd, hall, client_for):
    client_for(county.liaison).post(reverse("registry:submit", args=[report_of(rnd, county.unit).pk]))
    waiting = Submission.objects.get(unit=county.unit)
    assert waiting.status == SubmissionStatus.AWAITING_SIGNATURE
    client_for(county.supervisor).post(reverse("registry:round_close", args=[rnd.pk]))
    waiting.refresh_from_db()
    assert waiting.status == SubmissionStatus.WITHDRAWN
    with pytest.raises(SignoffError):
        submission_sign(submission=waiting, by=county.head)


def test_a_round_is_ended_only_once(county, rnd, client_for):
    c = client_for(county.supervisor)
    c.post(reverse("registry:round_close", args=[rnd.pk]))
    closed_at = ReportingRound.objects.get(pk=rnd.pk).closed_at
    page = c.post(reverse("registry:round_close", args=[rnd.pk]), follow=True).content.decode()
    assert "本轮报送已结束" in page and ReportingRound.objects.get(pk=rnd.pk).closed_at == closed_at


def test_nobody_but_the_supervisor_can_end_a_round(county, rnd, client_for):
    for who in (county.other_liaison, county.liaison, county.head, county.inspector, county.center_staff):
        assert client_for(who).post(reverse("registry:round_close", args=[rnd.pk])).status_code == 404, who
    assert 'data-testid="close-round"' not in client_for(county.center_staff).get(
        reverse("registry:round", args=[rnd.pk])).content.decode()
    assert ReportingRound.objects.get(pk=rnd.pk).is_open


def test_an_unknown_round_is_404(county, client_for):
    assert client_for(county.supervisor).post(reverse("registry:round_close", args=[999])).status_code == 404
