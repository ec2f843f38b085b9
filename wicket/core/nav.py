"""The menu and the home page's to-do list are assembled from what each app registers.

Each app registers its menu entries, its to-do provider and any home-page card (panel) in its
AppConfig.ready(), so adding an app never means editing the base template or the home view. The
registry is here, at the bottom, so every app can register; the top app (wicket.home) composes it for
the signed-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


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


def registered_nav() -> list[NavItem]:
    return list(_NAV)


def registered_todo_providers() -> list[Callable[..., list[Todo]]]:
    return list(_TODO_PROVIDERS)


def registered_panel_providers() -> list[Callable[..., Panel | None]]:
    return list(_PANEL_PROVIDERS)
