from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wicket.checklist.models import Checklist, PhaseKind
from wicket.core.forms import Bootstrap
from wicket.orgs.models import REPORTING_KINDS, Unit
from wicket.problems.forms import DATE

from .models import AnswerResult


class NoticeCampaignForm(Bootstrap, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2018, max_value=2100)
    start = forms.DateField(label=_("开始日期（可选）"), required=False, widget=DATE,
                            help_text=_("不填则按通知的时间安排（5月9日起）；填写则从该日起按通知的各阶段时长安排"))
    doc_number = forms.CharField(label=_("文号"), required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.style()


class CampaignForm(Bootstrap, forms.Form):
    name = forms.CharField(label=_("工作名称"), max_length=200)
    doc_number = forms.CharField(label=_("文号"), required=False, max_length=60)
    issuer = forms.CharField(label=_("发文机关"), required=False, max_length=100, initial="县人民政府办公室")
    checklist = forms.ModelChoiceField(label=_("排查清单"), queryset=Checklist.objects.order_by("-created_at"),
                                       empty_label=None)
    units = forms.ModelMultipleChoiceField(label=_("参与单位"), queryset=Unit.objects.filter(kind__in=REPORTING_KINDS),
                                           widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("units", list(self.fields["units"].queryset.values_list("pk", flat=True)))
        for kind, label in PhaseKind.choices:
            self.fields[f"{kind}_start"] = forms.DateField(label=_("%(p)s 开始") % {"p": label}, widget=DATE)
            self.fields[f"{kind}_deadline"] = forms.DateField(label=_("%(p)s 截止") % {"p": label}, widget=DATE)
        self.style()

    def phases(self) -> list[tuple[str, dt.date, dt.date]]:
        d = self.cleaned_data
        return [(kind, d[f"{kind}_start"], d[f"{kind}_deadline"]) for kind in PhaseKind.values]


class ChecklistCopyForm(Bootstrap, forms.Form):
    version = forms.CharField(label=_("新版本号"), max_length=40, help_text=_("例如 2019-05"))
    name = forms.CharField(label=_("新清单名称"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ChecklistItemForm(Bootstrap, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("排查内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ChecklistPointForm(ChecklistItemForm):
    code = forms.CharField(label=_("编码"), max_length=10)
    field_order = ["code", "title", "text"]


class AnswerForm(Bootstrap, forms.Form):
    result = forms.ChoiceField(label=_("自查结果"), choices=AnswerResult.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择自查结果")})
    notes = forms.CharField(label=_("自查情况说明"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    problem_title = forms.CharField(label=_("发现的问题"), required=False, max_length=200,
                                    help_text=_("自查结果为“存在问题”时填写，每填一次登记一个问题"))
    problem_description = forms.CharField(label=_("问题描述"), required=False, max_length=4000,
                                          widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["result"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("result") != AnswerResult.PROBLEM and data.get("problem_title"):
            self.add_error("problem_title", _("只有自查结果为“存在问题”时才登记问题"))
        return data


class SummaryForm(Bootstrap, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("标题"), max_length=200)
    text = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 24}),
                           help_text=_("以“一、”开头的行排为黑体标题，以“（一）”开头的行加粗，其余为仿宋正文"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ClosureSettingsForm(Bootstrap, forms.Form):
    closure_weeks = forms.IntegerField(label=_("数据核验周数"), min_value=1, max_value=26,
                                       help_text=_("咨询电话接通率、好差评须在整改后连续多少周达标"))
    closure_workdays = forms.IntegerField(label=_("数据核验工作日数"), min_value=1, max_value=60,
                                          help_text=_("排队等候、下班未叫号等须在整改后连续多少个有数据的工作日达标"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
