"""The thresholds of the ticket rules, with the defaults a county starts from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QueueSettings:
    # long_wait: a day, hour of day or item is flagged when fewer than service_level_goal of its
    # called tickets waited target_minutes or less (hours and items need min_called tickets).
    target_minutes: float = 30
    service_level_goal: float = 0.8
    min_called: int = 20
    # unserved_at_closing: a day is flagged when more than this share of its tickets went unserved.
    unserved_share_max: float = 0.05
    # ticket_expired_overnight: the next ticket for the same item, within this many days.
    expired_within_days: int = 7
    # repeat_visits: served for the same item on two or more days within this many days.
    repeat_within_days: int = 30
    # scalper_suspect
    scalper_tickets_per_day: int = 3
    burst_tickets: int = 3
    burst_seconds: int = 60
    scalper_items: int = 5  # distinct items within one calendar month
    unused_share: float = 0.5
    unused_min_tickets: int = 6
    agents: frozenset[str] = field(default_factory=frozenset)  # registered agents (代办员), by holder id
    # queue_jumping: windows with at least this many tickets called ahead of earlier on-site tickets.
    min_jumps: int = 1
    # evidence lists are cut to this many entries (counts are always complete)
    evidence_cap: int = 20
