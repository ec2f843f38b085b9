"""Dead links in guides (二.(一)2 网上办事入口不好找): every URL a guide publishes — the online entry,
each material's blank form and sample — is fetched once and judged.

dead_link (1.2)                     a 4xx/5xx answer, no answer (refused, unknown host), a timeout, or a
                                    redirect to the site's home page or to a login page
form_link_not_a_document (1.1)      a blank form or sample link that serves a web page (HTML), not a
                                    document (PDF, Word, Excel, WPS, OFD, an image …)
form_differs_across_sources (1.2)   the same item's material, with the same name, links to different files
                                    (different content) on two sources — not 同源发布

Pure Python (urllib, threads, sqlite3). Concurrency is bounded per host and in all; each fetch has a
timeout and a byte limit; results are kept in a cache the caller passes in (SqliteLinkCache: one day),
so re-checking a county's guides the same day asks no server twice. `progress(done, total)` is called
after each URL, from the calling thread, so a background job can show a progress bar.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlsplit, urlunsplit

from .model import Guide, GuideFinding, light_norm
from .rules.base import make, material_key
from .rules.sources import group_items

DAY = 24 * 3600.0
DEFAULT_TIMEOUT = 10.0
MAX_BYTES = 8 * 1024 * 1024  # enough to fingerprint a form; a bigger file is hashed on its first 8 MiB
USER_AGENT = "Mozilla/5.0 (compatible; Wicket link check)"


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One URL as a guide publishes it."""

    guide_index: int
    field: str  # "online_url" | "blank_form" | "sample"
    where: str  # "online_url", "materials[2].blank_form"
    where_key: str  # the same, with the material named by name (stable fingerprints)
    url: str
    material: str = ""


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What fetching one URL found (this is what the cache keeps)."""

    url: str
    checked_at: float
    status: int | None = None  # HTTP status of the last answer; None when there was none
    final_url: str = ""
    content_type: str = ""
    problem: str = ""  # "" | unreachable | timeout | http_error | redirect_home | redirect_login
    is_document: bool = False
    is_html: bool = False
    digest: str = ""  # sha256 of the body (first MAX_BYTES) when it is a document
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LinkCache(Protocol):
    def get(self, url: str, *, now: float) -> LinkResult | None: ...

    def put(self, result: LinkResult) -> None: ...


class MemoryLinkCache:
    """A cache for one process (tests, one CLI run without a cache file)."""

    def __init__(self, ttl: float = DAY) -> None:
        self.ttl = ttl
        self._data: dict[str, LinkResult] = {}

    def get(self, url: str, *, now: float) -> LinkResult | None:
        r = self._data.get(url)
        return r if r is not None and now - r.checked_at < self.ttl else None

    def put(self, result: LinkResult) -> None:
        self._data[result.url] = result


class SqliteLinkCache:
    """Results kept in one small SQLite file for `ttl` seconds (a day by default)."""

    def __init__(self, path: str | Path, ttl: float = DAY) -> None:
        self.ttl = ttl
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute("CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, checked_at REAL, result TEXT)")
        self._db.commit()

    def get(self, url: str, *, now: float) -> LinkResult | None:
        row = self._db.execute("SELECT checked_at, result FROM links WHERE url = ?", (url,)).fetchone()
        if row is None or now - row[0] >= self.ttl:
            return None
        return LinkResult(**json.loads(row[1]))

    def put(self, result: LinkResult) -> None:
        self._db.execute("INSERT OR REPLACE INTO links (url, checked_at, result) VALUES (?, ?, ?)",
                         (result.url, result.checked_at, json.dumps(result.to_dict(), ensure_ascii=False)))
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def is_url(text: str) -> bool:
    t = text.strip().lower()
    return t.startswith(("http://", "https://")) and len(t) > 10 and " " not in t


def collect_links(guides: Sequence[Guide]) -> list[LinkRef]:
    """Every URL the guides publish, in guide order (a file name such as “申请表.docx” is no URL)."""
    out = []
    for i, g in enumerate(guides):
        if is_url(g.online_url):
            out.append(LinkRef(i, "online_url", "online_url", "online_url", g.online_url.strip()))
        for j, m in enumerate(g.materials):
            for field in ("blank_form", "sample"):
                value: str = getattr(m, field)
                if is_url(value):
                    out.append(LinkRef(i, field, f"materials[{j}].{field}", f"{material_key(g, j)}.{field}",
                                       value.strip(), m.name))
    return out


# ---------------------------------------------------------------- fetching

_HOME_PATHS = frozenset({"", "/", "/index", "/home", "/portal", "/main"})
_HOME_FILES = ("/index.", "/default.", "/home.", "/main.", "/portal/index.")
_LOGIN_SEGMENTS = frozenset({"login", "logon", "signin", "sign_in", "sign-in", "sso", "cas", "passport", "auth",
                             "oauth", "oauth2", "denglu", "userlogin", "user_login", "memberlogin", "uc"})
_DOCUMENT_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"\xff\xd8\xff", b"\x89PNG", b"GIF8",
                   b"II*\x00", b"MM\x00*")
_DOCUMENT_TYPES = ("application/pdf", "application/msword", "application/vnd.", "application/zip",
                   "application/x-zip", "application/ofd", "application/wps", "application/x-ofd", "image/",
                   "application/rtf", "application/octet-stream")


def _is_home(path: str) -> bool:
    p = path.rstrip("/").lower()
    return p in _HOME_PATHS or any(p.startswith(h) and p.count("/") <= 2 for h in _HOME_FILES)


def _is_login(url: str) -> bool:
    """A login page: a path segment such as /login, /sso/, /cas/login, login.jsp, userLogin.do."""
    parts = urlsplit(url.lower())
    return any(seg.split(".")[0] in _LOGIN_SEGMENTS for seg in parts.path.split("/"))


def as_uri(url: str) -> str:
    """A URL as guides write it (Chinese in the path, a Chinese host) as a server takes it."""
    parts = urlsplit(url.strip())
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%:@!$&'()*+,;=~-._"),
                       quote(parts.query, safe="=&%/:+,;@!$'()*?~-._"), ""))


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 6


_OPENER = urllib.request.build_opener(_Redirects())


def fetch_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES,
              now: float | None = None) -> LinkResult:
    """GET the URL (following redirects), read at most `max_bytes` within `timeout` seconds in all,
    and say what it is. Never raises for what a server does."""
    checked = time.time() if now is None else now
    start = time.monotonic()
    try:
        req = urllib.request.Request(as_uri(url), headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        with _OPENER.open(req, timeout=timeout) as resp:
            status = resp.status
            final = resp.geturl()
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            digest = hashlib.sha256()
            head = b""
            read = 0
            while read < max_bytes:
                if time.monotonic() - start > timeout:
                    return LinkResult(url, checked, status, final, ctype, "timeout", detail=f"{timeout:g} 秒内未传完")
                chunk = resp.read(min(65536, max_bytes - read))
                if not chunk:
                    break
                if read < 1024:
                    head += chunk[: 1024 - read]
                digest.update(chunk)
                read += len(chunk)
    except urllib.error.HTTPError as exc:
        final = exc.geturl() or url
        return LinkResult(url, checked, exc.code, final, "", "http_error", detail=f"HTTP {exc.code}")
    except TimeoutError:
        return LinkResult(url, checked, None, url, "", "timeout", detail=f"{timeout:g} 秒内无响应")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return LinkResult(url, checked, None, url, "", "timeout", detail=f"{timeout:g} 秒内无响应")
        return LinkResult(url, checked, None, url, "", "unreachable", detail=str(reason)[:200])
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL or answer
        return LinkResult(url, checked, None, url, "", "unreachable", detail=str(exc)[:200])
    stripped = head.lstrip().lower()
    is_html = ctype in ("text/html", "application/xhtml+xml") or stripped.startswith((b"<!doctype html", b"<html"))
    is_document = not is_html and (head.startswith(_DOCUMENT_MAGIC) or ctype.startswith(_DOCUMENT_TYPES))
    problem = ""
    if status >= 400:
        problem = "http_error"
    elif final != req.full_url:
        before, after = urlsplit(req.full_url), urlsplit(final)
        if _is_login(final) and not _is_login(req.full_url):
            problem = "redirect_login"
        elif _is_home(after.path) and not _is_home(before.path):
            problem = "redirect_home"
    return LinkResult(url, checked, status, final, ctype, problem, is_document, is_html,
                      digest.hexdigest() if is_document else "", f"HTTP {status}")


Fetch = Callable[[str], LinkResult]
Progress = Callable[[int, int], None]


def fetch_all(urls: Sequence[str], *, fetch: Fetch, cache: LinkCache | None = None, per_host: int = 2,
              workers: int = 8, progress: Progress | None = None, now: float | None = None) -> dict[str, LinkResult]:
    """Every URL's result: from the cache when it is younger than the cache's lifetime, else fetched —
    at most `per_host` at a time on one host and `workers` in all."""
    stamp = time.time() if now is None else now
    unique = list(dict.fromkeys(urls))
    results: dict[str, LinkResult] = {}
    todo = []
    for url in unique:
        hit = cache.get(url, now=stamp) if cache is not None else None
        if hit is not None:
            results[url] = hit
        else:
            todo.append(url)
    total = len(unique)
    done = len(results)
    if progress is not None:
        progress(done, total)
    if not todo:
        return results
    gates: dict[str, threading.Semaphore] = {}
    for url in todo:
        gates.setdefault(urlsplit(url).netloc.lower(), threading.Semaphore(max(1, per_host)))

    def one(url: str) -> LinkResult:
        with gates[urlsplit(url).netloc.lower()]:
            return fetch(url)

    # Hand out URLs host by host in turn, so one slow host does not hold every worker.
    by_host: dict[str, list[str]] = {}
    for url in todo:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    order: list[str] = []
    while any(by_host.values()):
        for queue in by_host.values():
            if queue:
                order.append(queue.pop(0))
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="links") as pool:
        pending: dict[Future[LinkResult], str] = {}
        upcoming = iter(order)
        for url in upcoming:
            pending[pool.submit(one, url)] = url
            if len(pending) >= workers * 2:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                url = pending.pop(fut)
                result = fut.result()
                results[url] = result
                if cache is not None:
                    cache.put(result)
                done += 1
                if progress is not None:
                    progress(done, total)
                nxt = next(upcoming, None)
                if nxt is not None:
                    pending[pool.submit(one, nxt)] = nxt
    return results


# ---------------------------------------------------------------- findings

_FIELD_LABELS = {"online_url": "网上办理地址", "blank_form": "空白表格", "sample": "示范文本"}
_PROBLEM_TEXT = {
    "unreachable": "无法打开（网站无响应或地址不存在）",
    "timeout": "长时间打不开（超时）",
    "http_error": "打开后报错",
    "redirect_home": "被跳转到网站首页，找不到原来的内容",
    "redirect_login": "被跳转到登录页面，不登录看不到",
}


def _label(ref: LinkRef) -> str:
    return _FIELD_LABELS[ref.field] if ref.field == "online_url" else f"申请材料“{ref.material}”的{_FIELD_LABELS[ref.field]}"


def link_findings(guides: Sequence[Guide], refs: Sequence[LinkRef], results: dict[str, LinkResult]) -> list[GuideFinding]:
    """dead_link / form_link_not_a_document per published URL, then form_differs_across_sources."""
    out: list[GuideFinding] = []
    for ref in refs:
        r = results.get(ref.url)
        if r is None:
            continue
        g = guides[ref.guide_index]
        facts = {"context": ref.url, "start": 0, "end": len(ref.url), "url": ref.url, "status": r.status,
                 "final_url": r.final_url, "problem": r.problem, "detail": r.detail}
        if r.problem:
            what = _PROBLEM_TEXT[r.problem] + (f"（{r.detail}）" if r.problem == "http_error" else "")
            out.append(make(
                g, ref.guide_index, "dead_link", where=ref.where, where_key=ref.where_key, text=ref.url,
                message=f"{_label(ref)}链接“{ref.url}”{what}。请更新为能直接打开的有效链接。",
                evidence=facts, extra_key=(ref.url,),
            ))
        elif ref.field != "online_url" and not r.is_document and r.is_html:
            out.append(make(
                g, ref.guide_index, "form_link_not_a_document", where=ref.where, where_key=ref.where_key,
                text=ref.url,
                message=f"{_label(ref)}链接“{ref.url}”打开的是一个网页，不是可下载的表格文件。"
                        "请链接到可直接下载的文件（Word、Excel、PDF 等）。",
                evidence={**facts, "content_type": r.content_type}, extra_key=(ref.url,),
            ))
    out.extend(_differing_forms(guides, refs, results))
    out.sort(key=lambda f: f.guide_index)
    return out


def _differing_forms(guides: Sequence[Guide], refs: Sequence[LinkRef],
                     results: dict[str, LinkResult]) -> list[GuideFinding]:
    """The same item's same-named form linking to files with different content on two sources."""
    forms: dict[int, list[LinkRef]] = {}
    for ref in refs:
        if ref.field == "blank_form":
            forms.setdefault(ref.guide_index, []).append(ref)
    out = []
    for ix in group_items(guides):
        by_name: dict[str, dict[str, tuple[int, LinkRef, LinkResult]]] = {}
        for i in ix:
            for ref in forms.get(i, ()):
                r = results.get(ref.url)
                if r is None or r.problem or not r.is_document or not r.digest:
                    continue
                by_name.setdefault(light_norm(ref.material), {}).setdefault(guides[i].source, (i, ref, r))
        for per_source in by_name.values():
            if len(per_source) < 2 or len({r.digest for _, _, r in per_source.values()}) < 2:
                continue
            sources = sorted(per_source)
            first_i, first_ref, _ = per_source[sources[0]]
            g = guides[first_i]
            listing = "；".join(f"{s or '（未注明来源）'}：{per_source[s][1].url}" for s in sources)
            out.append(make(
                g, first_i, "form_differs_across_sources", where=first_ref.where,
                where_key=f"materials「{first_ref.material}」.blank_form", text=first_ref.material,
                message=f"同一事项的“{first_ref.material}”在{len(sources)}个渠道链接到内容不同的文件（{listing}）。"
                        "请各渠道使用同一份表格（同源发布）。",
                evidence={"context": listing, "sources": sources,
                          "urls": {s: per_source[s][1].url for s in sources},
                          "digests": {s: per_source[s][2].digest for s in sources},
                          "guides": [per_source[s][0] for s in sources]},
                extra_key=("across_sources",),
            ))
    return out


def check_links(guides: Sequence[Guide], *, cache: LinkCache | None = None, fetch: Fetch | None = None,
                timeout: float = DEFAULT_TIMEOUT, per_host: int = 2, workers: int = 8,
                progress: Progress | None = None, now: float | None = None) -> list[GuideFinding]:
    """Fetch every URL the guides publish and return the link findings (see the module docstring)."""
    refs = collect_links(guides)
    if fetch is None:
        def fetch(url: str) -> LinkResult:
            return fetch_url(url, timeout=timeout, now=now)
    results = fetch_all([r.url for r in refs], fetch=fetch, cache=cache, per_host=per_host, workers=workers,
                        progress=progress, now=now)
    return link_findings(guides, refs, results)
