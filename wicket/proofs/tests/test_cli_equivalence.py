"""The command line and the web give the same findings for the same file."""

import json

import pytest
from django.urls import reverse

from analysis.proofs.cli import main as cli_main
from wicket.problems.models import ProblemFinding
from wicket.proofs.models import CatalogVersion, FindingRow, ItemRow

from .conftest import as_json, as_xlsx, upload


def _comparable(d):
    return (d["fingerprint"], d["kind"], d["checklist"], d["subject"], d["message"],
            json.dumps(d["evidence"], sort_keys=True, ensure_ascii=False))


@pytest.mark.parametrize("name, data", [("证明目录.json", as_json()), ("证明目录.xlsx", as_xlsx()),
                                        ("证明目录-gbk.json", as_json(encoding="gbk"))])
def test_the_cli_and_the_web_find_the_same(county, client_for, tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert cli_main(["analyze", str(path), "--format", "json"]) == 1
    cli = json.loads(capsys.readouterr().out)

    c = client_for(county.center_staff)
    upload(c, name, data)
    version = CatalogVersion.objects.get()
    assert version.finding_count == len(cli["findings"])
    c.post(reverse("proofs:version_confirm", args=[version.pk]))
    web = list(FindingRow.objects.values_list("data", flat=True))
    assert sorted(map(_comparable, web)) == sorted(map(_comparable, cli["findings"]))
    assert sorted((f["kind"], f["fingerprint"]) for f in web) == sorted(
        (f["kind"], f["fingerprint"]) for f in cli["findings"])
    figures = {i.item_id: (i.proofs_total, i.issuers_total, i.depth, i.proofs_after, i.issuers_after, i.depth_after)
               for i in ItemRow.objects.all()}
    assert figures == {i["id"]: (i["proofs_total"], i["issuers_total"], i["depth"], i["proofs_after"],
                                 i["issuers_after"], i["depth_after"]) for i in cli["items"]}

    c.post(reverse("proofs:send"))
    sent = set(ProblemFinding.objects.values_list("fingerprint", flat=True))
    assert sent == {f["fingerprint"] for f in cli["findings"] if f["subject"] != "村(居)委会"}


def test_the_office_limit_given_at_upload_is_the_clis_max_issuers(county, client_for, tmp_path, capsys):
    path = tmp_path / "证明目录.json"
    path.write_bytes(as_json())
    cli_main(["analyze", str(path), "--format", "json", "--max-issuers", "5"])
    cli = json.loads(capsys.readouterr().out)
    c = client_for(county.center_staff)
    upload(c, path.name, as_json(), max_issuers=5)
    c.post(reverse("proofs:version_confirm", args=[CatalogVersion.objects.get().pk]))
    assert sorted(FindingRow.objects.values_list("fingerprint", flat=True)) == sorted(
        f["fingerprint"] for f in cli["findings"])
    assert not FindingRow.objects.filter(kind="excessive_runaround").exists()
