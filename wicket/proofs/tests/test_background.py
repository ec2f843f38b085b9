"""A large catalogue is analysed and applied by the worker (eagerly here), ending as the request path
ends; its page follows the job; only who may open the version may follow it."""

import pytest
from django.urls import reverse

from wicket.core.models import Job
from wicket.proofs.models import CatalogVersion, FindingRow, ProofRow, VersionStatus

from .conftest import as_json, upload


@pytest.mark.parametrize("background", [False, True], ids=["in-the-request", "in-the-background"])
def test_confirming_a_catalogue_ends_the_same_whichever_way_it_runs(county, client_for, settings, background):
    settings.WICKET_BACKGROUND_BYTES = 100 if background else 10**9
    c = client_for(county.center_staff)
    upload(c, "证明目录.json", as_json())
    version = CatalogVersion.objects.get()
    page = c.post(reverse("proofs:version_confirm", args=[version.pk]), follow=True).content.decode()
    version.refresh_from_db()
    findings = FindingRow.objects.count()
    said = f"已导入证明事项目录：证明 6 项，事项 3 项，发现问题 {findings} 条。现为全县当前目录，可送入问题清单。"
    assert version.status == VersionStatus.APPLIED and ProofRow.objects.count() == 6 and findings > 0
    if background:
        job = Job.objects.get()
        assert (job.status, job.message, job.findings, job.rows_done) == ("succeeded", said, findings, 9)
        assert 'data-testid="job-message"' in page
        assert client_for(county.supervisor).get(f"/jobs/{job.pk}/").status_code == 200
        for user in (county.other_liaison, county.liaison):
            assert client_for(user).get(f"/jobs/{job.pk}/").status_code == 404
    else:
        assert said in page and not Job.objects.exists()
