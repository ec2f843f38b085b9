"""Push endpoints: a queue machine, phone system or rating terminal sends its rows daily.

    POST /halldata/api/v1/tickets   {"rows": [{ticket fields}, ...]}
    POST /halldata/api/v1/calls     {"rows": [{call fields}, ...]}
    POST /halldata/api/v1/ratings   {"rows": [{rating fields}, ...]}
    Authorization: Bearer <token>   (a token made by the service centre for that kind of data)

Rows are checked exactly as an uploaded file is (an error names the row index and the field) and
stored all or nothing, replacing what they overlap; then the scope is re-analysed. The OpenAPI
description is served at /halldata/api/v1/openapi.json, and shown to the service centre's staff
at /halldata/api/v1/docs/.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.security import HttpBearer

from analysis.common import InputError
from wicket.orgs import access
from wicket.orgs.models import Role

from . import services
from .models import Kind

# Shown to the vendors who connect a queue machine, phone system or rating terminal: Chinese, like the UI.
# (An API description is served once per process, before any request language, so it is plain text here.)
DESCRIPTION = """叫号机、话务系统、评价器每天把当天的记录推送到下列接口：

    POST /halldata/api/v1/tickets   {"rows": [{排队叫号记录}, ...]}
    POST /halldata/api/v1/calls     {"rows": [{咨询电话记录}, ...]}
    POST /halldata/api/v1/ratings   {"rows": [{好差评记录}, ...]}
    请求头 Authorization: Bearer <令牌>（政务服务中心在"推送令牌"页为每类数据生成）

每一行按与上传文件相同的规则检查（出错时指明第几行、哪个字段），整批要么全部保存、要么一条不存；
与已有记录时间重叠的部分以新推送的为准，不会重复计算；保存后自动重新分析该大厅或单位的数据。
"""

MAX_ROWS = 100_000
TIME = Field(..., min_length=1, max_length=40, description="本地时间 YYYY-MM-DD HH:MM:SS")
OPT_TIME = Field(None, max_length=40, description="本地时间 YYYY-MM-DD HH:MM:SS，可为空")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return services.token_authenticate(token)


api = NinjaAPI(title="Wicket 大厅数据推送接口", version="1", urls_namespace="halldata:api", docs_url=None, auth=TokenAuth(),
               description=DESCRIPTION)


class TicketRow(Schema):
    ticket_id: str = Field(..., min_length=1, max_length=64, description="票号")
    hall: str = Field(..., min_length=1, max_length=100, description="大厅（登记的大厅名称）")
    issued_at: str = TIME
    called_at: str | None = OPT_TIME
    started_at: str | None = OPT_TIME
    finished_at: str | None = OPT_TIME
    window: str | None = Field(None, max_length=100, description="窗口")
    item: str = Field(..., min_length=1, max_length=200, description="事项")
    holder: str | None = Field(None, max_length=100, description="取号人（化名编号）")
    channel: str | None = Field(None, max_length=20, description="onsite 现场 / appointment 预约 / priority 绿色通道")
    queue: str | None = Field(None, max_length=200, description="队列，默认为事项")
    status: str = Field(..., min_length=1, max_length=20,
                        description="served 已办理 / no_show 过号 / unserved 未叫号 / cancelled 已取消")


class CallRow(Schema):
    call_id: str = Field(..., min_length=1, max_length=64, description="通话编号")
    line: str = Field(..., min_length=1, max_length=50, description="号码")
    unit: str = Field(..., min_length=1, max_length=100, description="单位")
    started_at: str = TIME
    answered: int | None = Field(None, ge=0, le=1, description="是否接听 1/0")
    ring_seconds: int | None = Field(None, ge=0, le=86400, description="振铃秒数")
    talk_seconds: int | None = Field(None, ge=0, le=86400, description="通话秒数")
    outcome: str | None = Field(None, max_length=20,
                                description="answered / no_answer / busy / invalid_number / hung_up / wrong_unit")


class RatingRow(Schema):
    rating_id: str = Field(..., min_length=1, max_length=64, description="评价编号")
    unit: str = Field(..., min_length=1, max_length=100, description="单位")
    window: str | None = Field(None, max_length=100)
    item: str | None = Field(None, max_length=200)
    staff: str | None = Field(None, max_length=50)
    channel: str | None = Field(None, max_length=50)
    rated_at: str = TIME
    level: int = Field(..., ge=1, le=5, description="5 非常满意 … 1 非常不满意")
    comment: str | None = Field(None, max_length=2000)
    handled_at: str | None = OPT_TIME


class TicketsIn(Schema):
    rows: list[TicketRow] = Field(..., min_length=1, max_length=MAX_ROWS)


class CallsIn(Schema):
    rows: list[CallRow] = Field(..., min_length=1, max_length=MAX_ROWS)


class RatingsIn(Schema):
    rows: list[RatingRow] = Field(..., min_length=1, max_length=MAX_ROWS)


class PushOut(Schema):
    upload_id: int
    kind: str
    rows: int
    replaced: int
    first: str | None
    last: str | None
    problems: str = Field(..., description="送入问题清单的结果")


class Message(Schema):
    detail: str


class RowError(Schema):
    detail: str | list[dict[str, Any]]
    index: int | None = Field(None, description="出错的记录在 rows 中的位置（从 0 开始）")
    field: str | None = Field(None, description="出错的字段")


RESPONSES = {200: PushOut, 401: Message, 403: Message, 422: RowError}


def _push(request, kind: str, rows: Sequence[Schema]):
    try:
        upload = services.push_rows(kind=kind, rows=[r.dict() for r in rows], token=request.auth)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "forbidden"})
    except InputError as exc:
        return Status(422, {"detail": exc.message, "index": None if exc.row is None else exc.row - 2,
                            "field": exc.column})
    return Status(200, {"upload_id": upload.pk, "kind": kind, "rows": upload.row_count, "replaced": upload.replaced_count,
                 "first": upload.summary.get("first"), "last": upload.summary.get("last"), "problems": upload.result})


@api.post("/tickets", response=RESPONSES, summary="推送排队叫号记录", operation_id="push_tickets")
def push_tickets(request, body: TicketsIn):
    return _push(request, Kind.TICKETS, body.rows)


@api.post("/calls", response=RESPONSES, summary="推送咨询电话记录", operation_id="push_calls")
def push_calls(request, body: CallsIn):
    return _push(request, Kind.CALLS, body.rows)


@api.post("/ratings", response=RESPONSES, summary="推送好差评记录", operation_id="push_ratings")
def push_ratings(request, body: RatingsIn):
    return _push(request, Kind.RATINGS, body.rows)


def docs_view(request):
    """The API described for people (Swagger UI, vendored: the CSP allows no CDN and no inline script)."""
    access.require_role(request.user, Role.CENTER_STAFF)
    return render(request, "halldata/api_docs.html", {"openapi_url": reverse("halldata:api:openapi-json")})


def urls():
    """The API's URLs, reachable without a session (the token is the login), and its docs page (with one)."""
    patterns, app_name, namespace = api.urls
    for p in patterns:
        p.callback.login_required = False
    return [*patterns, path("docs/", docs_view, name="docs")], app_name, namespace
