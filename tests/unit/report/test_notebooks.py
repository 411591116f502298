"""The notebooks as committed: no outputs, a typed `parameters` cell, no analysis defined inline."""

from __future__ import annotations

import ast

import nbformat
import papermill
import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_both_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["overview.ipynb", "theme.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_typed_parameters_papermill_can_read(path) -> None:
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    params = papermill.inspect_notebook(str(path))
    assert params and all(p["inferred_type_name"] in {"str", "int"} and p["help"] for p in params.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_define_no_functions_or_loops(path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            assert not [
                n
                for n in ast.walk(tree)
                if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Lambda))
            ]


def test_theme_notebook_defaults_to_a_known_theme() -> None:
    params = papermill.inspect_notebook(str(ROOT / "notebooks" / "theme.ipynb"))
    assert params["theme"]["default"] == '"security"'
