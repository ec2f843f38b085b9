"""The signed-in user's menu, to-do list and home-page cards, composed from what the apps registered
(wicket.core.nav)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from wicket.core.nav import (
    NavItem,
    Panel,
    Todo,
    registered_nav,
    registered_panel_providers,
    registered_todo_providers,
)
from wicket.orgs import access

# Menu groups, by the URL namespace of the item: one place decides how the sidebar is organised.
GROUPS: list[tuple[Any, tuple[str, ...]]] = [
    (_("排查整改"), ("campaigns", "problems", "registry")),
    (_("督查问责"), ("supervision", "public")),
    (_("数据检测"), ("guides", "proofs", "halldata")),
    (_("大厅服务"), ("ticketing",)),
    (_("基础信息"), ("orgs", "workcal")),
]


@dataclass(frozen=True)
class NavGroup:
    label: Any
    items: list[NavItem]


def nav_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return sorted((i for i in registered_nav() if i.roles is None or access.has_role(user, *i.roles)),
                  key=lambda i: i.order)


def nav_groups_for(user) -> list[NavGroup]:
    """The user's menu, grouped for the sidebar; items of an unlisted namespace go under 其他."""
    items = nav_for(user)
    groups = []
    placed: set[str] = set()
    for label, namespaces in GROUPS:
        mine = [i for i in items if i.url_name.split(":")[0] in namespaces]
        placed.update(i.url_name for i in mine)
        if mine:
            groups.append(NavGroup(label, mine))
    rest = [i for i in items if i.url_name not in placed]
    if rest:
        groups.append(NavGroup(_("其他"), rest))
    return groups


def todos_for(user, today: dt.date) -> list[Todo]:
    out: list[Todo] = []
    for provider in registered_todo_providers():
        out.extend(provider(user=user, today=today))
    return out


def panels_for(user, today: dt.date) -> list[Panel]:
    panels = [p for p in (provider(user=user, today=today) for provider in registered_panel_providers())
              if p is not None]
    return sorted(panels, key=lambda p: p.order)
