"""`make bench`: build speed against plain papermill + nbconvert, and tagging at scale.

Every figure is a ratio or a rate measured side by side in this one run (the machines are shared
and noisy, so absolute seconds from different runs do not compare). Writes benchmarks/results.json.

    python benchmarks/run.py                       # sizes 1,000, 10,000 and 100,000 articles
    python benchmarks/run.py --sizes 200 --quick    # a smoke run (the tests do this)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import synthetic_corpus  # noqa: E402

THEMES = ["security", "economics", "diplomacy", "humanitarian"]
BIN = Path(sys.executable).parent
PARTS = ("build", "tagging", "profile", "dask", "matching", "notebooks")


def timed(cmd: list[str] | str, **kw) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, **kw)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {cmd}\n{done.stderr[-3000:]}")
    return seconds, done


def build_cmd(out: Path, *args: str, corpus: Path = ROOT / "seeds") -> list[str]:
    return [str(BIN / "russia-taliban"), "build", "--corpus", str(corpus), "--output", str(out), *args]


def build_speed(work: Path) -> dict:
    """Cold build (HTML; HTML and PDF), no-op rebuild, one theme changed and the PDF step, against the
    plain way (papermill and nbconvert to HTML: nbconvert's own PDF needs TeX, so the HTML + PDF ratio is
    against a baseline that makes no PDF at all)."""
    base = work / "baseline"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    runs = [("overview.ipynb", base / "overview.ipynb", "")]
    runs += [("theme.ipynb", base / f"theme-{t}.ipynb", f"-p theme {t}") for t in THEMES]
    # The plain way: one papermill run, then one nbconvert call, per notebook, one after another.
    loop = " && ".join(
        f"'{BIN}/papermill' -k python3 --cwd notebooks notebooks/{nb} '{out}' {params} && "
        f"'{BIN}/jupyter' nbconvert --to html --no-input '{out}'"
        for nb, out, params in runs
    )
    # Cold means cold: compiled pattern databases are cached per user, so give both a fresh cache.
    patterns = work / "pattern-cache"
    env = {**os.environ, "RUSSIA_TALIBAN_CACHE": str(patterns)}
    shutil.rmtree(patterns, ignore_errors=True)
    baseline_s, _ = timed(["bash", "-c", loop], env=env)
    out = work / "reports"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(patterns, ignore_errors=True)
    cold_s, _ = timed(build_cmd(out, "--format", "html"), env=env)
    noop = [timed(build_cmd(out, "--format", "html"), env=env)[0] for _ in range(5)]
    lexicon = work / "economics.yaml"
    lexicon.write_text("themes:\n  economics:\n    extend: true\n    terms: [grain deal*]\n", encoding="utf-8")
    changed_s, changed = timed(build_cmd(out, "--format", "html", "--lexicon", str(lexicon)), env=env)
    reran = sorted(set(re.findall(r"^executed (?:\d+/\d+ )?(\S+) in", changed.stderr, re.M)))
    pdf_s, _ = timed(build_cmd(out, "--format", "all", "--lexicon", str(lexicon)), env=env)
    both = work / "reports-html-pdf"  # what `make report` does on a fresh clone: HTML and PDF, empty caches
    shutil.rmtree(both, ignore_errors=True)
    shutil.rmtree(patterns, ignore_errors=True)
    cold_both_s, _ = timed(build_cmd(both, "--format", "all"), env=env)
    report_pdf = measure("report_pdf", both)
    return {
        "baseline_s": round(baseline_s, 2),
        "cold_build_s": round(cold_s, 2),
        "cold_vs_baseline": round(cold_s / baseline_s, 3),
        "noop_rebuild_s_median_of_5": round(statistics.median(noop), 3),
        "one_theme_changed_s": round(changed_s, 2),
        "one_theme_changed_reran": reran,
        "pdf_step_s": round(pdf_s, 2),
        "cold_html_pdf_build_s": round(cold_both_s, 2),
        "cold_html_pdf_vs_baseline": round(cold_both_s / baseline_s, 3),
        "report_pdf_alone_s": report_pdf,
    }


def measure(kind: str, *args: object) -> dict:
    _, done = timed([sys.executable, "-m", "benchmarks.measure", kind, *map(str, args)])
    return json.loads(done.stdout.strip().splitlines()[-1])


def notebooks_at_scale(work: Path, corpus: Path) -> dict:
    """Notebook execution time on a large corpus against the seeds (from each build's manifest)."""
    seconds = {}
    for name, folder in (("seeds", ROOT / "seeds"), (corpus.name, corpus)):
        out = work / f"reports-{name}"
        shutil.rmtree(out, ignore_errors=True)
        timed(build_cmd(out, "--format", "html", corpus=folder))
        manifest = json.loads((out / "manifest.json").read_text())
        seconds[name] = sum(n["seconds"] for n in manifest["notebooks"].values())
    ratio = seconds[corpus.name] / seconds["seeds"]
    return {"notebooks_s_seeds": round(seconds["seeds"], 2), f"notebooks_s_{corpus.name}": round(seconds[corpus.name], 2),
            "ratio": round(ratio, 2)}  # fmt: skip


TARGETS = {"one_core_mb_per_s": 10.0, "two_vs_one": 1.6, "spread": 0.2, "peak_tree_pss_mb": 1024}


def tagging_summary(runs: list[dict], cores: int) -> dict:
    """The load + tag figures against issue 14's targets: one core's rate, all cores against one, the
    rate's spread across sizes, and the whole tree's peak memory at the largest size."""
    by = {(t["articles"], t["workers"]): t for t in runs}
    sizes = sorted({t["articles"] for t in runs})
    summary: dict = {"targets": TARGETS}
    one = [by[n, 1] for n in sizes if (n, 1) in by]
    if one:
        summary["one_core_mb_per_s"] = {n: round(by[n, 1]["mb_per_s"], 3) for n in sizes if (n, 1) in by}
        summary["one_core_mb_per_cpu_s"] = {n: round(by[n, 1]["mb_per_cpu_s"] or 0, 3) for n in sizes if (n, 1) in by}
    if cores > 1:
        summary[f"{cores}_vs_1"] = {
            n: round(by[n, cores]["mb_per_s"] / by[n, 1]["mb_per_s"], 2)
            for n in sizes
            if (n, 1) in by and (n, cores) in by
        }
    every = [by[n, cores]["mb_per_s"] for n in sizes if (n, cores) in by]
    if len(every) > 1:
        summary["spread_across_sizes"] = round((max(every) - min(every)) / max(every), 3)
    largest = max((t for t in runs if t["workers"] == cores), key=lambda t: t["articles"], default=None)
    if largest:
        summary["peak_memory_at_largest"] = {
            k: largest[k]
            for k in ("articles", "peak_tree_rss_mb", "peak_tree_pss_mb", "peak_largest_process_rss_mb", "processes")
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes, comma-separated")
    parser.add_argument("--work", default=str(ROOT / "benchmarks" / "corpora"), help="scratch folder (large)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--one-worker-max", type=int, default=10000, help="largest size also measured on one worker")
    parser.add_argument(
        "--naive-articles",
        type=int,
        default=1000,
        help="articles of the matching corpus used for the naive regex baseline",
    )
    parser.add_argument("--tagging-budget", type=float, default=0, metavar="S",
                        help="stop each tagging run after about S seconds (memory is flat; marked partial)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="skip the build-speed and notebook parts (smoke runs)")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="parts to measure; the others keep their figures from an existing --output file",
    )
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    cores = os.cpu_count() or 1
    parts = set(args.parts.split(",")) - ({"build", "notebooks"} if args.quick else set())
    previous = Path(args.output)
    results: dict = json.loads(previous.read_text()) if previous.is_file() and parts != set(PARTS) else {}
    results.update({
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.platform()}",
    })  # fmt: skip
    if "build" in parts:
        print("build speed ...", flush=True)
        results["build"] = build_speed(work)
    tagging = []
    for n in sizes if parts & {"tagging", "profile", "dask", "matching", "notebooks"} else []:
        folder = work / f"corpus-{n}"
        if not (folder / f"{n - 1:06d}.txt").is_file():
            print(f"writing {n} synthetic articles ...", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
            synthetic_corpus(folder, n, seeds=ROOT / "seeds")
        for workers in sorted({1, cores}) if "tagging" in parts else []:
            if workers == 1 and n > args.one_worker_max:
                continue
            print(f"tagging {n} articles on {workers} worker(s) ...", flush=True)
            tagging.append(
                {"articles": n, "workers": workers, **measure("tagging", folder, workers, args.tagging_budget)}
            )
    if "tagging" in parts:
        results["tagging"] = tagging
        results["tagging_summary"] = tagging_summary(tagging, cores)
    smallest = work / f"corpus-{sizes[0]}"
    if "profile" in parts:
        print(f"profiling load + tag on {smallest.name} ...", flush=True)
        results["profile"] = {"corpus": smallest.name, **measure("profile", smallest)}
    if "dask" in parts:
        print(f"export --engine dask on {smallest.name}, {cores} workers ...", flush=True)
        results["dask"] = {"corpus": smallest.name, "workers": cores, **measure("dask", smallest, cores)}
    matching_corpus = work / f"corpus-{sizes[1] if len(sizes) > 1 else sizes[0]}"
    if "matching" in parts:
        print(f"matching on {matching_corpus.name} ...", flush=True)
        naive = min(args.naive_articles, int(matching_corpus.name.split("-")[1]))
        results["matching"] = measure("matching", matching_corpus, naive)
        results["matching"]["corpus"] = matching_corpus.name
        speedup = results["matching"]["themes_mb_per_s"] / results["matching"]["naive_themes_mb_per_s"]
        results["matching"]["hyperscan_vs_naive"] = round(speedup, 1)
    if "notebooks" in parts:
        print(f"notebooks on {matching_corpus.name} ...", flush=True)
        results["notebooks_at_scale"] = notebooks_at_scale(work, matching_corpus)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
