"""Start worker processes fast (forkserver with the app preloaded) and bound them in time."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.context import ForkServerContext
from typing import Any

from tests.integration.workers.panel import PRELOAD

_CTX: ForkServerContext | None = None


def context() -> ForkServerContext:
    global _CTX  # noqa: PLW0603 - one forkserver per test process
    if _CTX is None:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _CTX = ctx
    return _CTX


def start(target: Callable[..., Any], *args: Any) -> mp.process.BaseProcess:
    proc = context().Process(target=target, args=args, daemon=True)
    proc.start()
    return proc


def run_all(jobs: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]],
            deadline: float) -> list[int | None]:
    """Run every job in its own process; kill any still running after ``deadline`` s."""
    procs = [start(fn, *args) for fn, args in jobs]
    end = time.monotonic() + deadline
    for proc in procs:
        proc.join(max(0.0, end - time.monotonic()))
    codes = []
    for proc in procs:
        if proc.is_alive():
            kill(proc)
        codes.append(proc.exitcode)
    return codes


def kill(proc: mp.process.BaseProcess) -> None:
    """kill -9, then reap."""
    if proc.pid is not None and proc.is_alive():
        os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
