"""Write requirements.lock (what `make report` needs) and requirements-dev.lock (that plus the dev tools)
from the environment this runs in, with the versions installed there.

Both locks come from one environment, so a package has the same version in each; the runtime lock is the
dependency closure of the project's own requirements, the dev lock the closure with the `dev` extra, so a
package installed by hand and required by nothing is in neither. `make lock` runs this in a fresh venv
after `pip install ".[dev]"`; run it in .venv to lock what is installed there now.

    python .ci/freeze.py [PROJECT_DIR]
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

PROJECT = "russia-taliban"
ALWAYS = ("setuptools",)  # the build backend `pip install --no-build-isolation -e .` uses


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(extras: tuple[str, ...]) -> dict[str, str]:
    """{distribution name: version} of everything PROJECT[extras] needs, markers evaluated here."""
    found: dict[str, str] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(PROJECT, extras), *((name, ()) for name in ALWAYS)]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, wanted = todo.pop()
        if (canonical(name), wanted) in seen:
            continue
        seen.add((canonical(name), wanted))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            sys.exit(f"freeze: {name} is required but not installed in {sys.prefix}")
        if canonical(name) != PROJECT:
            found[dist.metadata["Name"]] = dist.version
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in ("", *wanted)):
                continue
            todo.append((req.name, tuple(sorted(req.extras))))
    return found


def write(path: Path, pins: dict[str, str]) -> None:
    path.write_text("".join(f"{name}=={pins[name]}\n" for name in sorted(pins)), encoding="utf-8")


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    runtime, dev = closure(()), closure(("dev",))
    write(root / "requirements.lock", runtime)
    write(root / "requirements-dev.lock", dev)
    print(f"requirements.lock: {len(runtime)} packages; requirements-dev.lock: {len(dev)} packages")


if __name__ == "__main__":
    main()
