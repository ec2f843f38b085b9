"""htmx partials: a page asked for by htmx gets only the part it swaps, a template of its own
named with a leading underscore (`problems/_table.html`); a plain request gets the whole page."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def page_or_partial(request: HttpRequest, page: str, partial: str) -> str:
    """The template to render: `partial` for an htmx request, else `page`."""
    return partial if is_htmx(request) else page
