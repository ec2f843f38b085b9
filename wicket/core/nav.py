"""The menu and the home page's to-do list are assembled from what each app registers.

Each app registers its menu entries, its to-do provider and any home-page card (panel) in its
AppConfig.ready(), so adding an app never means editing the base template or the home view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wicket.orgs import access

# Menu groups, by the URL namespace of the item: one place decides how the sidebar is organised.
GROUPS: list[tuple[Any, tuple[str, ...]]] = [
    (_("排查整改"), ("campaigns", "problems", "registry")),
    (_("督查问责"), ("supervision", "public")),
    (_("数据检测"), ("guides", "proofs", "halldata")),
    (_("基础信息"), ("orgs",)),
]


@dataclass(frozen=True)
class NavGroup:
    label: Any
    items: list[NavItem]


@dataclass(frozen=True)
class NavItem:
    label: object  # lazy translation
    url_name: str
    roles: tuple[str, ...] | None = None  # None: everyone signed in
    order: int = 100
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    level: str = "info"  # info, warning, danger
    count: int | None = None


@dataclass(frozen=True)
class Panel:
    """A card an app adds to the home page: its template, rendered with `data`."""

    template: str
    data: dict[str, Any]
    order: int = 100


_NAV: list[NavItem] = []
_TODO_PROVIDERS: list[Callable[..., list[Todo]]] = []
_PANEL_PROVIDERS: list[Callable[..., Panel | None]] = []


def register_nav(*items: NavItem) -> None:
    for item in items:
        if item.url_name not in {i.url_name for i in _NAV}:
            _NAV.append(item)


def register_todos(provider: Callable[..., list[Todo]]) -> None:
    if provider not in _TODO_PROVIDERS:
        _TODO_PROVIDERS.append(provider)


def register_panel(provider: Callable[..., Panel | None]) -> None:
    if provider not in _PANEL_PROVIDERS:
        _PANEL_PROVIDERS.append(provider)


def panels_for(user, today: dt.date) -> list[Panel]:
    panels = [p for p in (provider(user=user, today=today) for provider in _PANEL_PROVIDERS) if p is not None]
    return sorted(panels, key=lambda p: p.order)


def nav_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return sorted((i for i in _NAV if i.roles is None or access.has_role(user, *i.roles)), key=lambda i: i.order)


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
    for provider in _TODO_PROVIDERS:
        out.extend(provider(user=user, today=today))
    return out
