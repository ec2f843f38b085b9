"""Another unit's liaison gets 404 on every page and action of this unit's self-inspection, report and
problems, and nothing changes; county pages are the supervisor's alone."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.campaigns.models import Answer
from wicket.campaigns.services.inspection import answer_save, report_submit
from wicket.problems.models import Problem
from wicket.signoff.models import Submission

from .helpers import PNG, answer_all


def test_a_stranger_gets_404_on_every_page_and_action_of_this_units_campaign_work(county, campaign, client_for):
    answer_all(campaign, county.unit, county.liaison, problems={"1.1": "指南不清"}, skip=("4.1",))
    item = campaign.checklist.items.get(code="4.1")
    answer_save(campaign=campaign, unit=county.unit, item=item, result="no_problem", by=county.liaison,
                upload=SimpleUploadedFile("ok.png", PNG))
    ev = Answer.objects.get(item=item).evidence.get()
    phase = campaign.phases.get(kind="supervision")
    sub = report_submit(campaign=campaign, unit=county.unit, phase=phase, by=county.liaison)
    problem = Problem.objects.get()
    c, u = campaign.pk, county.unit.pk
    pages = [
        ("get", reverse("campaigns:inspection", args=[c, u]), {}),
        ("post", reverse("campaigns:answer", args=[c, u, item.pk]), {f"p{item.pk}-result": "problem",
                                                                     f"p{item.pk}-problem_title": "x"}),
        ("get", reverse("campaigns:answer_evidence", args=[c, u, ev.pk]), {}),
        ("get", reverse("campaigns:report", args=[c, u]), {}),
        ("post", reverse("campaigns:report_submit", args=[c, u, phase.pk]), {}),
        ("get", reverse("campaigns:report_docx", args=[c, u, phase.pk]), {}),
        ("get", reverse("campaigns:problems_xlsx", args=[c, u]), {}),
        ("get", reverse("signoff:detail", args=[sub.pk]), {}),
        ("post", reverse("signoff:sign", args=[sub.pk]), {}),
        ("get", reverse("problems:detail", args=[problem.pk]), {}),
        ("post", reverse("problems:transition", args=[problem.pk]), {"action": "start"}),
        ("post", reverse("problems:rectify", args=[problem.pk]), {"version": problem.version, "measures": "x"}),
        # the stranger's own unit id with this unit's evidence: still nothing
        ("get", reverse("campaigns:answer_evidence", args=[c, county.other_unit.pk, ev.pk]), {}),
    ]
    for user in (county.other_liaison, county.other_head):
        stranger = client_for(user)
        for method, url, data in pages:
            assert getattr(stranger, method)(url, data).status_code == 404, (user, url)
    assert Problem.objects.count() == 1 and Answer.objects.count() == 13
    assert Submission.objects.get().status == "awaiting_signature" and Submission.objects.count() == 1
    problem.refresh_from_db()
    assert problem.status == "pending" and problem.measures == ""


def test_county_pages_are_the_supervisors_alone(county, campaign, client_for):
    c = campaign.pk
    urls = [("get", reverse("campaigns:county", args=[c])), ("get", reverse("campaigns:summary", args=[c])),
            ("post", reverse("campaigns:summary_generate", args=[c])), ("post", reverse("campaigns:summary_save", args=[c])),
            ("get", reverse("campaigns:summary_docx", args=[c])), ("get", reverse("campaigns:pack", args=[c]))]
    for user in (county.liaison, county.head, county.other_liaison, county.inspector):
        client = client_for(user)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 404, (user, url)
    from wicket.campaigns.models import CampaignSummary

    assert not CampaignSummary.objects.exists()
    for method, url in urls[:1] + urls[4:]:
        assert getattr(client_for(county.supervisor), method)(url).status_code == 200, url
