"""The public ticketing pages' throttles, through the public form's mechanism (per address and hour,
the address kept only hashed): taking tickets at one kiosk link, booking appointments."""

from __future__ import annotations

from django.conf import settings

from wicket.public.throttle import allow


def kiosk_limit() -> int:
    """Tickets per address and hour at one kiosk link: a hall's tablet issues all its tickets from one address."""
    return int(getattr(settings, "WICKET_TICKETING_KIOSK_LIMIT", 300))


def booking_limit() -> int:
    return int(getattr(settings, "WICKET_TICKETING_BOOKING_LIMIT", 10))


def kiosk_allowed(request, device_id: int) -> bool:
    return allow(request, scope=f"ticketing-kiosk:{device_id}", limit=kiosk_limit())


def booking_allowed(request) -> bool:
    return allow(request, scope="ticketing-booking", limit=booking_limit())
