from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.checklist.models import ChecklistItem
from wicket.core.forms import Bootstrap

from .models import Problem, Source

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})


def checklist_choices() -> list[tuple[str, str]]:
    points = ChecklistItem.objects.filter(parent__isnull=False).order_by("order")
    seen: dict[str, str] = {}
    for p in points:
        seen.setdefault(p.code, f"{p.code} {p.title}")
    return list(seen.items())


class RectifyFields(forms.Form):
    measures = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("责任人"), required=False, max_length=50)
    deadline = forms.DateField(label=_("整改时限（日期）"), required=False, widget=DATE)
    deadline_workdays = forms.IntegerField(label=_("或：工作日数"), required=False, min_value=1, max_value=365,
                                           help_text=_("从发现日期起按工作日计算（含调休），填写后自动算出截止日期"))
    immediate = forms.BooleanField(label=_("立行立改"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("deadline") and data.get("deadline_workdays"):
            raise forms.ValidationError(_("整改时限请填写日期或工作日数，二者选一"))
        return data


class ProblemCreateForm(Bootstrap, RectifyFields):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    checklist_code = forms.ChoiceField(label=_("问题类别"))
    source = forms.ChoiceField(label=_("问题来源"), choices=Source.choices)
    title = forms.CharField(label=_("问题"), max_length=200)
    description = forms.CharField(label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    found_on = forms.DateField(label=_("发现日期"), widget=DATE)

    field_order = ["unit", "checklist_code", "source", "title", "description", "found_on"]

    def __init__(self, *args, units, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["checklist_code"].choices = checklist_choices()
        if sources is not None:
            self.fields["source"].choices = [c for c in Source.choices if c[0] in sources]
        self.style()


class RectifyForm(Bootstrap, RectifyFields):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    @classmethod
    def for_problem(cls, problem: Problem) -> RectifyForm:
        return cls(initial={
            "measures": problem.measures, "responsible": problem.responsible, "deadline": problem.deadline,
            "deadline_workdays": problem.deadline_workdays, "immediate": problem.immediate,
            "version": problem.version,
        })


class TransitionForm(forms.Form):
    action = forms.CharField()
    note = forms.CharField(required=False, max_length=2000)


class NoteForm(Bootstrap, forms.Form):
    note = forms.CharField(label=_("整改进展"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class EvidenceForm(Bootstrap, forms.Form):
    file = forms.FileField(label=_("佐证材料（图片、PDF、Word、Excel）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
