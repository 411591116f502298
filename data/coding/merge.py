"""Join the writers' texts, the coders' codes and the frozen split into the package's validation files.

Run from the repository root: `python data/coding/merge.py`. Deterministic; re-running gives the same files.
Gold codes are each writer's primary coder's (PRIMARY below); coder3's independent double coding of a
sample gives the human-human agreement figures.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "src" / "russia_taliban" / "data" / "coding"
THEMES = ("security", "economics", "diplomacy", "humanitarian")
#: Whose codes are the gold standard for each writer's articles (every coder coded blind).
PRIMARY = {"writer_a": "coder2", "writer_b": "coder1", "writer_c": "coder4", "writer_d": "coder5"}


def rows(name: str) -> list[dict[str, str]]:
    with (HERE / "raw" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, fields: list[str], records: list[dict[str, object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        out.writeheader()
        out.writerows(records)


def f1(gold: list[int], other: list[int]) -> tuple[float, float]:
    """F1 of one coder against the other, and Cohen's kappa."""
    tp = sum(g and o for g, o in zip(gold, other, strict=True))
    fp = sum(o and not g for g, o in zip(gold, other, strict=True))
    fn = sum(g and not o for g, o in zip(gold, other, strict=True))
    n = len(gold)
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    po = sum(g == o for g, o in zip(gold, other, strict=True)) / n
    pg, pother = sum(gold) / n, sum(other) / n
    pe = pg * pother + (1 - pg) * (1 - pother)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return round(f, 3), round(kappa, 3)


def main() -> None:
    split = {r["article_id"]: r["split"] for r in csv.DictReader((HERE / "split.csv").open(encoding="utf-8"))}
    texts = [t for writer in PRIMARY for t in rows(f"{writer}.csv")]
    gold = {(r["article_id"], r["position"]): r for coder in PRIMARY.values() for r in rows(f"{coder}.csv")}
    quotes = [q for coder in PRIMARY.values() for q in rows(f"quotes_{coder}.csv")]
    fields = ["article_id", "position", "register", "year", "kind", "text", *THEMES, "note"]
    for part in ("dev", "test"):
        records = []
        for t in texts:
            if split[t["article_id"]] != part:
                continue
            g = gold[(t["article_id"], t["position"])]
            records.append({**{k: t[k] for k in fields[:6]}, **{k: int(g[k]) for k in THEMES}, "note": g["note"]})
        write(f"coded_{part}.csv", fields, records)
        write(
            f"quotes_{part}.csv",
            ["article_id", "position", "quote_start", "speaker", "speaker_kind"],
            [{k: q[k] for k in ("article_id", "position", "quote_start", "speaker", "speaker_kind")}
             for q in quotes if split[q["article_id"]] == part],
        )
    if not (HERE / "raw" / "coder3.csv").exists():
        return
    double = rows("coder3.csv")
    agreement = []
    for theme in THEMES:
        a = [int(gold[(r["article_id"], r["position"])][theme]) for r in double]
        b = [int(r[theme]) for r in double]
        f, kappa = f1(a, b)
        agreement.append({"theme": theme, "paragraphs": len(double), "articles": len({r["article_id"] for r in double}),
                          "positives_primary": sum(a), "positives_second": sum(b), "f1": f, "kappa": kappa})
    write("agreement.csv", list(agreement[0]), agreement)
    # speakers: the quotes both coded (same paragraph, same opening words), named by both or by role
    key = lambda q: (q["article_id"], q["position"], q["quote_start"].lower()[:20])  # noqa: E731
    primary = {key(q): q for q in quotes}
    second = {key(q): q for q in rows("quotes_coder3.csv")}
    shared = [k for k in second if k in primary]
    named = [k for k in shared if primary[k]["speaker_kind"] == "named" and second[k]["speaker_kind"] == "named"]
    same = sum(primary[k]["speaker"].strip().lower() == second[k]["speaker"].strip().lower() for k in named)
    write("agreement_speakers.csv", ["quotes_double_coded", "named_by_both", "same_named_speaker"],
          [{"quotes_double_coded": len(shared), "named_by_both": len(named), "same_named_speaker": same}])
    print(len(shared), len(named), same)
    for row in agreement:
        print(row)


if __name__ == "__main__":
    main()
