"""Per-host politeness: spacing between requests, a connection cap, backoff.

The clock is injectable (:class:`Clock`) so tests can check waits without
sleeping.  All state lives in a :class:`HostGate` instance, one per crawl.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

from provenance.errors import ConfigError

log = logging.getLogger(__name__)


class Clock(Protocol):
    """Time as the fetcher sees it."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(slots=True)
class _HostState:
    slots: threading.BoundedSemaphore
    next_start: float = 0.0
    min_delay: float = 0.0


class HostGate:
    """Space requests to each host ``min_delay`` apart; allow ``max_connections`` at once."""

    def __init__(self, clock: Clock, *, min_delay: float, max_connections: int) -> None:
        if max_connections < 1:
            raise ConfigError(f"max_connections is {max_connections}; it must be at least 1")
        self._clock = clock
        self._min_delay = max(0.0, min_delay)
        self._max_connections = max_connections
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(
                    threading.BoundedSemaphore(self._max_connections), min_delay=self._min_delay
                )
                self._hosts[host] = state
            return state

    def set_min_delay(self, host: str, seconds: float) -> None:
        """Raise the spacing for one host (robots.txt Crawl-delay)."""
        state = self._state(host)
        with self._lock:
            state.min_delay = max(state.min_delay, seconds)

    def defer(self, host: str, seconds: float) -> None:
        """Send nothing to ``host`` for ``seconds`` (backoff, Retry-After)."""
        state = self._state(host)
        with self._lock:
            state.next_start = max(state.next_start, self._clock.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for the host's turn and hold one of its connections."""
        state = self._state(host)
        with state.slots:
            with self._lock:
                now = self._clock.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + state.min_delay
            wait = start - now
            if wait > 0:
                log.debug("waiting %.2fs before the next request to %s", wait, host)
                self._clock.sleep(wait)
            yield


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with full jitter: uniform in [base·2ⁿ/2, base·2ⁿ], capped."""
    ceiling = min(cap, base * (2**attempt))
    return rng.uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


__all__ = ["Clock", "HostGate", "SystemClock", "backoff_delay", "parse_retry_after"]
