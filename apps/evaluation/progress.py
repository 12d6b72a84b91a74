"""A one-line progress bar on a terminal: done, passed, elapsed and time left."""

from __future__ import annotations

import time
from typing import TextIO

WIDTH = 30


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    """Draws on `stream` (a terminal); with no stream it only counts."""

    def __init__(self, total: int, *, stream: TextIO | None, done: int = 0, passed: int = 0) -> None:
        self.total = total
        self.done = done
        self.passed = passed
        self._already = done  # resumed trials do not count towards the speed
        self._stream = stream
        self._started = time.monotonic()
        self._draw()

    def advance(self, *, success: bool) -> None:
        self.done += 1
        self.passed += success
        self._draw()

    def close(self) -> None:
        if self._stream is not None and self.total:
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self) -> None:
        if self._stream is None or not self.total:
            return
        elapsed = time.monotonic() - self._started
        filled = WIDTH * self.done // self.total
        fresh = self.done - self._already
        left = (self.total - self.done) * elapsed / fresh if fresh else None
        line = (
            f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} "
            f"passed {self.passed}  {_clock(elapsed)} elapsed"
            + (f", ~{_clock(left)} left" if left is not None else "")
        )
        self._stream.write(line.ljust(80))
        self._stream.flush()
