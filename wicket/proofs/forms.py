from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import DEFAULT_MAX_ISSUERS, MAX_ISSUERS_LIMIT


class UploadForm(forms.Form):
    file = forms.FileField(label=_("证明事项目录文件"),
                           help_text=_("JSON（UTF-8 或 GBK 编码）或填好的 xlsx 模板"),
                           error_messages={"required": _("请选择要导入的文件"), "empty": _("文件为空")})
    max_issuers = forms.IntegerField(
        label=_("一个事项最多涉及的开具单位数"), initial=DEFAULT_MAX_ISSUERS, min_value=0, max_value=MAX_ISSUERS_LIMIT,
        help_text=_("超过即报告为“群众跑动部门过多”"),
        error_messages={"required": _("请填写开具单位数上限"), "invalid": _("开具单位数上限应为整数"),
                        "min_value": _("开具单位数上限不能为负数"),
                        "max_value": _("开具单位数上限最多为 %(limit_value)s")})
