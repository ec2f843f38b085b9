"""Reading proof catalogues: the JSON format and the xlsx template; every fault names its place."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from analysis.common import InputError
from analysis.proofs import catalog_from_xlsx, catalog_template_xlsx, load_catalog


def proof(pid: str, requires: list[str] | None = None, **extra: object) -> dict[str, object]:
    return {"id": pid, "name": f"证明{pid}", "issuer": "县公安局", "requires": requires or [],
            "basis": "《某条例》第一条", "shared_source": None, **extra}


def item(iid: str, requires: list[str], department: str = "县民政局") -> dict[str, object]:
    return {"id": iid, "name": f"事项{iid}", "department": department, "requires": requires}


def dump(proofs: list[dict[str, object]], items: list[dict[str, object]], encoding: str = "utf-8") -> bytes:
    return json.dumps({"proofs": proofs, "items": items}, ensure_ascii=False).encode(encoding)


def test_it_reads_proofs_and_items_as_written() -> None:
    data = dump([proof("P1", ["P2"], basis="  《户口登记条例》第四条 ", shared_source="人口库"), proof("P2")],
                [item("S1", ["P1", "P2"])])
    catalog = load_catalog(data, file="c.json")
    p1 = catalog.proofs[0]
    assert (p1.id, p1.name, p1.issuer, p1.requires, p1.basis, p1.shared_source) == (
        "P1", "证明P1", "县公安局", ("P2",), "《户口登记条例》第四条", "人口库")
    assert catalog.items[0].requires == ("P1", "P2")
    assert catalog.file == "c.json"


def test_it_reads_gbk_files() -> None:
    catalog = load_catalog(dump([proof("P1")], [item("S1", ["P1"])], encoding="gbk"), file="gbk.json")
    assert catalog.items[0].department == "县民政局"


def test_a_requirement_listed_twice_is_one_requirement() -> None:
    catalog = load_catalog(dump([proof("P1"), proof("P2", ["P1", "P1"])], [item("S1", ["P2", "P2"])]), file="c")
    assert catalog.proofs[1].requires == ("P1",)
    assert catalog.items[0].requires == ("P2",)


def test_empty_basis_and_null_source_are_read_as_none() -> None:
    catalog = load_catalog(dump([proof("P1", basis=None, shared_source="")], []), file="c")
    assert (catalog.proofs[0].basis, catalog.proofs[0].shared_source) == ("", None)


@pytest.mark.parametrize(
    ("proofs", "items", "names"),
    [
        ([proof("P1")], [item("S1", ["P9"])], ["事项“S1”", "“P9”", "items 第 1 项"]),
        ([proof("P1", ["P7"])], [], ["证明“P1”", "“P7”", "proofs 第 1 项"]),
        ([proof("P1"), proof("P2", ["P1", "PX"])], [], ["证明“P2”", "“PX”", "proofs 第 2 项"]),
    ],
)
def test_an_undefined_proof_id_names_the_item_or_proof_and_the_id(
        proofs: list[dict[str, object]], items: list[dict[str, object]], names: list[str]) -> None:
    with pytest.raises(InputError) as exc:
        load_catalog(dump(proofs, items), file="bad.json")
    text = str(exc.value)
    assert exc.value.file == "bad.json"
    assert exc.value.column == "requires"
    for name in names:
        assert name in text


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "文件为空"),
        (b"{not json", "不是有效的 JSON"),
        (b"[]", "顶层应为对象"),
        (b'{"items": []}', "缺少“proofs”"),
        (b'{"proofs": {}, "items": []}', "“proofs”应为列表"),
        (dump([proof("P1"), proof("P1")], []), "证明编号“P1”重复"),
        (dump([proof("P1")], [item("S1", []), item("S1", [])]), "事项编号“S1”重复"),
        (dump([proof("P1", shared_source="户籍库")], []), "shared_source“户籍库”不是允许的值"),
        (dump([{"id": "P1", "name": "", "issuer": "县公安局"}], []), "name 不能为空"),
        (dump([{"id": "P1", "name": "X"}], []), "issuer 不能为空"),
        (dump([proof("P1", requires="P2")], []), "requires 应为证明编号的列表"),
        (dump([proof("P1", requires=[""])], []), "不是证明编号"),
        (dump([], [{"id": "S1", "name": "X", "requires": []}]), "department 不能为空"),
        (dump(["P1"], []), "应为对象"),
    ],
)
def test_it_refuses_a_file_that_does_not_fit(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        load_catalog(data, file="x.json")
    assert fragment in str(exc.value)
    assert "x.json" in str(exc.value)


@pytest.mark.parametrize("good", [{"id": 7, "name": "证明", "issuer": "县公安局"},
                                  {"id": "P1", "name": "证明", "issuer": "县公安局", "basis": ["《甲》第一条", "《乙》"]}])
def test_it_accepts_numeric_ids_and_a_list_of_provisions(good: dict[str, object]) -> None:
    catalog = load_catalog(dump([good], []), file="x.json")
    assert catalog.proofs[0].id in ("7", "P1")
    if "basis" in good:
        assert catalog.proofs[0].basis == "《甲》第一条；《乙》"


def _fill(template: bytes, proofs: list[list[object]], items: list[list[object]],
          titles: tuple[str, str] = ("proofs", "items")) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    for title, rows in (("proofs", proofs), ("items", items)):
        ws = wb[title]
        ws.delete_rows(2, ws.max_row)
        for row in rows:
            ws.append(row)
    wb["proofs"].title, wb["items"].title = titles
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_template_reads_back_as_its_example() -> None:
    catalog = catalog_from_xlsx(catalog_template_xlsx(), file="template.xlsx")
    assert [p.id for p in catalog.proofs] == ["P001", "P002"]
    assert catalog.proofs[0].requires == ("P002",)
    assert catalog.proofs[0].shared_source == "电子证照库"
    assert [(i.id, i.department, i.requires) for i in catalog.items] == [("S001", "县住建局", ("P001",))]


@pytest.mark.parametrize("titles", [("proofs", "items"), ("证明", "事项")])
def test_the_template_takes_several_ids_in_one_cell(titles: tuple[str, str]) -> None:
    data = _fill(catalog_template_xlsx(),
                 [["A", "甲证明", "县公安局", "", "《甲》", ""], ["B", "乙证明", "县民政局", "A", "", "人口库"]],
                 [["S1", "低保申请", "县民政局", "A、B"], ["S2", "救助", "县民政局", "A, B；A"]], titles)
    catalog = catalog_from_xlsx(data, file="t.xlsx")
    assert catalog.proofs[1].basis == ""
    assert catalog.proofs[1].shared_source == "人口库"
    assert [i.requires for i in catalog.items] == [("A", "B"), ("A", "B")]


def test_an_undefined_id_in_the_template_names_sheet_row_and_column() -> None:
    data = _fill(catalog_template_xlsx(), [["A", "甲证明", "县公安局", "", "《甲》", ""]],
                 [["S1", "低保申请", "县民政局", "A"], ["S2", "救助", "县民政局", "Z"]])
    with pytest.raises(InputError) as exc:
        catalog_from_xlsx(data, file="t.xlsx")
    assert (exc.value.sheet, exc.value.row, exc.value.column) == ("items", 3, "所需证明")
    assert "事项“S2”" in str(exc.value) and "“Z”" in str(exc.value)


def test_a_template_without_the_items_sheet_is_refused() -> None:
    wb = load_workbook(io.BytesIO(catalog_template_xlsx()))
    del wb["items"]
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(InputError, match="找不到工作表“items”"):
        catalog_from_xlsx(buf.getvalue(), file="t.xlsx")


def test_a_bad_shared_source_in_the_template_names_its_cell() -> None:
    data = _fill(catalog_template_xlsx(), [["A", "甲证明", "县公安局", "", "《甲》", "档案库"]], [])
    with pytest.raises(InputError) as exc:
        catalog_from_xlsx(data, file="t.xlsx")
    assert (exc.value.sheet, exc.value.row, exc.value.column) == ("proofs", 2, "共享数据源")
