"""Content hashes of a build's inputs, for the cache and the manifest.

Cheap on purpose (hashlib, no pandas): a build with nothing changed is decided from these alone.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

PACKAGES = ("russia-taliban", "papermill", "nbconvert", "nbformat", "nbclient", "ipykernel", "pandas", "pyarrow",
            "matplotlib", "hyperscan", "pyyaml")  # fmt: skip


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest(*parts: object) -> str:
    """A short stable hash of JSON-serialisable parts."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:20]


def corpus_files(folder: Path) -> dict[str, str]:
    """SHA-256 of every visible file in the corpus folder (articles, metadata, anything else)."""
    return {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


#: Package files that enter the build's keys another way: each theme's terms are in the key of the
#: notebooks that show that theme, so an edit to one theme does not re-run the others.
NOT_CODE = ("data/themes.yaml",)


def code_digest() -> str:
    """The library's code, data and templates: a change to any of them re-runs the notebooks."""
    root = Path(str(resources.files("russia_taliban")))
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and path.suffix in {".py", ".yaml", ".csv", ".j2", ".json"}
            and "__pycache__" not in path.parts
            and path.relative_to(root).as_posix() not in NOT_CODE
        ):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def notebook_digest(path: Path) -> str:
    """What a notebook does: its cells' types, sources and tags (not outputs or editor metadata)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
              c.get("metadata", {}).get("tags", [])) for c in nb["cells"]]  # fmt: skip
    return digest(cells, nb.get("metadata", {}).get("kernelspec", {}).get("name"))


def versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = ""
    return out
