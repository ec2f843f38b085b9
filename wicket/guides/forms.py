from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("办事指南文件"),
                           help_text=_("JSON 数组、JSON Lines（.json/.jsonl，UTF-8 或 GBK 编码）或填好的 xlsx 模板"),
                           error_messages={"required": _("请选择要导入的文件")})
