from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.workdays_table import MAX_NAME
from wicket.core.forms import Bootstrap

from .models import DayKind

REASON_MAX = 200


class DayForm(Bootstrap, forms.Form):
    day = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"required": _("请选择日期"), "invalid": _("日期格式应为 2027-02-06")})
    kind = forms.ChoiceField(label=_("类型"), choices=[(DayKind.HOLIDAY, _("休（放假，即使是工作日）")),
                                                     (DayKind.WORKDAY, _("班（上班，即使是周末：调休上班）"))],
                             error_messages={"required": _("请选择“休”或“班”")})
    name = forms.CharField(label=_("名称"), max_length=MAX_NAME, strip=True,
                           widget=forms.TextInput(attrs={"placeholder": _("例如：2027年春节、春节调休上班、县定假日")}),
                           error_messages={"required": _("请填写名称"),
                                           "max_length": _("名称不能超过 %(limit_value)d 个字")})
    reason = forms.CharField(label=_("说明（可不填）"), max_length=REASON_MAX, required=False, strip=True,
                             widget=forms.TextInput(attrs={"placeholder": _("例如：依据国务院办公厅通知")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("说明（可不填）"), max_length=REASON_MAX, required=False, strip=True)


class ImportForm(Bootstrap, forms.Form):
    text = forms.CharField(
        label=_("粘贴节假日安排表"), required=False, strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": _("日期\t类型\t名称\n2027-01-01\t休\t元旦\n"
                                                                 "2027-02-05至2027-02-13\t休\t春节")}),
        help_text=_("每行一天（或一个日期范围）：日期、休/班、名称，可直接从 Excel 复制；也可以上传文件"))
    file = forms.FileField(label=_("或上传文件（xlsx、xls、csv）"), required=False)
    whole_years = forms.BooleanField(
        label=_("这是全年安排：导入后，表中所涉年份不再按周一至周五估算"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("text")) == bool(data.get("file")):
            raise forms.ValidationError(_("请粘贴节假日安排表，或选择一个文件（二者选一）"))
        return data
