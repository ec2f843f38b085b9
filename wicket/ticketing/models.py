"""Queue ticketing (取号叫号) for a registered hall: its queues, windows, device links and agents (the
setup), the live tickets and appointments, the counters that number and limit them, and the
append-only event log that says who did what to which ticket and why.

A ticket is numbered per hall, day and queue prefix (A001, A002 …). Its `day` is the working day it
is valid for: a ticket still waiting at closing keeps its number and moves to the next working day
(`carried`), where it is called first. What the hall data dashboards read is built from these
tickets by `services/mirror.py`, in the form of an uploaded ticket log.
"""

from __future__ import annotations

import datetime as dt
import string

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PREFIXES = list(string.ascii_uppercase)


class TicketingHall(models.Model):
    """A registry hall that issues its tickets with Wicket."""

    hall = models.OneToOneField("registry.Hall", verbose_name=_("大厅"), on_delete=models.PROTECT,
                                related_name="ticketing")
    enabled = models.BooleanField(_("启用取号"), default=True)
    am_open = models.TimeField(_("上午开始"))
    am_close = models.TimeField(_("上午结束"))
    pm_open = models.TimeField(_("下午开始"), null=True, blank=True)
    pm_close = models.TimeField(_("下午结束"), null=True, blank=True)
    target_minutes = models.PositiveSmallIntegerField(_("等候目标（分钟）"), default=30,
                                                      help_text=_("预计等候超过此时长时提醒增开窗口"))
    daily_cap = models.PositiveSmallIntegerField(_("每人每天取号上限"), default=3,
                                                 help_text=_("按身份证号或手机号计；登记的代办员不受限"))
    closed_through = models.DateField(null=True, blank=True)  # the last day whose closing (carry-over) is done
    synced_through = models.DateField(null=True, blank=True)  # the last day mirrored into the hall data
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["closed_through", "synced_through"])

    class Meta:
        verbose_name = _("大厅取号设置")
        verbose_name_plural = _("大厅取号设置")
        constraints = [
            models.CheckConstraint(condition=Q(am_open__lt=F("am_close")), name="ticketing_am_open_before_close"),
            models.CheckConstraint(
                condition=(Q(pm_open__isnull=True) & Q(pm_close__isnull=True))
                | (Q(pm_open__lt=F("pm_close")) & Q(pm_open__gte=F("am_close"))),
                name="ticketing_pm_after_am"),
        ]

    def __str__(self) -> str:
        return str(self.hall)

    @property
    def sessions(self) -> list[tuple[str, dt.time, dt.time]]:
        """The half-days: ("am", open, close) and, if set, ("pm", open, close)."""
        out = [("am", self.am_open, self.am_close)]
        if self.pm_open and self.pm_close:
            out.append(("pm", self.pm_open, self.pm_close))
        return out

    @property
    def closing(self) -> dt.time:
        return self.pm_close or self.am_close


