"""Assign newly written articles to the development or the frozen test split, before anyone codes them.

Run from the repository root: `python data/coding/split.py`. Articles already in split.csv keep their split
(the test split is frozen); each new article is assigned once. Per writer, articles are grouped by
register and shuffled with a fixed seed; every third article of that order goes to test, so each writer is
spread over both splits, and so is each register with three or more articles. Deterministic: re-running changes nothing.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261205


def main() -> None:
    path = HERE / "split.csv"
    with path.open(encoding="utf-8", newline="") as f:
        known = list(csv.DictReader(f))
    seen = {r["article_id"] for r in known}
    new: list[dict[str, str]] = []
    for writer in sorted(HERE.glob("raw/writer_*.csv")):
        with writer.open(encoding="utf-8", newline="") as f:
            articles = {r["article_id"]: r["register"] for r in csv.DictReader(f) if r["article_id"] not in seen}
        if not articles:
            continue
        rng = random.Random(f"{SEED}-{writer.stem}")
        order = sorted(articles, key=lambda a: (articles[a], rng.random()))  # by register, shuffled within
        offset = rng.randrange(3)
        for i, a in enumerate(order):
            new.append({"article_id": a, "register": articles[a], "split": "test" if (i + offset) % 3 == 0 else "dev"})
    if not new:
        return
    with path.open("a", encoding="utf-8", newline="") as f:
        if path.read_bytes()[-1:] not in (b"\n", b""):
            f.write("\r\n")  # the file's own line ending, so the first new row starts a line
        csv.DictWriter(f, fieldnames=["article_id", "register", "split"]).writerows(
            sorted(new, key=lambda r: r["article_id"])
        )
    print(f"{len(new)} new articles: {sum(r['split'] == 'test' for r in new)} to test")


if __name__ == "__main__":
    main()
