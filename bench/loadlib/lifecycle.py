"""The bench owns processes (daphne, workers, beat, Redis, the model): a signal must not orphan them.

`stop_on_signals()` turns SIGTERM, SIGINT and SIGHUP into `Stopped` (a SystemExit) raised in the
main thread, so every `finally` and ExitStack callback that tears the topology down runs, and the
bench exits with 128 + the signal's number, as if the signal had killed it. Further signals are
ignored until that teardown is done: a second Ctrl-C must not cut it short and leave the rest
running. SIGKILL cannot be caught; the children then survive (each is in a session of its own).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Stopped(SystemExit):
    """The bench was told to stop by a signal; its exit code is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in STOP_SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, a stop signal raises Stopped; the handlers before it come back after."""
    previous = {each: signal.signal(each, _stop) for each in STOP_SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
