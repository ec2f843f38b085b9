from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.core.forms import Bootstrap

from .models import Unit
from .services import ALIAS_MAX_LENGTH, REASON_MAX_LENGTH


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name}（{obj.short_name}）" if obj.short_name else obj.name


class AliasAddForm(Bootstrap, forms.Form):
    unit = UnitChoiceField(label=_("单位"), queryset=Unit.objects.none(), empty_label=_("请选择单位"),
                           error_messages={"required": _("请选择单位"),
                                           "invalid_choice": _("所选单位不存在，请刷新页面后重新选择")})
    alias = forms.CharField(label=_("其他名称"), max_length=ALIAS_MAX_LENGTH, strip=True,
                            help_text=_("数据中出现的写法，例如“县市场局”；前后空格会去掉，全角半角视为相同"),
                            error_messages={"required": _("其他名称不能为空"),
                                            "max_length": _("其他名称不能超过 %(limit_value)d 个字")})
    reason = forms.CharField(label=_("原因"), max_length=REASON_MAX_LENGTH, strip=True,
                             widget=forms.TextInput(attrs={"placeholder": _("例如：办事指南中部门名称写作此名")}),
                             error_messages={"required": _("请写明原因"),
                                             "max_length": _("原因不能超过 %(limit_value)d 个字")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("order", "id")  # type: ignore[attr-defined]
        self.style()


class AliasRemoveForm(Bootstrap, forms.Form):
    alias = forms.CharField(widget=forms.HiddenInput, error_messages={"required": _("没有指明要删除的名称")})
    reason = forms.CharField(label=_("删除原因"), max_length=REASON_MAX_LENGTH, strip=True,
                             error_messages={"required": _("请写明原因"),
                                             "max_length": _("原因不能超过 %(limit_value)d 个字")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
