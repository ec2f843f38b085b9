"""Two rules both the services and the selectors need: who may run a hall's queue, and how a device
link's token is kept (its SHA-256 only)."""

from __future__ import annotations

import hashlib

from wicket.orgs import access


def may_manage(user, hall) -> bool:
    """The hall's own unit (liaison, head) and the service centre's staff set up and run its queue."""
    return access.can_edit_unit(user, hall.unit_id) or access.is_center_staff(user)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
