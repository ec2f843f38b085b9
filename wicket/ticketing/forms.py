"""Forms only validate; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.core.forms import Bootstrap

from .identity import normalize
from .models import DeviceKind, Queue, TicketingHall, Window

PRIORITY_REASONS = [
    ("老年人（70 岁以上）", _("老年人（70 岁以上）")), ("残疾人", _("残疾人")), ("孕妇", _("孕妇")),
    ("重病、行动不便", _("重病、行动不便")), ("现役军人、退役军人、军属", _("现役军人、退役军人、军属")),
    ("其他", _("其他（请在说明中写明）")),
]


class StyledForm(Bootstrap, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class StyledModelForm(Bootstrap, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class PersonField(forms.CharField):
    """An ID or mobile number, checked here; the service keeps only its hash."""

    def __init__(self, *, required: bool = False, **kwargs):
        super().__init__(required=required, max_length=30, strip=True, **kwargs)
        self.widget.attrs.update({"autocomplete": "off", "inputmode": "text", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value:
            normalize(value)
        return value


class SettingsForm(StyledModelForm):
    class Meta:
        model = TicketingHall
        fields = ["enabled", "am_open", "am_close", "pm_open", "pm_close", "target_minutes", "daily_cap"]
        widgets = {f: forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
                   for f in ("am_open", "am_close", "pm_open", "pm_close")}


class QueueForm(StyledModelForm):
    class Meta:
        model = Queue
        fields = ["name", "prefix", "items", "service_minutes", "slot_minutes", "am_slot_limit", "pm_slot_limit",
                  "order", "active"]
        widgets = {"items": forms.Textarea(attrs={"rows": 4})}


class WindowForm(StyledForm):
    number = forms.IntegerField(label=_("窗口号"), min_value=1, max_value=99)
    name = forms.CharField(label=_("窗口名称"), max_length=50, required=False)
    queues = forms.ModelMultipleChoiceField(label=_("办理的业务类型"), queryset=Queue.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, hall: TicketingHall, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["queues"]).queryset = Queue.objects.filter(hall=hall)


class DeviceForm(StyledForm):
    kind = forms.ChoiceField(label=_("类型"), choices=DeviceKind.choices)
    name = forms.CharField(label=_("名称"), max_length=50)


class AgentForm(StyledForm):
    name = forms.CharField(label=_("代办员姓名"), max_length=50)
    person = PersonField(label=_("身份证号码"), required=True)
    note = forms.CharField(label=_("备注"), max_length=100, required=False)


class PriorityForm(StyledForm):
    choice = forms.CharField(label=_("业务与事项"), widget=forms.Select)
    reason = forms.ChoiceField(label=_("原因"), choices=PRIORITY_REASONS)
    detail = forms.CharField(label=_("说明"), max_length=80, required=False)
    person = PersonField(label=_("身份证号或手机号（选填）"))

    def __init__(self, *args, hall: TicketingHall, **kwargs):
        super().__init__(*args, **kwargs)
        self.queues = {q.pk: q for q in Queue.objects.filter(hall=hall, active=True)}
        self.fields["choice"].widget.choices = [(f"{q.pk}:{i}", f"{q.prefix} {q.name} · {item}")
                                                for q in self.queues.values() for i, item in enumerate(q.item_list)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            qid, idx = (int(x) for x in data.get("choice", "").split(":"))
            data["queue"] = self.queues[qid]
            data["item"] = data["queue"].item_list[idx]
        except (ValueError, KeyError, IndexError):
            self.add_error("choice", _("请选择业务与事项"))
        if data.get("reason") == "其他" and not data.get("detail"):
            self.add_error("detail", _("请写明原因"))
        return data


class TransferForm(StyledForm):
    queue = forms.ModelChoiceField(label=_("转到业务类型"), queryset=Queue.objects.none(), required=False)
    window = forms.ModelChoiceField(label=_("或转到窗口"), queryset=Window.objects.none(), required=False)
    reason = forms.CharField(label=_("转窗原因"), max_length=100)

    def __init__(self, *args, hall: TicketingHall, exclude: Window, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["queue"]).queryset = Queue.objects.filter(hall=hall, active=True)
        window = cast(forms.ModelChoiceField, self.fields["window"])
        window.queryset = Window.objects.filter(hall=hall).exclude(pk=exclude.pk)
        window.label_from_instance = lambda obj: f"{obj.label} {obj.name}".strip()  # type: ignore[method-assign]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("queue")) == bool(data.get("window")):
            raise forms.ValidationError(_("请选择转到的业务类型或窗口（二选一）"))
        return data


class PauseForm(StyledForm):
    reason = forms.CharField(label=_("暂停原因"), max_length=100, required=False)


class TakeForm(StyledForm):
    person = PersonField(label=_("身份证号或手机号（选填）"),
                         help_text=_("填写后同一人同一业务只能取一个号；号码只用于限号，不会保存原文"))


class CheckInForm(StyledForm):
    code = forms.CharField(label=_("预约码"), max_length=12, strip=True)


class BookingForm(StyledForm):
    person = PersonField(label=_("身份证号或手机号"), required=True,
                         help_text=_("用于“同一人同一天同一业务只约一次”，只保存其不可还原的摘要"))
