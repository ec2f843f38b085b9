from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.core.forms import Bootstrap
from wicket.orgs.models import REPORTING_KINDS, Unit, UnitKind
from wicket.problems.forms import checklist_choices

from .text import looks_executable

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


def reportable_units():
    return Unit.objects.filter(kind__in=(*REPORTING_KINDS, UnitKind.SERVICE_CENTER)).order_by("order", "id")


class PlainTextMixin:
    """Refuse markup in every text field with a message naming the field."""

    def clean(self):
        data = super().clean()  # type: ignore[misc]
        for name in ("what", "place", "contact"):
            value = data.get(name) or ""
            if looks_executable(value):
                label = self.fields[name].label  # type: ignore[attr-defined]
                self.add_error(name, _("“%(field)s”中不能包含网页代码或脚本（如 <script>），请用文字描述")  # type: ignore[attr-defined]
                               % {"field": label})
        return data


class ReportForm(PlainTextMixin, Bootstrap, forms.Form):
    unit = forms.ModelChoiceField(label=_("哪个单位"), queryset=Unit.objects.none(), required=False,
                                  empty_label=_("不清楚 / 其他（请在下面写明）"))
    place = forms.CharField(label=_("哪个大厅、哪个窗口"), max_length=100, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("例如：县政务服务中心二楼社保窗口")}))
    what = forms.CharField(label=_("遇到了什么问题"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("请写清楚经过，例如：排队两个小时没办上、要我开没必要的证明、窗口没人")}))
    happened_on = forms.DateField(label=_("哪一天"), required=False, widget=DATE)
    contact = forms.CharField(label=_("联系电话（可不填）"), max_length=50, required=False,
                              help_text=_("只有县督查室能看到，不会公开"))
    photo = forms.FileField(label=_("照片（可不传）"), required=False,
                            help_text=_("只能上传照片（JPG、PNG），不超过 10 MB"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = reportable_units()
        self.style()

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not (data.get("place") or "").strip() and "place" not in self.errors:
            self.add_error("place", _("请选择单位，或写明是哪个大厅、哪个窗口"))
        return data


class LookupForm(Bootstrap, forms.Form):
    receipt = forms.CharField(label=_("回执编号"), max_length=20,
                              widget=forms.TextInput(attrs={"placeholder": _("例如：260512-K7Q4MX"), "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean_receipt(self):
        return "".join(self.cleaned_data["receipt"].split()).upper()


class AssignForm(Bootstrap, forms.Form):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none(), empty_label=None)
    checklist_code = forms.ChoiceField(label=_("问题类别"))
    title = forms.CharField(label=_("问题"), max_length=200)
    description = forms.CharField(label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline_workdays = forms.IntegerField(label=_("整改时限（工作日）"), min_value=1, max_value=120, initial=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = reportable_units()
        self.fields["checklist_code"].choices = checklist_choices()
        self.style()


class MergeForm(Bootstrap, forms.Form):
    problem = forms.IntegerField(label=_("并入问题编号"), min_value=1, help_text=_("问题整改清单中的编号，如 123"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class CloseForm(Bootstrap, forms.Form):
    reason = forms.CharField(label=_("办结理由（将向反映人公开）"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
