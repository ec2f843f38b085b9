"""The CLI and the web import give the same findings for the same file."""

import json

import pytest
from django.urls import reverse

from analysis.guides import guides_template_xlsx, load_guides
from analysis.guides.cli import main as cli_main
from wicket.guides.models import Finding, GuideImport

from .conftest import as_json, as_jsonl, faulty, guide, upload

FIELDS = ("fingerprint", "kind", "checklist", "subject", "code", "name", "department", "source", "where", "text",
          "message")


def _comparable(d):
    evidence = {k: v for k, v in d["evidence"].items() if k != "guides"}  # indices into different lists
    return (*(d[f] for f in FIELDS), json.dumps(evidence, sort_keys=True, ensure_ascii=False))


def _file_guides():
    county_site = [guide(), faulty(), guide(department="城关镇", code="T-001", name="城乡居民基本养老保险参保登记",
                                            supervision_phone="0557-8021234")]
    province = [guide(source="省政务服务网", name="食品经营许可证核发（新办）", visits=2),
                faulty(source="省政务服务网", department="测试县市场监督管理局")]
    return county_site + province


def _cli(path, capsys):
    assert cli_main(["lint", "--format", "json", str(path)]) == 1
    return json.loads(capsys.readouterr().out)


def _web(county, client_for, name, data):
    c = client_for(county.center_staff)
    assert upload(c, name, data).status_code == 302
    batch = GuideImport.objects.get()
    preview_count = batch.finding_count
    c.post(reverse("guides:import_confirm", args=[batch.pk]))
    return preview_count, [f.data for f in Finding.objects.all()]


@pytest.mark.parametrize("name, encode", [
    ("指南.json", lambda gs: as_json(*gs)),
    ("指南.jsonl", lambda gs: as_jsonl(*gs, encoding="gbk")),
    ("指南.xlsx", lambda gs: guides_template_xlsx(load_guides(as_json(*gs), file="x.json"))),
])
def test_the_cli_and_the_web_import_find_the_same(county, client_for, tmp_path, capsys, name, encode):
    data = encode(_file_guides())
    path = tmp_path / name
    path.write_bytes(data)
    cli = _cli(path, capsys)
    preview_count, web = _web(county, client_for, name, data)
    assert cli["guides"] == 5 and preview_count == len(cli["findings"]) == len(web)
    assert sorted(map(_comparable, web)) == sorted(map(_comparable, cli["findings"]))
    kinds = {f["kind"] for f in web}
    assert {"catch_all_clause", "bad_phone", "inconsistent_across_sources"} <= kinds
