"""JupyterLab serves the notebooks, and both run top to bottom through the project's kernel."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill
import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.slow
KERNEL = "russia-taliban"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port, token = free_port(), secrets.token_hex(16)
    log = (tmp_path_factory.mktemp("lab") / "lab.log").open("w+")
    jupyter = Path(sys.executable).parent / "jupyter"
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={ROOT / 'notebooks'}", "--ServerApp.open_browser=False", *(["--allow-root"] if os.geteuid() == 0 else [])],
        stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> dict:
        request = urllib.request.Request(base + path, headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    deadline = time.monotonic() + 60
    while True:
        try:
            get("/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail(f"JupyterLab did not start: {log.read()[-2000:]}")
            time.sleep(0.5)
    try:
        yield get
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_lab_serves_the_notebooks(lab) -> None:
    names = {item["name"] for item in lab("/api/contents")["content"]}
    assert {"overview.ipynb", "theme.ipynb"} <= names
    nb = lab("/api/contents/theme.ipynb")
    assert nb["type"] == "notebook" and nb["content"]["metadata"]["kernelspec"]["name"] == KERNEL


def test_lab_offers_the_project_kernel(lab) -> None:
    specs = lab("/api/kernelspecs")["kernelspecs"]
    assert KERNEL in specs, "run `make` to register the project's kernel"
    argv0 = specs[KERNEL]["spec"]["argv"][0]
    assert Path(argv0).resolve().parent == Path(sys.executable).resolve().parent or argv0 == "python"


@pytest.mark.parametrize("name", ["overview.ipynb", "theme.ipynb"])
def test_notebook_runs_top_to_bottom_with_defaults_on_the_project_kernel(tmp_path, name: str) -> None:
    out = tmp_path / name
    papermill.execute_notebook(str(ROOT / "notebooks" / name), str(out), kernel_name=KERNEL, cwd=str(ROOT / "notebooks"),
                               progress_bar=False)  # fmt: skip
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
