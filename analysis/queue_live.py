"""A queue right now, for the hall manager's live page: how long a newcomer will wait, and how many
windows the hall needs open now (Erlang C over the last hour's arrivals, and enough to clear the people
already waiting within the target). Pure Python; the web app hands in the counts.

    expected wait  = waiting × mean service minutes / windows open on the queue
                     (the mean of the last hour's services, else the queue's estimate);
                     None when no open window serves the queue
    windows needed = max(Erlang C windows for the last hour's arrivals at the target and service-level
                     goal, ⌈waiting × mean service / target⌉)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.queueing.erlang import windows_needed

MIN_RECENT = 3  # services in the last hour before their mean replaces the queue's estimate


@dataclass(frozen=True)
class QueueNow:
    waiting: int
    windows_open: int
    arrivals_last_hour: int
    service_minutes: float  # the mean used
    service_from_recent: bool  # True: from the last hour's services; False: the queue's estimate
    expected_wait_minutes: float | None  # None: no open window serves the queue
    windows_needed_erlang: int
    windows_needed_backlog: int
    target_minutes: float

    @property
    def windows_needed(self) -> int:
        return max(self.windows_needed_erlang, self.windows_needed_backlog)

    @property
    def over_target(self) -> bool:
        """The alert: people wait and the expected wait passes the target (or nobody serves them)."""
        if not self.waiting:
            return False
        return self.expected_wait_minutes is None or self.expected_wait_minutes > self.target_minutes


def queue_now(*, waiting: int, windows_open: int, arrivals_last_hour: int, recent_service_minutes: Sequence[float],
              default_service_minutes: float, target_minutes: float, service_level_goal: float = 0.8) -> QueueNow:
    if waiting < 0 or windows_open < 0 or arrivals_last_hour < 0:
        raise ValueError("人数和窗口数不能为负")
    if target_minutes <= 0 or default_service_minutes <= 0:
        raise ValueError("等候目标和办理时长必须大于 0")
    recent = [m for m in recent_service_minutes if m >= 0]
    from_recent = len(recent) >= MIN_RECENT
    service = max(sum(recent) / len(recent), 0.5) if from_recent else float(default_service_minutes)
    expected = None if windows_open == 0 else waiting * service / windows_open
    erlang = windows_needed(arrivals_last_hour, service, target_minutes, service_level_goal) if arrivals_last_hour else 0
    backlog = math.ceil(waiting * service / target_minutes) if waiting else 0
    return QueueNow(waiting=waiting, windows_open=windows_open, arrivals_last_hour=arrivals_last_hour,
                    service_minutes=round(service, 2), service_from_recent=from_recent,
                    expected_wait_minutes=None if expected is None else round(expected, 1),
                    windows_needed_erlang=erlang, windows_needed_backlog=backlog, target_minutes=target_minutes)
