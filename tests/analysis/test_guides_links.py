"""Dead links (二.(一)2): every URL in the guides is fetched from a local HTTP server — never the internet."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from analysis.guides import load_guides
from analysis.guides.cli import main
from analysis.guides.links import MemoryLinkCache, SqliteLinkCache, check_links, collect_links, fetch_url
from tests.analysis.guides_support import raw

DOCX = b"PK\x03\x04" + b"\x14\x00" * 40  # a zip container, as every .docx/.xlsx is
DOCX_OTHER = b"PK\x03\x04" + b"\x15\x00" * 40
PDF = b"%PDF-1.7\n" + b"0" * 100
HTML = b"<!DOCTYPE html><html><head><title>\xe8\xa1\xa8\xe6\xa0\xbc\xe4\xb8\x8b\xe8\xbd\xbd</title></head></html>"


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60  # .doc / .xls
# path -> (status, content type, body, Location)
ROUTES: dict[str, tuple[int, str, bytes, str]] = {
    "/s/410": (410, "text/html", b"gone", ""),
    "/s/403": (403, "text/html", b"forbidden", ""),
    "/s/502": (502, "text/html", b"bad gateway", ""),
    "/s/503": (503, "text/html", b"busy", ""),
    "/r/home-slash": (302, "text/html", b"", "/"),
    "/r/home-jsp": (301, "text/html", b"", "/index.jsp"),
    "/r/portal": (302, "text/html", b"", "/portal/"),
    "/r/to-a": (302, "text/html", b"", "/sso/login?service=/x"),
    "/r/to-b": (302, "text/html", b"", "/cas/login"),
    "/r/to-c": (302, "text/html", b"", "/user/userLogin.do"),
    "/r/section": (302, "text/html", b"", "/bsznt/index.html"),
    "/r/file": (302, "text/html", b"", "/files/form.pdf"),
    "/index.jsp": (200, "text/html", HTML, ""),
    "/portal/": (200, "text/html", HTML, ""),
    "/sso/login": (200, "text/html", HTML, ""),
    "/cas/login": (200, "text/html", HTML, ""),
    "/user/userLogin.do": (200, "text/html", HTML, ""),
    "/bsznt/index.html": (200, "text/html", HTML, ""),
    "/files/form.pdf": (200, "application/pdf", PDF, ""),
    "/login": (200, "text/html", HTML, ""),
    # what a form link serves
    "/f/html": (200, "text/html; charset=utf-8", HTML, ""),
    "/f/html-as-octet": (200, "application/octet-stream", HTML, ""),
    "/f/xhtml": (200, "application/xhtml+xml", b"<html xmlns='x'></html>", ""),
    "/f/bare-html": (200, "", b"<html><body>\xe4\xb8\x8b\xe8\xbd\xbd</body></html>", ""),
    "/f/html-pdf-name.pdf": (200, "text/html", HTML, ""),
    "/f/preview": (200, "text/html;charset=gbk", b"<!DOCTYPE html><html></html>", ""),
    "/f/upper": (200, "TEXT/HTML", b"<!DOCTYPE HTML><HTML></HTML>", ""),
    "/f/spaces": (200, "text/plain", b"\n\n  <!doctype html><html></html>", ""),
    "/f/iframe": (200, "text/html", b"<html><iframe src='/files/form.pdf'></iframe></html>", ""),
    "/f/redirected-html": (302, "text/html", b"", "/f/html"),
    "/f/pdf": (200, "application/pdf", PDF, ""),
    "/f/docx": (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX, ""),
    "/f/doc": (200, "application/msword", OLE, ""),
    "/f/xls": (200, "application/vnd.ms-excel", OLE, ""),
    "/f/xlsx-octet": (200, "application/octet-stream", DOCX, ""),
    "/f/png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 40, ""),
    "/f/jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + b"0" * 40, ""),
    "/f/rtf": (200, "application/rtf", b"{\\rtf1\\ansi hello}", ""),
    "/f/wps": (200, "application/octet-stream", OLE, ""),
    "/f/ofd": (200, "application/ofd", DOCX, ""),
}


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    active: dict[str, int] = {}
    peak = 0
    lock = threading.Lock()

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html", location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        with Handler.lock:
            Handler.hits[path] = Handler.hits.get(path, 0) + 1
            Handler.active[path] = Handler.active.get(path, 0) + 1
            Handler.peak = max(Handler.peak, sum(v for k, v in Handler.active.items() if k != "/done"))
        try:
            self._route(path)
        finally:
            with Handler.lock:
                if Handler.active.get("/done"):
                    Handler.active["/done"] -= 1
                else:
                    Handler.active[path] -= 1

    def _route(self, path: str) -> None:
        if path in ROUTES:
            status, ctype, body, location = ROUTES[path]
            self._send(status, body, ctype, location)
        elif path in ("/", "/index.html"):
            self._send(200, HTML)
        elif path == "/login":
            self._send(200, HTML)
        elif path.startswith("/forms/") and path.endswith(".docx"):
            self._send(200, DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif path == "/other/form.docx":
            self._send(200, DOCX_OTHER, "application/octet-stream")
        elif path.startswith("/samples/") and path.endswith(".pdf"):
            self._send(200, PDF, "application/pdf")
        elif path == "/item/online":
            self._send(200, HTML)
        elif path == "/page-form.docx":  # a form link that serves a web page
            self._send(200, HTML, "text/html; charset=utf-8")
        elif path == "/moved":
            self._send(302, location="/index.html")
        elif path == "/needs-login":
            self._send(302, location="/login?next=/needs-login")
        elif path == "/renamed.docx":
            self._send(301, location="/forms/new.docx")
        elif path == "/error":
            self._send(500, b"oops")
        elif path.startswith("/slow"):
            time.sleep(1.5)
            self._send(200, DOCX, "application/octet-stream")
        elif path.startswith("/host/"):
            time.sleep(0.2)
            with Handler.lock:  # done before the answer goes out: the client may ask again at once
                Handler.active[path] -= 1
                Handler.active["/done"] = Handler.active.get("/done", 0) + 1
            self._send(200, DOCX, "application/octet-stream")
        else:
            self._send(404, b"not found")


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits, Handler.active, Handler.peak = {}, {}, 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _guide(base: str, *, online: str = "/item/online", form: str = "/forms/a.docx", sample: str = "/samples/a.pdf",
           **changes: Any) -> dict[str, Any]:
    d = raw(online_url=base + online, **changes)
    d["materials"][0]["blank_form"] = base + form
    d["materials"][0]["sample"] = base + sample
    return d


def _check(*guides: dict[str, Any], **kw: Any) -> list[Any]:
    loaded = load_guides(json.dumps(list(guides), ensure_ascii=False).encode(), file="g.json")
    return check_links(loaded, timeout=kw.pop("timeout", 1.0), **kw)


def test_working_links_give_no_finding(server: str) -> None:
    assert _check(_guide(server)) == []


@pytest.mark.parametrize(("field", "path", "problem", "words"), [
    ("online", "/gone", "http_error", "打开后报错（HTTP 404）"),
    ("online", "/error", "http_error", "HTTP 500"),
    ("online", "/moved", "redirect_home", "跳转到网站首页"),
    ("online", "/needs-login", "redirect_login", "跳转到登录页面"),
    ("form", "/forms/missing.pdf", "http_error", "HTTP 404"),
    ("sample", "/slow/sample.pdf", "timeout", "超时"),
])
def test_it_reports_a_dead_link(server: str, field: str, path: str, problem: str, words: str) -> None:
    [f] = _check(_guide(server, **{field: path}))
    assert (f.kind, f.checklist, f.evidence["problem"]) == ("dead_link", "1.2", problem)
    assert f.text == server + path and words in f.message
    assert f.where == {"online": "online_url", "form": "materials[0].blank_form", "sample": "materials[0].sample"}[field]


def test_an_unreachable_host_is_a_dead_link(server: str) -> None:
    [f] = _check(_guide(server, online="").__or__({"online_url": "http://127.0.0.1:9/nothing-listens-here"}))
    assert (f.kind, f.evidence["problem"]) == ("dead_link", "unreachable")


def test_a_form_link_serving_a_web_page_is_not_a_document(server: str) -> None:
    [f] = _check(_guide(server, form="/page-form.docx"))
    assert (f.kind, f.checklist, f.where) == ("form_link_not_a_document", "1.1", "materials[0].blank_form")
    assert "网页" in f.message and f.evidence["content_type"] == "text/html"


def test_a_link_written_with_chinese_characters_is_fetched(server: str) -> None:
    assert _check(_guide(server, form="/forms/申请表.docx")) == []
    assert "/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx" in Handler.hits


def test_a_redirect_to_another_file_is_fine(server: str) -> None:
    assert _check(_guide(server, form="/renamed.docx")) == []


def test_the_online_entry_may_be_a_web_page(server: str) -> None:
    assert _check(_guide(server, online="/item/online")) == []


def test_the_same_form_linking_to_different_files_on_two_sources(server: str) -> None:
    county = _guide(server, form="/forms/a.docx")
    province = _guide(server, form="/other/form.docx", source="省政务服务网")
    same = _guide(server, form="/forms/b.docx", source="市政务服务网")  # another URL, the same file
    [f] = _check(county, province, same)
    assert (f.kind, f.checklist, f.text) == ("form_differs_across_sources", "1.2", "食品经营许可申请书")
    assert f.evidence["sources"] == ["县政务服务网", "省政务服务网"] or set(f.evidence["sources"]) >= {
        "县政务服务网", "省政务服务网"}
    assert f.evidence["urls"]["省政务服务网"] == server + "/other/form.docx"


def test_each_url_is_fetched_once_and_the_cache_answers_the_next_run(server: str, tmp_path: Path) -> None:
    guides = [_guide(server, code=f"C{i}") for i in range(5)]
    cache = SqliteLinkCache(tmp_path / "links.sqlite3")
    assert _check(*guides, cache=cache) == []
    assert Handler.hits == {"/item/online": 1, "/forms/a.docx": 1, "/samples/a.pdf": 1}
    assert _check(*guides, cache=cache) == []
    assert sum(Handler.hits.values()) == 3  # nothing fetched again within the day
    cache.close()


def test_a_cached_result_older_than_a_day_is_fetched_again(server: str) -> None:
    cache = MemoryLinkCache()
    url = server + "/forms/a.docx"
    cache.put(fetch_url(url, now=time.time() - 2 * 24 * 3600))
    assert cache.get(url, now=time.time()) is None
    assert cache.get(url, now=time.time() - 2 * 24 * 3600 + 60) is not None


def test_concurrency_is_bounded_per_host(server: str) -> None:
    guides = []
    for i in range(8):
        g = _guide(server, code=f"C{i}", online=f"/host/{i}", form=f"/host/f{i}.docx", sample=f"/host/s{i}.pdf")
        guides.append(g)
    assert _check(*guides, per_host=2, workers=8) == []
    assert Handler.peak <= 2


def test_progress_counts_the_urls_done(server: str) -> None:
    seen: list[tuple[int, int]] = []
    _check(_guide(server), _guide(server, code="X", online="/gone"), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_links_that_are_no_urls_are_not_fetched(server: str) -> None:
    d = _guide(server)
    d["materials"][0]["blank_form"] = "食品经营许可申请书.docx"
    d["online_url"] = "请登录省政务服务网搜索"
    loaded = load_guides(json.dumps([d], ensure_ascii=False).encode(), file="g.json")
    assert [r.url for r in collect_links(loaded)] == [server + "/samples/a.pdf"]


def test_the_cli_checks_links_and_exits_1_on_findings(server: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps([_guide(server, online="/gone")], ensure_ascii=False), encoding="utf-8")
    cache = tmp_path / "c.sqlite3"
    assert main(["links", str(path), "--format", "json", "--cache", str(cache), "--timeout", "1"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["links"] == 3 and [f["kind"] for f in out["findings"]] == ["dead_link"]
    assert main(["links", str(path), "--no-cache", "--timeout", "1"]) == 1
    text = capsys.readouterr().out
    assert "链接失效" in text and "共检查链接 3 个" in text
    good = tmp_path / "ok.json"
    good.write_text(json.dumps([_guide(server)], ensure_ascii=False), encoding="utf-8")
    assert main(["links", str(good), "--no-cache"]) == 0


# ---------------------------------------------------------------- precision tables

DEAD = [  # (field, path, problem)
    ("online", "/s/410", "http_error"), ("online", "/s/403", "http_error"), ("form", "/s/502", "http_error"),
    ("sample", "/s/503", "http_error"), ("online", "/r/home-slash", "redirect_home"),
    ("online", "/r/home-jsp", "redirect_home"), ("form", "/r/portal", "redirect_home"),
    ("online", "/r/to-a", "redirect_login"), ("sample", "/r/to-b", "redirect_login"),
    ("online", "/r/to-c", "redirect_login"), ("form", "/nothing/here.docx", "http_error"),
]
ALIVE = [  # (field, path)
    ("online", "/item/online"), ("online", "/r/section"), ("form", "/r/file"), ("form", "/renamed.docx"),
    ("online", "/"), ("online", "/login"), ("online", "/index.jsp"), ("sample", "/f/pdf"), ("form", "/f/docx"),
    ("online", "/bsznt/index.html"), ("form", "/forms/申请表.docx"),
]


@pytest.mark.parametrize(("field", "path", "problem"), DEAD)
def test_dead_link_table(server: str, field: str, path: str, problem: str) -> None:
    [f] = _check(_guide(server, **{field: path}))
    assert (f.kind, f.evidence["problem"]) == ("dead_link", problem)


@pytest.mark.parametrize(("field", "path"), ALIVE)
def test_live_link_table(server: str, field: str, path: str) -> None:
    assert [f for f in _check(_guide(server, **{field: path})) if f.kind == "dead_link"] == []


NOT_DOCUMENTS = [("form", p) for p in ("/f/html", "/f/html-as-octet", "/f/xhtml", "/f/bare-html",
                                       "/f/html-pdf-name.pdf", "/f/preview", "/f/upper", "/f/spaces")] + [
    ("sample", "/f/iframe"), ("sample", "/f/redirected-html"), ("sample", "/f/html")]
DOCUMENTS = [("form", p) for p in ("/f/pdf", "/f/docx", "/f/doc", "/f/xls", "/f/xlsx-octet", "/f/ofd")] + [
    ("sample", p) for p in ("/f/png", "/f/jpg", "/f/rtf", "/f/wps")] + [("online", "/f/html")]


@pytest.mark.parametrize(("field", "path"), NOT_DOCUMENTS)
def test_a_form_or_sample_link_serving_a_web_page(server: str, field: str, path: str) -> None:
    [f] = _check(_guide(server, **{field: path}))
    assert (f.kind, f.where) == ("form_link_not_a_document",
                                 "materials[0].blank_form" if field == "form" else "materials[0].sample")


@pytest.mark.parametrize(("field", "path"), DOCUMENTS)
def test_a_link_serving_a_document_or_an_online_entry_page(server: str, field: str, path: str) -> None:
    assert _check(_guide(server, **{field: path})) == []


def _sites(server: str, *forms: tuple[str, str], **changes: Any) -> list[dict[str, Any]]:
    return [_guide(server, form=path, source=source, **changes) for source, path in forms]


DIFFERING = [
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/other/form.docx")],
    [("县政务服务网", "/f/pdf"), ("省政务服务网", "/f/docx")],
    [("县政务服务网", "/f/doc"), ("部门网站", "/f/pdf")],
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/forms/b.docx"), ("部门网站", "/f/pdf")],
    [("县政务服务网", "/f/png"), ("省政务服务网", "/f/jpg")],
    [("县政务服务网", "/f/xlsx-octet"), ("省政务服务网", "/f/doc")],
    [("省政务服务网", "/f/rtf"), ("县政务服务网", "/f/pdf")],
    [("县政务服务网", "/r/file"), ("省政务服务网", "/forms/a.docx")],
    [("", "/forms/a.docx"), ("省政务服务网", "/other/form.docx")],
    [("县政务服务网", "/f/ofd"), ("省政务服务网", "/other/form.docx")],
]
SAME_OR_NOT_COMPARABLE = [
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/forms/b.docx")],  # two URLs, one file
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/forms/a.docx")],
    [("县政务服务网", "/r/file"), ("省政务服务网", "/f/pdf")],  # a redirect to the same file
    [("县政务服务网", "/forms/a.docx"), ("县政务服务网", "/other/form.docx")],  # one source
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/s/404-like")],  # one link dead: reported as such
    [("县政务服务网", "/forms/a.docx"), ("省政务服务网", "/f/html")],  # a web page: reported as such
    [("县政务服务网", "/f/doc"), ("省政务服务网", "/f/wps")],  # the same bytes
    [("县政务服务网", "/f/docx"), ("省政务服务网", "/f/ofd")],  # the same bytes
    [("县政务服务网", "/forms/x.docx")],  # one source only
    [("县政务服务网", "/f/pdf"), ("省政务服务网", "/files/form.pdf")],
]


@pytest.mark.parametrize("forms", DIFFERING)
def test_the_same_form_with_different_files_on_two_sources(server: str, forms: list[tuple[str, str]]) -> None:
    found = [f for f in _check(*_sites(server, *forms)) if f.kind == "form_differs_across_sources"]
    [f] = found
    assert f.checklist == "1.2" and len(f.evidence["sources"]) >= 2


@pytest.mark.parametrize("forms", SAME_OR_NOT_COMPARABLE)
def test_the_same_file_or_nothing_to_compare(server: str, forms: list[tuple[str, str]]) -> None:
    assert [f for f in _check(*_sites(server, *forms)) if f.kind == "form_differs_across_sources"] == []


def test_different_items_may_link_different_forms(server: str) -> None:
    a = _guide(server, form="/forms/a.docx")
    b = _guide(server, form="/other/form.docx", source="省政务服务网", code="OTHER", name="药品零售许可")
    assert _check(a, b) == []
