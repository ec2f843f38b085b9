from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.registry.models import Hall

from .models import Kind


def _halls():
    return Hall.objects.select_related("unit").exclude(kind="online").order_by("unit__order", "order", "pk")


class HallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Hall) -> str:
        return f"{obj.unit.display_name} · {obj.name}"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("数据类型"), choices=Kind.choices)
    file = forms.FileField(label=_("数据文件"), error_messages={"required": _("请选择要上传的文件")},
                           help_text=_("CSV（UTF-8 或 GBK 编码，英文或中文表头）、XLSX 或 XLS"))
    hall = HallChoiceField(label=_("归入大厅（可不选）"), queryset=_halls(), required=False,
                           help_text=_("仅排队叫号记录：文件中的大厅名称与登记名称不一致时，指定整个文件所属的大厅"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = _halls()
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["hall"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".csv,.txt,.xlsx,.xls"})

    def clean(self):
        data = super().clean()
        if data.get("hall") is not None and data.get("kind") != Kind.TICKETS:
            self.add_error("hall", _("只有排队叫号记录可以指定大厅"))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("如：综合大厅叫号机、咨询电话话务系统"))
    kind = forms.ChoiceField(label=_("可推送的数据"), choices=Kind.choices)
    hall = HallChoiceField(label=_("所属大厅（叫号机可选）"), queryset=_halls(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = _halls()
        self.fields["name"].widget.attrs["class"] = "form-control"
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["hall"].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        if data.get("hall") is not None and data.get("kind") != Kind.TICKETS:
            self.add_error("hall", _("只有排队叫号数据的令牌可以指定大厅"))
        return data
