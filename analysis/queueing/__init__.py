"""Queue-ticket analytics (category 5 and 4.3 of the notice): KPIs, findings, staffing, simulation.

    log = load_tickets(data, file="tickets.csv")            # or load_ticket_paths / load_parquet
    report = kpi_report(log, target_minutes=30)            # KpiReport; report.findings: list[Finding]
    plan = staffing_plan(log)                              # windows needed per weekday × hour
    result = simulate_day(day_plan(plan, hall=..., weekday=1))

Pure Python + DuckDB + ciw; no Django. See docs/analysis/queue.md.
"""

from . import erlang
from .aggregates import save_aggregates
from .erlang import Staffing, staffing, staffing_for, windows_needed
from .findings import find_ticket_problems
from .kpis import TicketSource, kpi_report
from .load import (
    TicketLog,
    load_parquet,
    load_ticket_files,
    load_ticket_paths,
    load_tickets,
    save_parquet,
)
from .report import (
    DayKpis,
    HallKpis,
    HourKpis,
    ItemKpis,
    KpiReport,
    Kpis,
    Stats,
    WeekdayHourKpis,
    WindowKpis,
)
from .settings import QueueSettings
from .simulate import DayPlan, SimulationResult, day_plan, simulate, simulate_day
from .staffing import PlanSlot, StaffingPlan, staffing_plan

__all__ = [
    "DayKpis", "DayPlan", "HallKpis", "HourKpis", "ItemKpis", "KpiReport", "Kpis", "PlanSlot",
    "QueueSettings", "SimulationResult", "Staffing", "StaffingPlan", "Stats", "TicketLog", "TicketSource",
    "WeekdayHourKpis", "WindowKpis", "day_plan", "erlang", "find_ticket_problems", "kpi_report",
    "load_parquet", "load_ticket_files", "load_ticket_paths", "load_tickets", "save_aggregates", "save_parquet",
    "simulate",
    "simulate_day", "staffing", "staffing_for", "staffing_plan", "windows_needed",
]
