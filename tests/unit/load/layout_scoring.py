"""Scoring the loader against the layout fixtures (tests/fixtures/layouts): metadata fields and non-content lines.

`python -m tests.unit.load.layout_scoring dev` (or `dev2`, `dev3`, `dev4`: the later writers' sets) prints per-layout
and per-field figures and every miss; for the frozen `test`, `test2` and `test3` sets only the aggregate figures
are printed, so rules are never fitted to their files.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from russia_taliban.load.corpus import read_article
from russia_taliban.load.kinds import CONTENT_KINDS

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
FIELDS = ("title", "author", "outlet", "published")
DEVELOPMENT = ("dev", "dev2", "dev3", "dev4")  # rules are developed on these: every miss is shown
SETS = (*DEVELOPMENT, "test", "test2", "test3")  # the test sets are frozen: totals only


def comparable(value: object) -> str:
    """A field value as compared: NFKC, case-folded, typographic quotes and spaces unified."""
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


@dataclass
class Score:
    fields_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    articles: int = 0
    tp: int = 0  # non-content lines marked non-content
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def field_accuracy(self) -> float:
        return sum(self.fields_right.values()) / (len(FIELDS) * self.articles) if self.articles else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def add(self, other: Score) -> None:
        self.articles += other.articles
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        for name in FIELDS:
            self.fields_right[name] += other.fields_right[name]
        self.misses += other.misses


def line_kinds(path: Path) -> list[tuple[str, str]]:
    """(kind, line) for every non-blank line of a fixture as the loader reads it."""
    article = read_article(path)
    starts = [p.line for p in article.paragraphs]
    data = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    out = []
    index = -1
    for number, line in enumerate(data.split("\n"), start=1):
        while index + 1 < len(starts) and starts[index + 1] <= number:
            index += 1
        if line.strip():
            out.append((article.paragraphs[index].kind, line.strip()))
    return out


def score_fixture(txt: Path) -> Score:
    expected = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
    article = read_article(txt)
    got = {"title": article.title, "author": article.author, "outlet": article.outlet,
           "published": article.published.iso if article.published else ""}  # fmt: skip
    score = Score(articles=1)
    for name in FIELDS:
        if comparable(got[name]) == comparable(expected.get(name)):
            score.fields_right[name] = 1
        else:
            score.misses.append(f"{txt.stem} {name}: got {got[name]!r}, expected {expected.get(name)!r}")
    want = [(kind, text.strip()) for kind, text in expected["lines"]]
    have = line_kinds(txt)
    if len(want) != len(have):
        score.misses.append(f"{txt.stem}: {len(have)} lines read, {len(want)} expected")
    for (kind, text), (got_kind, _) in zip(want, have, strict=False):
        truth, guess = kind not in CONTENT_KINDS, got_kind not in CONTENT_KINDS
        score.tp += truth and guess
        score.fp += guess and not truth
        score.fn += truth and not guess
        if truth != guess:
            score.misses.append(f"{txt.stem} line: {got_kind} for {kind}: {text[:70]!r}")
    return score


def score_set(name: str) -> tuple[Score, dict[str, Score]]:
    total, per_layout = Score(), {}
    for txt in sorted((LAYOUTS / name).glob("*.txt")):
        s = score_fixture(txt)
        layout = txt.stem.rsplit("_", 1)[0]
        per_layout.setdefault(layout, Score()).add(s)
        total.add(s)
    return total, per_layout


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "dev"
    total, per_layout = score_set(name)
    if name not in SETS:
        print(f"unknown set {name!r}: one of {', '.join(SETS)}", file=sys.stderr)
        return 2
    if name in DEVELOPMENT:
        for layout, s in per_layout.items():
            print(f"{layout:32s} fields {s.field_accuracy:5.0%}  non-content F1 {s.f1:.2f}")
        for miss in total.misses:
            print("  ", miss)
    fields = "  ".join(f"{f} {n}/{total.articles}" for f, n in total.fields_right.items())
    print(f"{name}: {total.articles} articles; fields right {total.field_accuracy:.1%} ({fields}); "
          f"non-content F1 {total.f1:.3f} (tp {total.tp}, fp {total.fp}, fn {total.fn})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
