from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wicket.core.forms import Bootstrap
from wicket.orgs.models import Role, Unit
from wicket.orgs.people import person_name
from wicket.problems.forms import checklist_choices

from .models import Circular, Method, PhoneOutcome

# An <input type=date> only understands ISO dates, whatever the locale's display format.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


def inspectors_queryset():
    return get_user_model().objects.filter(memberships__role=Role.INSPECTOR).distinct().order_by("last_name", "id")


class TaskForm(Bootstrap, forms.Form):
    title = forms.CharField(label=_("任务名称"), max_length=200)
    method = forms.ChoiceField(label=_("督查方式"), choices=Method.choices)
    inspectors = PersonChoice(label=_("督查组成员"), queryset=get_user_model().objects.none())
    units = forms.ModelMultipleChoiceField(label=_("督查单位"), queryset=Unit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 8}))
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    checklist_codes = forms.MultipleChoiceField(label=_("督查要点"), required=False,
                                                widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("工作要求"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors_queryset()
        self.fields["units"].queryset = units
        self.fields["checklist_codes"].choices = checklist_choices()
        self.style()
        self.fields["checklist_codes"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("结束日期不能早于开始日期"))
        return data


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*", "capture": "environment"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class FindingForm(Bootstrap, forms.Form):
    unit = forms.ModelChoiceField(label=_("被督查单位"), queryset=Unit.objects.none(), empty_label=None)
    checklist_code = forms.ChoiceField(label=_("问题类别"))
    title = forms.CharField(label=_("发现的问题"), max_length=200)
    description = forms.CharField(label=_("具体情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline_workdays = forms.IntegerField(label=_("整改时限（工作日）"), min_value=1, max_value=120, initial=10)
    photos = PhotosField(label=_("现场照片"), required=False, help_text=_("可拍照或选择多张照片（仅限图片）"))

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = task.units.order_by("order", "id")
        choices = checklist_choices()
        if task.checklist_codes:
            wanted = set(task.checklist_codes)
            choices = [c for c in choices if c[0] in wanted] + [c for c in choices if c[0] not in wanted]
        self.fields["checklist_code"].choices = choices
        self.style()


class PhoneCallForm(Bootstrap, forms.Form):
    unit = forms.ModelChoiceField(label=_("被拨测单位"), queryset=Unit.objects.none(), empty_label=None)
    line = forms.CharField(label=_("拨打号码"), max_length=30)
    started_at = forms.DateTimeField(label=_("拨打时间"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                format="%Y-%m-%dT%H:%M"))
    outcome = forms.ChoiceField(label=_("拨测结果"), choices=PhoneOutcome.choices, widget=forms.RadioSelect)
    ring_seconds = forms.IntegerField(label=_("振铃秒数"), min_value=0, max_value=600, required=False)
    talk_seconds = forms.IntegerField(label=_("通话秒数"), min_value=0, max_value=36000, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, task, **kwargs):
        kwargs.setdefault("initial", {"started_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = task.units.order_by("order", "id")
        self.style()
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"


class RevisitForm(Bootstrap, forms.Form):
    inspectors = PersonChoice(label=_("复查人员"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors_queryset()
        self.style()


class AcknowledgeForm(Bootstrap, forms.Form):
    note = forms.CharField(label=_("签收意见"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("例如：已部署整改，5个工作日内完成")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class CircularForm(Bootstrap, forms.ModelForm):
    class Meta:
        model = Circular
        fields = ["issuer", "doc_number", "title", "addressees", "body", "signature", "date"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18}), "date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class SchemeForm(Bootstrap, forms.Form):
    base = forms.DecimalField(label=_("基础分"), min_value=0, max_digits=6, decimal_places=2)

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        for rule in rules:
            self.fields[f"points_{rule.kind}"] = forms.DecimalField(
                label=rule.get_kind_display(), max_digits=6, decimal_places=2, initial=rule.points,
                help_text=_("每项分值：负数扣分，正数加分"))
            self.fields[f"active_{rule.kind}"] = forms.BooleanField(label=_("启用"), required=False,
                                                                   initial=rule.active)
        self.style()
