from django import template

from wicket.halldata.cards import NUM, PCT, display

register = template.Library()


@register.filter
def pct(value):
    """0.9523 → 95.2%; None → —"""
    return display(value, PCT)


@register.filter
def num(value):
    return display(value, NUM)


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)
