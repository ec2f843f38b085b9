from django import template

from wicket.problems.detection import detector_label as _detector_label

register = template.Library()


@register.filter
def detector_label(name: str) -> str:
    """`{{ problem.detector|detector_label }}`: the detector as its users call it (咨询电话数据分析)."""
    return _detector_label(name)
