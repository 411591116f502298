"""Running notebooks with papermill on a pool of threads, and handing finished ones to the renderer."""

from __future__ import annotations

import asyncio
import functools
import json
import shutil
import signal
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NotebookError
from .plan import Job, Progress

if TYPE_CHECKING:  # jupyter_client and nbformat load only when notebooks run
    import nbformat
    from jupyter_client.manager import AsyncKernelManager

KERNEL = "python3"  # the interpreter running the build, so notebooks see the same library
# The kernel's start-up warnings are not the user's concern, and a build keeps no IPython history
# (no write to ~/.ipython, nothing to fail on a full disk).
_QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"]


class Counter:
    """`n/N` for progress lines written from several threads."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self._lock = total, 0, threading.Lock()

    def next(self) -> str:
        with self._lock:
            self.done += 1
            return f"{self.done}/{self.total}"


#: Ctrl-C and SIGTERM must reach the main thread, which turns them into KeyboardInterrupt. Linux hands a
#: process's signal to any thread that does not block it; one caught by a worker thread leaves the main
#: thread asleep in its wait, and the interrupt was seen to be lost. So worker threads block them.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _leave_stop_signals_to_the_main_thread() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)


def in_parallel(tasks: list[Callable[[], object]], jobs: int) -> None:
    """Run tasks on `jobs` threads; the first failure cancels what has not started and is raised."""
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), initializer=_leave_stop_signals_to_the_main_thread)
    try:
        futures = [pool.submit(_closing_event_loop, task) for task in tasks]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in done:
            future.result()
        for future in futures:
            future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _closing_event_loop(task: Callable[[], object]) -> object:
    """Run a task, then close the event loop nbclient left on this worker thread (else it leaks)."""
    try:
        return task()
    finally:
        with suppress(RuntimeError):
            loop = asyncio.get_event_loop_policy().get_event_loop()
            if not loop.is_running():
                loop.close()


def preload(notebooks: list[Path]) -> list[str]:
    """The modules the notebooks' code imports at top level, for a kernel to import before it is needed."""
    import ast

    found: list[str] = []
    for path in dict.fromkeys(notebooks):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            try:
                tree = ast.parse("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
            except SyntaxError:  # IPython magics: not ours to parse
                continue
            for node in tree.body:
                if isinstance(node, ast.Import):
                    found += [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return list(dict.fromkeys(found))


class Kernels:
    """Kernels started ahead of need, with the notebooks' imports already done, one per notebook run.

    A kernel pays about 1.4 s to start and import pandas, matplotlib and the library before the
    notebook's first cell; starting it while the corpus is tagged, or while the previous notebook runs,
    takes that off the critical path. Each kernel runs one notebook and is shut down, so every
    notebook still starts from a clean namespace (imported modules are the only thing it finds).
    """

    def __init__(self, runs: int, notebooks: list[Path], ahead: int) -> None:
        modules = preload(notebooks)
        code = ("import importlib as _rt_importlib\n"
                f"for _rt_module in {modules!r}:\n"
                "    try:\n        _rt_importlib.import_module(_rt_module)\n    except Exception:\n        pass\n"
                "del _rt_importlib, _rt_module")  # fmt: skip
        self._arguments = [*_QUIET_KERNEL, f"--IPKernelApp.exec_lines={json.dumps([code])}"]
        self._pending = runs  # notebook runs that will still ask for a kernel
        self._lock = threading.Lock()
        self._starter = ThreadPoolExecutor(
            max_workers=max(1, ahead),
            thread_name_prefix="kernel-start",
            initializer=_leave_stop_signals_to_the_main_thread,
        )
        self._ready = [self._starter.submit(self._start) for _ in range(min(ahead, runs))]

    def _start(self) -> AsyncKernelManager:
        km = _quiet_shutdown_manager()(kernel_name=KERNEL)
        # a child inherits its thread's signal mask: the kernel must start with the signals unblocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        try:
            _run_apart(km.start_kernel(extra_arguments=self._arguments))
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        return km

    def take(self) -> AsyncKernelManager:
        """A started kernel (waiting for it if it is still starting); the next one starts behind it."""
        with self._lock:
            self._pending -= 1
            future = self._ready.pop(0) if self._ready else self._starter.submit(self._start)
            if self._pending - len(self._ready) > 0:
                self._ready.append(self._starter.submit(self._start))
        return future.result()

    @staticmethod
    def stop(km: AsyncKernelManager) -> None:
        if km.has_kernel:  # nbclient shuts down the kernels it ran; this is for the unused ones
            with suppress(Exception):
                _run_apart(km.shutdown_kernel(now=True))

    def close(self) -> None:
        """Shut down kernels that were started but not needed (a failure or an interrupt)."""
        with self._lock:
            ready, self._ready = self._ready, []
        for future in ready:
            future.cancel()
        self._starter.shutdown(wait=True)
        for future in ready:
            if not future.cancelled() and future.exception() is None:
                self.stop(future.result())


@functools.cache
def _quiet_shutdown_manager() -> type[AsyncKernelManager]:
    """A kernel manager that shuts an idle kernel down without interrupting it first.

    jupyter_client sends SIGINT before every shutdown request, to stop a cell that may still run. A
    kernel that has finished its cells (or never ran one) has nothing to stop; but when the interrupt
    lands while it handles a message, ipykernel logs `[IPKernelApp] ERROR | KeyboardInterrupt caught
    in kernel.` to the build's stderr, on a build that succeeded. A kernel still running a cell (the
    build was stopped, or failed elsewhere, mid-cell) is interrupted as usual: without it the graceful
    shutdown would wait out shutdown_wait_time before killing it. `running_cell` is kept by the hooks
    of `_cell_hooks`; an interrupt asked for outside a shutdown (a cell timeout) always goes through.
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietShutdown(AsyncKernelManager):
        running_cell = False

        async def _async_interrupt_kernel(self) -> None:
            if self.running_cell or not self.shutting_down:
                await super()._async_interrupt_kernel()

    return QuietShutdown


def _cell_hooks(km: AsyncKernelManager) -> dict[str, Callable[..., None]]:
    """nbclient hooks that mark `km` as running a cell from its execute request until its reply."""

    def started(**_: object) -> None:
        km.running_cell = True  # type: ignore[attr-defined]

    def replied(**_: object) -> None:
        km.running_cell = False  # type: ignore[attr-defined]

    return {"on_cell_execute": started, "on_cell_executed": replied}


def _run_apart(coroutine: Coroutine[Any, Any, object]) -> object:
    """Run a coroutine on a loop of its own, leaving the thread's current loop alone: asyncio.run
    would unset the loop nbclient keeps on this thread, which then leaks unclosed."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def _handing(km: AsyncKernelManager) -> type:
    """A kernel-manager "class" that hands nbclient the started kernel. nbclient then owns it as if it
    had made it: it skips the start, and shuts the kernel and its client's sockets down at the end."""
    from jupyter_client.manager import AsyncKernelManager

    class Handed(AsyncKernelManager):
        def __new__(cls, *args: object, **kwargs: object) -> AsyncKernelManager:
            return km  # not a Handed instance, so __init__ does not run again

    return Handed


def execute(
    job: Job, target: Path, failed: Path, progress: Progress, counter: Counter, kernels: Kernels | None = None
) -> None:
    """Run one notebook into `target`; on a failing cell keep the partial run as `failed` and say where."""
    import papermill

    progress(f"running {job.name}")
    t = time.perf_counter()
    km = kernels.take() if kernels else None
    try:
        # no `cwd=`: papermill would chdir the whole process, which other threads share
        papermill.execute_notebook(str(job.notebook), str(target), parameters=job.parameters, kernel_name=KERNEL,
                                   progress_bar=False, log_output=False, extra_arguments=_QUIET_KERNEL,
                                   **({"kernel_manager_class": _handing(km), **_cell_hooks(km)} if km else {}))  # fmt: skip
    except papermill.PapermillExecutionError as exc:
        failed.parent.mkdir(exist_ok=True)
        if target.is_file():
            shutil.copyfile(target, failed)
        raise NotebookError(f"notebook {job.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}",
                            fix=f"see {failed} (the partly executed notebook); the previous reports are unchanged") from None  # fmt: skip
    finally:
        if km is not None:
            Kernels.stop(km)  # already done by nbclient unless papermill failed before it ran
    job.seconds = round(time.perf_counter() - t, 2)
    job.status = "executed"
    progress(f"executed {counter.next()} {job.name} in {job.seconds:.1f} s")


def render_one(nb: nbformat.NotebookNode, fmt: str, target: Path, *, toc: bool = False) -> None:
    """The one call into the renderer (build/render.py), per format."""
    from . import render

    if fmt == "html":
        render.to_html(nb, target, toc=toc)
    else:
        render.to_pdf(nb, target)
