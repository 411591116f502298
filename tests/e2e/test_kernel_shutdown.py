"""A kernel of the build's pool shut down while it still runs a cell (a build stopped, or failed
elsewhere, mid-cell) is interrupted first; a finished one is not (test_edge.py)."""

from __future__ import annotations

import signal

import pytest

from russia_taliban.build import execute

pytestmark = pytest.mark.slow


def test_a_kernel_running_a_cell_is_interrupted_before_its_shutdown() -> None:
    kernels = execute.Kernels(1, [], ahead=1)
    km = kernels.take()
    sent: list[int] = []
    send = km._async_signal_kernel

    async def recording(signum: int) -> None:
        sent.append(signum)
        await send(signum)

    km._async_signal_kernel = recording
    kc = km.client()
    kc.start_channels()
    try:
        hooks = execute._cell_hooks(km)
        hooks["on_cell_execute"](cell={}, cell_index=0)  # as nbclient calls it before its request
        kc.execute("import time\ntime.sleep(600)")
        execute._run_apart(km.shutdown_kernel())  # what nbclient does when the build stops mid-cell
    finally:
        kc.stop_channels()
        kernels.close()
        execute.Kernels.stop(km)
    assert sent[:1] == [signal.SIGINT] and not execute._run_apart(km.is_alive())
