"""The agent's timetable (APScheduler 3.x): full walks by cron, incremental walks and heartbeats by interval.

Jobs only post a request to the central thread; that thread refuses a walk of a kind that is already
queued or running, so a slow walk is never started twice. ``max_instances=1`` and ``coalesce=True``
also keep APScheduler itself from piling up missed runs after a suspend or a long stall.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from credscan.config import Config
from credscan.errors import UserError

LOG = logging.getLogger(__name__)

MISFIRE_GRACE_S = 3600
"""A run missed by up to an hour (agent busy, host suspended) still happens once, late."""


def full_trigger(expression: str) -> CronTrigger:
    """The [schedule] full cron expression as a trigger; a bad one is a config error."""
    try:
        return CronTrigger.from_crontab(expression)
    except ValueError as exc:
        raise UserError(f"config: schedule.full {expression!r} is not a cron expression: {exc}") from None


def validate_schedule(config: Config) -> None:
    """Fail on a bad schedule when the config is loaded, not when the first job would be added."""
    if config.schedule.full:
        full_trigger(config.schedule.full)
    if config.schedule.incremental_seconds is not None and config.schedule.incremental_seconds <= 0:
        raise UserError("config: schedule.incremental must be a positive interval (e.g. 15m)")
    if config.agent.heartbeat_seconds <= 0:
        raise UserError("config: agent.heartbeat must be a positive interval (e.g. 5m)")


def start_scheduler(
    config: Config,
    request_walk: Callable[[str], None],
    heartbeat: Callable[[], None],
) -> BackgroundScheduler:
    """A started scheduler whose jobs call request_walk("full" | "incremental") and heartbeat()."""
    scheduler = BackgroundScheduler(daemon=True)
    options = {"max_instances": 1, "coalesce": True, "misfire_grace_time": MISFIRE_GRACE_S}
    if config.schedule.full:
        scheduler.add_job(
            request_walk, full_trigger(config.schedule.full), args=["full"], id="full", **options
        )
    if config.schedule.incremental_seconds:
        scheduler.add_job(
            request_walk,
            IntervalTrigger(seconds=config.schedule.incremental_seconds),
            args=["incremental"],
            id="incremental",
            **options,
        )
    scheduler.add_job(
        heartbeat, IntervalTrigger(seconds=config.agent.heartbeat_seconds), id="heartbeat", **options
    )
    scheduler.start()
    return scheduler


def stop_scheduler(scheduler: BackgroundScheduler | None) -> None:
    if scheduler is not None and scheduler.running:
        scheduler.shutdown(wait=False)
