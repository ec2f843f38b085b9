from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wicket.orgs.models import REPORTING_KINDS, Unit

from .models import Hall
from .tables import TABLE_KINDS, columns_for

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M")


def _style(form: forms.Form) -> None:
    for f in form.fields.values():
        w = f.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.SelectMultiple):
            w.attrs.setdefault("class", "form-select")
            w.attrs.setdefault("size", "12")
        elif isinstance(w, forms.Select):
            w.attrs.setdefault("class", "form-select")
        else:
            w.attrs.setdefault("class", "form-control")


class HallForm(forms.ModelForm):
    class Meta:
        model = Hall
        fields = [c.field for c in columns_for("department")]
        widgets = {"items": forms.Textarea(attrs={"rows": 3}), "remarks": forms.TextInput()}

    def __init__(self, *args, table: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {c.field for c in columns_for(table)}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["kind"].choices = [(k.value, k.label) for k in TABLE_KINDS[table]]
        _style(self)

    def clean(self):
        data = super().clean()
        windows, authorized = data.get("window_count"), data.get("authorized_windows")
        if windows is not None and authorized is not None and authorized > windows:
            self.add_error("authorized_windows", _("可审批窗口数不能大于窗口数"))
        return data

    def validate_unique(self):
        pass  # the service checks the name within the unit and says so in Chinese


class UploadForm(forms.Form):
    file = forms.FileField(label=_("填好的统计表（xlsx、xls 或 CSV）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx,.xls,.csv"})


class ZeroReportForm(forms.Form):
    statement = forms.CharField(label=_("零报告说明"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                                initial=_("本单位未单独设立服务窗口和办事大厅。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class RoundForm(forms.Form):
    title = forms.CharField(label=_("报送名称"), max_length=200)
    deadline = forms.DateTimeField(label=_("报送截止时间"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    units = forms.ModelMultipleChoiceField(label=_("报送单位"), queryset=Unit.objects.none(),
                                           help_text=_("默认选中全部镇、园区和县直部门；按住 Ctrl 可多选"))
    note = forms.CharField(label=_("报送要求"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.order_by("order", "id")
        self.fields["units"].initial = list(Unit.objects.filter(kind__in=REPORTING_KINDS).values_list("pk", flat=True))
        _style(self)


class ExtendForm(forms.Form):
    deadline = forms.DateTimeField(label=_("延期至"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
