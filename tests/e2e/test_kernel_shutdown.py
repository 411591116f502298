"""Kernels of the build's pool at shutdown: a finished one gets no interrupt (it made ipykernel log
"ERROR | KeyboardInterrupt caught in kernel" on successful builds), one still running a cell (a build
stopped, or failed elsewhere, mid-cell) is interrupted first, so stopping never waits out the timeout."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from russia_taliban.build import execute

pytestmark = pytest.mark.slow


@contextmanager
def pool_kernel() -> Iterator[tuple[object, list[int]]]:
    """A real kernel from the build's pool, and the signals sent to it."""
    kernels = execute.Kernels(1, [], ahead=1)
    km = kernels.take()
    sent: list[int] = []
    send = km._async_signal_kernel

    async def recording(signum: int) -> None:
        sent.append(signum)
        await send(signum)

    km._async_signal_kernel = recording
    try:
        yield km, sent
    finally:
        kernels.close()
        execute.Kernels.stop(km)
    assert not execute._run_apart(km.is_alive())


def test_finished_kernels_are_shut_down_without_an_interrupt() -> None:
    with pool_kernel() as (km, sent):
        execute._run_apart(km.interrupt_kernel())  # asked for: goes through
        assert sent == [signal.SIGINT]
        execute._run_apart(km.shutdown_kernel())  # what nbclient does at the end of a notebook
    assert sent == [signal.SIGINT]


def test_a_kernel_running_a_cell_is_interrupted_before_its_shutdown() -> None:
    with pool_kernel() as (km, sent):
        kc = km.client()
        kc.start_channels()
        try:
            hooks = execute._cell_hooks(km)
            hooks["on_cell_execute"](cell={}, cell_index=0)  # as nbclient calls it before its request
            kc.execute("import time\ntime.sleep(600)")
            execute._run_apart(km.shutdown_kernel())  # what nbclient does when the build stops mid-cell
        finally:
            kc.stop_channels()
    assert sent[:1] == [signal.SIGINT]
