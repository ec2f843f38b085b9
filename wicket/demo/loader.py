"""Runs the demo loaders of every app.

Each app that contributes demo data has a module `wicket.<app>.demo` with
    ORDER: int            when it runs (county first)
    def load(ctx) -> None
`ctx` carries the seeded random generator and "today", so every run gives the same county.
A loader runs once per database (stamped), so `wicket demo` on an existing database only adds
what later versions brought.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from .models import DemoStamp

SEED = 20180509  # the notice's date


@dataclass
class DemoContext:
    today: dt.date
    rng: random.Random
    # Loaders find what earlier loaders made in the database (e.g. campaign_current()),
    # since on an upgraded database the earlier loaders do not run again.


def demo_modules() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wicket."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def load_demo(*, today: dt.date | None = None, stdout=None) -> list[str]:
    """Run every loader not yet run here. Returns the names of those that ran."""
    ctx = DemoContext(today=today or timezone.localdate(), rng=random.Random(SEED))
    ran = []
    for module in demo_modules():
        name = module.__name__
        ctx.rng.seed(f"{SEED}:{name}")
        if DemoStamp.objects.filter(name=name).exists():
            continue
        if stdout:
            stdout.write(f"  载入演示数据：{getattr(module, 'LABEL', name)} …")
        with transaction.atomic():
            module.load(ctx)
            DemoStamp.objects.create(name=name)
        ran.append(name)
    return ran