class Queue(models.Model):
    """A business type (业务类型): a letter prefix, the items it serves, its appointment slots."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="queues")
    name = models.CharField(_("业务类型"), max_length=50)
    prefix = models.CharField(_("号码字头"), max_length=1, choices=[(p, p) for p in PREFIXES])
    items = models.TextField(_("办理事项"), help_text=_("每行一个事项，群众取号时按事项选择"))
    service_minutes = models.PositiveSmallIntegerField(
        _("每件估计办理分钟"), default=10, help_text=_("当天办结件数不足时，用于估计等候时间"))
    slot_minutes = models.PositiveSmallIntegerField(_("预约时段长度（分钟）"), default=30)
    am_slot_limit = models.PositiveSmallIntegerField(_("上午每时段预约名额"), default=0,
                                                     help_text=_("0 表示上午不接受预约"))
    pm_slot_limit = models.PositiveSmallIntegerField(_("下午每时段预约名额"), default=0,
                                                     help_text=_("0 表示下午不接受预约"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hall", "order", "prefix"]
        verbose_name = _("业务类型")
        verbose_name_plural = _("业务类型")
        constraints = [
            models.UniqueConstraint(fields=["hall", "prefix"], name="ticketing_queue_unique_prefix"),
            models.UniqueConstraint(fields=["hall", "name"], name="ticketing_queue_unique_name"),
            models.CheckConstraint(condition=Q(prefix__in=PREFIXES), name="ticketing_queue_prefix_letter"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="ticketing_queue_slot_5_minutes"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]

    def slot_limit(self, half: str) -> int:
        return self.am_slot_limit if half == "am" else self.pm_slot_limit


class WindowState(models.TextChoices):
    CLOSED = "closed", _("未开窗")
    OPEN = "open", _("办理中")
    PAUSED = "paused", _("暂停")


class Window(models.Model):
    """A numbered window and the queues it calls from (a universal window 综合窗口 serves several)."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="windows")
    number = models.PositiveSmallIntegerField(_("窗口号"))
    name = models.CharField(_("窗口名称"), max_length=50, blank=True, help_text=_("如：综合窗口、社保窗口"))
    queues = models.ManyToManyField(Queue, verbose_name=_("办理的业务类型"), related_name="windows", blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=WindowState.choices, default=WindowState.CLOSED)
    state_reason = models.CharField(_("暂停原因"), max_length=100, blank=True)
    state_since = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["state", "state_reason", "state_since"])

    class Meta:
        ordering = ["hall", "number"]
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        constraints = [
            models.UniqueConstraint(fields=["hall", "number"], name="ticketing_window_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="ticketing_window_number_positive"),
            models.CheckConstraint(condition=Q(state__in=[s.value for s in WindowState]),
                                   name="ticketing_window_state_valid"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("%(n)s号窗口") % {"n": self.number}


class DeviceKind(models.TextChoices):
    KIOSK = "kiosk", _("取号机")
    DISPLAY = "display", _("叫号大屏")
    BOOKING = "booking", _("预约页面")


class Device(models.Model):
    """A link that binds a browser to one hall with no login: a kiosk, a display, the booking page.
    The link holds a secret token; only its SHA-256 is stored, and the staff can revoke it."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="devices")
    kind = models.CharField(_("类型"), max_length=10, choices=DeviceKind.choices)
    name = models.CharField(_("名称"), max_length=50, help_text=_("如：大门取号平板、候号区大屏"))
    prefix = models.CharField(_("链接开头"), max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    last_seen_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_seen_at"])

    class Meta:
        ordering = ["hall", "kind", "-created_at"]
        verbose_name = _("设备链接")
        verbose_name_plural = _("设备链接")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in DeviceKind]),
                                   name="ticketing_device_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Agent(models.Model):
    """A registered agent (代办员) who takes tickets for others: exempt from the per-person limits."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="agents")
    name = models.CharField(_("姓名"), max_length=50)
    holder = models.CharField(max_length=64)  # the pseudonymous id of the ID number (identity.holder_id)
    note = models.CharField(_("备注"), max_length=100, blank=True, help_text=_("如：某村代办点"))
    active = models.BooleanField(_("有效"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hall", "name"]
        verbose_name = _("代办员")
        verbose_name_plural = _("代办员")
        constraints = [models.UniqueConstraint(fields=["hall", "holder"], name="ticketing_agent_unique_holder")]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """One number per hall, day and key, taken by a single UPDATE so concurrent requests never share one:
    ticket numbers (`num:A`), a person's tickets of the day (`cap:<holder>`), a slot's bookings."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    key = models.CharField(max_length=100)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hall", "day", "key"], name="ticketing_counter_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.key} = {self.value}"


class Channel(models.TextChoices):
    """As in the ticket log format."""
    ONSITE = "onsite", _("现场")
    APPOINTMENT = "appointment", _("预约")
    PRIORITY = "priority", _("绿色通道")


class Status(models.TextChoices):
    WAITING = "waiting", _("等候中")
    CALLED = "called", _("已叫号")
    SERVING = "serving", _("办理中")
    SERVED = "served", _("已办理")
    NO_SHOW = "no_show", _("过号")
    CANCELLED = "cancelled", _("已取消")


ACTIVE = (Status.WAITING, Status.CALLED, Status.SERVING)


class Tier(models.IntegerChoices):
    """Who is called first, before the order of taking tickets: the only exceptions to strict order."""
    TRANSFERRED = 0, _("转窗")
    CARRIED = 1, _("隔日保留")
    APPOINTMENT = 2, _("预约")
    PRIORITY = 3, _("绿色通道")
    WALK_IN = 4, _("现场取号")


class Ticket(models.Model):
    hall = models.ForeignKey(TicketingHall, on_delete=models.PROTECT, related_name="tickets")
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="tickets")
    code = models.CharField(_("号码"), max_length=8)
    number = models.PositiveIntegerField()
    issued_on = models.DateField()  # the day it was taken (its number is of that day)
    day = models.DateField()  # the working day it is valid for: later than issued_on once carried
    carried = models.PositiveSmallIntegerField(default=0)  # how many closings it has been kept over
    item = models.CharField(_("事项"), max_length=200)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.ONSITE)
    tier = models.PositiveSmallIntegerField(choices=Tier.choices, default=Tier.WALK_IN)
    sort_at = models.DateTimeField()  # order within the tier (issue time; an appointment's slot)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    holder = models.CharField(max_length=64, blank=True)  # pseudonymous id of an ID number or phone, or ""
    agent = models.BooleanField(default=False)
    public_code = models.CharField(max_length=24, unique=True)  # the status page's unguessable address
    issued_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)  # an appointment's slot start
    called_at = models.DateTimeField(null=True, blank=True)  # the first call
    last_called_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recalls = models.PositiveSmallIntegerField(default=0)
    priority_reason = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["hall", "issued_at", "id"]
        verbose_name = _("号票")
        verbose_name_plural = _("号票")
        constraints = [
            models.UniqueConstraint(fields=["hall", "issued_on", "code"], name="ticketing_ticket_unique_code"),
            # One active ticket per person per queue (agents excepted), whatever two kiosks do at once.
            models.UniqueConstraint(fields=["queue", "holder"], name="ticketing_one_active_per_queue",
                                    condition=Q(status__in=[s.value for s in ACTIVE]) & ~Q(holder="")
                                    & Q(agent=False)),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]),
                                   name="ticketing_ticket_status_valid"),
            models.CheckConstraint(condition=Q(channel__in=[c.value for c in Channel]),
                                   name="ticketing_ticket_channel_valid"),
            models.CheckConstraint(condition=Q(day__gte=F("issued_on")), name="ticketing_ticket_day_not_before_issue"),
            models.CheckConstraint(condition=Q(called_at__isnull=True) | Q(called_at__gte=F("issued_at")),
                                   name="ticketing_ticket_called_after_issue"),
            models.CheckConstraint(condition=~Q(status__in=["called", "serving", "served", "no_show"])
                                   | Q(called_at__isnull=False), name="ticketing_ticket_called_has_time"),
        ]
        indexes = [
            models.Index(fields=["hall", "day", "status", "tier", "sort_at"], name="ticketing_next_idx"),
            models.Index(fields=["hall", "holder", "item"], name="ticketing_holder_idx"),
            models.Index(fields=["hall", "issued_on"], name="ticketing_issued_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CHECKED_IN = "checked_in", _("已签到取号")
    CANCELLED = "cancelled", _("已取消")


class Appointment(models.Model):
    hall = models.ForeignKey(TicketingHall, on_delete=models.PROTECT, related_name="appointments")
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="appointments")
    day = models.DateField(_("日期"))
    slot_start = models.TimeField(_("时段开始"))
    slot_end = models.TimeField(_("时段结束"))
    item = models.CharField(_("事项"), max_length=200)
    holder = models.CharField(max_length=64)
    code = models.CharField(_("预约码"), max_length=12, unique=True)
    status = models.CharField(max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED)
    ticket = models.OneToOneField(Ticket, null=True, blank=True, on_delete=models.PROTECT, related_name="appointment")
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["day", "slot_start", "id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        constraints = [
            models.UniqueConstraint(fields=["queue", "day", "holder"], name="ticketing_one_booking_per_day",
                                    condition=Q(status__in=["booked", "checked_in"])),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in AppointmentStatus]),
                                   name="ticketing_appointment_status_valid"),
            models.CheckConstraint(condition=~Q(status="checked_in") | Q(ticket__isnull=False),
                                   name="ticketing_checked_in_has_ticket"),
        ]

    def __str__(self) -> str:
        return self.code


class Action(models.TextChoices):
    ISSUE = "issue", _("取号")
    PRIORITY = "priority", _("发绿色通道号")
    CHECK_IN = "check_in", _("预约签到")
    CALL = "call", _("叫号")
    RECALL = "recall", _("重呼")
    START = "start", _("开始办理")
    FINISH = "finish", _("办结")
    NO_SHOW = "no_show", _("过号")
    TRANSFER = "transfer", _("转窗")
    CANCEL = "cancel", _("取消")
    CARRY = "carry", _("保留到下一工作日")
    CLOSE = "close", _("闭厅处理")
    OPEN = "open", _("开窗")
    PAUSE = "pause", _("暂停")
    RESUME = "resume", _("恢复")
    SHUT = "shut", _("关窗")


class TicketEvent(models.Model):
    """Append-only: every issue, call, transfer, pause … with who, where and why. The latest id of a hall is
    the version its live pages poll (a display asks “anything after N?” and gets 204 when nothing is)."""

    hall = models.ForeignKey(TicketingHall, on_delete=models.CASCADE, related_name="events")
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["hall", "id"], name="ticketing_event_version_idx"),
                   models.Index(fields=["hall", "action", "at"], name="ticketing_event_action_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%H:%M:%S}"
