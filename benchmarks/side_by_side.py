"""Load + tag of two source trees on the same corpus, interleaved in one run: the ratio, not the seconds.

The machines are shared, so absolute rates from different runs do not compare; running the two trees
one after the other, round by round, exposes both to the same load. Each run is a fresh interpreter
(`benchmarks.measure tagging`, one worker), so nothing is warm that a user's run would not have.

    python benchmarks/side_by_side.py --before a3d17d1 --corpus benchmarks/corpora/corpus-1000
    python benchmarks/side_by_side.py --before /path/to/old/src --after src --corpus DIR --rounds 5

`--before` and `--after` are a commit (checked out in a temporary git worktree) or a `src` folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _source(spec: str, scratch: Path) -> Path:
    """A `src` folder for `spec`: the folder itself, or a commit checked out under `scratch`."""
    if Path(spec).is_dir():
        return Path(spec).resolve()
    tree = scratch / spec.replace("/", "_")
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), spec], check=True,
                   capture_output=True)  # fmt: skip
    return tree / "src"


def _run(src: Path, corpus: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}"}
    done = subprocess.run([sys.executable, "-m", "benchmarks.measure", "tagging", str(corpus), "1"], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="commit or src folder")
    parser.add_argument("--after", default=str(ROOT / "src"), help="commit or src folder (default: this tree)")
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        sides = {"before": _source(args.before, Path(scratch)), "after": _source(args.after, Path(scratch))}
        try:
            runs: dict[str, list[dict]] = {name: [] for name in sides}
            for _ in range(args.rounds):
                for name, src in sides.items():
                    runs[name].append(_run(src, args.corpus))
        finally:
            for src in sides.values():
                if Path(scratch) in src.parents:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(src.parent)],
                                   check=False, capture_output=True)  # fmt: skip
    result = {"corpus": str(args.corpus), "mb": runs["before"][0]["mb"], "rounds": args.rounds}
    for key in ("mb_per_cpu_s", "mb_per_s"):
        medians = {name: statistics.median(r[key] for r in rs) for name, rs in runs.items()}
        result[key] = {name: round(v, 3) for name, v in medians.items()}
        result[f"{key}_ratio"] = round(medians["after"] / medians["before"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
