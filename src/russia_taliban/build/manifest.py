"""manifest.json: what a build was made from, and the SHA-256 of exactly the files published beside it.

The file list is what makes "up to date" trustworthy: a published file that was edited, truncated
or removed no longer matches its hash, and the build that finds it so redoes what it belongs to.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import fingerprint as fp

if TYPE_CHECKING:
    from .plan import BuildOptions, Plan


def read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in a generation folder except the manifest itself, by relative path."""
    return {
        p.relative_to(folder).as_posix(): fp.sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != "manifest.json"
    }


PER_BUILD = {"data_dir", "export_dir", "inputs_digest"}  # parameters set by each build, not chosen by the user


class Published:
    """The published generation as its manifest describes it; a file counts only if its hash matches."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.record = read(folder / "manifest.json") if folder else {}
        self._files: dict[str, str] = self.record.get("files", {})
        self._checked: dict[str, bool] = {}

    def intact(self, rel: str) -> bool:
        """`rel` is listed in the manifest and the file on disk has that hash."""
        if rel not in self._checked:
            path = self.folder / rel if self.folder else None
            self._checked[rel] = bool(
                path and rel in self._files and path.is_file() and fp.sha256_file(path) == self._files[rel]
            )
        return self._checked[rel]

    def notebook(self, name: str) -> dict:
        return self.record.get("notebooks", {}).get(name, {})


def compose(options: BuildOptions, plan: Plan, old: dict, corpus_report: dict, timings: dict, pdf_note: str,
            files: dict[str, str]) -> dict:  # fmt: skip
    lexicon = plan.lexicon
    notebooks = dict(old.get("notebooks", {}))
    for job in plan.jobs:
        previous = notebooks.get(job.name, {})
        notebooks[job.name] = {
            "key": job.key,
            "parameters": {k: v for k, v in job.parameters.items() if k not in PER_BUILD},
            "tables": job.tables or previous.get("tables", ""),
            "executed": job.executed,
            "outputs": job.outputs(options.formats),
            "seconds": job.seconds if job.status == "executed" else previous.get("seconds", 0.0),
            "last_run": job.status,
        }
    notebooks = {name: entry for name, entry in notebooks.items() if entry["executed"] in files}
    return {
        "inputs": {
            "digest": plan.tables_key[:12],  # shown on the report's title page
            "corpus": str(options.corpus),
            "files_sha256": plan.corpus_files,
            "lexicon": list(lexicon.sources),
            "lexicon_fingerprint": lexicon.fingerprint(),
            "code_digest": plan.code,
            "notebooks_sha256": {p.name: fp.sha256_file(p) for p in sorted({j.notebook for j in plan.jobs})},
        },
        "parameters": {
            "themes": list(options.themes),
            "keywords": options.keywords,
            "formats": list(options.formats),
            "jobs": options.jobs,
            "force": options.force,
        },
        "versions": fp.versions(),
        "notebooks": notebooks,
        "combined": {"key": plan.combined_key} if options.full else old.get("combined", {}),
        "articles": corpus_report.get("articles", []),
        "skipped": corpus_report.get("skipped", []),
        "warnings": corpus_report.get("warnings", []),
        "pdf": pdf_note or ("rendered" if "pdf" in options.formats else "not requested"),
        "timings": timings,
        "files": files,
        "lexicon_memo": plan.memo,
    }


def write(record: dict, path: Path) -> None:
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
